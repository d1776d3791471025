/**
 * Best-practice stories: the public list `/kennisplein/verhalen` and story page
 * `/kennisplein/verhalen/:slug` (the same `planStories`/`planStory` as the API, one round
 * trip), and the region admin's form `/beheer/:region/verhalen/nieuw` (`StoryBody`, the same
 * `publishStory`, consent date recorded with the admin's name).
 */
import { TOPICS } from "../../lib/vocabulary";
import { PUBLIC, rolesAccess } from "../../features/auth/policy";
import { StoryBody, type StoryView } from "../../features/community/community.schemas";
import { planStories, planStory, publishStory } from "../../features/community/stories.service";
import { ReadPlan } from "../../db/read";
import { topicLabel } from "../../lib/vocabulary";
import type { Web } from "../kit/context";
import { formFields } from "../kit/fields";
import { field, fields, type FieldErrors, type FieldMap, type FormValues, parseForm, readForm, serviceErrors } from "../kit/form";
import { actorOf, type PageRoute, pageRoute, render, scopeOf, seeOther } from "../kit/page";
import { formPage } from "../kit/scaffolds";
import { Breadcrumbs } from "../kit/ui";
import { PostText } from "./post-text";
import { squareCrumbs } from "./question-list";

const STORY_FIELDS: FieldMap = [
  ["title", "s-title", "cs.form.bad"],
  ["companyName", "s-company", "cs.form.bad"],
  ["summary", "s-summary", "cs.form.bad"],
  ["body", "s-body", "cs.form.bad"],
  ["topics", "s-topics", "cs.form.bad"],
  ["offerSlugs", "s-offers", "cs.form.bad"],
  ["frontdeskIds", "s-offers", "cs.form.bad"],
  ["consentDate", "s-consent", "cs.form.bad"],
];

function StoryCard({ w, s }: { w: Web; s: StoryView }) {
  return (
    <li class="card">
      <h2 class="card__title heading-3">
        <a href={`/kennisplein/verhalen/${s.slug}`}>{s.title}</a>
      </h2>
      <p class="card__meta">
        {s.companyName} · {s.topics.map((t) => topicLabel(t, w.locale)).join(", ")}
      </p>
      <p>{s.summary}</p>
    </li>
  );
}

async function storyList(w: Web) {
  const { t } = w;
  const plan = new ReadPlan(w.c.var.db);
  const topic = w.c.req.query("topic");
  const stories = planStories(plan, { topic: topic && (TOPICS as readonly string[]).includes(topic) ? topic : undefined });
  await plan.run();
  const title = t("cs.list.title");
  const list = stories();
  return render(w, {
    title,
    body: (
      <>
        <Breadcrumbs t={t} items={squareCrumbs(t, title)} />
        <h1>{title}</h1>
        <p class="lead">{t("cs.list.lead")}</p>
        {list.length === 0 ? (
          <p>{t("cs.list.none")}</p>
        ) : (
          <ul class="cards">
            {list.map((s) => (
              <StoryCard w={w} s={s} />
            ))}
          </ul>
        )}
      </>
    ),
  });
}

async function storyPage(w: Web) {
  const { t } = w;
  const plan = new ReadPlan(w.c.var.db);
  const story = planStory(plan, (w.c.req.param("slug") ?? "").slice(0, 100));
  await plan.run();
  const s = story();
  return render(w, {
    title: s.title,
    body: (
      <>
        <Breadcrumbs
          t={t}
          items={[
            [t("nav.home"), "/"],
            [t("cs.list.title"), "/kennisplein/verhalen"],
            [s.title, null],
          ]}
        />
        <h1>{s.title}</h1>
        <p class="card__meta">
          {s.companyName} · {s.topics.map((x) => topicLabel(x, w.locale)).join(", ")}
        </p>
        <p class="lead">{s.summary}</p>
        <PostText text={s.body} />
        {s.offers.length + s.frontdesks.length > 0 ? (
          <section class="section" aria-labelledby="helped-title">
            <h2 id="helped-title">{t("cs.helped")}</h2>
            <ul>
              {s.offers.map((o) => (
                <li>
                  <a href={`/aanbod/${o.slug}`}>{o.title}</a>
                </li>
              ))}
              {s.frontdesks.map((d) => (
                <li>
                  <a href={`/boeken/${s.region}/loket/${d.id}`}>{d.name}</a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </>
    ),
  });
}

function storyForm(w: Web, form: FormValues = {}, errors: FieldErrors = [], status = 200) {
  const { t } = w;
  const f = formFields(w, form, errors);
  const region = w.region?.slug ?? "";
  return formPage(
    w,
    {
      texts: { title: t("cs.form.title"), lead: t("cs.form.lead"), submit: t("cs.form.submit") },
      action: `/beheer/${region}/verhalen/nieuw`,
      errors,
      status,
    },
    <>
      <f.Text id="s-title" name="title" label={t("cs.form.sTitle")} required />
      <f.Text id="s-company" name="companyName" label={t("cs.form.company")} required />
      <f.Area id="s-summary" name="summary" label={t("cs.form.summary")} required />
      <f.Area id="s-body" name="body" label={t("cs.form.body")} required />
      <f.Choices
        id="s-topics"
        name="topics"
        legend={t("cs.form.topics")}
        type="checkbox"
        options={TOPICS.map((x) => ({ value: x, label: topicLabel(x, w.locale) }))}
        required
      />
      <f.Text id="s-offers" name="offerSlugs" label={t("cs.form.offers")} />
      <f.Text id="s-consent" name="consentDate" type="date" label={t("cs.form.consent")} required width="m" />
    </>,
  );
}

async function postStory(w: Web) {
  const form = await readForm(w);
  const input = {
    title: field(form, "title"),
    companyName: field(form, "companyName"),
    summary: field(form, "summary"),
    body: field(form, "body"),
    topics: fields(form, "topics"),
    offerSlugs: field(form, "offerSlugs")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    consentDate: field(form, "consentDate"),
  };
  const parsed = parseForm(w.t, StoryBody, input, STORY_FIELDS);
  if (!parsed.ok) return storyForm(w, form, parsed.errors, 400);
  try {
    const story = await publishStory(scopeOf(w), actorOf(w), parsed.value, w.now);
    return seeOther(w, `/kennisplein/verhalen/${story.slug}`);
  } catch (error) {
    const shown = serviceErrors(w.t, error, STORY_FIELDS);
    if (shown) return storyForm(w, form, shown.errors, shown.status);
    throw error;
  }
}

const ADMINS = rolesAccess("region_admin");
export const storyPages: PageRoute[] = [
  pageRoute("get", "/kennisplein/verhalen", PUBLIC, storyList),
  pageRoute("get", "/kennisplein/verhalen/:slug", PUBLIC, storyPage),
  pageRoute("get", "/beheer/:region/verhalen/nieuw", ADMINS, (w) => storyForm(w)),
  pageRoute("post", "/beheer/:region/verhalen/nieuw", ADMINS, postStory),
];
