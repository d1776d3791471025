/** The region's audit log as a readable page: who (by name), what (in words), when (Amsterdam time); paged, filtered by kind. */
import { AUDIT_KINDS, readAuditPage, type AuditKind } from "../../features/audit/audit.service";
import { rolesAccess } from "../../features/auth/policy";
import { localDate } from "../../lib/time";
import type { MessageKey } from "../i18n";
import type { Web } from "../kit/context";
import { SelectField } from "../kit/fields";
import { day, time } from "../kit/format";
import { pageRoute, render, scopeOf, withQuery, type PageRoute } from "../kit/page";
import { FormActions } from "../kit/scaffolds";
import { DataTable } from "../kit/ui";

const ADMIN = rolesAccess("region_admin");

/** The action in words when the catalogue has them (`audit.a.<action>`), else its kind and code. */
function actionText(w: Web, action: string): string {
  const key = `audit.a.${action}` as MessageKey;
  // An action without words in the catalogue gives undefined (the key type is wider than the catalogue here).
  const words: string | undefined = w.t(key);
  if (words) return words;
  const kind = action.split(".")[0] ?? "";
  const kindWords: string | undefined = w.t(`audit.kind.${kind}` as MessageKey);
  return `${kindWords ?? kind}: ${action.split(".").slice(1).join(".").replace(/_/g, " ")}`;
}

/** `voor=<createdAt>.<id>`: the keyset cursor of the next page. */
function parseCursor(raw: string | undefined): { createdAt: number; id: string } | null {
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{1,64})$/.exec(raw ?? "");
  return match?.[1] && match[2] ? { createdAt: Number(match[1]), id: match[2] } : null;
}

export async function auditPage(w: Web) {
  const { t, locale } = w;
  const scope = scopeOf(w);
  const asked = w.c.req.query("soort") ?? "";
  const kind = (AUDIT_KINDS as readonly string[]).includes(asked) ? (asked as AuditKind) : null;
  const before = parseCursor(w.c.req.query("voor"));
  const { entries, next } = await readAuditPage(scope, { kind, before });
  const base = `/beheer/${scope.region.slug}/logboek`;
  const kindOptions = AUDIT_KINDS.map((k) => ({ value: k, label: t(`audit.kind.${k}` as MessageKey) }));
  return render(w, {
    title: t("audit.title"),
    body: (
      <>
        <h1>{t("audit.title")}</h1>
        <p class="lead">{t("audit.lead")}</p>
        <form method="get" action={base} class="form form--inline panel" novalidate>
          <SelectField
            t={t}
            id="f-kind"
            name="soort"
            label={t("audit.kind")}
            options={kindOptions}
            empty={t("audit.allKinds")}
            value={kind ?? ""}
            errors={[]}
          />
          <FormActions submit={t("audit.filter")} kind="secondary" />
        </form>
        <DataTable
          t={t}
          caption={t("audit.title")}
          columns={[t("audit.when"), t("audit.who"), t("audit.what"), t("audit.about")]}
          empty={entries.length === 0 && t("audit.none")}
        >
          {entries.map((e) => (
            <tr>
              <td>
                <time datetime={new Date(e.createdAt).toISOString()}>
                  {day(localDate(e.createdAt), locale, { short: true })} {time(e.createdAt)}
                </time>
              </td>
              <td>{e.actorName ?? (e.actorUserId ? t("audit.unknownActor") : t("audit.system"))}</td>
              <td>{actionText(w, e.action)}</td>
              <td>{e.targetDeskName ?? (e.targetType ? t("audit.target", { type: e.targetType }) : "")}</td>
            </tr>
          ))}
        </DataTable>
        <p class="pager">
          {before ? <a href={withQuery(base, { soort: kind })}>{t("audit.newest")}</a> : null}
          {next ? (
            <a href={withQuery(base, { soort: kind, voor: `${next.createdAt}.${next.id}` })} rel="next">
              {t("audit.older")}
            </a>
          ) : null}
        </p>
        <p class="small">{t("audit.timezone")}</p>
      </>
    ),
  });
}

export const auditPages: PageRoute[] = [pageRoute("get", "/beheer/:region/logboek", ADMIN, auditPage)];
