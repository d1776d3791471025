/**
 * One public event (`/evenementen/:slug`, the address the region feed links to): sessions in
 * Amsterdam time, the place (never the join link), places left or the wait-list, the
 * organiser's contact, JSON-LD `Event`, the region's iCalendar feed, and the registration
 * form. The form is validated with the API's `RegistrationBody` and registered by the same
 * `registerForEvent` (limits, idempotency through a hidden key, outbox).
 */
import { raw } from "hono/html";
import { PUBLIC } from "../../features/auth/policy";
import type { EventDetail } from "../../features/events/events.dto";
import { getPublicEvent } from "../../features/events/events.public";
import { RegistrationBody } from "../../features/events/events.schemas";
import { registerForEvent } from "../../features/events/registrations.service";
import { deliverSoon } from "../../features/notifications/notify";
import { assertSameOrigin } from "../../http/access";
import { DomainError } from "../../lib/errors";
import { linksFor } from "../../lib/links";
import { requestLimits } from "../../lib/rate-limit";
import type { Web } from "../kit/context";
import { formFields } from "../kit/fields";
import { field, optional, parseForm, readForm, serviceErrors, type FieldErrors, type FieldMap, type FormValues } from "../kit/form";
import { when } from "../kit/format";
import { pageRoute, render, seeOther, type PageRoute } from "../kit/page";
import { FormSection } from "../kit/scaffolds";
import { Breadcrumbs, Details, Notice, Panel } from "../kit/ui";
import { audienceLabel, availability, formatLabel, Sessions, topicsText, typeLabel } from "./shared";

const REGISTRATION_FIELDS: FieldMap = [
  ["name", "f-name", "err.evName"],
  ["email", "f-email", "err.evEmail"],
  ["companyName", "f-company", "err.evCompany"],
  ["kvkNumber", "f-kvk", "err.evKvk"],
  ["consent", "f-consent", "err.evConsent"],
];

const slugOf = (w: Web) => w.c.req.param("slug") ?? "";

/** Where, in words: the address, "or online" for a hybrid event, "online" for an online one. */
function placeText(w: Web, e: EventDetail): string {
  if (e.format === "online") return w.t("ev.page.online");
  if (e.format === "hybrid") return `${e.location ?? ""} ${w.t("ev.page.orOnline")}`.trim();
  return e.location ?? "";
}

const SCHEMA = "https://schema.org/";

/** "zuid-limburg" → "Zuid-Limburg" (the event names its regions by slug; no extra read for their names). */
const regionName = (slug: string) => slug.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => `${dash}${c.toUpperCase()}`);

/** schema.org `Event` for search engines: attendance mode, a Place or a VirtualLocation without its URL, the offer's availability. */
function eventJsonLd(e: EventDetail, pageUrl: string): string {
  const first = e.sessions[0];
  const last = e.sessions[e.sessions.length - 1];
  const place = { "@type": "Place", name: e.location ?? "", address: e.location ?? "" };
  const virtual = { "@type": "VirtualLocation", name: "Online" };
  const location = e.format === "online" ? virtual : e.format === "hybrid" ? [place, virtual] : place;
  const mode = { online: "OnlineEventAttendanceMode", in_person: "OfflineEventAttendanceMode", hybrid: "MixedEventAttendanceMode" }[e.format];
  const stock = e.status === "cancelled" || !e.registrationOpen ? "SoldOut" : e.remaining > 0 ? "InStock" : "LimitedAvailability";
  const data = {
    "@context": "https://schema.org",
    "@type": "Event",
    name: e.title,
    description: e.summary,
    url: pageUrl,
    startDate: first?.start,
    endDate: last?.end,
    eventStatus: `${SCHEMA}${e.status === "cancelled" ? "EventCancelled" : "EventScheduled"}`,
    eventAttendanceMode: `${SCHEMA}${mode}`,
    location,
    organizer: { "@type": "Organization", name: e.organiser.name },
    maximumAttendeeCapacity: e.capacity,
    remainingAttendeeCapacity: e.remaining,
    offers: {
      "@type": "Offer",
      url: pageUrl,
      availability: `${SCHEMA}${stock}`,
      ...(e.priceNote ? { description: e.priceNote } : { price: "0", priceCurrency: "EUR" }),
      validThrough: e.registrationDeadline,
    },
    ...(e.sessions.length > 1
      ? {
          subEvent: e.sessions.map((s) => ({
            "@type": "Event",
            name: e.title,
            startDate: s.start,
            endDate: s.end,
            eventAttendanceMode: `${SCHEMA}${mode}`,
            location,
          })),
        }
      : {}),
  };
  // "<" escaped so the text can never close the script element.
  return JSON.stringify(data).replace(/</g, "\\u003c");
}

