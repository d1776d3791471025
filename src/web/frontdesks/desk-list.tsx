/** The region's desks (archived ones included) with links to their hours and closures, and Carnival for the region. */
import { CarnivalBody } from "../../features/frontdesks/frontdesks.admin.schemas";
import { addCarnivalClosure, readDeskList } from "../../features/frontdesks/frontdesks.admin.service";
import { DomainError } from "../../lib/errors";
import { kindLabel, modeLabel } from "../../lib/vocabulary";
import type { Web } from "../kit/context";
import { readForm, wholeNumber } from "../kit/form";
import { actorOf, render, seeOther, scopeOf, pageRoute, type PageRoute } from "../kit/page";
import { DataTable, Notice } from "../kit/ui";
import * as v from "valibot";
import { ADMIN, CarnivalPanel, comingCarnivalYear, desksBase } from "./shared";

/** After archiving from its page: which desk, and how many appointments were cancelled. */
function archivedNotice(w: Web) {
  const name = w.c.req.query("gearchiveerd");
  if (!name) return null;
  const n = Number(w.c.req.query("geannuleerd") ?? 0) || 0;
  return <Notice kind="success" title={n > 0 ? w.t("ra.archive.doneCancelled", { name, n }) : w.t("ra.archive.done", { name })} />;
}

export async function deskListPage(w: Web) {
  const { t, locale } = w;
  const scope = scopeOf(w);
  const { desks, carnivalDone } = await readDeskList(scope, comingCarnivalYear(w), w.now);
  const base = desksBase(w);
  return render(w, {
    title: t("adm.desks.title"),
    body: (
      <>
        <h1>{t("adm.desks.title")}</h1>
        {w.c.req.query("klaar") === "carnaval" ? (
          <Notice kind="success" title={Number(w.c.req.query("nieuw") ?? 0) > 0 ? t("adm.carnival.done") : t("ra.carnival.nothingNew")} />
        ) : null}
        {archivedNotice(w)}
        <p class="actions">
          <a class="button button--primary" href={`${base}/nieuw`}>
            {t("adm.desks.new")}
          </a>
        </p>
        <DataTable
          t={t}
          caption={t("adm.desks.title")}
          columns={[t("adm.desk.name"), t("adm.desk.municipality"), t("adm.desk.kind"), t("adm.desk.modes"), t("adm.desks.state"), t("adm.desks.manage")]}
        >
          {desks.map((d) => (
            <tr>
              <th scope="row">
                <a href={`${base}/${d.id}`}>{d.name}</a>
              </th>
              <td>{d.municipality}</td>
              <td>{kindLabel(d.kind, locale)}</td>
              <td>{d.modes.map((m) => modeLabel(m, locale)).join(", ")}</td>
              <td>{d.archived ? t("adm.desks.archived") : d.isDemo ? t("adm.desks.demo") : t("adm.desks.active")}</td>
              <td>
                <a href={`${base}/${d.id}/openingstijden`}>
                  {t("adm.hours.short")}
                  <span class="visually-hidden"> {d.name}</span>
                </a>
                {" · "}
                <a href={`${base}/${d.id}/sluitingen`}>
                  {t("adm.closures.short")}
                  <span class="visually-hidden"> {d.name}</span>
                </a>
                {" · "}
                <a href={`${base}/${d.id}/feestdagen`}>
                  {t("ra.openings.short")}
                  <span class="visually-hidden"> {d.name}</span>
                </a>
                {d.archived ? null : (
                  <>
                    {" · "}
                    <a href={`${base}/${d.id}/archiveren`}>
                      {t("ra.archive.short")}
                      <span class="visually-hidden"> {d.name}</span>
                    </a>
                  </>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
        <CarnivalPanel w={w} of="region" action={`${base}/carnaval`} done={carnivalDone} />
      </>
    ),
  });
}

/** The Carnival preset for the region (`:id` absent) or one desk, then back where it was asked. */
export async function carnivalSubmit(w: Web) {
  const scope = scopeOf(w);
  const parsed = v.safeParse(CarnivalBody, { year: wholeNumber(await readForm(w), "year") });
  if (!parsed.success) throw new DomainError("validation_failed", "year");
  const id = w.c.req.param("id") ?? null;
  const created = await addCarnivalClosure(scope, actorOf(w), id, parsed.output.year, w.now);
  return seeOther(w, id ? `${desksBase(w)}/${id}/sluitingen?klaar=1` : `${desksBase(w)}?klaar=carnaval&nieuw=${created.length}`);
}

export const deskListPages: PageRoute[] = [
  pageRoute("get", "/beheer/:region/loketten", ADMIN, deskListPage),
  pageRoute("post", "/beheer/:region/loketten/carnaval", ADMIN, carnivalSubmit),
];
