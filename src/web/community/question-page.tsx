/**
 * `/kennisplein/vragen/:id`: one question with its answers (the same `planQuestion` as the
 * API, read with the entrepreneur session and the regions in one round trip), and the forms
 * that act on it: answer (entrepreneurs, partners, staff), accept (the asker), useful and
 * report (anyone signed in). Posts are plain text through `PostText` (links `nofollow ugc`).
 */
import * as v from "valibot";
import { ENTREPRENEUR, PUBLIC } from "../../features/auth/policy";
import { AnswerBody, ANONYMOUS_LABEL, type AnswerView, ReportBody } from "../../features/community/community.schemas";
import { MEMBERS, posterOf } from "../../features/community/community-access";
import { acceptAnswer, answerQuestion, markUseful, planQuestion, reportPost } from "../../features/community/questions.service";
import { planEntrepreneur } from "../../features/entrepreneurs/entrepreneur-session";
import { Id } from "../../features/frontdesks/frontdesks.schemas";
import { planRegions } from "../../features/regions/regions.service";
import { ReadPlan } from "../../db/read";
import { DomainError } from "../../lib/errors";
import { localDate, parseInstant } from "../../lib/time";
import { topicLabel } from "../../lib/vocabulary";
import type { Web } from "../kit/context";
import { ErrorSummary, TextArea, TextField } from "../kit/fields";
import { field, type FieldErrors, type FieldMap, type FormValues, parseForm, readForm, serviceErrors } from "../kit/form";
import { day } from "../kit/format";
import { type PageRoute, pageRoute, render, seeOther } from "../kit/page";
import { FormActions } from "../kit/scaffolds";
import { Breadcrumbs, Notice } from "../kit/ui";
import { askerText, regionName, squareCrumbs } from "./question-list";
import { PostText } from "./post-text";

const ANSWER_FIELDS: FieldMap = [
  ["body", "a-body", "cq.answer.bad"],
  ["offerSlugs", "a-offers", "cq.answer.badOffers"],
  ["eventSlugs", "a-offers", "cq.answer.badOffers"],
];

function authorText(w: Web, a: AnswerView): string {
  if (a.author.kind === "partner") return w.t("cq.author.partner", { name: a.author.label.replace(/^Expert van /, "") });
  if (a.author.kind === "staff") return w.t("cq.author.staff", { name: a.author.label.replace(/^Loket /, "") });
  return a.author.label;
}

const dateOf = (w: Web, iso: string) => day(localDate(parseInstant(iso) ?? w.now), w.locale);

