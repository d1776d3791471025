/** Archiving a desk from the page: the appointments still ahead listed first, then the `cancelFuture` choice (the API's archive). */
import { archiveFrontdesk, readArchivePreview } from "../../features/frontdesks/frontdesks.admin.service";
import { deliverSoon } from "../../features/notifications/notify";
import { DomainError } from "../../lib/errors";
import { localDate } from "../../lib/time";
import { topicLabel } from "../../lib/vocabulary";
import type { Web } from "../kit/context";
import { formFields } from "../kit/fields";
import { field, readForm, type FieldErrors, type FormValues } from "../kit/form";
import { day, time } from "../kit/format";
import { actorOf, pageRoute, render, scopeOf, seeOther, withQuery, type PageRoute } from "../kit/page";
import { FormSection } from "../kit/scaffolds";
import { DataTable, Notice } from "../kit/ui";
import { DeskSubPage } from "../frontdesks/desk-page-frame";
import { ADMIN, desksBase } from "../frontdesks/shared";

export async function archivePage(w: Web, form: FormValues = {}, errors: FieldErrors = [], status = 200) {
  const { t, locale } = w;
  const { desk, upcoming } = await readArchivePreview(scopeOf(w), w.c.req.param("id") ?? "", w.now);
  const f = formFields(w, form, errors);
  const title = t("ra.archive.title", { name: desk.name });
  return render(w, {
    title,
    status,
    body: (
      <DeskSubPage w={w} desk={desk} section={t("ra.archive.short")} heading={title}>
        {desk.archived ? (
          <Notice kind="info" title={t("ra.archive.already")} />
        ) : (
          <>
            <p>{t("ra.archive.lead")}</p>
            <DataTable
              t={t}
              titled
              caption={t("ra.archive.upcoming", { n: upcoming.length })}
              columns={[t("ra.col.when"), t("ra.col.name"), t("ra.col.topic")]}
              empty={upcoming.length === 0 && t("ra.archive.noneUpcoming")}
            >
              {upcoming.map((a) => (
                <tr>
                  <td>
                    {day(localDate(a.startAt), locale, { short: true })} {time(a.startAt)}–{time(a.endAt)}
                  </td>
                  <td>{a.name ?? "—"}</td>
                  <td>{topicLabel(a.topic, locale)}</td>
                </tr>
              ))}
            </DataTable>
            <FormSection
              w={w}
              spec={{
                texts: { title: t("ra.archive.short"), submit: t("ra.archive.submit") },
                action: `${desksBase(w)}/${desk.id}/archiveren`,
                errors,
                heading: "h2",
                cancel: { href: `${desksBase(w)}/${desk.id}`, label: t("ra.erase.back") },
              }}
              fields={
                upcoming.length > 0 ? (
                  <f.Choices
                    id="f-cancel"
                    name="cancelFuture"
                    type="radio"
                    required
                    legend={t("ra.archive.choice")}
                    options={[
                      { value: "true", label: t("ra.archive.cancelYes") },
                      { value: "false", label: t("ra.archive.cancelNo") },
                    ]}
                  />
                ) : (
                  <input type="hidden" name="cancelFuture" value="false" />
                )
              }
            />
          </>
        )}
      </DeskSubPage>
    ),
  });
}

export async function archiveSubmit(w: Web) {
  const id = w.c.req.param("id") ?? "";
  const form = await readForm(w);
  const choice = field(form, "cancelFuture");
  if (choice !== "true" && choice !== "false") return archivePage(w, form, [{ id: "f-cancel", message: w.t("ra.archive.err.choose") }], 400);
  try {
    const { frontdesk, cancelled } = await archiveFrontdesk(scopeOf(w), actorOf(w), id, { cancelFuture: choice === "true", now: w.now });
    if (cancelled > 0) deliverSoon(w.c);
    return seeOther(w, withQuery(desksBase(w), { gearchiveerd: frontdesk.name, geannuleerd: cancelled }));
  } catch (error) {
    if (error instanceof DomainError && error.code === "has_future_appointments")
      return archivePage(w, form, [{ id: "f-cancel", message: w.t("ra.archive.err.upcoming") }], 409);
    throw error;
  }
}

export const archivePages: PageRoute[] = [
  pageRoute("get", "/beheer/:region/loketten/:id/archiveren", ADMIN, (w) => archivePage(w)),
  pageRoute("post", "/beheer/:region/loketten/:id/archiveren", ADMIN, archiveSubmit),
];
