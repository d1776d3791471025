/**
 * "Doorverwijzen" for desk staff, consultants and region admins (`/beheer/:region/doorverwijzingen/nieuw`):
 * from an appointment (`?afspraak=`: records the outcome `referred`, or `completed`, with the
 * referral in one batch, as `POST …/appointments/{id}/outcome`), from a Support Process
 * candidate (`?kandidaat=`), or on its own for a phone call or walk-in (the entrepreneur's
 * name, e-mail address and phone). The same schemas and services as the API.
 */
import * as v from "valibot";
import { markOutcome } from "../../features/appointments/agenda.service";
import { deliverSoon } from "../../features/notifications/notify";
import { AttachedReferral, ReferralBody } from "../../features/referrals/referrals.schemas";
import { createReferral, planReferralTargets, type ReferralTarget } from "../../features/referrals/referrals.service";
import { planTrajectory } from "../../features/scouting/scouting.trajectory";
import { ReadPlan } from "../../db/read";
import { linksFor } from "../../lib/links";
import { TOPICS, topicLabel } from "../../lib/vocabulary";
import type { Web } from "../kit/context";
import { formFields } from "../kit/fields";
import { type FieldErrors, type FieldMap, type FormValues, field, optional, parseForm, readForm, serviceErrors } from "../kit/form";
import { actorOf, pageRoute, type PageRoute, scopeOf, seeOther, withQuery } from "../kit/page";
import { formPage } from "../kit/scaffolds";
import { Notice } from "../kit/ui";
import { REFERRERS, parseTarget, referralsHref, targetOptions } from "./shared";

type Source = { kind: "appointment"; id: string } | { kind: "candidate"; id: string } | { kind: "standalone" };

/** Where the page refers from, read from its query (`afspraak` or `kandidaat`). */
function sourceOf(w: Web): Source {
  const appointment = w.c.req.query("afspraak");
  if (appointment) return { kind: "appointment", id: appointment };
  const candidate = w.c.req.query("kandidaat");
  if (candidate) return { kind: "candidate", id: candidate };
  return { kind: "standalone" };
}

const REFER_FIELDS: FieldMap = [
  ["outcome", "f-outcome", "ref.err.outcome"],
  ["entrepreneur.name", "f-name", "ref.err.name"],
  ["entrepreneur.email", "f-email", "ref.err.email"],
  ["entrepreneur.phone", "f-phone", "ref.err.phone"],
  ["entrepreneur.companyName", "f-company", "ref.err.company"],
  ["organisation", "f-target", "ref.err.target"],
  ["offerId", "f-target", "ref.err.offer"],
  ["referral", "f-target", "ref.err.target"],
  ["topic", "f-topic", "ref.err.topic"],
  ["question", "f-question", "ref.err.question"],
  ["note", "f-note", "ref.err.note"],
  ["frontdeskId", "", "ref.err.desk"],
];

const OUTCOMES = ["referred", "completed"] as const;
const AppointmentReferral = v.object({ outcome: v.picklist(OUTCOMES), referral: AttachedReferral });

/**
 * The page's data in one read batch: where to refer to, and (from a candidate) the candidate,
 * read as its trajectory (404 when unknown or not the actor's); the lead says who is referred.
 */
async function readPage(w: Web, source: Source): Promise<{ targets: ReferralTarget[]; lead: string; topic?: string | undefined }> {
  const { t } = w;
  const plan = new ReadPlan(w.c.var.db);
  const targets = planReferralTargets(plan);
  const candidate = source.kind === "candidate" ? planTrajectory(plan, scopeOf(w), actorOf(w), source.id) : null;
  await plan.run();
  if (candidate) {
    const c = candidate();
    return { targets: targets(), lead: t("ref.new.leadCandidate", { company: c.company.name }), topic: c.topic };
  }
  return { targets: targets(), lead: t(source.kind === "appointment" ? "ref.new.leadAppointment" : "ref.new.leadStandalone") };
}