function RegistrationForm({ w, event, form, errors }: { w: Web; event: EventDetail; form: FormValues; errors: FieldErrors }) {
  const { t } = w;
  const f = formFields(w, form, errors);
  const full = event.remaining === 0;
  const spec = {
    texts: { title: t("ev.reg.title"), submit: full ? t("ev.reg.submitWaitlist") : t("ev.reg.submit") },
    action: `/evenementen/${event.slug}/aanmelden`,
    errors,
    heading: "h2" as const,
    notice: full ? (
      <Notice kind="info">
        <p>{t("ev.reg.full")}</p>
      </Notice>
    ) : undefined,
  };
  return (
    <section class="section" id="aanmelden">
      <FormSection
        w={w}
        spec={spec}
        fields={
          <>
            <input type="hidden" name="idempotencyKey" value={field(form, "idempotencyKey")} />
            <f.Text id="f-name" name="name" label={t("ev.reg.name")} autocomplete="name" required />
            <f.Text
              id="f-email"
              name="email"
              type="email"
              label={t("ev.reg.email")}
              hint={t("ev.reg.emailHint")}
              autocomplete="email"
              inputmode="email"
              required
            />
            <f.Text id="f-company" name="companyName" label={t("ev.reg.company")} autocomplete="organization" />
            <f.Text id="f-kvk" name="kvkNumber" label={t("ev.reg.kvk")} hint={t("ev.reg.kvkHint")} inputmode="numeric" width="s" autocomplete="off" />
            <f.Choices
              id="f-consent"
              name="consent"
              type="checkbox"
              legend={t("ev.reg.consentLegend")}
              options={[{ value: "yes", label: t("ev.reg.consent") }]}
              required
            />
            <f.Choices
              id="f-followup"
              name="followUpConsent"
              type="checkbox"
              legend={t("ev.reg.followUpLegend")}
              hint={t("ev.reg.followUpHint")}
              options={[{ value: "yes", label: t("ev.reg.followUp") }]}
            />
            <p>
              <a href="/privacy">{t("booking.privacyLink")}</a>
            </p>
          </>
        }
      />
    </section>
  );
}

