/** The region admin's failed notifications, with a retry for each. */
import type { Hono } from "hono";
import { rolesAccess } from "../../features/auth/policy";
import { listNotifications, retryNotification } from "../../features/notifications/notifications.service";
import type { AppEnv } from "../../lib/context";
import { localDate } from "../../lib/time";
import type { Web } from "../kit/context";
import { day } from "../kit/format";
import { page, regionPage, render, seeOther } from "../kit/page";
import { DataTable, Notice, numCol } from "../kit/ui";

const ADMIN = rolesAccess("region_admin");

async function notificationsPage(w: Web) {
  const { t, locale } = w;
  const scope = await regionPage(w, ADMIN);
  const failed = await listNotifications(scope, "failed");
  return render(w, {
    title: t("adm.notif.title"),
    body: (
      <>
        <h1>{t("adm.notif.title")}</h1>
        {w.c.req.query("klaar") ? <Notice kind="success" title={t("adm.notif.requeued")} /> : null}
        <p>{t("adm.notif.intro")}</p>
        {failed.length === 0 ? (
          <p class="empty">{t("adm.notif.none")}</p>
        ) : (
          <DataTable
            t={t}
            caption={t("adm.notif.title")}
            columns={[
              t("adm.notif.created"),
              t("adm.notif.kind"),
              t("adm.notif.recipient"),
              t("adm.notif.error"),
              numCol(t("adm.notif.attempts")),
              t("adm.closures.action"),
            ]}
          >
            {failed.map((m) => (
              <tr>
                <td>{day(localDate(m.createdAt), locale, { short: true })}</td>
                <td>{m.kind}</td>
                <td>{m.recipient}</td>
                <td>{m.lastError ?? "—"}</td>
                <td class="num">{m.attempts}</td>
                <td>
                  <form method="post" action={`/beheer/${scope.region.slug}/meldingen/${m.id}/opnieuw`}>
                    <button type="submit" class="button button--link">
                      {t("adm.notif.retry")}
                      <span class="visually-hidden"> {m.recipient}</span>
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </>
    ),
  });
}

async function notificationRetry(w: Web) {
  const scope = await regionPage(w, ADMIN);
  await retryNotification(scope, w.c.req.param("id") ?? "", Date.now());
  return seeOther(w, `/beheer/${scope.region.slug}/meldingen?klaar=1`);
}

export function registerNotificationPages(app: Hono<AppEnv>): void {
  app.get("/beheer/:region/meldingen", page(notificationsPage));
  app.post("/beheer/:region/meldingen/:id/opnieuw", page(notificationRetry));
}
