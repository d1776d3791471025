import { describe, expect, it } from "vitest";
import { type AppointmentView, type MessageKind, escapeHtml, formatWhen, renderAppointmentMessage } from "../../src/features/notifications/messages";
import { type Locale, TOPICS, TOPIC_LABELS } from "../../src/lib/vocabulary";

const utc = (iso: string): number => Date.parse(iso);

const KINDS: MessageKind[] = ["confirmation", "reschedule", "cancellation", "reminder"];
const LOCALES: Locale[] = ["nl", "en"];

function view(overrides: Partial<AppointmentView> = {}): AppointmentView {
  return {
    entrepreneurName: "Anouk Janssen",
    regionName: "Zuid-Limburg",
    frontdeskName: "Ondernemersloket Maastricht",
    frontdeskAddress: "Mosae Forum 10, 6211 DW Maastricht",
    frontdeskPhone: "+31433504000",
    mode: "in_person",
    topic: "financiering",
    start: utc("2027-03-29T08:00:00Z"),
    end: utc("2027-03-29T08:30:00Z"),
    videoUrl: null,
    manageUrl: "https://mkb-limburg.example/afspraak/tok_abc",
    icsUrl: "https://mkb-limburg.example/api/v1/appointments/tok_abc/ics",
    cancelCutoffHours: 2,
    ...overrides,
  };
}

// Anything a reader could mistake for a header line break or a hidden character.
// biome-ignore lint/suspicious/noControlCharactersInRegex: detecting control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

describe("formatWhen", () => {
  it("should write the weekday, date and time span in Dutch in Europe/Amsterdam summer time", () => {
    expect(formatWhen(utc("2027-03-29T08:00:00Z"), utc("2027-03-29T08:30:00Z"), "nl")).toBe("maandag 29 maart 2027, 10:00–10:30");
  });

  it("should write the same moment in English without a comma after the weekday", () => {
    expect(formatWhen(utc("2027-03-29T08:00:00Z"), utc("2027-03-29T08:30:00Z"), "en")).toBe("Monday 29 March 2027, 10:00–10:30");
  });

  it("should use winter time (UTC+1) in January", () => {
    expect(formatWhen(utc("2027-01-11T08:00:00Z"), utc("2027-01-11T08:45:00Z"), "nl")).toBe("maandag 11 januari 2027, 09:00–09:45");
  });

  it("should follow the daylight-saving switch inside one appointment", () => {
    // 28 March 2027, 02:00 CET jumps to 03:00 CEST.
    expect(formatWhen(utc("2027-03-28T00:30:00Z"), utc("2027-03-28T01:30:00Z"), "en")).toBe("Sunday 28 March 2027, 01:30–03:30");
  });

  it("should use the local date, not the UTC date, just after midnight", () => {
    expect(formatWhen(utc("2027-06-30T22:30:00Z"), utc("2027-06-30T23:00:00Z"), "nl")).toBe("donderdag 1 juli 2027, 00:30–01:00");
  });

  it("should refuse an invalid instant", () => {
    expect(() => formatWhen(Number.NaN, 0, "nl")).toThrow(RangeError);
  });
});

describe("TOPIC_LABELS", () => {
  it("should label all ten topics in both languages", () => {
    for (const locale of LOCALES) {
      expect(Object.keys(TOPIC_LABELS[locale]).sort()).toEqual([...TOPICS].sort());
      for (const topic of TOPICS) expect(TOPIC_LABELS[locale][topic]).toMatch(/^[A-Z]/);
    }
    expect(TOPIC_LABELS.nl.groei_en_innovatie).toBe("Groei en innovatie");
    expect(TOPIC_LABELS.en.groei_en_innovatie).toBe("Growth and innovation");
    expect(TOPIC_LABELS.en.financiering).toBe("Financing");
  });
});

describe("escapeHtml", () => {
  it("should escape the characters that matter in text and attributes", () => {
    expect(escapeHtml(`<a href="x" title='y'>Jansen & Zn</a>`)).toBe("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Jansen &amp; Zn&lt;/a&gt;");
  });
});

