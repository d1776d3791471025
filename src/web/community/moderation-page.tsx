/**
 * `/beheer/:region/kennisplein`: the region's moderation queue (the same `planModerationQueue`
 * as the API, one read after the session) with one form per post (publish, hide, restore,
 * edit with a visible note, block the author), and the questions unanswered after 3 working
 * days. Region admins only; another region's admin gets 404, the province 403.
 */
import { rolesAccess } from "../../features/auth/policy";
import { MODERATION_ACTIONS, ModerationBody, type ModerationItem } from "../../features/community/community.schemas";
import { moderate, planModerationQueue } from "../../features/community/moderation.service";
import { ReadPlan } from "../../db/read";
import { DomainError } from "../../lib/errors";
import type { Web } from "../kit/context";
import { SelectField, TextArea, TextField } from "../kit/fields";
import { field, optional, readForm } from "../kit/form";
import { actorOf, type PageRoute, pageRoute, render, scopeOf, seeOther } from "../kit/page";
import { FormActions } from "../kit/scaffolds";
import { Breadcrumbs, Notice } from "../kit/ui";
import * as v from "valibot";
import { Id } from "../../features/frontdesks/frontdesks.schemas";
import { PostText } from "./post-text";
import { askerText } from "./question-list";
import { ANONYMOUS_LABEL } from "../../features/community/community.schemas";

const MODERATORS = rolesAccess("region_admin", "programme_office");

function ItemForm({ w, item }: { w: Web; item: ModerationItem }) {
  const { t } = w;
  const base = `m-${item.kind}-${item.id}`;
  const region = w.region?.slug ?? "";
  return (
    <form method="post" action={`/beheer/${region}/kennisplein/${item.kind}/${item.id}`} class="form">
      <SelectField
        t={t}
        id={`${base}-action`}
        name="action"
        label={t("cq.mod.action")}
        errors={[]}
        options={MODERATION_ACTIONS.map((a) => ({ value: a, label: t(`cq.mod.action.${a}`) }))}
        required
      />
      <TextField t={t} id={`${base}-note`} name="note" label={t("cq.mod.note")} errors={[]} />
      {item.kind === "question" ? <TextField t={t} id={`${base}-title`} name="title" label={t("cq.mod.newTitle")} errors={[]} /> : null}
      <TextArea t={t} id={`${base}-body`} name="body" label={t("cq.mod.newBody")} errors={[]} />
      <FormActions submit={t("cq.mod.do")} kind="secondary" />
    </form>
  );
}

async function moderationPage(w: Web, problem: string | null = null, status = 200) {
  const { t } = w;
  const plan = new ReadPlan(w.c.var.db);
  const queueOf = planModerationQueue(plan, scopeOf(w), w.now);
  await plan.run();
  const queue = queueOf();
  const title = t("cq.mod.title");
  const done = w.c.req.query("gedaan") ? <Notice kind="success">{t("cq.mod.done")}</Notice> : null;
  return render(w, {
    title,
    status,
    body: (
      <>
        <Breadcrumbs
          t={t}
          items={[
            [w.region?.name ?? "", `/beheer/${w.region?.slug ?? ""}/agenda`],
            [title, null],
          ]}
        />
        <h1>{title}</h1>
        <p class="lead">{t("cq.mod.lead")}</p>
        {done}
        {problem ? <Notice kind="warning">{problem}</Notice> : null}
        {queue.items.length === 0 ? <p>{t("cq.mod.none")}</p> : null}
        <ul class="cards">
          {queue.items.map((item) => (
            <li class="card">
              <h2 class="heading-3">
                {t(`cq.mod.kind.${item.kind}`)}: <a href={`/kennisplein/vragen/${item.questionId}`}>{item.title}</a>
              </h2>
              <p class="card__meta">
                {t("cq.mod.status", { status: item.status })} · {askerText(w, item.author.label, ANONYMOUS_LABEL)}
              </p>
              <PostText text={item.body} />
              {item.reports.length > 0 ? (
                <>
                  <h3 class="heading-4">{t("cq.mod.reports")}</h3>
                  <ul>
                    {item.reports.map((r) => (
                      <li>{r.reason}</li>
                    ))}
                  </ul>
                </>
              ) : null}
              <ItemForm w={w} item={item} />
            </li>
          ))}
        </ul>
        <section class="section" aria-labelledby="unanswered-title">
          <h2 id="unanswered-title">{t("cq.mod.unanswered")}</h2>
          {queue.unanswered.length === 0 ? (
            <p>{t("cq.mod.unansweredNone")}</p>
          ) : (
            <ul>
              {queue.unanswered.map((q) => (
                <li>
                  <a href={`/kennisplein/vragen/${q.id}#answer-title`}>{q.title}</a>
                </li>
              ))}
            </ul>
          )}
        </section>
      </>
    ),
  });
}

async function postModeration(w: Web) {
  const kind = w.c.req.param("kind");
  const id = w.c.req.param("id") ?? "";
  if ((kind !== "question" && kind !== "answer") || !v.is(Id, id)) throw new DomainError("not_found", "post");
  const form = await readForm(w);
  const parsed = v.safeParse(ModerationBody, {
    action: field(form, "action"),
    note: optional(form, "note"),
    title: optional(form, "title"),
    body: optional(form, "body"),
  });
  if (!parsed.success) return moderationPage(w, w.t("cq.mod.bad"), 400);
  try {
    await moderate(scopeOf(w), actorOf(w), kind, id, parsed.output, w.now);
  } catch (error) {
    if (error instanceof DomainError && error.code === "conflict") return moderationPage(w, w.t("cq.mod.bad"), 409);
    throw error;
  }
  return seeOther(w, `/beheer/${w.region?.slug ?? ""}/kennisplein?gedaan=1`);
}

export const moderationPages: PageRoute[] = [
  pageRoute("get", "/beheer/:region/kennisplein", MODERATORS, (w) => moderationPage(w)),
  pageRoute("post", "/beheer/:region/kennisplein/:kind/:id", MODERATORS, postModeration),
];
