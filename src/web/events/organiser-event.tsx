/**
 * One event for its organiser (`…/evenementen/:id`): everything (the join link included),
 * the counts, a pending change, the feedback without names, and the actions the state
 * allows: change, submit for review (partner), approve or reject (region admin, for its
 * organisations' events), participants, CSV, message, cancel. The services of the API's
 * organiser routes (`getOrganiserEvent`, `submitEvent`, `reviewEvent`).
 */
import { ReviewBody } from "../../features/events/events.schemas";
import { reviewEvent, submitEvent } from "../../features/events/events.service";
import type { EventAdmin } from "../../features/events/events.dto";
import { getOrganiserEvent } from "../../features/events/organiser.service";
import { deliverSoon } from "../../features/notifications/notify";
import { requireActor } from "../../lib/context";
import { DomainError } from "../../lib/errors";
import type { Web } from "../kit/context";
import { ErrorSummary, TextArea } from "../kit/fields";
import { field, optional, parseForm, readForm, type FieldErrors } from "../kit/form";
import { number, when } from "../kit/format";
import { pageRoute, render, seeOther, type PageRoute } from "../kit/page";
import { Details, Notice, Panel } from "../kit/ui";
import type { MessageKey } from "../i18n";
import { formatLabel, Sessions, topicsText, typeLabel } from "./shared";
import { StatusText } from "./organiser-list";
import {
  bothAreas,
  eventIdOf,
  ORGANISATION_ORGANISERS,
  organiserOf,
  OrganiserCrumbs,
  REGION_BASE,
  REGION_ORGANISERS,
  type Organiser,
} from "./organiser-shared";

const DONE: Record<string, MessageKey> = {
  aangemaakt: "evo.done.created",
  opgeslagen: "evo.done.saved",
  wijziging: "evo.done.revision",
  ingediend: "evo.done.submitted",
  goedgekeurd: "evo.done.approved",
  afgewezen: "evo.done.rejected",
  geannuleerd: "evo.done.cancelled",
  bericht: "evo.done.message",
};

const over = (w: Web, e: EventAdmin) => (e.sessions.length > 0 ? Date.parse(e.sessions[e.sessions.length - 1]?.end ?? "") <= w.now : false);

function Facts({ w, e }: { w: Web; e: EventAdmin }) {
  const { t } = w;
  const deadline = Date.parse(e.registrationDeadline);
  const rows: Array<[string, ReturnType<typeof Sessions> | string]> = [
    [t("evo.page.status"), <StatusText w={w} event={e} />],
    [t("ev.page.when"), <Sessions w={w} sessions={e.sessions} />],
    [t("ev.page.where"), e.location ?? formatLabel(w, e.format)],
    ...(e.joinUrl ? ([[t("evo.form.joinUrl"), e.joinUrl]] as Array<[string, string]>) : []),
    [t("evo.page.counts"), t("evo.page.countsText", { ...e.counts, capacity: e.capacity })],
    [t("ev.page.deadline"), when(deadline, deadline, w.locale).replace(/–.*$/, "")],
    [t("ev.page.price"), e.priceNote ?? t("ev.page.free")],
    [t("ev.page.topics"), topicsText(w, e.topics)],
    [t("evo.page.regions"), e.regions.join(", ")],
    [t("ev.page.organiser"), e.organiser.name],
    [t("ev.page.contact"), [e.contact.name, e.contact.email, e.contact.phone].filter(Boolean).join(" · ")],
    ...(e.reviewNote ? ([[t("evo.page.reviewNote"), e.reviewNote]] as Array<[string, string]>) : []),
  ];
  return (
    <Panel id="facts" title={`${typeLabel(w, e.type)} · ${formatLabel(w, e.format)}`} class="panel--accent">
      <Details rows={rows} />
    </Panel>
  );
}

/** The region admin's decision on an organisation's event or its pending change. */
function ReviewForm({ w, o, e, errors }: { w: Web; o: Organiser; e: EventAdmin; errors: FieldErrors }) {
  const { t } = w;
  return (
    <section class="section panel" aria-labelledby="review-title">
      <h2 id="review-title">{t("evo.page.reviewTitle")}</h2>
      <form method="post" action={`${o.base}/${e.id}/beoordelen`} class="form" novalidate>
        <TextArea t={t} id="f-note" name="note" label={t("evo.page.reviewNoteLabel")} errors={errors} maxlength={1000} />
        <div class="form__actions">
          <button type="submit" name="decision" value="approve" class="button button--primary">
            {t("evo.page.approve")}
          </button>
          <button type="submit" name="decision" value="reject" class="button button--warning">
            {t("evo.page.reject")}
          </button>
        </div>
      </form>
    </section>
  );
}

