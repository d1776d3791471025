/** A desk's closures: the list, removing one, the Carnival preset and adding a closure (the API's `ClosureBody`). */
import { ClosureBody } from "../../features/frontdesks/frontdesks.admin.schemas";
import { addClosure, closedForCarnival, readAdminFrontdesk, removeClosure } from "../../features/frontdesks/frontdesks.admin.service";
import { readDutchDate } from "../../lib/dutch";
import type { Web } from "../kit/context";
import { formFields } from "../kit/fields";
import { field, parseForm, readForm, type FieldErrors, type FieldMap, type FormValues } from "../kit/form";
import { day } from "../kit/format";
import { actorOf, render, seeOther, scopeOf, pageRoute, type PageRoute } from "../kit/page";
import { FormSection } from "../kit/scaffolds";
import { DataTable, RowAction } from "../kit/ui";
import { DeskSubPage } from "./desk-page-frame";
import { ADMIN, CarnivalPanel, comingCarnivalYear, desksBase } from "./shared";
import { carnivalSubmit } from "./desk-list";
import { ClosureImpact } from "../region-admin/closure-impact";

/** A typed date (dd-mm-jjjj or YYYY-MM-DD) as YYYY-MM-DD, or the trimmed text when it is no date. */
function isoDate(typed: string): string {
  const read = readDutchDate(typed);
  return "date" in read ? read.date : typed.trim();
}

const CLOSURE_FIELDS: FieldMap = [
  ["from", "f-from", "adm.err.date"],
  ["to", "f-to", "adm.err.dateOrder", "partial_check"],
  ["to", "f-to", "adm.err.date"],
  ["reason", "f-reason", "adm.err.reason"],
];

export async function closuresPage(w: Web, form: FormValues = {}, errors: FieldErrors = [], status = 200, cancelFor?: string) {
  const { t, locale } = w;
  const scope = scopeOf(w);
  // One read batch: the desk, all its closures and its appointments ahead.
  const { desk, closures, upcoming } = await readAdminFrontdesk(scope, w.c.req.param("id") ?? "", w.now, { upcoming: true });
  // Errors of a closure's cancel form show there, not at the add form.
  const addErrors = cancelFor ? [] : errors;
  const url = `${desksBase(w)}/${desk.id}/sluitingen`;
  const f = formFields(w, form, addErrors);
  const title = t("adm.closures.titleFor", { name: desk.name });
  return render(w, {
    title,
    status,
    body: (
      <DeskSubPage w={w} desk={desk} section={t("adm.closures.title")} heading={title}>
        <p>{t("adm.closures.intro")}</p>
        <DataTable
          empty={closures.length === 0 && t("adm.closures.none")}
          t={t}
          caption={t("adm.closures.title")}
          columns={[t("adm.closures.from"), t("adm.closures.to"), t("adm.closures.reason"), t("adm.closures.action")]}
        >
          {closures.map((cl) => (
            <tr>
              <td>{day(cl.from, locale)}</td>
              <td>{day(cl.to, locale)}</td>
              <td>{cl.reason}</td>
              <RowAction action={`${url}/${cl.id}/verwijderen`} label={t("adm.closures.remove")} row={cl.reason} />
            </tr>
          ))}
        </DataTable>
        <ClosureImpact w={w} deskId={desk.id} closures={closures} upcoming={upcoming} errors={cancelFor ? errors : []} sentFor={cancelFor} />
        <CarnivalPanel w={w} of="desk" action={`${desksBase(w)}/${desk.id}/carnaval`} done={closedForCarnival(closures, comingCarnivalYear(w))} />
        <FormSection
          w={w}
          spec={{ texts: { title: t("adm.closures.add"), submit: t("adm.closures.submit") }, action: url, errors: addErrors, heading: "h2" }}
          fields={
            <>
              <f.Text id="f-from" name="from" label={t("adm.closures.from")} hint={t("adm.closures.fromHint")} width="m" autocomplete="off" required />
              <f.Text id="f-to" name="to" label={t("adm.closures.to")} hint={t("adm.closures.toHint")} width="m" autocomplete="off" />
              <f.Text id="f-reason" name="reason" label={t("adm.closures.reason")} hint={t("adm.closures.reasonHint")} required autocomplete="off" />
            </>
          }
        />
      </DeskSubPage>
    ),
  });
}

export async function closureSubmit(w: Web) {
  const scope = scopeOf(w);
  const id = w.c.req.param("id") ?? "";
  const form = await readForm(w);
  // Dates as people type them (dd-mm-jjjj); what cannot be read goes on as typed, for the schema's message.
  const from = isoDate(field(form, "from"));
  const parsed = parseForm(w.t, ClosureBody, { from, to: isoDate(field(form, "to")) || from, reason: field(form, "reason") }, CLOSURE_FIELDS);
  if (!parsed.ok) return closuresPage(w, form, parsed.errors, 400);
  await addClosure(scope, actorOf(w), id, parsed.value, w.now);
  return seeOther(w, `${desksBase(w)}/${id}/sluitingen?klaar=1`);
}

export async function closureRemove(w: Web) {
  const scope = scopeOf(w);
  const id = w.c.req.param("id") ?? "";
  await removeClosure(scope, actorOf(w), id, w.c.req.param("closureId") ?? "", w.now);
  return seeOther(w, `${desksBase(w)}/${id}/sluitingen?klaar=1`);
}

export const closurePages: PageRoute[] = [
  pageRoute("get", "/beheer/:region/loketten/:id/sluitingen", ADMIN, (w) => closuresPage(w)),
  pageRoute("post", "/beheer/:region/loketten/:id/sluitingen", ADMIN, closureSubmit),
  pageRoute("post", "/beheer/:region/loketten/:id/sluitingen/:closureId/verwijderen", ADMIN, closureRemove),
  pageRoute("post", "/beheer/:region/loketten/:id/carnaval", ADMIN, carnivalSubmit),
];
