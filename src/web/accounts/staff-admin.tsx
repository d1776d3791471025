/**
 * The region admin's staff pages: the region's accounts, inviting frontdesk staff and SME
 * consultants, changing, disabling and re-inviting them (the account services decide who
 * may change whom; the form shows what the API would refuse).
 */
import { RegionalAccountBody } from "../../features/accounts/accounts.schemas";
import {
  createAccount,
  getManageableAccount,
  readRegionStaff,
  resendInvitation,
  updateRegionAccount,
  type AccountDto,
} from "../../features/accounts/accounts.service";
import { assignableRoles, rolesAccess } from "../../features/auth/policy";
import { frontdesksFor } from "../../features/frontdesks/frontdesks.service";
import { deliverSoon } from "../../features/notifications/notify";
import type { Role } from "../../db/schema";
import type { RegionScope } from "../../db/scope";
import { DomainError } from "../../lib/errors";
import { linksFor } from "../../lib/links";
import type { Web } from "../kit/context";
import { formFields } from "../kit/fields";
import { field, fields, parseForm, readForm, serviceErrors, type FieldErrors, type FormValues } from "../kit/form";
import { actorOf, render, seeOther, scopeOf, pageRoute, type PageRoute } from "../kit/page";
import { formPage } from "../kit/scaffolds";
import { DataTable, Notice, Panel } from "../kit/ui";
import { roleLabel, STAFF_FIELDS } from "./labels";

const ADMIN = rolesAccess("region_admin");

const staffBase = (w: Web) => `/beheer/${w.region?.slug ?? ""}/medewerkers`;

/** The roles a region admin gives in the region (the form offers these only). */
const regionalRoles = (w: Web): Role[] => assignableRoles(actorOf(w)).filter((r) => r === "frontdesk_staff" || r === "consultant");

type StaffNotice = "uitgenodigd" | "opnieuw" | "uit" | "aan" | "opgeslagen";

const stateOf = (u: AccountDto) => (u.disabled ? "disabled" : u.hasPassword ? "active" : "invited");
const STATE_CLASS = { active: "completed", invited: "confirmed", disabled: "cancelled" } as const;