async function referPage(w: Web, form: FormValues | null, errors: FieldErrors = [], status = 200) {
  const { t, locale } = w;
  const source = sourceOf(w);
  const { targets, lead, topic } = await readPage(w, source);
  const values: FormValues = form ?? { outcome: "referred", topic: topic ?? "" };
  const f = formFields(w, values, errors);
  const action = withQuery(`${referralsHref(w)}/nieuw`, {
    afspraak: source.kind === "appointment" ? source.id : undefined,
    kandidaat: source.kind === "candidate" ? source.id : undefined,
  });
  return formPage(
    w,
    {
      texts: { title: t("ref.new.title"), lead, submit: t("ref.new.submit") },
      action,
      errors,
      status,
      breadcrumbs: [
        [t("ref.list.title"), referralsHref(w)],
        [t("ref.new.title"), null],
      ],
      cancel: { href: referralsHref(w), label: t("ref.cancel") },
    },
    <>
      {source.kind === "appointment" ? (
        <f.Choices
          id="f-outcome"
          name="outcome"
          type="radio"
          legend={t("ref.f.outcome")}
          required
          options={OUTCOMES.map((o) => ({ value: o, label: t(`ref.f.outcome.${o}`) }))}
        />
      ) : null}
      {source.kind === "standalone" ? (
        <fieldset class="fieldset">
          <legend class="field__label">{t("ref.f.entrepreneur")}</legend>
          <f.Text id="f-name" name="name" label={t("ref.f.name")} required autocomplete="off" />
          <f.Text id="f-email" name="email" type="email" label={t("ref.f.email")} required autocomplete="off" />
          <f.Text id="f-phone" name="phone" type="tel" label={t("ref.f.phone")} autocomplete="off" width="m" />
          <f.Text id="f-company" name="companyName" label={t("ref.f.company")} autocomplete="off" />
        </fieldset>
      ) : null}
      <f.Select
        id="f-target"
        name="target"
        label={t("ref.f.target")}
        hint={t("ref.f.targetHint")}
        required
        options={targetOptions(w, targets)}
        empty={t("ref.f.choose")}
      />
      {source.kind === "appointment" ? null : (
        <f.Select
          id="f-topic"
          name="topic"
          label={t("ref.f.topic")}
          required
          options={TOPICS.map((k) => ({ value: k, label: topicLabel(k, locale) }))}
          empty={t("ref.f.choose")}
        />
      )}
      {source.kind === "standalone" ? <f.Area id="f-question" name="question" label={t("ref.f.question")} maxlength={2000} /> : null}
      <f.Area id="f-note" name="note" label={t("ref.f.note")} hint={t("ref.f.noteHint")} maxlength={2000} />
      <f.Choices
        id="f-consent"
        name="consentToShare"
        type="checkbox"
        legend={t("ref.f.consent")}
        hint={t("ref.f.consentHint")}
        options={[{ value: "ja", label: t("ref.f.consentYes") }]}
      />
    </>,
  );
}

/** The referral part of the form, shaped like the API's. */
function referralOf(form: FormValues) {
  return { ...parseTarget(field(form, "target")), note: optional(form, "note"), consentToShare: field(form, "consentToShare") === "ja" };
}

async function referSubmit(w: Web) {
  const form = await readForm(w);
  const source = sourceOf(w);
  const scope = scopeOf(w);
  const origin = linksFor(w.c).origin;
  try {
    if (source.kind === "appointment") {
      const parsed = parseForm(w.t, AppointmentReferral, { outcome: field(form, "outcome"), referral: referralOf(form) }, nested(REFER_FIELDS));
      if (!parsed.ok) return referPage(w, form, parsed.errors, 400);
      await markOutcome(scope, actorOf(w), source.id, parsed.value, w.now, origin);
    } else {
      const entrepreneur =
        source.kind === "standalone"
          ? { name: field(form, "name").trim(), email: field(form, "email").trim(), phone: optional(form, "phone"), companyName: optional(form, "companyName") }
          : undefined;
      const body = {
        ...(source.kind === "candidate" ? { candidateId: source.id } : { entrepreneur }),
        ...referralOf(form),
        topic: field(form, "topic"),
        question: source.kind === "standalone" ? optional(form, "question") : undefined,
      };
      const parsed = parseForm(w.t, ReferralBody, body, REFER_FIELDS);
      if (!parsed.ok) return referPage(w, form, parsed.errors, 400);
      await createReferral(scope, actorOf(w), parsed.value, origin, w.now);
    }
  } catch (error) {
    const refused = serviceErrors(w.t, error, REFER_FIELDS, { conflict: "ref.err.conflict" });
    if (!refused) throw error;
    return referPage(w, form, refused.errors, refused.status);
  }
  deliverSoon(w.c);
  return seeOther(w, `${referralsHref(w)}?klaar=verstuurd`);
}

/** The map for the appointment's body, whose referral fields sit under `referral.`. */
function nested(map: FieldMap): FieldMap {
  return map.map(([path, id, message]) => [path === "outcome" || path === "referral" ? path : `referral.${path}`, id, message] as const);
}

/** "Doorverwijzen" link for another page (the agenda, a trajectory). */
export function ReferLink({ w, query, row }: { w: Web; query: Record<string, string>; row: string }) {
  return (
    <a href={withQuery(`${referralsHref(w)}/nieuw`, query)}>
      {w.t("ref.refer")}
      <span class="visually-hidden"> ({row})</span>
    </a>
  );
}

/** Shown above the list after a referral was sent. */
export function SentNotice({ w }: { w: Web }) {
  return w.c.req.query("klaar") === "verstuurd" ? <Notice kind="success" title={w.t("ref.new.sent")} /> : null;
}

export const referFormPages: PageRoute[] = [
  pageRoute("get", "/beheer/:region/doorverwijzingen/nieuw", REFERRERS, (w) => referPage(w, null)),
  pageRoute("post", "/beheer/:region/doorverwijzingen/nieuw", REFERRERS, referSubmit),
];
