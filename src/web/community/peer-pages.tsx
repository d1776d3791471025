/**
 * Peer contact pages for signed-in entrepreneurs: `/kennisplein/ondernemers` (visible
 * companies by topic, sector and municipality, each with a contact form) and
 * `/kennisplein/contact` (requests to me, with the sender's profile and message, and my
 * decision). The same services as the API; no address is ever shown here.
 */
import * as v from "valibot";
import { SECTORS } from "../../db/schema";
import { ENTREPRENEUR } from "../../features/auth/policy";
import { CompanyListQuery, ContactBody, ContactReplyBody } from "../../features/community/community.schemas";
import { decideContact, planCompanies, planContact, planInbox, sendContact } from "../../features/community/peers.service";
import { Id } from "../../features/frontdesks/frontdesks.schemas";
import { ReadPlan } from "../../db/read";
import { DomainError } from "../../lib/errors";
import { linksFor } from "../../lib/links";
import { topicLabel } from "../../lib/vocabulary";
import { topicOptions } from "../appointments/search";
import type { Web } from "../kit/context";
import { SelectField, TextArea, TextField } from "../kit/fields";
import { field, optional, readForm } from "../kit/form";
import { type PageRoute, pageRoute, render, seeOther } from "../kit/page";
import { FormActions } from "../kit/scaffolds";
import { Breadcrumbs, Notice } from "../kit/ui";
import { PostText } from "./post-text";
import { squareCrumbs } from "./question-list";
import { planEntrepreneur } from "../../features/entrepreneurs/entrepreneur-session";

const sectorText = (w: Web, sector: string | null) => (sector ? w.t(`sector.${sector}` as "sector.agriculture") : "");

function me(w: Web) {
  const found = w.c.get("entrepreneur");
  if (!found) throw new DomainError("unauthenticated", "Sign in");
  return found;
}

async function companiesPage(w: Web) {
  const { t } = w;
  const query = {
    topic: optional({ x: w.c.req.query("topic") ?? "" }, "x"),
    sector: optional({ x: w.c.req.query("sector") ?? "" }, "x"),
    municipality: optional({ x: w.c.req.query("municipality") ?? "" }, "x"),
  };
  const parsed = v.safeParse(CompanyListQuery, query);
  const plan = new ReadPlan(w.c.var.db);
  const companies = planCompanies(plan, me(w).id, parsed.success ? parsed.output : {});
  await plan.run();
  const list = companies();
  const title = t("cp.list.title");
  return render(w, {
    title,
    status: parsed.success ? 200 : 400,
    body: (
      <>
        <Breadcrumbs t={t} items={squareCrumbs(t, title)} />
        <h1>{title}</h1>
        <p class="lead">{t("cp.list.lead")}</p>
        {w.c.req.query("verstuurd") ? <Notice kind="success">{t("cp.contact.sent")}</Notice> : null}
        <form method="get" action="/kennisplein/ondernemers" class="form panel">
          <SelectField
            t={t}
            id="p-topic"
            name="topic"
            label={t("filter.topic")}
            errors={[]}
            value={query.topic}
            options={topicOptions(w)}
            empty={t("filter.anyTopic")}
          />
          <SelectField
            t={t}
            id="p-sector"
            name="sector"
            label={t("cp.filter.sector")}
            errors={[]}
            value={query.sector}
            options={SECTORS.map((s) => ({ value: s, label: sectorText(w, s) }))}
            empty={t("cp.filter.anySector")}
          />
          <TextField t={t} id="p-municipality" name="municipality" label={t("cp.filter.municipality")} errors={[]} value={query.municipality} width="m" />
          <FormActions submit={t("filter.apply")} />
        </form>
        {list.length === 0 ? <p>{t("cp.list.none")}</p> : null}
        <ul class="cards">
          {list.map((c) => (
            <li class="card">
              <h2 class="card__title heading-3">{c.companyName}</h2>
              <p class="card__meta">
                {[sectorText(w, c.sector), c.municipality, c.topics.map((x) => topicLabel(x, w.locale)).join(", ")].filter(Boolean).join(" · ")}
              </p>
              {c.description ? <PostText text={c.description} /> : null}
              <form method="post" action={`/kennisplein/ondernemers/${c.id}/contact`} class="form">
                <TextArea t={t} id={`m-${c.id}`} name="message" label={t("cp.contact.message", { name: c.companyName })} errors={[]} required />
                <FormActions submit={t("cp.contact.submit")} kind="secondary" />
              </form>
            </li>
          ))}
        </ul>
      </>
    ),
  });
}