describe("renderAppointmentMessage", () => {
  it("should produce a subject without control characters or personal names for every kind and language", () => {
    const hostile = view({
      entrepreneurName: "Eve\r\nBcc: victim@example.nl",
      frontdeskName: "Desk\nX-Evil: 1",
      regionName: "Zuid\r\nLimburg",
    });
    for (const kind of KINDS) {
      for (const locale of LOCALES) {
        const { subject } = renderAppointmentMessage(kind, hostile, locale);
        expect(subject).not.toMatch(CONTROL);
        expect(subject).not.toContain("Eve");
        expect(subject).not.toContain("Desk");
        expect(subject.length).toBeGreaterThan(10);
      }
    }
  });

  it("should confirm an in-person appointment in Dutch with when, where, topic, change link, cut-off, phone and calendar file", () => {
    const { subject, text } = renderAppointmentMessage("confirmation", view(), "nl");
    expect(subject).toBe("Uw afspraak is bevestigd: maandag 29 maart 2027, 10:00");
    expect(text).toContain("Beste Anouk Janssen,");
    expect(text).toContain("maandag 29 maart 2027, 10:00–10:30");
    expect(text).toContain("Mosae Forum 10, 6211 DW Maastricht");
    expect(text).toContain("Ondernemersloket Maastricht");
    expect(text).toContain("Onderwerp: Financiering");
    expect(text).toContain("https://mkb-limburg.example/afspraak/tok_abc");
    expect(text).toContain("tot 2 uur voor de afspraak");
    expect(text).toContain("Daarna belt u het loket op 043 350 40 00.");
    expect(text).toContain("afspraak.ics");
    expect(text).toContain("https://mkb-limburg.example/api/v1/appointments/tok_abc/ics");
    // u-form, not je/jij.
    expect(text).not.toMatch(/\b(je|jij|jouw)\b/i);
  });

  it("should confirm an appointment in English with the same facts", () => {
    const { subject, text } = renderAppointmentMessage("confirmation", view({ topic: "groei_en_innovatie" }), "en");
    expect(subject).toBe("Your appointment is confirmed: Monday 29 March 2027, 10:00");
    expect(text).toContain("Dear Anouk Janssen,");
    expect(text).toContain("Monday 29 March 2027, 10:00–10:30");
    expect(text).toContain("Topic: Growth and innovation");
    expect(text).toContain("until 2 hours before");
    expect(text).toContain("call the desk on 043 350 40 00");
    expect(text).toContain("attached calendar file");
  });

  it("should show the video link instead of the address for a video appointment", () => {
    const videoUrl = "https://meet.example/mkb-123";
    for (const locale of LOCALES) {
      const { text, html } = renderAppointmentMessage("confirmation", view({ mode: "video", videoUrl }), locale);
      expect(text).toContain(videoUrl);
      expect(text).not.toContain("Mosae Forum");
      expect(html).toContain(`href="${videoUrl}"`);
    }
  });

  it("should say the video link follows when the desk has not set one yet", () => {
    const { text } = renderAppointmentMessage("confirmation", view({ mode: "video", videoUrl: null }), "nl");
    expect(text).toContain("U krijgt de link voor het videogesprek van het loket.");
  });

  it("should tell the reader to call the desk without a number when none is known", () => {
    const { text } = renderAppointmentMessage("reminder", view({ frontdeskPhone: null }), "nl");
    expect(text).toContain("Daarna belt u het loket.");
  });

  it("should show the new and the previous time when an appointment is moved", () => {
    const { subject, text } = renderAppointmentMessage(
      "reschedule",
      view({ previousStart: utc("2027-03-26T13:00:00Z"), previousEnd: utc("2027-03-26T13:30:00Z") }),
      "nl",
    );
    expect(subject).toBe("Uw afspraak is verzet naar maandag 29 maart 2027, 10:00");
    expect(text).toContain("Wanneer: maandag 29 maart 2027, 10:00–10:30");
    expect(text).toContain("Was gepland op: vrijdag 26 maart 2027, 14:00–14:30");
    expect(text).toContain("https://mkb-limburg.example/afspraak/tok_abc");
  });

  it("should leave out the change link on a cancellation and invite booking again", () => {
    for (const locale of LOCALES) {
      const { text, html } = renderAppointmentMessage("cancellation", view({ manageUrl: "https://mkb-limburg.example/afspraak/tok_abc" }), locale);
      expect(text).not.toContain("/afspraak/tok_abc");
      expect(html).not.toContain("/afspraak/tok_abc");
      expect(text).toMatch(locale === "nl" ? /opnieuw een afspraak maken/ : /book again/);
      expect(text).toContain("afspraak.ics");
    }
  });

  it("should link the booking page on a cancellation when one is given", () => {
    const { text } = renderAppointmentMessage("cancellation", view({ bookingUrl: "https://mkb-limburg.example/zuid-limburg/afspraak" }), "nl");
    expect(text).toContain("https://mkb-limburg.example/zuid-limburg/afspraak");
  });

  it("should apologise when the desk cancelled", () => {
    const nl = renderAppointmentMessage("cancellation", view({ cancelledByDesk: true, manageUrl: null }), "nl");
    expect(nl.subject).toBe("Uw afspraak van maandag 29 maart 2027, 10:00 is geannuleerd");
    expect(nl.text).toContain("het loket heeft de afspraak geannuleerd");
    expect(nl.text).toContain("excuses");
    const en = renderAppointmentMessage("cancellation", view({ cancelledByDesk: true, manageUrl: null }), "en");
    expect(en.text).toContain("the desk has cancelled it");
  });

  it("should say the appointment is tomorrow in a reminder", () => {
    expect(renderAppointmentMessage("reminder", view(), "nl").subject).toBe("Herinnering: uw afspraak is morgen om 10:00");
    expect(renderAppointmentMessage("reminder", view(), "nl").text).toContain("is morgen");
    expect(renderAppointmentMessage("reminder", view(), "en").subject).toBe("Reminder: your appointment is tomorrow at 10:00");
  });

  it("should render a complete, simple HTML document in the right language", () => {
    for (const locale of LOCALES) {
      for (const kind of KINDS) {
        const { html, subject } = renderAppointmentMessage(kind, view(), locale);
        expect(html.startsWith("<!DOCTYPE html>\n")).toBe(true);
        expect(html).toContain(`<html lang="${locale}">`);
        expect(html).toContain('<meta charset="utf-8">');
        expect(html).toContain(`<title>${escapeHtml(subject)}</title>`);
        expect(html).toMatch(/<h1[^>]*>/);
        expect(html.trimEnd().endsWith("</html>")).toBe(true);
        // No scripts and no external resources (images, styles, fonts) that would track opening.
        expect(html).not.toMatch(/<script|<img|<link|<iframe|\bsrc=|url\(/i);
        // Every opened element is closed (the document uses no self-closing tags but meta and br).
        for (const tag of ["html", "head", "body", "div", "table", "tr", "th", "td", "p", "a", "h1", "title", "caption"]) {
          const open = html.match(new RegExp(`<${tag}[\\s>]`, "g"))?.length ?? 0;
          const close = html.match(new RegExp(`</${tag}>`, "g"))?.length ?? 0;
          expect(close, `${kind}/${locale} <${tag}>`).toBe(open);
        }
      }
    }
  });

  it("should escape names, addresses and phone numbers in the HTML", () => {
    const { html, text } = renderAppointmentMessage(
      "confirmation",
      view({
        entrepreneurName: `<script>alert("x")</script>`,
        frontdeskName: `Loket "De Brug" & Co`,
        frontdeskAddress: "Markt 1 <b>bold</b>, 6211 CK Maastricht",
        regionName: "Zuid<Limburg>",
        frontdeskPhone: "+31 43 <i>",
      }),
      "nl",
    );
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>bold</b>");
    expect(html).not.toContain("<i>");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(html).toContain("Loket &quot;De Brug&quot; &amp; Co");
    expect(html).toContain("Markt 1 &lt;b&gt;bold&lt;/b&gt;, 6211 CK Maastricht");
    expect(html).toContain("Zuid&lt;Limburg&gt;");
    // The text part is plain text: no escaping, the reader sees the name as typed.
    expect(text).toContain(`Beste <script>alert("x")</script>,`);
  });

  it("should keep a multi-line name on one line in the text part", () => {
    const { text } = renderAppointmentMessage("confirmation", view({ entrepreneurName: "Anouk\r\n\r\nKlik hier: https://evil.example" }), "nl");
    expect(text).toContain("Beste Anouk Klik hier: https://evil.example,");
  });

  it("should never turn a non-web link into a clickable link", () => {
    const { html } = renderAppointmentMessage(
      "confirmation",
      view({ manageUrl: "javascript:alert(1)", mode: "video", videoUrl: "data:text/html,<b>x</b>" }),
      "en",
    );
    expect(html).not.toMatch(/href="(javascript|data):/i);
    expect(html).not.toContain("<b>x</b>");
  });

  it("should link the phone number with a tel: URI", () => {
    const { html } = renderAppointmentMessage("confirmation", view({ frontdeskPhone: "+31 43 350 4000" }), "nl");
    expect(html).toContain('href="tel:+31433504000"');
    expect(html).toContain(">+31 43 350 4000</a>");
  });

  it("should fall back to a readable label for an unknown topic", () => {
    const { text } = renderAppointmentMessage("confirmation", view({ topic: "nieuw_onderwerp" }), "nl");
    expect(text).toContain("Onderwerp: nieuw onderwerp");
  });

  it("should give the appointment number, the desk's phone and e-mail, what to bring and the access notes", () => {
    const extra = { reference: "7KQ2-M9XD", frontdeskEmail: "loket@maastricht.test", visitInfo: "Neem uw KvK-nummer mee.", accessInfo: "Lift aanwezig." };
    const { text } = renderAppointmentMessage("confirmation", view(extra), "nl");
    expect(text).toContain("Afspraaknummer: 7KQ2-M9XD");
    expect(text).toContain("Contact met het loket: 043 350 40 00, loket@maastricht.test");
    expect(text).toContain("Meenemen en verwachten: Neem uw KvK-nummer mee.");
    expect(text).toContain("Toegankelijkheid en parkeren: Lift aanwezig.");
    const video = renderAppointmentMessage("reminder", view({ ...extra, mode: "video", videoUrl: "https://meet.example/x" }), "en").text;
    expect(video).toContain("Contact the desk: 043 350 40 00, loket@maastricht.test");
    expect(video).not.toContain("Lift aanwezig.");
    const cancelled = renderAppointmentMessage("cancellation", view(extra), "nl").text;
    expect(cancelled).toContain("Contact met het loket");
    expect(cancelled).not.toContain("Meenemen en verwachten");
  });

  it("should mention the cut-off in singular English for one hour", () => {
    const { text } = renderAppointmentMessage("confirmation", view({ cancelCutoffHours: 1 }), "en");
    expect(text).toContain("until 1 hour before");
  });
});
