/** The region admin assigns new trajectories to consultants and sees each consultant's load. */
import { readAssignPage } from "../../features/scouting/scouting.reads";
import { topicLabel } from "../../lib/vocabulary";
import type { Web } from "../kit/context";
import { CapacityBody } from "../../features/programme/programme.schemas";
import { setConsultantCapacity } from "../../features/programme/programme.service";
import { ErrorSummary, SelectField, TextField } from "../kit/fields";
import { field, parseForm, readForm, type FieldErrors, type FieldMap } from "../kit/form";
import { day } from "../kit/format";
import { actorOf, render, seeOther, withQuery, scopeOf, pageRoute, type PageRoute } from "../kit/page";
import { Breadcrumbs, DataTable, Notice, numCol } from "../kit/ui";
import { ADMIN, base, candidateCrumbs, isoDay } from "./shared";

/** A consultant's FTE as the form shows it: Dutch with a decimal comma, English with a point; empty when not set. */
const fteText = (fte: number | null, locale: string) => (fte === null ? "" : locale === "nl" ? String(fte).replace(".", ",") : String(fte));

export async function assignPage(w: Web, errors: FieldErrors = [], status = 200, fteValues: Record<string, string> = {}) {
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
        {w.c.req.query("fte") ? <Notice kind="success" title={t("sc.fte.done")} /> : null}
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
          columns={[
            t("sc.traj.consultant"),
            numCol(t("sc.assign.active")),
            numCol(t("sc.assign.decisions")),
            numCol(t("sc.assign.sessions30")),
            t("sc.fte.column"),
          ]}
        >
          {loads.map((l) => (
            <tr>
              <th scope="row">
                <a href={withQuery(`${base(w)}/trajecten`, { adviseur: l.id })}>{l.name}</a>
              </th>
              <td class="num">{l.activeTrajectories}</td>
              <td class="num">{l.decisionsRequired}</td>
              <td class="num">{l.sessionsLast30Days}</td>
              <td>
                <form method="post" action={`${base(w)}/adviseurs/${l.id}/fte`} class="form form--inline" novalidate>
                  <TextField
                    t={t}
                    id={`f-fte-${l.id}`}
                    name="fte"
                    label={t("sc.fte.label", { name: l.name })}
                    hint={t("sc.fte.hint")}
                    value={fteValues[l.id] ?? fteText(l.fte, locale)}
                    errors={errors}
                    inputmode="text"
                    width="s"
                  />
                  <div class="form__actions">
                    <button type="submit" class="button button--secondary button--small">
                      {t("sc.fte.save")}
                      <span class="visually-hidden"> {l.name}</span>
                    </button>
                  </div>
                </form>
              </td>
            </tr>
          ))}
        </DataTable>
      </>
    ),
  });
}

/** Sets a consultant's FTE (issue 19) through the same service and schema as the API; empty removes it. */
export async function fteSubmit(w: Web) {
  const id = w.c.req.param("id") ?? "";
  const raw = field(await readForm(w), "fte").trim();
  const map: FieldMap = [["fte", `f-fte-${id}`, "sc.err.fte"]];
  // A decimal comma (Dutch) or point; anything else is not a number and the schema says so.
  const input = { fte: raw === "" ? null : /^\d+([.,]\d+)?$/.test(raw) ? Number(raw.replace(",", ".")) : Number.NaN };
  const parsed = parseForm(w.t, CapacityBody, input, map);
  if (!parsed.ok) return assignPage(w, parsed.errors, 400, { [id]: raw });
  await setConsultantCapacity(scopeOf(w), actorOf(w), id, parsed.value.fte, w.now);
  return seeOther(w, `${base(w)}/toewijzen?fte=1`);
}

export const assignmentPages: PageRoute[] = [
  pageRoute("get", "/beheer/:region/toewijzen", ADMIN, (w) => assignPage(w)),
  pageRoute("post", "/beheer/:region/adviseurs/:id/fte", ADMIN, fteSubmit),
];
