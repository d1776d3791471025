/** Lists of candidates: the region's (frontdesk staff: their desks') and a consultant's caseload. */
import { isAdmin as managesCandidates, recordPersonalDataAccess } from "../../features/scouting/scouting.access";
import { listCandidates } from "../../features/scouting/scouting.lists";
import type { Web } from "../kit/context";
import { actorOf, render, seeOther, scopeOf, pageRoute, type PageRoute } from "../kit/page";
import { Notice } from "../kit/ui";
import { CandidateTable, READERS, WORKERS, base } from "./shared";
import { findConsultant, listCaseload } from "../../features/scouting/caseload.service";

export async function candidatesPage(w: Web) {
  const { t } = w;
  const scope = scopeOf(w);
  const actor = actorOf(w);
  const rows = await listCandidates(scope, actor, {}, w.now);
  await recordPersonalDataAccess(scope, actor, { candidateIds: rows.map((r) => r.id), task: "candidate_list" }, w.now);
  const title = actor.role === "frontdesk_staff" ? t("sc.list.titleStaff") : t("sc.list.title");
  const isAdmin = managesCandidates(actor);
  return render(w, {
    title,
    body: (
      <>
        <h1>{title}</h1>
        {w.c.req.query("klaar") ? <Notice kind="success" title={t("sc.registered.done")} /> : null}
        <p>{t("sc.list.intro")}</p>
        <p class="actions">
          {actor.role !== "consultant" && actor.role !== "programme_office" ? (
            <a class="button button--primary" href={`${base(w)}/kandidaten/nieuw`}>
              {t("sc.list.new")}
            </a>
          ) : null}
          {isAdmin ? (
            <>
              <a href={`${base(w)}/toewijzen`}>{t("sc.assign.title")}</a>
              <a href={`${base(w)}/begeleiding/instellingen`}>{t("sc.settings.title")}</a>
              <a href={`${base(w)}/begeleiding/cijfers`}>{t("sc.fig.title")}</a>
            </>
          ) : null}
        </p>
        {rows.length === 0 ? <p class="empty">{t("sc.list.none")}</p> : <CandidateTable w={w} rows={rows} caption={title} />}
      </>
    ),
  });
}

/** A consultant's own caseload; the admin names whose (`?adviseur=`), else goes to the assignment page. */
export async function caseloadPage(w: Web) {
  const { t } = w;
  const scope = scopeOf(w);
  const actor = actorOf(w);
  let consultant: { id: string; name: string } | null = actor.role === "consultant" ? actor : null;
  if (!consultant) {
    consultant = await findConsultant(scope, w.c.req.query("adviseur") ?? "");
    if (!consultant) return seeOther(w, `${base(w)}/toewijzen`);
  }
  const title = consultant.id === actor.id ? t("sc.caseload.title") : t("sc.caseload.titleOf", { name: consultant.name });
  const rows = await listCaseload(scope, consultant.id, w.now);
  const groups = [
    { title: t("sc.caseload.active"), rows: rows.filter((r) => r.active) },
    { title: t("sc.caseload.ended"), rows: rows.filter((r) => !r.active) },
  ].filter((g) => g.rows.length > 0);
  return render(w, {
    title,
    body: (
      <>
        <h1>{title}</h1>
        <p>{t("sc.caseload.intro")}</p>
        {rows.length === 0 ? <p class="empty">{t("sc.caseload.none")}</p> : null}
        {groups.map((g) => (
          <>
            <h2>{g.title}</h2>
            <CandidateTable w={w} rows={g.rows} caption={g.title} />
          </>
        ))}
      </>
    ),
  });
}

export const candidateListPages: PageRoute[] = [
  pageRoute("get", "/beheer/:region/kandidaten", READERS, candidatesPage),
  pageRoute("get", "/beheer/:region/trajecten", WORKERS, caseloadPage),
];