export async function staffListPage(w: Web) {
  const { t } = w;
  const scope = scopeOf(w);
  const actor = actorOf(w);
  // One read batch: the region's accounts with their desks, and the desks' names.
  const { users, desks } = await readRegionStaff(scope);
  const deskName = new Map(desks.map((d) => [d.id, d.name]));
  const may = assignableRoles(actor);
  const done = w.c.req.query("klaar") as StaffNotice | undefined;
  const notices: Record<StaffNotice, string> = {
    uitgenodigd: t("staffadm.invited.done", { email: w.c.req.query("email") ?? "" }),
    opnieuw: t("staffadm.resent"),
    uit: t("staffadm.disabledDone"),
    aan: t("staffadm.enabledDone"),
    opgeslagen: t("adm.saved"),
  };
  return render(w, {
    title: t("staffadm.title"),
    body: (
      <>
        <h1>{t("staffadm.title")}</h1>
        {done && notices[done] ? <Notice kind="success" title={notices[done]} /> : null}
        <p>{t("staffadm.intro")}</p>
        <p class="actions">
          <a class="button button--primary" href={`${staffBase(w)}/nieuw`}>
            {t("staffadm.invite")}
          </a>
        </p>
        <DataTable
          empty={users.length === 0 && t("staffadm.none")}
          t={t}
          caption={t("staffadm.title")}
          columns={[t("staffadm.name"), t("staffadm.email"), t("staffadm.role"), t("staffadm.desks"), t("staffadm.state"), t("staffadm.actions")]}
        >
          {users.map((u) => {
            const manageable = u.id !== actor.id && may.includes(u.role);
            const state = stateOf(u);
            return (
              <tr>
                <th scope="row">
                  {manageable ? <a href={`${staffBase(w)}/${u.id}`}>{u.name}</a> : u.name}
                  {u.id === actor.id ? ` ${t("staffadm.you")}` : ""}
                </th>
                <td>{u.email}</td>
                <td>{roleLabel(u.role, t)}</td>
                <td>{(u.frontdeskIds ?? []).map((id) => deskName.get(id) ?? id).join(", ") || "—"}</td>
                <td>
                  <span class={`status status--${STATE_CLASS[state]}`}>{t(`staffadm.${state}`)}</span>
                </td>
                <td>
                  {manageable ? (
                    <a href={`${staffBase(w)}/${u.id}`}>
                      {t("staffadm.edit")}
                      <span class="visually-hidden"> {u.name}</span>
                    </a>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            );
          })}
        </DataTable>
      </>
    ),
  });
}

/** Disable or enable, and a fresh invitation while no password is set. */
function AccountPanel({ w, user }: { w: Web; user: AccountDto }) {
  const { t } = w;
  const url = `${staffBase(w)}/${user.id}`;
  return (
    <Panel id="account" title={t("staffadm.manageTitle")} class="section">
      {!user.hasPassword && !user.disabled ? (
        <>
          <p>{t("staffadm.resendText")}</p>
          <form method="post" action={`${url}/uitnodiging`}>
            <button type="submit" class="button button--secondary">
              {t("staffadm.resend")}
            </button>
          </form>
        </>
      ) : null}
      <p>{t("staffadm.disableText")}</p>
      <form method="post" action={`${url}/${user.disabled ? "inschakelen" : "uitschakelen"}`}>
        <button type="submit" class={user.disabled ? "button button--secondary" : "button button--warning"}>
          {user.disabled ? t("staffadm.enable") : t("staffadm.disable")}
          <span class="visually-hidden"> {user.name}</span>
        </button>
      </form>
    </Panel>
  );
}

async function staffForm(w: Web, scope: RegionScope, opts: { user: AccountDto | null; form: FormValues; errors: FieldErrors; status?: number }) {
  const { t } = w;
  const { user, form, errors } = opts;
  const desks = await frontdesksFor(scope, actorOf(w));
  const title = user ? t("staffadm.editTitle", { name: field(form, "name") }) : t("staffadm.inviteTitle");
  const f = formFields(w, form, errors);
  const base = staffBase(w);
  const texts = { title, submit: user ? t("adm.save") : t("staffadm.inviteSubmit") };
  const breadcrumbs: Array<[string, string | null]> = [
    [t("staffadm.title"), base],
    [title, null],
  ];
  const roles = regionalRoles(w).map((r) => ({ value: r, label: roleLabel(r, t) }));
  const deskOptions = desks.map((d) => ({ value: d.id, label: `${d.name} (${d.municipality})` }));
  const spec = { texts, action: user ? `${base}/${user.id}` : `${base}/nieuw`, errors, status: opts.status, breadcrumbs };
  return formPage(
    w,
    { ...spec, cancel: { href: base, label: t("adm.cancel") }, after: user ? <AccountPanel w={w} user={user} /> : null },
    <>
      <f.Text id="f-name" name="name" label={t("staffadm.name")} required autocomplete="off" />
      {user ? null : <f.Text id="f-email" name="email" type="email" label={t("staffadm.email")} required autocomplete="off" inputmode="email" />}
      <f.Choices id="f-role" name="role" type="radio" legend={t("staffadm.role")} hint={t("staffadm.roleHint")} options={roles} required />
      {desks.length === 0 ? (
        <p class="notice notice--warning">{t("staffadm.noDesks")}</p>
      ) : (
        <div data-show-when="role=frontdesk_staff">
          <f.Choices id="f-desks" name="frontdeskIds" type="checkbox" legend={t("staffadm.desks")} hint={t("staffadm.desksHint")} options={deskOptions} />
        </div>
      )}
    </>,
  );
}

/**
 * The staff form as the API's account body, checked by its schema and against the roles
 * this admin may give; the typed input, or the field errors.
 */
function parseStaff(w: Web, form: FormValues, email: string) {
  const parsed = parseForm(
    w.t,
    RegionalAccountBody,
    { name: field(form, "name"), email, role: field(form, "role"), frontdeskIds: fields(form, "frontdeskIds") },
    STAFF_FIELDS,
  );
  if (!parsed.ok) return parsed;
  if (!regionalRoles(w).includes(parsed.value.role)) return { ok: false as const, errors: [{ id: "f-role", message: w.t("staffadm.err.role") }] };
  const { name, role, frontdeskIds } = parsed.value;
  return { ok: true as const, value: { email: parsed.value.email, name, role, frontdeskIds: role === "frontdesk_staff" ? (frontdeskIds ?? []) : [] } };
}

export async function newStaffPage(w: Web) {
  const scope = scopeOf(w);
  return staffForm(w, scope, { user: null, form: {}, errors: [] });
}

export async function createStaffSubmit(w: Web) {
  const scope = scopeOf(w);
  const form = await readForm(w);
  const parsed = parseStaff(w, form, field(form, "email").trim());
  if (!parsed.ok) return staffForm(w, scope, { user: null, form, errors: parsed.errors, status: 400 });
  try {
    await createAccount(scope.db, actorOf(w), scope.region, parsed.value, linksFor(w.c).origin, w.now);
  } catch (error) {
    if (error instanceof DomainError && error.code === "conflict")
      return staffForm(w, scope, { user: null, form, errors: [{ id: "f-email", message: w.t("staffadm.err.emailTaken") }], status: 409 });
    const refused = serviceErrors(w.t, error, STAFF_FIELDS);
    if (refused) return staffForm(w, scope, { user: null, form, errors: refused.errors, status: refused.status });
    throw error;
  }
  deliverSoon(w.c);
  return seeOther(w, `${staffBase(w)}?klaar=uitgenodigd&email=${encodeURIComponent(parsed.value.email)}`);
}

export async function editStaffPage(w: Web) {
  const scope = scopeOf(w);
  const user = await getManageableAccount(scope, actorOf(w), w.c.req.param("id") ?? "");
  return staffForm(w, scope, { user, form: { name: user.name, role: user.role, frontdeskIds: user.frontdeskIds ?? [] }, errors: [] });
}

export async function editStaffSubmit(w: Web) {
  const scope = scopeOf(w);
  const user = await getManageableAccount(scope, actorOf(w), w.c.req.param("id") ?? "");
  const form = await readForm(w);
  const parsed = parseStaff(w, form, user.email);
  if (!parsed.ok) return staffForm(w, scope, { user, form, errors: parsed.errors, status: 400 });
  const { name, role, frontdeskIds } = parsed.value;
  try {
    await updateRegionAccount(scope, actorOf(w), user.id, { name, role, frontdeskIds }, w.now);
  } catch (error) {
    const refused = serviceErrors(w.t, error, STAFF_FIELDS);
    if (refused) return staffForm(w, scope, { user, form, errors: refused.errors, status: refused.status });
    throw error;
  }
  return seeOther(w, `${staffBase(w)}?klaar=opgeslagen`);
}

export function setDisabled(disabled: boolean) {
  return async (w: Web) => {
    const scope = scopeOf(w);
    const user = await getManageableAccount(scope, actorOf(w), w.c.req.param("id") ?? "");
    await updateRegionAccount(scope, actorOf(w), user.id, { disabled }, w.now);
    return seeOther(w, `${staffBase(w)}?klaar=${disabled ? "uit" : "aan"}`);
  };
}

export async function resendSubmit(w: Web) {
  const scope = scopeOf(w);
  const user = await getManageableAccount(scope, actorOf(w), w.c.req.param("id") ?? "");
  await resendInvitation(scope, actorOf(w), user.id, linksFor(w.c).origin, w.now);
  deliverSoon(w.c);
  return seeOther(w, `${staffBase(w)}?klaar=opnieuw`);
}

export const staffPages: PageRoute[] = [
  pageRoute("get", "/beheer/:region/medewerkers", ADMIN, staffListPage),
  pageRoute("get", "/beheer/:region/medewerkers/nieuw", ADMIN, newStaffPage),
  pageRoute("post", "/beheer/:region/medewerkers/nieuw", ADMIN, createStaffSubmit),
  pageRoute("get", "/beheer/:region/medewerkers/:id", ADMIN, editStaffPage),
];

export const staffChangePages: PageRoute[] = [
  pageRoute("post", "/beheer/:region/medewerkers/:id", ADMIN, editStaffSubmit),
  pageRoute("post", "/beheer/:region/medewerkers/:id/uitschakelen", ADMIN, setDisabled(true)),
  pageRoute("post", "/beheer/:region/medewerkers/:id/inschakelen", ADMIN, setDisabled(false)),
  pageRoute("post", "/beheer/:region/medewerkers/:id/uitnodiging", ADMIN, resendSubmit),
];
