/**
 * `/kennisplein/vragen/nieuw`: a signed-in entrepreneur asks a question (the API's `AskBody`
 * through `parseForm`, the same `askQuestion` service). A first question waits for a
 * moderator; the page it lands on says so.
 */
import { ENTREPRENEUR } from "../../features/auth/policy";
import { AskBody } from "../../features/community/community.schemas";
import { askQuestion } from "../../features/community/questions.service";
import { listRegions } from "../../features/regions/regions.service";
import { DomainError } from "../../lib/errors";
import { topicOptions } from "../appointments/search";
import type { Web } from "../kit/context";
import { formFields } from "../kit/fields";
import { field, type FieldErrors, type FieldMap, type FormValues, optional, parseForm, readForm, serviceErrors } from "../kit/form";
import { type PageRoute, pageRoute, seeOther } from "../kit/page";
import { formPage } from "../kit/scaffolds";
import { squareCrumbs } from "./question-list";

const ASK_FIELDS: FieldMap = [
  ["title", "q-title", "cq.ask.badTitle"],
  ["body", "q-body", "cq.ask.badBody"],
  ["topic", "q-topic", "cq.ask.badTopic"],
  ["region", "q-region", "cq.ask.badRegion"],
];

async function askPage(w: Web, form: FormValues = {}, errors: FieldErrors = [], status = 200) {
  const { t } = w;
  const regions = await listRegions(w.c.var.db);
  const f = formFields(w, form, errors);
  return formPage(
    w,
    {
      texts: { title: t("cq.ask.title"), lead: t("cq.ask.lead"), submit: t("cq.ask.submit") },
      action: "/kennisplein/vragen/nieuw",
      errors,
      status,
      breadcrumbs: squareCrumbs(t, t("cq.ask.title")),
      cancel: { href: "/kennisplein", label: t("cq.list.title") },
    },
    <>
      <f.Text id="q-title" name="title" label={t("cq.ask.qTitle")} required />
      <f.Area id="q-body" name="body" label={t("cq.ask.body")} hint={t("cq.answer.bodyHint")} required />
      <f.Select id="q-topic" name="topic" label={t("cq.ask.topic")} options={topicOptions(w)} empty="—" required />
      <f.Select
        id="q-region"
        name="region"
        label={t("cq.ask.region")}
        options={regions.map((r) => ({ value: r.slug, label: r.name }))}
        empty={t("cq.allLimburg")}
      />
      <div class="field">
        <label class="checkbox">
          <input type="checkbox" name="anonymous" value="yes" checked={field(form, "anonymous") === "yes"} /> {t("cq.ask.anonymous")}
        </label>
      </div>
    </>,
  );
}

async function postAsk(w: Web) {
  const form = await readForm(w);
  const input = {
    title: field(form, "title"),
    body: field(form, "body"),
    topic: optional(form, "topic"),
    region: optional(form, "region"),
    anonymous: field(form, "anonymous") === "yes",
  };
  const parsed = parseForm(w.t, AskBody, input, ASK_FIELDS);
  if (!parsed.ok) return askPage(w, form, parsed.errors, 400);
  const me = w.c.get("entrepreneur");
  if (!me) throw new DomainError("unauthenticated", "Sign in");
  try {
    const question = await askQuestion(w.c.var.db, me.id, parsed.value, { now: w.now, rateLimits: w.c.var.config.RATE_LIMITS });
    return seeOther(w, `/kennisplein/vragen/${question.id}`);
  } catch (error) {
    const shown = serviceErrors(w.t, error, ASK_FIELDS);
    if (shown) return askPage(w, form, shown.errors, shown.status);
    if (error instanceof DomainError && error.code === "forbidden") return askPage(w, form, [{ id: "", message: w.t("cq.answer.blocked") }], 403);
    throw error;
  }
}

export const askPages: PageRoute[] = [
  pageRoute("get", "/kennisplein/vragen/nieuw", ENTREPRENEUR, (w) => askPage(w)),
  pageRoute("post", "/kennisplein/vragen/nieuw", ENTREPRENEUR, postAsk),
];
