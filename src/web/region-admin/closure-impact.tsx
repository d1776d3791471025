/**
 * What a desk's closures ahead affect: per closure, the confirmed appointments on its days,
 * and a form to cancel them with a message. Each goes through the staff cancel path
 * (`cancelForEntrepreneur`: audit, the usual cancellation mail, now with the desk's message).
 */
import * as v from "valibot";
import { cancelForEntrepreneur } from "../../features/appointments/staff-appointments.service";
import { readAdminFrontdesk } from "../../features/frontdesks/frontdesks.admin.service";
import { deliverSoon } from "../../features/notifications/notify";
import { requiredParagraphs } from "../../lib/text";
import { linksFor } from "../../lib/links";
import { localDate, todayLocal } from "../../lib/time";
import { topicLabel } from "../../lib/vocabulary";
import type { Web } from "../kit/context";
import { ErrorSummary, TextArea } from "../kit/fields";
import { field, parseForm, readForm, type FieldErrors, type FieldMap } from "../kit/form";
import { day, time } from "../kit/format";
import { actorOf, pageRoute, scopeOf, seeOther, withQuery, type PageRoute } from "../kit/page";
import { FormActions } from "../kit/scaffolds";
import { DataTable, Notice, Panel } from "../kit/ui";
import { closuresPage } from "../frontdesks/closures";
import { ADMIN, desksBase } from "../frontdesks/shared";

type Closure = { id: string; from: string; to: string; reason: string };
type Upcoming = { id: string; startAt: number; endAt: number; name: string | null; topic: string };

/** The message is the page's own field (the cancel itself has no body): 1–1000 characters. */
const CancelMessage = v.object({ message: requiredParagraphs("message", 1000) });
const MESSAGE_FIELDS: FieldMap = [["message", "f-message", "ra.closure.err.message"]];

/** The confirmed appointments on a closure's days. */
const affected = (closure: Closure, upcoming: readonly Upcoming[]) =>
  upcoming.filter((a) => {
    const date = localDate(a.startAt);
    return date >= closure.from && date <= closure.to;
  });

/** Per closure ahead that affects appointments: the list and the cancel form (errors on the one that was sent). */
export function ClosureImpact(p: {
  w: Web;
  deskId: string;
  closures: readonly Closure[];
  upcoming: readonly Upcoming[];
  errors: FieldErrors;
  sentFor?: string;
}) {
  const { t, locale } = p.w;
  const today = todayLocal(p.w.now);
  const done = p.w.c.req.query("geannuleerd");
  const hits = p.closures.filter((c) => c.to >= today).map((c) => ({ closure: c, list: affected(c, p.upcoming) }));
  return (
    <>
      {done ? <Notice kind="success" title={t("ra.closure.cancelled", { n: done })} /> : null}
      <ErrorSummary t={t} errors={p.errors} />
      {hits
        .filter((h) => h.list.length > 0)
        .map(({ closure, list }) => (
          <Panel id={`closure-${closure.id}`} title={t("ra.closure.affected", { reason: closure.reason, n: list.length })}>
            <DataTable
              t={t}
              caption={t("ra.closure.affected", { reason: closure.reason, n: list.length })}
              label={t("ra.closure.tableLabel", { reason: closure.reason })}
              columns={[t("ra.col.when"), t("ra.col.name"), t("ra.col.topic")]}
            >
              {list.map((a) => (
                <tr>
                  <td>
                    {day(localDate(a.startAt), locale, { short: true })} {time(a.startAt)}–{time(a.endAt)}
                  </td>
                  <td>{a.name ?? "—"}</td>
                  <td>{topicLabel(a.topic, locale)}</td>
                </tr>
              ))}
            </DataTable>
            <form method="post" action={`${desksBase(p.w)}/${p.deskId}/sluitingen/${closure.id}/annuleren`} class="form" novalidate>
              <TextArea
                t={t}
                id={p.sentFor === closure.id ? "f-message" : `f-message-${closure.id}`}
                name="message"
                label={t("ra.closure.message")}
                hint={t("ra.closure.messageHint")}
                required
                errors={p.sentFor === closure.id ? p.errors : []}
                value=""
              />
              <FormActions submit={t("ra.closure.cancel", { n: list.length })} kind="warning" />
            </form>
          </Panel>
        ))}
    </>
  );
}

/** Cancels the closure's appointments (those still confirmed and on its days), each with the message. */
export async function closureCancelSubmit(w: Web) {
  const scope = scopeOf(w);
  const id = w.c.req.param("id") ?? "";
  const closureId = w.c.req.param("closureId") ?? "";
  const form = await readForm(w);
  const parsed = parseForm(w.t, CancelMessage, { message: field(form, "message") }, MESSAGE_FIELDS);
  if (!parsed.ok) return closuresPage(w, {}, parsed.errors, 400, closureId);
  const { closures, upcoming } = await readAdminFrontdesk(scope, id, w.now, { upcoming: true });
  const closure = closures.find((c) => c.id === closureId);
  if (!closure) return closuresPage(w, {}, [], 404);
  let cancelled = 0;
  for (const a of affected(closure, upcoming)) {
    await cancelForEntrepreneur(scope, actorOf(w), a.id, { now: w.now, links: linksFor(w.c), deskMessage: parsed.value.message });
    cancelled++;
  }
  if (cancelled > 0) deliverSoon(w.c);
  return seeOther(w, withQuery(`${desksBase(w)}/${id}/sluitingen`, { geannuleerd: cancelled }));
}

export const closureImpactPages: PageRoute[] = [pageRoute("post", "/beheer/:region/loketten/:id/sluitingen/:closureId/annuleren", ADMIN, closureCancelSubmit)];
