/** The region admin assigns new trajectories to consultants and sees each consultant's load. */
import { readAssignPage } from "../../features/scouting/scouting.reads";
import { topicLabel } from "../../lib/vocabulary";
import type { Web } from "../kit/context";
import { ErrorSummary, SelectField } from "../kit/fields";
import type { FieldErrors } from "../kit/form";
import { day } from "../kit/format";
import { actorOf, render, withQuery, scopeOf, pageRoute, type PageRoute } from "../kit/page";
import { Breadcrumbs, DataTable, Notice, numCol } from "../kit/ui";
import { ADMIN, base, candidateCrumbs, isoDay } from "./shared";

export async function assignPage(w: Web, errors: FieldErrors = [], status = 200) {
  const { t, locale } = w;
  const scope = scopeOf(w);
  // One read batch: the candidates without a consultant and each consultant's load.
  const { unassigned, loads } = await readAssignPage(scope, actorOf(w), w.now);
  return render(w, {
    title: t("sc.assign.title"),
    status,
    body: (
      <>
        <Breadcrumbs t={t} items={candidateCrumbs(w, t("sc.assign.title"))} />
        <h1>{t("sc.assign.title")}</h1>
        {w.c.req.query("klaar") ? <Notice kind="success" title={t("sc.assign.done")} /> : null}
        <ErrorSummary t={t} errors={errors} />
        <p>{t("sc.assign.intro")}</p>
        {loads.length === 0 ? <p class="notice notice--warning">{t("sc.assign.noConsultants")}</p> : null}
        {unassigned.length === 0 ? (
          <p class="empty">{t("sc.assign.none")}</p>
        ) : (
          <ul class="agenda">
            {unassigned.map((c) => (
              <li class="agenda-item">
                <div class="agenda-item__body">
                  <h2 class="agenda-item__name">
                    <a href={`${base(w)}/kandidaten/${c.id}`}>{c.company.name}</a>
                  </h2>
                  <p class="agenda-item__meta">
                    {[
                      c.municipality,
                      topicLabel(c.topic, locale),
                      c.frontdesk?.name ?? t("sc.self"),
                      day(isoDay(c.registeredAt), locale, { short: true }),
                    ].join(" · ")}
                  </p>
                </div>
                {loads.length ? (
                  <form method="post" action={`${base(w)}/kandidaten/${c.id}/adviseur`} class="form form--inline agenda-item__actions" novalidate>
                    <input type="hidden" name="back" value="toewijzen" />
                    <SelectField
                      t={t}
                      id={`f-assign-${c.id}`}
                      name="consultantId"
                      label={t("sc.assign.for", { company: c.company.name })}
                      errors={errors}
                      options={loads.map((u) => ({ value: u.id, label: u.name }))}
                      empty={t("adm.choose")}
                      required
                    />
                    <div class="form__actions">
                      <button type="submit" class="button button--secondary button--small">
                        {t("sc.traj.assignSubmit")}
                        <span class="visually-hidden"> {c.company.name}</span>
                      </button>
                    </div>
                  </form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        <DataTable
          titled
          empty={loads.length === 0 && t("sc.assign.noConsultants")}
          t={t}
          caption={t("sc.assign.loads")}
          columns={[t("sc.traj.consultant"), numCol(t("sc.assign.active")), numCol(t("sc.assign.decisions")), numCol(t("sc.assign.sessions30"))]}
        >
          {loads.map((l) => (
            <tr>
              <th scope="row">
                <a href={withQuery(`${base(w)}/trajecten`, { adviseur: l.id })}>{l.name}</a>
              </th>
              <td class="num">{l.activeTrajectories}</td>
              <td class="num">{l.decisionsRequired}</td>
              <td class="num">{l.sessionsLast30Days}</td>
            </tr>
          ))}
        </DataTable>
      </>
    ),
  });
}

export const assignmentPages: PageRoute[] = [pageRoute("get", "/beheer/:region/toewijzen", ADMIN, (w) => assignPage(w))];
