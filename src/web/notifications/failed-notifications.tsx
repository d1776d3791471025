/** The region admin's failed notifications, with a retry for each. */
import { rolesAccess } from "../../features/auth/policy";
import { listNotifications, retryNotification } from "../../features/notifications/notifications.service";
import { localDate } from "../../lib/time";
import type { Web } from "../kit/context";
import { day } from "../kit/format";
import { render, seeOther, scopeOf, pageRoute, type PageRoute } from "../kit/page";
import { DataTable, Notice, RowAction, numCol } from "../kit/ui";

const ADMIN = rolesAccess("region_admin");
const COLUMNS = ["adm.notif.created", "adm.notif.kind", "adm.notif.recipient", "adm.notif.error", "adm.notif.attempts", "adm.closures.action"] as const;

async function notificationsPage(w: Web) {
  const { t, locale } = w;
  const scope = scopeOf(w);
  const failed = await listNotifications(scope, "failed");
  return render(w, {
    title: t("adm.notif.title"),
    body: (
      <>
        <h1>{t("adm.notif.title")}</h1>
        {w.c.req.query("klaar") ? <Notice kind="success" title={t("adm.notif.requeued")} /> : null}
        <p>{t("adm.notif.intro")}</p>
        <DataTable
          empty={failed.length === 0 && t("adm.notif.none")}
          t={t}
          caption={t("adm.notif.title")}
          columns={COLUMNS.map((k) => (k === "adm.notif.attempts" ? numCol(t(k)) : t(k)))}
        >
          {failed.map((m) => (
            <tr>
              <td>{day(localDate(m.createdAt), locale, { short: true })}</td>
              <td>{m.kind}</td>
              <td>{m.recipient}</td>
              <td>{m.lastError ?? "—"}</td>
              <td class="num">{m.attempts}</td>
              <RowAction action={`/beheer/${scope.region.slug}/meldingen/${m.id}/opnieuw`} label={t("adm.notif.retry")} row={m.recipient} />
            </tr>
          ))}
        </DataTable>
      </>
    ),
  });
}

async function notificationRetry(w: Web) {
  const scope = scopeOf(w);
  await retryNotification(scope, w.c.req.param("id") ?? "", w.now);
  return seeOther(w, `/beheer/${scope.region.slug}/meldingen?klaar=1`);
}

export const notificationPages: PageRoute[] = [
  pageRoute("get", "/beheer/:region/meldingen", ADMIN, notificationsPage),
  pageRoute("post", "/beheer/:region/meldingen/:id/opnieuw", ADMIN, notificationRetry),
];
