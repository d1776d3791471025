/**
 * `/beheer/:region/kennisplein/open`: the knowledge square's questions of the region (and of
 * all of Limburg) that have had no answer for 3 working days, for the region's desks, who can
 * answer them or refer the entrepreneur (issue 18). The same `planUnanswered` as the
 * moderation queue, one read after the session; nothing of moderation (reports, hidden posts).
 */
import { rolesAccess } from "../../features/auth/policy";
import { planUnanswered } from "../../features/community/moderation.service";
import { ReadPlan } from "../../db/read";
import type { Web } from "../kit/context";
import { type PageRoute, pageRoute, render, scopeOf } from "../kit/page";
import { Breadcrumbs } from "../kit/ui";

const DESKS = rolesAccess("region_admin", "frontdesk_staff", "consultant");

async function unansweredPage(w: Web) {
  const { t } = w;
  const scope = scopeOf(w);
  const plan = new ReadPlan(w.c.var.db);
  const unanswered = planUnanswered(plan, scope, w.now);
  await plan.run();
  const questions = unanswered();
  const title = t("cq.mod.unanswered");
  return render(w, {
    title,
    body: (
      <>
        <Breadcrumbs
          t={t}
          items={[
            [t("cq.nav"), "/kennisplein"],
            [title, null],
          ]}
        />
        <h1>{title}</h1>
        <p>{t("cq.open.lead")}</p>
        {questions.length === 0 ? (
          <p>{t("cq.mod.unansweredNone")}</p>
        ) : (
          <ul class="link-list">
            {questions.map((q) => (
              <li>
                <a href={`/kennisplein/vragen/${q.id}#answer-title`}>{q.title}</a>
              </li>
            ))}
          </ul>
        )}
      </>
    ),
  });
}

export const unansweredPages: PageRoute[] = [pageRoute("get", "/beheer/:region/kennisplein/open", DESKS, unansweredPage)];
