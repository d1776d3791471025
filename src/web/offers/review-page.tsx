/**
 * The region's review queue (`/beheer/:region/aanbod`): new offers and changes of published
 * offers from organisations whose home region this is, each with its content and a decision
 * form (approve, or reject with a reason). Read and decided through the services of
 * `GET /regions/{region}/admin/offers?status=in_review` and `POST …/offers/{id}/review`.
 */
import { deliverWebhooksSoon } from "../../features/notifications/notify";
import { rolesAccess } from "../../features/auth/policy";
import type { OfferAdmin } from "../../features/catalogue/offer-dto";
import { ReviewBody } from "../../features/catalogue/offers.schemas";
import { listRegionOfferPage, reviewOffer } from "../../features/catalogue/offers.service";
import { requireActor } from "../../lib/context";
import { topicLabel } from "../../lib/vocabulary";
import { renderDescription } from "../catalogue/markdown";
import { audienceLabel, costLabel, offerKindLabel } from "../catalogue/shared";
import type { Web } from "../kit/context";
import { ErrorSummary, TextArea } from "../kit/fields";
import { type FieldErrors, type FieldMap, field, optional, parseForm, readForm } from "../kit/form";
import { day } from "../kit/format";
import { pageRoute, render, scopeOf, seeOther, type PageRoute } from "../kit/page";
import { Details, Notice } from "../kit/ui";

const REVIEWERS = rolesAccess("region_admin");

const reviewFields = (id: string): FieldMap => [
  ["decision", `f-note-${id}`, "rev.err.decision"],
  ["note", `f-note-${id}`, "rev.err.note"],
];

function ReviewItem({ w, offer, errors }: { w: Web; offer: OfferAdmin; errors: FieldErrors }) {
  const { t, locale } = w;
  const c = offer.revision ?? offer;
  const region = w.region?.slug ?? "";
  return (
    <li class="card review-item">
      <h2 class="card__title heading-3">{c.title}</h2>
      <p class="card__meta">
        {offer.revision ? t("rev.change") : t("rev.new")} · {offer.organisation.name}
        {offer.submittedAt ? ` · ${t("rev.submitted", { date: day(offer.submittedAt.slice(0, 10), locale) })}` : ""}
      </p>
      <p>{c.summary}</p>
      <details>
        <summary>{t("cat.offer.details")}</summary>
        <Details
          rows={[
            [t("cat.offer.kind"), offerKindLabel(w, c.kind)],
            [t("cat.offer.cost"), costLabel(w, c.cost)],
            [t("cat.offer.topics"), c.topics.map((tp) => topicLabel(tp, locale)).join(", ")],
            [t("cat.offer.audiences"), c.audiences.map((a) => audienceLabel(w, a)).join(", ")],
            [t("cat.offer.deadline"), c.deadline ?? t("cat.ongoing")],
          ]}
        />
        <h3 class="heading-4">{t("cat.offer.about")}</h3>
        <div class="prose">{renderDescription(c.description)}</div>
        <h3 class="heading-4">{t("cat.offer.apply")}</h3>
        <div class="prose">{renderDescription(c.howToApply)}</div>
      </details>
      <form method="post" action={`/beheer/${region}/aanbod/${offer.id}/beoordelen`} class="form" novalidate>
        <TextArea t={t} id={`f-note-${offer.id}`} name="note" label={t("rev.note")} hint={t("rev.noteHint")} errors={errors} maxlength={1000} />
        <div class="form__actions">
          <button type="submit" name="decision" value="approve" class="button button--primary">
            {t("rev.approve")}
            <span class="visually-hidden"> {c.title}</span>
          </button>
          <button type="submit" name="decision" value="reject" class="button button--warning">
            {t("rev.reject")}
            <span class="visually-hidden"> {c.title}</span>
          </button>
        </div>
      </form>
    </li>
  );
}

async function reviewPage(w: Web, errors: FieldErrors = [], status = 200) {
  const { t } = w;
  const scope = scopeOf(w);
  const page = await listRegionOfferPage(scope, { status: "in_review", limit: 100 }, w.now);
  const done = w.c.req.query("klaar");
  return render(w, {
    title: t("rev.title"),
    status,
    body: (
      <>
        <h1>{t("rev.title")}</h1>
        {done === "goedgekeurd" ? <Notice kind="success" title={t("rev.approved")} /> : null}
        {done === "afgewezen" ? <Notice kind="success" title={t("rev.rejected")} /> : null}
        <p class="lead">{t("rev.lead", { region: scope.region.name })}</p>
        <p class="actions">
          <a href={`/beheer/${scope.region.slug}/organisaties`}>{t("rev.organisations")}</a>
        </p>
        <ErrorSummary t={t} errors={errors} />
        {page.offers.length === 0 ? (
          <p class="empty">{t("rev.empty")}</p>
        ) : (
          <ul class="cards">
            {page.offers.map((offer) => (
              <ReviewItem w={w} offer={offer} errors={errors} />
            ))}
          </ul>
        )}
      </>
    ),
  });
}

async function reviewSubmit(w: Web) {
  const id = w.c.req.param("id") ?? "";
  const form = await readForm(w);
  const map = reviewFields(id);
  const parsed = parseForm(w.t, ReviewBody, { decision: field(form, "decision"), note: optional(form, "note") }, map);
  if (!parsed.ok) return reviewPage(w, parsed.errors, 400);
  // The page asks for a reason when rejecting (the partner must know what to change); the API leaves it optional.
  if (parsed.value.decision === "reject" && !parsed.value.note) return reviewPage(w, [{ id: `f-note-${id}`, message: w.t("rev.err.note") }], 400);
  const scope = scopeOf(w);
  await reviewOffer(scope, requireActor(w.c), id, parsed.value, w.now);
  deliverWebhooksSoon(w.c);
  return seeOther(w, `/beheer/${scope.region.slug}/aanbod?klaar=${parsed.value.decision === "approve" ? "goedgekeurd" : "afgewezen"}`);
}

export const reviewPages: PageRoute[] = [
  pageRoute("get", "/beheer/:region/aanbod", REVIEWERS, (w) => reviewPage(w)),
  pageRoute("post", "/beheer/:region/aanbod/:id/beoordelen", REVIEWERS, reviewSubmit),
];
