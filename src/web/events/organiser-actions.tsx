/**
 * Two organiser forms about one event: cancel it (everyone registered gets a mail with the
 * reason; `cancelEvent`) and send one message to the participants (at most 3 per event per
 * 24 hours, decided by the database; `messageParticipants`). Validated with the API's
 * `CancelEventBody` and `MessageBody`.
 */
import { CancelEventBody, MessageBody } from "../../features/events/events.schemas";
import { cancelEvent } from "../../features/events/events.service";
import { getOrganiserEvent, messageParticipants } from "../../features/events/organiser.service";
import { deliverSoon } from "../../features/notifications/notify";
import { requireActor } from "../../lib/context";
import { DomainError } from "../../lib/errors";
import type { Web } from "../kit/context";
import { formFields } from "../kit/fields";
import { field, optional, parseForm, readForm, type FieldErrors, type FieldMap, type FormValues } from "../kit/form";
import { pageRoute, seeOther, type PageRoute } from "../kit/page";
import { formPage } from "../kit/scaffolds";
import { bothAreas, eventIdOf, ORGANISATION_ORGANISERS, organiserOf, OrganiserCrumbs, REGION_ORGANISERS } from "./organiser-shared";

const CANCEL_FIELDS: FieldMap = [["reason", "f-reason", "err.evoReason"]];
const MESSAGE_FIELDS: FieldMap = [
  ["subject", "f-subject", "err.evoSubject"],
  ["body", "f-body", "err.evoBody"],
];

async function cancelEventPage(w: Web, form: FormValues = {}, errors: FieldErrors = [], status = 200) {
  const { t } = w;
  const o = organiserOf(w);
  const e = await getOrganiserEvent(o.scope, eventIdOf(w));
  const f = formFields(w, form, errors);
  const back = `${o.base}/${e.id}`;
  return formPage(
    w,
    {
      texts: { title: t("evo.cancel.title"), lead: t("evo.cancel.lead"), submit: t("evo.cancel.confirm") },
      action: `${back}/annuleren`,
      errors,
      status,
      cancel: { href: back, label: t("evo.cancel.keep") },
      before: <OrganiserCrumbs w={w} o={o} event={e} page={t("evo.cancel.title")} />,
    },
    <f.Area id="f-reason" name="reason" label={t("evo.cancel.reason")} maxlength={1000} />,
  );
}

async function cancelEventSubmit(w: Web) {
  const o = organiserOf(w);
  const form = await readForm(w);
  const parsed = parseForm(w.t, CancelEventBody, { reason: optional(form, "reason") }, CANCEL_FIELDS);
  if (!parsed.ok) return cancelEventPage(w, form, parsed.errors, 400);
  try {
    const e = await cancelEvent(o.scope, requireActor(w.c), eventIdOf(w), parsed.value.reason ?? null, w.now);
    deliverSoon(w.c);
    return seeOther(w, `${o.base}/${e.id}?klaar=geannuleerd`);
  } catch (error) {
    if (error instanceof DomainError && error.code === "conflict") return cancelEventPage(w, form, [{ id: "", message: w.t("evo.conflict") }], 409);
    throw error;
  }
}

async function messagePage(w: Web, form: FormValues = {}, errors: FieldErrors = [], status = 200) {
  const { t } = w;
  const o = organiserOf(w);
  const e = await getOrganiserEvent(o.scope, eventIdOf(w));
  const f = formFields(w, form, errors);
  const back = `${o.base}/${e.id}`;
  return formPage(
    w,
    {
      texts: { title: t("evo.msg.title"), lead: t("evo.msg.lead"), submit: t("evo.msg.send") },
      action: `${back}/bericht`,
      errors,
      status,
      cancel: { href: back, label: t("evo.form.cancel") },
      before: <OrganiserCrumbs w={w} o={o} event={e} page={t("evo.msg.title")} />,
    },
    <>
      <f.Text id="f-subject" name="subject" label={t("evo.msg.subject")} required />
      <f.Area id="f-body" name="body" label={t("evo.msg.body")} maxlength={5000} required />
      <f.Choices
        id="f-waitlist"
        name="includeWaitlist"
        type="checkbox"
        legend={t("evo.msg.options")}
        options={[{ value: "yes", label: t("evo.msg.waitlist") }]}
      />
    </>,
  );
}

async function messageSubmit(w: Web) {
  const o = organiserOf(w);
  const form = await readForm(w);
  const body = { subject: field(form, "subject"), body: field(form, "body"), includeWaitlist: field(form, "includeWaitlist") === "yes" };
  const parsed = parseForm(w.t, MessageBody, body, MESSAGE_FIELDS);
  if (!parsed.ok) return messagePage(w, form, parsed.errors, 400);
  try {
    await messageParticipants(o.scope, requireActor(w.c), eventIdOf(w), parsed.value, w.now);
  } catch (error) {
    if (error instanceof DomainError && error.code === "rate_limited") return messagePage(w, form, [{ id: "", message: w.t("evo.msg.tooMany") }], 429);
    if (error instanceof DomainError && error.code === "conflict") return messagePage(w, form, [{ id: "", message: w.t("evo.msg.notPublished") }], 409);
    throw error;
  }
  deliverSoon(w.c);
  return seeOther(w, `${o.base}/${eventIdOf(w)}?klaar=bericht`);
}

const [regionCancel, partnerCancel] = bothAreas("/:id/annuleren");
const [regionMessage, partnerMessage] = bothAreas("/:id/bericht");

export const organiserActionPages: PageRoute[] = [
  pageRoute("get", regionCancel, REGION_ORGANISERS, (w) => cancelEventPage(w)),
  pageRoute("post", regionCancel, REGION_ORGANISERS, cancelEventSubmit),
  pageRoute("get", partnerCancel, ORGANISATION_ORGANISERS, (w) => cancelEventPage(w)),
  pageRoute("post", partnerCancel, ORGANISATION_ORGANISERS, cancelEventSubmit),
  pageRoute("get", regionMessage, REGION_ORGANISERS, (w) => messagePage(w)),
  pageRoute("post", regionMessage, REGION_ORGANISERS, messageSubmit),
  pageRoute("get", partnerMessage, ORGANISATION_ORGANISERS, (w) => messagePage(w)),
  pageRoute("post", partnerMessage, ORGANISATION_ORGANISERS, messageSubmit),
];
