import PostalMime from "postal-mime";
import { describe, expect, it } from "vitest";
import { buildIcs } from "../../src/features/appointments/ics";
import { renderAppointmentMessage } from "../../src/features/notifications/messages";
import {
  HeaderInjectionError,
  InvalidMailError,
  type MailMessage,
  buildMimeMessage,
  formatMailDate,
  isMailAddress,
} from "../../src/features/notifications/mime";

const ics = buildIcs({
  uid: "apt_123@mkb-limburg",
  sequence: 0,
  status: "CONFIRMED",
  start: Date.parse("2027-03-29T08:00:00Z"),
  end: Date.parse("2027-03-29T08:30:00Z"),
  created: Date.parse("2027-03-01T09:00:00Z"),
  stamp: Date.parse("2027-03-01T09:00:00Z"),
  summary: "Afspraak Ondernemersloket Maastricht – financiën",
  description: "Onderwerp: Financiering",
  location: "Mosae Forum 10, 6211 DW Maastricht",
});

function message(overrides: Partial<MailMessage> = {}): MailMessage {
  return {
    from: { email: "noreply@mkb-limburg.nl", name: "MKB-aanpak Limburg – Zuid-Limburg" },
    to: "anouk.janssen+afspraak@example.nl",
    subject: "Uw afspraak is bevestigd: café-overleg 📅",
    text: "Beste Anouk,\n\nUw afspraak is bevestigd.\nGroet, het loket — één klik ✓\n",
    html: '<!DOCTYPE html>\n<html lang="nl"><body><p>Beste Anouk, één <b>klik</b> ✓</p></body></html>\n',
    ics: { filename: "afspraak.ics", content: ics, method: "PUBLISH" },
    messageId: "<out_01HZX3@mkb-limburg>",
    date: new Date("2027-03-01T09:15:30Z"),
    ...overrides,
  };
}

async function parse(raw: string) {
  return PostalMime.parse(raw);
}

/** Attachment bytes as UTF-8 text, exactly as sent (postal-mime's "utf8" mode would normalise line endings). */
function decode(content: ArrayBuffer | Uint8Array | string | undefined): string {
  if (content === undefined || typeof content === "string") throw new Error("expected binary attachment content");
  return new TextDecoder().decode(content);
}

function headerBlock(raw: string): string {
  return raw.slice(0, raw.indexOf("\r\n\r\n"));
}