async function postContact(w: Web) {
  const id = w.c.req.param("id") ?? "";
  if (!v.is(Id, id)) throw new DomainError("not_found", "company");
  const form = await readForm(w);
  const parsed = v.safeParse(ContactBody, { message: field(form, "message") });
  if (!parsed.success) throw new DomainError("validation_failed", "message");
  const plan = new ReadPlan(w.c.var.db);
  const session = await planEntrepreneur(w.c, plan);
  const sender = planContact(plan, session.sessionIdHash ?? "", id);
  await plan.run();
  await sendContact(w.c.var.db, sender(), id, parsed.output.message, { now: w.now, rateLimits: w.c.var.config.RATE_LIMITS, origin: linksFor(w.c).origin });
  return seeOther(w, "/kennisplein/ondernemers?verstuurd=1");
}

const DECISIONS = ["reply", "decline", "block", "report"] as const;

async function inboxPage(w: Web) {
  const { t } = w;
  const plan = new ReadPlan(w.c.var.db);
  const inbox = planInbox(plan, me(w).id);
  await plan.run();
  const items = inbox();
  const title = t("cp.inbox.title");
  return render(w, {
    title,
    body: (
      <>
        <Breadcrumbs t={t} items={squareCrumbs(t, title)} />
        <h1>{title}</h1>
        {items.length === 0 ? <p>{t("cp.inbox.none")}</p> : null}
        <ul class="cards">
          {items.map((c) => (
            <li class="card">
              <h2 class="card__title heading-3">{c.from.companyName}</h2>
              <p class="card__meta">
                {[sectorText(w, c.from.sector), c.from.municipality, t("cp.inbox.status", { status: c.status })].filter(Boolean).join(" · ")}
              </p>
              {c.from.description ? <PostText text={c.from.description} /> : null}
              <blockquote>
                <PostText text={c.message} />
              </blockquote>
              {c.status === "sent" ? (
                <form method="post" action={`/kennisplein/contact/${c.id}`} class="form">
                  <SelectField
                    t={t}
                    id={`d-${c.id}`}
                    name="decision"
                    label={t("cp.inbox.decision")}
                    errors={[]}
                    options={DECISIONS.map((d) => ({ value: d, label: t(`cp.inbox.decision.${d}`) }))}
                    required
                  />
                  <TextArea t={t} id={`r-${c.id}`} name="message" label={t("cp.inbox.reply")} errors={[]} />
                  <FormActions submit={t("cp.inbox.do")} kind="secondary" />
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      </>
    ),
  });
}

async function postDecision(w: Web) {
  const id = w.c.req.param("id") ?? "";
  if (!v.is(Id, id)) throw new DomainError("not_found", "request");
  const form = await readForm(w);
  const parsed = v.safeParse(ContactReplyBody, { decision: field(form, "decision"), message: optional(form, "message") });
  if (!parsed.success) throw new DomainError("validation_failed", "decision");
  await decideContact(w.c.var.db, me(w).id, id, parsed.output, w.now);
  return seeOther(w, "/kennisplein/contact");
}

export const peerPages: PageRoute[] = [
  pageRoute("get", "/kennisplein/ondernemers", ENTREPRENEUR, companiesPage),
  pageRoute("post", "/kennisplein/ondernemers/:id/contact", ENTREPRENEUR, postContact),
  pageRoute("get", "/kennisplein/contact", ENTREPRENEUR, inboxPage),
  pageRoute("post", "/kennisplein/contact/:id", ENTREPRENEUR, postDecision),
];