/** A small POST form with one button (and hidden fields). */
function ButtonForm({ action, label, hidden, kind = "secondary" }: { action: string; label: string; hidden: Record<string, string>; kind?: string }) {
  return (
    <form method="post" action={action} class="inline-form">
      {Object.entries(hidden).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class={`button button--${kind} button--small`}>
        {label}
      </button>
    </form>
  );
}

function ReportForm({ w, kind, id, questionId }: { w: Web; kind: "question" | "answer"; id: string; questionId: string }) {
  const fieldId = `r-${kind}-${id}`;
  return (
    <details class="report">
      <summary>{w.t("cq.q.report")}</summary>
      <form method="post" action="/kennisplein/melden" class="form">
        <input type="hidden" name="kind" value={kind} />
        <input type="hidden" name="id" value={id} />
        <input type="hidden" name="questionId" value={questionId} />
        <TextField t={w.t} id={fieldId} name="reason" label={w.t("cq.q.reportReason")} errors={[]} required />
        <FormActions submit={w.t("cq.q.report")} kind="secondary" />
      </form>
    </details>
  );
}

async function questionPage(w: Web, form: FormValues = {}, errors: FieldErrors = [], status = 200) {
  const { t } = w;
  const id = w.c.req.param("id") ?? "";
  if (!v.is(Id, id)) throw new DomainError("not_found", "question");
  const plan = new ReadPlan(w.c.var.db);
  const session = await planEntrepreneur(w.c, plan);
  const read = planQuestion(plan, id, session.sessionIdHash ? { sessionIdHash: session.sessionIdHash } : null);
  const regionsOf = planRegions(plan);
  await plan.run();
  const me = session.me();
  const { question: q, answers } = read();
  const mine = q.mine && me !== null;
  const signedIn = me !== null || w.actor !== null;
  const regions = regionsOf();
  const notice = w.c.req.query("gemeld") ? <Notice kind="success">{t("cq.q.reported")}</Notice> : null;
  return render(w, {
    title: q.title,
    status,
    body: (
      <>
        <Breadcrumbs t={t} items={squareCrumbs(t, q.title)} />
        {notice}
        <article class="question" aria-labelledby="q-title">
          <h1 id="q-title">{q.title}</h1>
          <p class="card__meta">
            {topicLabel(q.topic, w.locale)} · {regionName(w, regions, q.region)} ·{" "}
            {t("cq.list.askedBy", { label: askerText(w, q.asker.label, ANONYMOUS_LABEL), date: dateOf(w, q.askedAt) })}
          </p>
          {q.status === "pending" ? <Notice kind="info">{t("cq.q.pending")}</Notice> : null}
          <PostText text={q.body} />
          {q.moderatorNote ? (
            <p class="moderator-note">{t("cq.q.note", { note: q.moderatorNote })}</p>
          ) : q.edited ? (
            <p class="moderator-note">{t("cq.q.edited")}</p>
          ) : null}
          {signedIn && q.status === "published" ? <ReportForm w={w} kind="question" id={q.id} questionId={q.id} /> : null}
        </article>
        <section class="section" aria-labelledby="answers-title">
          <h2 id="answers-title">{t("cq.q.answers")}</h2>
          {answers.length === 0 ? <p>{t("cq.q.noAnswers")}</p> : null}
          <ul class="answers">
            {answers.map((a) => (
              <li class={`answer${a.accepted ? " answer--accepted" : ""}`} id={`antwoord-${a.id}`}>
                {a.accepted ? <p class="answer__accepted">{t("cq.q.accepted")}</p> : null}
                <p class="card__meta">
                  <strong>{authorText(w, a)}</strong> · {dateOf(w, a.answeredAt)}
                </p>
                <PostText text={a.body} />
                {a.moderatorNote ? <p class="moderator-note">{t("cq.q.note", { note: a.moderatorNote })}</p> : null}
                {a.offers.length > 0 ? (
                  <p>
                    {t("cq.q.linkedOffers")}:{" "}
                    {a.offers.map((o, i) => (
                      <>
                        {i > 0 ? ", " : ""}
                        <a href={`/aanbod/${o.slug}`}>{o.title}</a>
                      </>
                    ))}
                  </p>
                ) : null}
                {a.events.length > 0 ? (
                  <p>
                    {t("cq.q.linkedEvents")}:{" "}
                    {a.events.map((e, i) => (
                      <>
                        {i > 0 ? ", " : ""}
                        <a href={`/evenementen/${e.slug}`}>{e.title}</a>
                      </>
                    ))}
                  </p>
                ) : null}
                <div class="answer__actions">
                  {signedIn ? (
                    <ButtonForm
                      action={`/kennisplein/antwoorden/${a.id}/nuttig`}
                      label={t("cq.q.useful", { count: String(a.usefulCount) })}
                      hidden={{ questionId: q.id }}
                    />
                  ) : (
                    <span>{t("cq.q.useful", { count: String(a.usefulCount) })}</span>
                  )}
                  {mine && !a.accepted ? (
                    <ButtonForm action={`/kennisplein/vragen/${q.id}/accepteren`} label={t("cq.q.accept")} hidden={{ answerId: a.id }} kind="primary" />
                  ) : null}
                </div>
                {signedIn ? <ReportForm w={w} kind="answer" id={a.id} questionId={q.id} /> : null}
              </li>
            ))}
          </ul>
        </section>
        {q.status === "published" ? (
          signedIn ? (
            <section class="section" aria-labelledby="answer-title">
              <h2 id="answer-title">{t("cq.answer.title")}</h2>
              <ErrorSummary t={t} errors={errors} />
              <form method="post" action={`/kennisplein/vragen/${q.id}`} class="form" novalidate>
                <TextArea
                  t={t}
                  id="a-body"
                  name="body"
                  label={t("cq.answer.body")}
                  hint={t("cq.answer.bodyHint")}
                  errors={errors}
                  value={field(form, "body")}
                  required
                />
                <TextField
                  t={t}
                  id="a-offers"
                  name="offerSlugs"
                  label={t("cq.answer.offers")}
                  hint={t("cq.answer.offersHint")}
                  errors={errors}
                  value={field(form, "offerSlugs")}
                />
                <FormActions submit={t("cq.answer.submit")} />
              </form>
            </section>
          ) : (
            <p>
              <a href={`/mijn/inloggen?next=${encodeURIComponent(`/kennisplein/vragen/${q.id}`)}`}>{t("cq.answer.signIn")}</a>
            </p>
          )
        ) : null}
      </>
    ),
  });
}

const slugList = (value: string) =>
  value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

async function postAnswer(w: Web) {
  const id = w.c.req.param("id") ?? "";
  if (!v.is(Id, id)) throw new DomainError("not_found", "question");
  const form = await readForm(w);
  const parsed = parseForm(w.t, AnswerBody, { body: field(form, "body"), offerSlugs: slugList(field(form, "offerSlugs")) }, ANSWER_FIELDS);
  if (!parsed.ok) return questionPage(w, form, parsed.errors, 400);
  try {
    const answer = await answerQuestion(w.c.var.db, posterOf(w.c), id, parsed.value, { now: w.now, rateLimits: w.c.var.config.RATE_LIMITS });
    return seeOther(w, `/kennisplein/vragen/${id}#antwoord-${answer.id}`);
  } catch (error) {
    const shown = serviceErrors(w.t, error, ANSWER_FIELDS);
    if (shown) return questionPage(w, form, shown.errors, shown.status);
    if (error instanceof DomainError && error.code === "forbidden") return questionPage(w, form, [{ id: "", message: w.t("cq.answer.blocked") }], 403);
    throw error;
  }
}

async function postAccept(w: Web) {
  const id = w.c.req.param("id") ?? "";
  const form = await readForm(w);
  const answerId = field(form, "answerId");
  if (!v.is(Id, id) || !v.is(Id, answerId)) throw new DomainError("not_found", "answer");
  const me = w.c.get("entrepreneur");
  if (!me) throw new DomainError("unauthenticated", "Sign in");
  await acceptAnswer(w.c.var.db, me.id, id, answerId, w.now);
  return seeOther(w, `/kennisplein/vragen/${id}#antwoord-${answerId}`);
}

async function postUseful(w: Web) {
  const id = w.c.req.param("id") ?? "";
  const form = await readForm(w);
  const questionId = field(form, "questionId");
  if (!v.is(Id, id) || !v.is(Id, questionId)) throw new DomainError("not_found", "answer");
  await markUseful(w.c.var.db, posterOf(w.c), id, w.now);
  return seeOther(w, `/kennisplein/vragen/${questionId}#antwoord-${id}`);
}

async function postReport(w: Web) {
  const form = await readForm(w);
  const kind = field(form, "kind");
  const id = field(form, "id");
  const questionId = field(form, "questionId");
  if ((kind !== "question" && kind !== "answer") || !v.is(Id, id) || !v.is(Id, questionId)) throw new DomainError("not_found", "post");
  const parsed = v.safeParse(ReportBody, { reason: field(form, "reason") });
  if (!parsed.success) return seeOther(w, `/kennisplein/vragen/${questionId}`);
  await reportPost(w.c.var.db, posterOf(w.c), kind, id, parsed.output.reason, { now: w.now, rateLimits: w.c.var.config.RATE_LIMITS });
  return seeOther(w, `/kennisplein/vragen/${questionId}?gemeld=1`);
}

export const questionPages: PageRoute[] = [
  pageRoute("get", "/kennisplein/vragen/:id", PUBLIC, (w) => questionPage(w)),
  pageRoute("post", "/kennisplein/vragen/:id", MEMBERS, postAnswer),
  pageRoute("post", "/kennisplein/vragen/:id/accepteren", ENTREPRENEUR, postAccept),
  pageRoute("post", "/kennisplein/antwoorden/:id/nuttig", MEMBERS, postUseful),
  pageRoute("post", "/kennisplein/melden", MEMBERS, postReport),
];