describe("buildMimeMessage", () => {
  it("should round-trip subject, sender, recipient, text, html and the calendar file through postal-mime", async () => {
    const raw = buildMimeMessage(message());
    const email = await parse(raw);
    expect(email.subject).toBe("Uw afspraak is bevestigd: café-overleg 📅");
    expect(email.from).toEqual({ name: "MKB-aanpak Limburg – Zuid-Limburg", address: "noreply@mkb-limburg.nl" });
    expect(email.to).toEqual([{ name: "", address: "anouk.janssen+afspraak@example.nl" }]);
    // Text bodies are sent in canonical CRLF form; the parser hands them back as they were sent.
    expect(email.text?.replace(/\r\n/g, "\n")).toBe(message().text);
    expect(email.html?.replace(/\r\n/g, "\n")).toBe(message().html);
    expect(email.messageId).toBe("<out_01HZX3@mkb-limburg>");
    expect(email.date).toBe("2027-03-01T09:15:30.000Z");
    expect(email.attachments).toHaveLength(1);
    const attachment = email.attachments[0];
    expect(attachment?.filename).toBe("afspraak.ics");
    expect(attachment?.mimeType).toBe("text/calendar");
    expect(attachment?.disposition).toBe("attachment");
    expect(attachment?.method).toBe("PUBLISH");
    // postal-mime hands calendar text back with LF line breaks; the bytes on the wire are checked below.
    expect(decode(attachment?.content)).toBe(ics.replace(/\r\n/g, "\n"));
  });

  it("should carry the calendar file byte for byte, CRLF line endings included", () => {
    const raw = buildMimeMessage(message());
    const afterHeaders = raw.split('Content-Disposition: attachment; filename="afspraak.ics"\r\n\r\n')[1] ?? "";
    const base64 = afterHeaders.slice(0, afterHeaders.indexOf("\r\n--")).replace(/\r\n/g, "");
    for (const line of afterHeaders.slice(0, afterHeaders.indexOf("\r\n--")).split("\r\n")) {
      expect(line.length).toBeLessThanOrEqual(76);
    }
    expect(Buffer.from(base64, "base64").toString("utf8")).toBe(ics);
  });

  it("should mark the message as MIME 1.0 and auto-generated", async () => {
    const raw = buildMimeMessage(message());
    const email = await parse(raw);
    const header = (key: string) => email.headers.find((h) => h.key === key)?.value;
    expect(header("mime-version")).toBe("1.0");
    expect(header("auto-submitted")).toBe("auto-generated");
    expect(header("date")).toBe("Mon, 01 Mar 2027 09:15:30 +0000");
  });

  it("should nest multipart/alternative (text, then html) inside multipart/mixed with the calendar part", () => {
    const raw = buildMimeMessage(message({ ics: { filename: "afspraak.ics", content: ics, method: "CANCEL" } }));
    const types = [...raw.matchAll(/^Content-Type: ([^;\r\n]+)/gm)].map((m) => m[1]);
    expect(types).toEqual(["multipart/mixed", "multipart/alternative", "text/plain", "text/html", "text/calendar"]);
    expect(raw).toContain("Content-Type: text/calendar; charset=utf-8; method=CANCEL;");
    expect(raw).toContain('Content-Disposition: attachment; filename="afspraak.ics"');
    expect(raw).toContain("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64");
    expect(raw).toContain("Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64");
  });

  it("should send only multipart/alternative when there is no calendar file", async () => {
    const raw = buildMimeMessage(message({ ics: undefined }));
    expect(raw).toMatch(/^Content-Type: multipart\/alternative;\r\n boundary=/m);
    expect(raw).not.toContain("multipart/mixed");
    const email = await parse(raw);
    expect(email.attachments).toHaveLength(0);
    expect(email.text).toContain("één klik ✓");
  });

  it("should use CRLF line endings only, with no line over 78 characters", () => {
    const raw = buildMimeMessage(message({ subject: `${"Een heel lange onderwerpregel zonder bijzondere tekens ".repeat(4)}einde` }));
    expect(raw.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    for (const line of raw.split("\r\n")) expect(line.length).toBeLessThanOrEqual(78);
  });

  it("should keep a long ASCII subject intact after folding", async () => {
    const subject = `${"Een heel lange onderwerpregel zonder bijzondere tekens ".repeat(4)}einde`;
    expect((await parse(buildMimeMessage(message({ subject })))).subject).toBe(subject);
  });

  it("should encode non-ASCII subjects and names as RFC 2047 encoded-words, never raw 8-bit", async () => {
    const subject = `Afspraak verzet – ${"één café 📅 ".repeat(10)}`.trim();
    const raw = buildMimeMessage(message({ subject }));
    const headers = headerBlock(raw);
    expect(headers).toMatch(/^Subject: =\?UTF-8\?B\?/m);
    expect(headers).toMatch(/^From: =\?UTF-8\?B\?/m);
    // Headers stay 7-bit, and every encoded-word is at most 75 characters.
    expect(headers).toMatch(/^[\x20-\x7e\r\n]*$/);
    for (const word of headers.match(/=\?UTF-8\?B\?[^?]*\?=/g) ?? []) expect(word.length).toBeLessThanOrEqual(75);
    expect((await parse(raw)).subject).toBe(subject);
  });

  it("should quote an ASCII display name with special characters", async () => {
    const raw = buildMimeMessage(message({ from: { email: "noreply@mkb-limburg.nl", name: 'Loket "Noord", Venlo' } }));
    expect((await parse(raw)).from).toEqual({ name: 'Loket "Noord", Venlo', address: "noreply@mkb-limburg.nl" });
  });

  it("should write only the address when there is no display name", async () => {
    const raw = buildMimeMessage(message({ from: { email: "noreply@mkb-limburg.nl" } }));
    expect(raw).toMatch(/^From: noreply@mkb-limburg\.nl\r\n/);
    expect((await parse(raw)).from).toEqual({ name: "", address: "noreply@mkb-limburg.nl" });
  });

  it("should encode a subject that looks like an encoded-word so it is shown literally", async () => {
    const subject = "Test =?UTF-8?B?SGFjaw==?= literal";
    expect((await parse(buildMimeMessage(message({ subject })))).subject).toBe(subject);
  });

  it("should use a fresh random boundary for every message", () => {
    const boundaries = (raw: string) => [...raw.matchAll(/boundary="([^"]+)"/g)].map((m) => m[1]);
    const first = boundaries(buildMimeMessage(message()));
    const second = boundaries(buildMimeMessage(message()));
    expect(first).toHaveLength(2);
    expect(new Set([...first, ...second]).size).toBe(4);
  });

  it("should add extra headers and refuse to override the standard ones", async () => {
    const email = await parse(buildMimeMessage(message({ headers: { "X-Entity-Ref-ID": "apt_123" } })));
    expect(email.headers.find((h) => h.key === "x-entity-ref-id")?.value).toBe("apt_123");
    expect(() => buildMimeMessage(message({ headers: { Bcc: "spy@example.nl" } }))).toThrow(InvalidMailError);
    expect(() => buildMimeMessage(message({ headers: { "Bad Name": "x" } }))).toThrow(InvalidMailError);
  });

  it("should sanitise the attachment file name", async () => {
    const raw = buildMimeMessage(message({ ics: { filename: '../"evil".ics', content: ics, method: "PUBLISH" } }));
    const attachment = (await parse(raw)).attachments[0];
    expect(attachment?.filename).toBe("__evil_.ics");
  });

  it.each([
    ["subject", { subject: "Bevestigd\r\nBcc: victim@example.nl" }],
    ["subject with a bare LF", { subject: "Bevestigd\nBcc: victim@example.nl" }],
    ["subject with a bare CR", { subject: "Bevestigd\rBcc: victim@example.nl" }],
    ["subject with NUL", { subject: "Bevestigd\u0000" }],
    ["subject with NEL", { subject: "Bevestigd\u0085Bcc: x@example.nl" }],
    ["to", { to: "anouk@example.nl\r\nBcc: victim@example.nl" }],
    ["from address", { from: { email: "noreply@mkb-limburg.nl\nBcc: victim@example.nl" } }],
    ["from name", { from: { email: "noreply@mkb-limburg.nl", name: "MKB\r\nBcc: victim@example.nl" } }],
    ["extra header value", { headers: { "X-Ref": "1\r\nBcc: victim@example.nl" } }],
    ["extra header name", { headers: { "X-Ref\r\nBcc": "victim@example.nl" } }],
    ["Message-ID", { messageId: "<a@b>\r\nBcc: victim@example.nl" }],
  ] as Array<[string, Partial<MailMessage>]>)("should refuse header injection through the %s", (_field, overrides) => {
    expect(() => buildMimeMessage(message(overrides))).toThrow(HeaderInjectionError);
  });

  it.each([
    ["to without @", { to: "anouk.example.nl" }],
    ["to with a display name", { to: "Anouk <anouk@example.nl>" }],
    ["two recipients", { to: "a@example.nl, b@example.nl" }],
    ["from without a domain dot", { from: { email: "noreply@localhost" } }],
    ["a Message-ID without angle brackets", { messageId: "out_1@mkb-limburg" }],
    ["an invalid date", { date: new Date(Number.NaN) }],
  ] as Array<[string, Partial<MailMessage>]>)("should refuse %s", (_case, overrides) => {
    expect(() => buildMimeMessage(message(overrides))).toThrow(InvalidMailError);
  });
});

describe("a rendered appointment e-mail", () => {
  it("should survive building and parsing unchanged, hostile names included", async () => {
    const start = Date.parse("2027-03-29T08:00:00Z");
    const rendered = renderAppointmentMessage(
      "confirmation",
      {
        entrepreneurName: "Zoë <b>Smeets</b>\r\nBcc: x@example.nl",
        regionName: "Zuid-Limburg",
        frontdeskName: "Rabobank Zuid-Limburg Midden",
        frontdeskAddress: "Wilhelminasingel 99, 6221 BJ Maastricht",
        frontdeskPhone: "+31433504000",
        mode: "in_person",
        topic: "bedrijfsoverdracht",
        start,
        end: start + 30 * 60_000,
        videoUrl: null,
        manageUrl: "https://mkb-limburg.example/afspraak/tok",
        icsUrl: null,
        cancelCutoffHours: 2,
      },
      "nl",
    );
    const raw = buildMimeMessage(message({ subject: rendered.subject, text: rendered.text, html: rendered.html }));
    const email = await parse(raw);
    expect(email.subject).toBe("Uw afspraak is bevestigd: maandag 29 maart 2027, 10:00");
    expect(email.text?.replace(/\r\n/g, "\n")).toBe(rendered.text);
    expect(email.html?.replace(/\r\n/g, "\n")).toBe(rendered.html);
    expect(email.bcc).toBeUndefined();
    expect(email.text).toContain("Beste Zoë <b>Smeets</b> Bcc: x@example.nl,");
    expect(email.html).toContain("Zoë &lt;b&gt;Smeets&lt;/b&gt;");
  });
});

describe("isMailAddress", () => {
  it("should accept ordinary addresses and refuse anything that could change a header's meaning", () => {
    for (const ok of ["a@b.nl", "anouk.janssen+x@sub.example.co.uk", "o'brien@example.ie", "balie@zuid-limburg.test"]) {
      expect(isMailAddress(ok), ok).toBe(true);
    }
    for (const bad of ["", "@b.nl", "a@", "a@b", "a b@c.nl", "a@b..nl", ".a@b.nl", "a..b@c.nl", "a@-b.nl", '"a"@b.nl', "a@b.nl>", "é@b.nl"]) {
      expect(isMailAddress(bad), bad).toBe(false);
    }
  });
});

describe("formatMailDate", () => {
  it("should write an RFC 5322 date in UTC with a numeric zone", () => {
    expect(formatMailDate(new Date("2027-03-29T08:00:05Z"))).toBe("Mon, 29 Mar 2027 08:00:05 +0000");
    expect(formatMailDate(new Date("2027-12-05T23:59:59Z"))).toBe("Sun, 05 Dec 2027 23:59:59 +0000");
  });
});
