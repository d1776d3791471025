/**
 * The participant's own registration through its manage link `/aanmelding/:token` (the link
 * of every event mail), without an account: the confirmation after registering, the
 * overview (the join link only when confirmed for an online or hybrid event), the calendar
 * file, cancelling until the first session starts (409 `too_late` explained after that) and
 * feedback after the event (`#feedback`, the anchor of the feedback mail). The same
 * registration services as the API's `/registrations/{token}` routes.
 */
import { PUBLIC } from "../../features/auth/policy";
import type { OwnRegistration } from "../../features/events/events.dto";
import { FeedbackBody } from "../../features/events/events.schemas";
import { cancelRegistration, giveFeedback, viewRegistration } from "../../features/events/registrations.service";
import { deliverSoon } from "../../features/notifications/notify";
import { assertSameOrigin } from "../../http/access";
import { DomainError } from "../../lib/errors";
import { linksFor } from "../../lib/links";
import type { Web } from "../kit/context";
import { ErrorSummary, formFields } from "../kit/fields";
import { field, optional, parseForm, readForm, type FieldErrors, type FieldMap, type FormValues } from "../kit/form";
import { when } from "../kit/format";
import { pageRoute, render, seeOther, type PageRoute } from "../kit/page";
import { FormActions, FormSection } from "../kit/scaffolds";
import { Details, Notice, Panel } from "../kit/ui";
import { registrationStatusLabel, Sessions } from "./shared";

/** The manage token in the path; 404 for anything that cannot be one. */
function tokenOf(w: Web): string {
  const token = w.c.req.param("token") ?? "";
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw new DomainError("not_found", "Unknown link");
  return token;
}

const at = (w: Web, iso: string) => when(Date.parse(iso), Date.parse(iso), w.locale).replace(/–.*$/, "");
const base = (token: string) => `/aanmelding/${token}`;

/** The event and the registration in a highlighted panel, with the calendar file while it stands. */
function RegistrationPanel({ w, token, r, personal }: { w: Web; token: string; r: OwnRegistration; personal: boolean }) {
  const { t } = w;
  const e = r.event;
  const where = e.format === "online" ? t("evformat.online") : e.format === "hybrid" ? `${e.location ?? ""} ${t("ev.page.orOnline")}` : (e.location ?? "");
  const status = r.status === "waitlisted" && r.position ? t("ev.manage.position", { position: r.position }) : registrationStatusLabel(w, r.status);
  const rows: Array<[string, ReturnType<typeof Sessions> | string]> = [
    [t("ev.manage.status"), status],
    [t("ev.page.when"), <Sessions w={w} sessions={e.sessions} />],
    [t("ev.page.where"), where],
    [t("ev.page.contact"), [e.contact.name, e.contact.email, e.contact.phone].filter(Boolean).join(" · ")],
    ...(personal
      ? ([
          [t("ev.reg.name"), r.name ?? "—"],
          [t("ev.reg.email"), r.email ?? "—"],
          ...(r.companyName ? [[t("ev.reg.company"), r.companyName]] : []),
          ...(r.kvkNumber ? [[t("ev.reg.kvk"), r.kvkNumber]] : []),
        ] as Array<[string, string]>)
      : []),
  ];
  return (
    <Panel id="registration" title={<a href={`/evenementen/${e.slug}`}>{e.title}</a>} class="panel--accent">
      <Details rows={rows} />
      {r.joinUrl ? (
        <p>
          <strong>{t("ev.manage.join")}:</strong> <a href={r.joinUrl}>{r.joinUrl}</a>
        </p>
      ) : null}
      {r.status !== "cancelled" && e.status !== "cancelled" ? (
        <p class="actions">
          <a class="button button--secondary" href={`/api/v1/registrations/${token}/ics`} download>
            {t("ev.manage.calendar")}
          </a>
        </p>
      ) : null}
    </Panel>
  );
}