function Actions({ w, o, e }: { w: Web; o: Organiser; e: EventAdmin }) {
  const { t } = w;
  const base = `${o.base}/${e.id}`;
  const live = e.status !== "cancelled" && !over(w, e);
  const canSubmit = o.scope.kind === "organisation" && (e.status === "draft" || e.revisionStatus === "rejected") && live;
  return (
    <>
      <ul class="actions-list">
        {live ? (
          <li>
            <a href={`${base}/wijzigen`}>{t("evo.page.edit")}</a>
          </li>
        ) : null}
        <li>
          <a href={`${base}/deelnemers`}>{t("evo.page.participants")}</a>
        </li>
        <li>
          <a href={o.csv(e.id)} download>
            {t("evo.page.csv")}
          </a>
        </li>
        {e.status === "published" ? (
          <li>
            <a href={`${base}/bericht`}>{t("evo.page.message")}</a>
          </li>
        ) : null}
        {e.status === "published" || e.status === "cancelled" ? (
          <li>
            <a href={`/evenementen/${e.slug}`}>{t("evo.page.public")}</a>
          </li>
        ) : null}
        {live ? (
          <li>
            <a href={`${base}/annuleren`}>{t("evo.page.cancel")}</a>
          </li>
        ) : null}
      </ul>
      {canSubmit ? (
        <form method="post" action={`${base}/indienen`}>
          <button type="submit" class="button button--primary">
            {t("evo.page.submit")}
          </button>
        </form>
      ) : null}
    </>
  );
}

function Feedback({ w, e }: { w: Web; e: EventAdmin }) {
  const { t } = w;
  const { count, average, comments } = e.feedback;
  return (
    <section class="section" aria-labelledby="feedback-title">
      <h2 id="feedback-title">{t("evo.page.feedback")}</h2>
      {count === 0 || average === null ? (
        <p>{t("evo.page.feedbackNone")}</p>
      ) : (
        <p>{t("evo.page.feedbackAverage", { count, average: number(average, w.locale, 1) })}</p>
      )}
      {comments && comments.length > 0 ? (
        <ul>
          {comments.map((c) => (
            <li>{c}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

async function organiserEventPage(w: Web, errors: FieldErrors = [], status = 200) {
  const { t } = w;
  const o = organiserOf(w);
  const e = await getOrganiserEvent(o.scope, eventIdOf(w));
  const done = DONE[w.c.req.query("klaar") ?? ""];
  const reviewable = o.scope.kind === "region" && e.organiser.kind === "organisation" && (e.status === "in_review" || e.revisionStatus === "in_review");
  return render(w, {
    title: e.title,
    status,
    body: (
      <>
        <OrganiserCrumbs w={w} o={o} event={e} />
        <h1>{e.title}</h1>
        {done ? <Notice kind="success" title={t(done)} /> : null}
        <ErrorSummary t={t} errors={errors} />
        {e.revision && e.revisionStatus === "in_review" ? (
          <Notice kind="info" title={t("evo.page.revisionTitle", { title: e.revision.title })}>
            <p>{t("evo.page.revision")}</p>
            <Sessions w={w} sessions={e.revision.sessions} />
          </Notice>
        ) : null}
        {e.revisionStatus === "rejected" ? (
          <Notice kind="warning">
            <p>{t("evo.page.revisionRejected")}</p>
          </Notice>
        ) : null}
        <p class="lead">{e.summary}</p>
        <Facts w={w} e={e} />
        <Actions w={w} o={o} e={e} />
        {reviewable ? <ReviewForm w={w} o={o} e={e} errors={errors} /> : null}
        <Feedback w={w} e={e} />
      </>
    ),
  });
}

/** A 409 of a service shown on the event page (nothing to submit or review, started, changed meanwhile). */
async function orConflict(w: Web, action: () => Promise<Response>): Promise<Response> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof DomainError && (error.code === "conflict" || error.code === "validation_failed")) {
      return organiserEventPage(w, [{ id: "", message: w.t("evo.conflict") }], error.code === "conflict" ? 409 : 400);
    }
    throw error;
  }
}

async function submitSubmit(w: Web) {
  const o = organiserOf(w);
  return orConflict(w, async () => {
    const e = await submitEvent(o.scope, requireActor(w.c), eventIdOf(w), w.now);
    return seeOther(w, `${o.base}/${e.id}?klaar=ingediend`);
  });
}

async function reviewSubmit(w: Web) {
  const o = organiserOf(w);
  const form = await readForm(w);
  const parsed = parseForm(w.t, ReviewBody, { decision: field(form, "decision"), note: optional(form, "note") }, [["note", "f-note", "err.evoReason"]]);
  if (!parsed.ok) return organiserEventPage(w, parsed.errors, 400);
  if (o.scope.kind !== "region") throw new DomainError("not_found", "Unknown page");
  const scope = o.scope;
  return orConflict(w, async () => {
    const e = await reviewEvent(scope, requireActor(w.c), eventIdOf(w), parsed.value, w.now);
    deliverSoon(w.c);
    return seeOther(w, `${o.base}/${e.id}?klaar=${parsed.value.decision === "approve" ? "goedgekeurd" : "afgewezen"}`);
  });
}

const [regionEvent, partnerEvent] = bothAreas("/:id");
const [, partnerSubmit] = bothAreas("/:id/indienen");

export const organiserEventPages: PageRoute[] = [
  pageRoute("get", regionEvent, REGION_ORGANISERS, (w) => organiserEventPage(w)),
  pageRoute("get", partnerEvent, ORGANISATION_ORGANISERS, (w) => organiserEventPage(w)),
  pageRoute("post", partnerSubmit, ORGANISATION_ORGANISERS, submitSubmit),
  pageRoute("post", `${REGION_BASE}/:id/beoordelen`, REGION_ORGANISERS, reviewSubmit),
];