async function eventPage(w: Web, form: FormValues, errors: FieldErrors, status = 200) {
  const { t, locale } = w;
  const event = await getPublicEvent(w.c.var.db, slugOf(w), w.now);
  const pageUrl = `${linksFor(w.c).origin}/evenementen/${event.slug}`;
  const deadline = Date.parse(event.registrationDeadline);
  const contact = [event.contact.name, event.contact.email, event.contact.phone].filter(Boolean).join(" · ");
  const rows: Array<[string, ReturnType<typeof Sessions> | string]> = [
    [t("ev.page.when"), <Sessions w={w} sessions={event.sessions} />],
    [t("ev.page.where"), placeText(w, event)],
    [t("ev.page.price"), event.priceNote ?? t("ev.page.free")],
    [t("ev.page.places"), `${availability(w, event)}${event.waitlist > 0 ? ` · ${t("ev.page.waitlist", { n: event.waitlist })}` : ""}`],
    [t("ev.page.deadline"), when(deadline, deadline, locale).replace(/–.*$/, "")],
    [t("ev.page.topics"), topicsText(w, event.topics)],
    ...(event.audiences.length > 0 ? ([[t("ev.page.audiences"), event.audiences.map((a) => audienceLabel(w, a)).join(", ")]] as Array<[string, string]>) : []),
    [t("ev.page.organiser"), event.organiser.name],
    [t("ev.page.contact"), contact],
  ];
  const open = event.status === "published" && event.registrationOpen;
  return render(w, {
    title: event.title,
    status,
    body: (
      <>
        <script type="application/ld+json">{raw(eventJsonLd(event, pageUrl))}</script>
        <Breadcrumbs
          t={t}
          items={[
            [t("nav.home"), "/"],
            [t("nav.events"), "/evenementen"],
            [event.title, null],
          ]}
        />
        <h1>{event.title}</h1>
        <p class="card__meta">
          {typeLabel(w, event.type)} · {formatLabel(w, event.format)}
        </p>
        {event.status === "cancelled" ? (
          <Notice kind="warning" title={t("ev.cancelled")}>
            {event.cancelReason ? <p>{t("ev.page.cancelReason", { reason: event.cancelReason })}</p> : null}
          </Notice>
        ) : null}
        <p class="lead">{event.summary}</p>
        <Panel id="facts" title={t("ev.page.when")} class="panel--accent">
          <Details rows={rows} />
        </Panel>
        <div class="prose">
          {event.description.split(/\n{2,}/).map((para) => (
            <p>{para}</p>
          ))}
        </div>
        {open ? (
          <RegistrationForm w={w} event={event} form={form} errors={errors} />
        ) : event.status === "published" ? (
          <Notice kind="info" title={t("ev.reg.closedTitle")}>
            <p>{t("ev.reg.closed")}</p>
          </Notice>
        ) : null}
        <ul class="section">
          {event.regions.map((slug) => (
            <li>
              <a href={`/api/v1/regions/${slug}/events.ics`}>{t("ev.page.feed", { region: regionName(slug) })}</a>
            </li>
          ))}
          <li>
            <a href="/evenementen">{t("ev.page.back")}</a>
          </li>
        </ul>
      </>
    ),
  });
}

function registrationBody(w: Web, form: FormValues) {
  return {
    name: field(form, "name"),
    email: field(form, "email"),
    companyName: optional(form, "companyName"),
    kvkNumber: optional(form, "kvkNumber"),
    consent: field(form, "consent") === "yes",
    followUpConsent: field(form, "followUpConsent") === "yes",
    locale: w.locale,
  };
}

export async function registrationSubmit(w: Web) {
  assertSameOrigin(w.c);
  const form = await readForm(w);
  // One key per form: a second submit of the same form is the same registration (not two).
  if (!/^[0-9a-f-]{36}$/.test(field(form, "idempotencyKey"))) form.idempotencyKey = crypto.randomUUID();
  const body = registrationBody(w, form);
  const parsed = parseForm(w.t, RegistrationBody, body, REGISTRATION_FIELDS);
  if (!parsed.ok) return eventPage(w, form, parsed.errors, 400);
  const { locale, ...input } = parsed.value;
  try {
    const { result, replayed } = await registerForEvent(
      w.c.var.db,
      slugOf(w),
      { ...input, locale: locale ?? w.locale },
      { now: w.now, links: linksFor(w.c), limits: requestLimits(w.c), idempotency: { key: `web-${field(form, "idempotencyKey")}`, body } },
    );
    if (!replayed) deliverSoon(w.c);
    return seeOther(w, `/aanmelding/${result.manageToken}/bevestigd`);
  } catch (error) {
    const refused = serviceErrors(w.t, error, REGISTRATION_FIELDS, { conflict: "ev.reg.already" });
    if (refused) return eventPage(w, form, refused.errors, refused.status);
    if (error instanceof DomainError && error.code === "registration_closed") return eventPage(w, form, [{ id: "", message: w.t("ev.reg.closed") }], 409);
    if (error instanceof DomainError && error.code === "idempotency_key_reused") {
      return eventPage(w, { ...form, idempotencyKey: crypto.randomUUID() }, [{ id: "", message: w.t("ev.reg.retry") }], 409);
    }
    throw error;
  }
}

export const eventPages: PageRoute[] = [
  pageRoute("get", "/evenementen/:slug", PUBLIC, (w) => eventPage(w, { idempotencyKey: crypto.randomUUID() }, [])),
  pageRoute("post", "/evenementen/:slug/aanmelden", PUBLIC, registrationSubmit),
];