export async function confirmationPage(w: Web) {
  const { t } = w;
  const token = tokenOf(w);
  const r = await viewRegistration(w.c.var.db, token, w.now);
  const waiting = r.status === "waitlisted";
  const title = waiting ? t("ev.confirm.waitTitle") : t("ev.confirm.title");
  return render(w, {
    title,
    body: (
      <>
        <div class="confirmation">
          <h1>{title}</h1>
          <p class="lead">{t("ev.confirm.lead", { email: r.email ?? "" })}</p>
          {waiting ? <p>{t("ev.confirm.waitLead", { position: r.position ?? "" })}</p> : null}
        </div>
        <RegistrationPanel w={w} token={token} r={r} personal={false} />
        <section class="section" aria-labelledby="manage-title">
          <h2 id="manage-title">{t("ev.confirm.manageTitle")}</h2>
          <p>{t("ev.confirm.manageText")}</p>
          <p class="manage-link">
            <a href={base(token)}>{`${linksFor(w.c).origin}${base(token)}`}</a>
          </p>
        </section>
      </>
    ),
  });
}

const FEEDBACK_FIELDS: FieldMap = [
  ["rating", "f-rating", "err.evRating"],
  ["comment", "f-comment", "err.evComment"],
];

/** Feedback after the event: the form, the rating given, or nothing yet. */
function Feedback({ w, token, r, form, errors }: { w: Web; token: string; r: OwnRegistration; form: FormValues; errors: FieldErrors }) {
  const { t } = w;
  if (r.feedback) {
    return (
      <section class="section" id="feedback" aria-labelledby="feedback-title">
        <h2 id="feedback-title">{t("ev.manage.feedbackTitle")}</h2>
        <p>{t("ev.manage.yourFeedback", { rating: r.feedback.rating })}</p>
      </section>
    );
  }
  if (!r.canGiveFeedback) return null;
  const f = formFields(w, form, errors);
  const ratings = ["1", "2", "3", "4", "5"].map((value) => ({ value, label: value }));
  return (
    <section class="section" id="feedback">
      <FormSection
        w={w}
        spec={{
          texts: { title: t("ev.manage.feedbackTitle"), lead: t("ev.manage.feedbackLead"), submit: t("ev.manage.feedbackSubmit") },
          action: `${base(token)}/feedback`,
          errors,
          heading: "h2",
        }}
        fields={
          <>
            <f.Choices id="f-rating" name="rating" type="radio" legend={t("ev.manage.rating")} options={ratings} inline required />
            <f.Area id="f-comment" name="comment" label={t("ev.manage.comment")} maxlength={2000} />
          </>
        }
      />
    </section>
  );
}

/** What may happen next: cancel until the first session starts; after that, tell the organiser. */
function NextSteps({ w, token, r }: { w: Web; token: string; r: OwnRegistration }) {
  const { t } = w;
  if (r.event.status === "cancelled") {
    return (
      <Notice kind="warning" title={t("ev.manage.eventCancelled")}>
        {r.event.cancelReason ? <p>{t("ev.page.cancelReason", { reason: r.event.cancelReason })}</p> : null}
      </Notice>
    );
  }
  if (r.canCancel) {
    return (
      <section class="section" aria-labelledby="cancel-title">
        <h2 id="cancel-title">{t("ev.manage.cancel")}</h2>
        <p>{t("ev.manage.cancelUntil", { deadline: at(w, r.cancelDeadline) })}</p>
        <p class="actions">
          <a class="button button--warning" href={`${base(token)}/annuleren`}>
            {t("ev.manage.cancel")}
          </a>
        </p>
      </section>
    );
  }
  if (r.status === "cancelled" || r.canGiveFeedback || r.feedback) return null;
  return (
    <Notice kind="info" title={t("ev.manage.tooLateTitle")}>
      <p>{t("ev.manage.tooLate", { email: r.event.contact.email })}</p>
    </Notice>
  );
}

async function managePage(w: Web, form: FormValues = {}, errors: FieldErrors = [], status = 200) {
  const { t } = w;
  const token = tokenOf(w);
  const r = await viewRegistration(w.c.var.db, token, w.now);
  const done = w.c.req.query("klaar");
  return render(w, {
    title: t("ev.manage.title"),
    status,
    body: (
      <>
        <h1>{t("ev.manage.title")}</h1>
        {done === "geannuleerd" ? (
          <Notice kind="success" title={t("regstatus.cancelled")}>
            <p>{t("ev.manage.cancelledDone")}</p>
          </Notice>
        ) : null}
        {done === "feedback" ? <Notice kind="success" title={t("ev.manage.feedbackThanks")} /> : null}
        <RegistrationPanel w={w} token={token} r={r} personal />
        <NextSteps w={w} token={token} r={r} />
        <Feedback w={w} token={token} r={r} form={form} errors={errors} />
      </>
    ),
  });
}

async function cancelPage(w: Web, errors: FieldErrors = [], status = 200) {
  const { t } = w;
  const token = tokenOf(w);
  const r = await viewRegistration(w.c.var.db, token, w.now);
  if (!r.canCancel && errors.length === 0) return seeOther(w, base(token));
  return render(w, {
    title: t("ev.cancel.title"),
    status,
    body: (
      <>
        <h1>{t("ev.cancel.title")}</h1>
        <ErrorSummary t={t} errors={errors} />
        <p class="lead">{t("ev.cancel.question", { title: r.event.title })}</p>
        {r.status === "confirmed" ? <p>{t("ev.cancel.freed")}</p> : null}
        {r.canCancel ? (
          <form method="post" action={`${base(token)}/annuleren`} class="form" novalidate>
            <FormActions submit={t("ev.cancel.confirm")} kind="warning" cancel={{ href: base(token), label: t("ev.cancel.keep") }} />
          </form>
        ) : (
          <p>
            <a href={base(token)}>{t("ev.cancel.keep")}</a>
          </p>
        )}
      </>
    ),
  });
}

async function cancelSubmit(w: Web) {
  assertSameOrigin(w.c);
  const token = tokenOf(w);
  try {
    await cancelRegistration(w.c.var.db, token, { now: w.now, links: linksFor(w.c) });
  } catch (error) {
    if (error instanceof DomainError && error.code === "too_late") {
      const r = await viewRegistration(w.c.var.db, token, w.now);
      return cancelPage(w, [{ id: "", message: w.t("ev.manage.tooLate", { email: r.event.contact.email }) }], 409);
    }
    if (error instanceof DomainError && error.code === "conflict") return cancelPage(w, [{ id: "", message: w.t("ev.cancel.already") }], 409);
    throw error;
  }
  deliverSoon(w.c);
  return seeOther(w, `${base(token)}?klaar=geannuleerd`);
}

async function feedbackSubmit(w: Web) {
  assertSameOrigin(w.c);
  const token = tokenOf(w);
  const form = await readForm(w);
  const rating = field(form, "rating");
  const body = { rating: /^[1-5]$/.test(rating) ? Number(rating) : Number.NaN, comment: optional(form, "comment") };
  const parsed = parseForm(w.t, FeedbackBody, body, FEEDBACK_FIELDS);
  if (!parsed.ok) return managePage(w, form, parsed.errors, 400);
  try {
    await giveFeedback(w.c.var.db, token, parsed.value, w.now);
  } catch (error) {
    if (error instanceof DomainError && error.code === "conflict") return managePage(w, form, [{ id: "", message: w.t("ev.manage.feedbackNotNow") }], 409);
    throw error;
  }
  return seeOther(w, `${base(token)}?klaar=feedback#feedback`);
}

export const registrationPages: PageRoute[] = [
  pageRoute("get", "/aanmelding/:token/bevestigd", PUBLIC, confirmationPage),
  pageRoute("get", "/aanmelding/:token", PUBLIC, (w) => managePage(w)),
  pageRoute("get", "/aanmelding/:token/annuleren", PUBLIC, (w) => cancelPage(w)),
  pageRoute("post", "/aanmelding/:token/annuleren", PUBLIC, cancelSubmit),
  pageRoute("post", "/aanmelding/:token/feedback", PUBLIC, feedbackSubmit),
];
