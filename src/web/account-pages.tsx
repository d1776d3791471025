/**
 * Accounts in the web front: accepting an invitation, forgotten password and reset, changing
 * one's own password, the region admin's staff pages and the platform admin's region-admin invite.
 * Every page reuses the account services; nothing here goes through the HTTP API.
 */
import type { Hono } from "hono";
import * as v from "valibot";
import { requireActor, type AppEnv, type RegionRef } from "../lib/context";
import { DomainError } from "../lib/errors";
import { sha256Hex } from "../lib/ids";
import { linksFor } from "../lib/links";
import { requestLimits } from "../lib/rate-limit";
import type { RegionScope } from "../db/scope";
import type { AccountTokenPurpose, Role } from "../db/schema";
import { REGIONAL_ROLES, assignableRoles, rolesAccess, PLATFORM_ADMIN } from "../features/auth/policy";
import { setSessionCookie, signIn } from "../features/auth/auth.service";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblem } from "../features/auth/password-policy";
import { Email } from "../features/accounts/accounts.schemas";
import { findAccountToken, findRegionUser, frontdeskIdsByUser } from "../features/accounts/accounts.repo";
import {
  changePassword,
  createAccount,
  readRegionStaff,
  requestPasswordReset,
  resendInvitation,
  setPasswordWithToken,
  updateRegionAccount,
} from "../features/accounts/accounts.service";
import { deliverSoon } from "../features/notifications/notify";
import { listFrontdesks } from "../features/frontdesks/frontdesks.repo";
import { findRegionBySlug, listRegions } from "../features/regions/regions.repo";
import { actorOf, field, fields, page, readForm, regionPageScope, render, seeOther, type FieldErrors, type Web } from "./web";
import { Breadcrumbs, ChoiceGroup, DataTable, ErrorSummary, Notice, SelectField, TextField } from "./layout";
import type { MessageKey, T } from "./i18n";
import { homeFor } from "./staff-pages";
import { assertSameOrigin, enforceAccess } from "../http/access";

const SIGNED_IN = rolesAccess("platform_admin", "province_viewer", ...REGIONAL_ROLES);
const ADMIN = rolesAccess("region_admin");

export function roleLabel(role: Role, t: T): string {
  return t(`role.${role}` as MessageKey);
}

// ---------------------------------------------------------------------------
// Password rules in the page's language

/** The password policy's (English) message as a text in the page's language. */
export function passwordMessage(t: T, problem: string): string {
  if (problem.includes("at least")) return t("pw.tooShort", { n: PASSWORD_MIN_LENGTH });
  if (problem.includes("at most")) return t("pw.tooLong", { n: PASSWORD_MAX_LENGTH });
  if (problem.includes("repeated")) return t("pw.repeated");
  if (problem.includes("common")) return t("pw.common");
  if (problem.includes("only digits")) return t("pw.digits");
  if (problem.includes("e-mail")) return t("pw.email");
  if (problem.includes("name")) return t("pw.name");
  if (problem.includes("differs")) return t("pw.same");
  if (problem.includes("current password")) return t("pw.currentWrong");
  return problem;
}

/** Checks a new password and its repetition; errors point at `f-password` and `f-password2`. */
function newPasswordErrors(t: T, password: string, repeat: string, who: { email: string; name: string }): FieldErrors {
  if (password.length === 0) return [{ id: "f-password", message: t("pw.empty") }];
  const problem = passwordProblem(password, who);
  if (problem) return [{ id: "f-password", message: passwordMessage(t, problem) }];
  if (password !== repeat) return [{ id: "f-password2", message: t("pw.mismatch") }];
  return [];
}

function NewPasswordFields({ t, errors, email }: { t: T; errors: FieldErrors; email: string }) {
  return (
    <>
      {/* Lets password managers store the new password with the right account. */}
      <input type="hidden" name="username" autocomplete="username" value={email} />
      <TextField
        t={t}
        id="f-password"
        name="password"
        type="password"
        label={t("pw.new")}
        hint={t("pw.hint", { n: PASSWORD_MIN_LENGTH })}
        errors={errors}
        autocomplete="new-password"
        required
      />
      <TextField t={t} id="f-password2" name="password2" type="password" label={t("pw.repeat")} errors={errors} autocomplete="new-password" required />
    </>
  );
}

// ---------------------------------------------------------------------------
// One-time links: invitation and password reset

const TOKEN_RE = /^[A-Za-z0-9_-]{20,100}$/;
const PATHS: Record<AccountTokenPurpose, string> = { invitation: "/account/uitnodiging", password_reset: "/account/wachtwoord-herstellen" };

async function openToken(w: Web, purpose: AccountTokenPurpose, token: string) {
  if (!TOKEN_RE.test(token)) return null;
  const found = await findAccountToken(w.c.var.db, await sha256Hex(token), purpose);
  if (!found || found.token.usedAt !== null || found.token.expiresAt <= Date.now() || found.user.disabledAt !== null) return null;
  return found.user;
}

function invalidLinkPage(w: Web, purpose: AccountTokenPurpose) {
  const { t } = w;
  return render(w, {
    title: t("acct.linkInvalidTitle"),
    status: 400,
    body: (
      <div class="narrow">
        <h1>{t("acct.linkInvalidTitle")}</h1>
        <p class="lead">{t("acct.linkInvalid")}</p>
        {purpose === "invitation" ? (
          <p>{t("acct.linkInvalidInvite")}</p>
        ) : (
          <p>
            <a href="/account/wachtwoord-vergeten">{t("acct.requestNew")}</a>
          </p>
        )}
      </div>
    ),
  });
}

function tokenPage(w: Web, purpose: AccountTokenPurpose, token: string, email: string, errors: FieldErrors, status = 200) {
  const { t } = w;
  const invite = purpose === "invitation";
  const title = invite ? t("acct.invite.title") : t("acct.reset.title");
  w.c.header("Referrer-Policy", "no-referrer");
  return render(w, {
    title,
    status,
    body: (
      <div class="narrow">
        <h1>{title}</h1>
        <p class="lead">{invite ? t("acct.invite.lead", { email }) : t("acct.reset.lead", { email })}</p>
        <ErrorSummary t={t} errors={errors} />
        <form method="post" action={PATHS[purpose]} class="form" novalidate>
          <input type="hidden" name="token" value={token} />
          <NewPasswordFields t={t} errors={errors} email={email} />
          <div class="form__actions">
            <button type="submit" class="button button--primary">
              {invite ? t("acct.invite.submit") : t("acct.reset.submit")}
            </button>
          </div>
        </form>
      </div>
    ),
  });
}

function tokenGet(purpose: AccountTokenPurpose) {
  return async (w: Web) => {
    const token = w.c.req.query("token") ?? "";
    const user = await openToken(w, purpose, token);
    if (!user) return invalidLinkPage(w, purpose);
    return tokenPage(w, purpose, token, user.email, []);
  };
}

function tokenPost(purpose: AccountTokenPurpose) {
  return async (w: Web) => {
    assertSameOrigin(w.c);
    const form = await readForm(w);
    const token = field(form, "token");
    const password = field(form, "password");
    const user = await openToken(w, purpose, token);
    if (!user) return invalidLinkPage(w, purpose);
    const errors = newPasswordErrors(w.t, password, field(form, "password2"), user);
    if (errors.length) return tokenPage(w, purpose, token, user.email, errors, 400);
    try {
      await setPasswordWithToken(w.c.var.db, purpose, token, password, Date.now());
    } catch (error) {
      if (error instanceof DomainError && error.code === "validation_failed") {
        const issue = error.issues?.[0];
        if (issue?.path === "password")
          return tokenPage(w, purpose, token, user.email, [{ id: "f-password", message: passwordMessage(w.t, issue.message) }], 400);
        return invalidLinkPage(w, purpose);
      }
      throw error;
    }
    const { token: session, actor } = await signIn(w.c, user.email, password);
    setSessionCookie(w.c, session);
    w.actor = actor;
    return seeOther(w, homeFor(w));
  };
}

// ---------------------------------------------------------------------------
// Forgotten password

function forgotPage(w: Web, email: string, errors: FieldErrors, status = 200) {
  const { t } = w;
  if (w.c.req.query("verstuurd")) {
    return render(w, {
      title: t("acct.forgot.sentTitle"),
      body: (
        <div class="narrow">
          <h1>{t("acct.forgot.sentTitle")}</h1>
          <Notice kind="success" title={t("acct.forgot.sentTitle")}>
            <p>{t("acct.forgot.sent")}</p>
          </Notice>
          <p>{t("acct.forgot.noMail")}</p>
          <p>
            <a href="/inloggen">{t("acct.forgot.back")}</a>
          </p>
        </div>
      ),
    });
  }
  return render(w, {
    title: t("acct.forgot.title"),
    status,
    body: (
      <div class="narrow">
        <h1>{t("acct.forgot.title")}</h1>
        <p class="lead">{t("acct.forgot.lead")}</p>
        <ErrorSummary t={t} errors={errors} />
        <form method="post" action="/account/wachtwoord-vergeten" class="form" novalidate>
          <TextField
            t={t}
            id="f-email"
            name="email"
            type="email"
            label={t("login.email")}
            errors={errors}
            value={email}
            autocomplete="username"
            inputmode="email"
            required
          />
          <div class="form__actions">
            <button type="submit" class="button button--primary">
              {t("acct.forgot.submit")}
            </button>
            <a href="/inloggen">{t("acct.forgot.back")}</a>
          </div>
        </form>
      </div>
    ),
  });
}

async function forgotSubmit(w: Web) {
  assertSameOrigin(w.c);
  const form = await readForm(w);
  const raw = field(form, "email");
  const parsed = v.safeParse(Email, raw);
  if (!parsed.success) return forgotPage(w, raw, [{ id: "f-email", message: w.t("err.loginEmail") }], 400);
  try {
    await requestPasswordReset(w.c.var.db, parsed.output, { origin: linksFor(w.c).origin, now: Date.now(), limits: requestLimits(w.c) });
  } catch (error) {
    if (error instanceof DomainError && error.code === "rate_limited") {
      if (error.retryAfterSeconds) w.c.header("Retry-After", String(error.retryAfterSeconds));
      return forgotPage(w, raw, [{ id: "f-email", message: w.t("error.rateLimited") }], 429);
    }
    throw error;
  }
  deliverSoon(w.c);
  return seeOther(w, "/account/wachtwoord-vergeten?verstuurd=1");
}

// ---------------------------------------------------------------------------
// Change one's own password

async function changePage(w: Web, errors: FieldErrors = [], status = 200) {
  const { t } = w;
  await enforceAccess(w.c, SIGNED_IN);
  const actor = requireActor(w.c);
  w.actor = actor;
  const done = w.c.req.query("klaar");
  return render(w, {
    title: t("acct.change.title"),
    status,
    body: (
      <div class="narrow">
        <h1>{t("acct.change.title")}</h1>
        {done ? <Notice kind="success" title={t("acct.change.done")} /> : null}
        <p class="lead">{t("acct.change.lead")}</p>
        <ErrorSummary t={t} errors={errors} />
        <form method="post" action="/account/wachtwoord" class="form" novalidate>
          <TextField
            t={t}
            id="f-current"
            name="currentPassword"
            type="password"
            label={t("pw.current")}
            errors={errors}
            autocomplete="current-password"
            required
          />
          <NewPasswordFields t={t} errors={errors} email={actor.email} />
          <div class="form__actions">
            <button type="submit" class="button button--primary">
              {t("acct.change.submit")}
            </button>
          </div>
        </form>
      </div>
    ),
  });
}

async function changeSubmit(w: Web) {
  await enforceAccess(w.c, SIGNED_IN);
  const actor = requireActor(w.c);
  const form = await readForm(w);
  const current = field(form, "currentPassword");
  const password = field(form, "password");
  const errors: FieldErrors = [];
  if (current.length === 0 || current.length > PASSWORD_MAX_LENGTH) errors.push({ id: "f-current", message: w.t("pw.currentEmpty") });
  errors.push(...newPasswordErrors(w.t, password, field(form, "password2"), actor));
  if (!errors.length && password === current) errors.push({ id: "f-password", message: w.t("pw.same") });
  if (errors.length) return changePage(w, errors, 400);
  try {
    await changePassword(w.c.var.db, actor, current, password, Date.now());
  } catch (error) {
    if (error instanceof DomainError && error.code === "validation_failed") {
      const issue = error.issues?.[0];
      const id = issue?.path === "currentPassword" ? "f-current" : "f-password";
      return changePage(w, [{ id, message: passwordMessage(w.t, issue?.message ?? "") }], 400);
    }
    throw error;
  }
  return seeOther(w, "/account/wachtwoord?klaar=1");
}

// ---------------------------------------------------------------------------
// Region admin: staff

const adminScope = (w: Web): Promise<RegionScope> => regionPageScope(w, ADMIN);

const staffBase = (w: Web) => `/beheer/${w.region?.slug ?? ""}/medewerkers`;

type StaffNotice = "uitgenodigd" | "opnieuw" | "uit" | "aan" | "opgeslagen";

async function staffListPage(w: Web) {
  const { t } = w;
  const scope = await adminScope(w);
  const actor = actorOf(w);
  const { users, desks } = await readRegionStaff(scope);
  const deskName = new Map(desks.map((d) => [d.id, d.name]));
  const may = assignableRoles(actor);
  const done = w.c.req.query("klaar") as StaffNotice | undefined;
  const email = w.c.req.query("email") ?? "";
  const notices: Record<StaffNotice, string> = {
    uitgenodigd: t("staffadm.invited.done", { email }),
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
        {users.length === 0 ? (
          <p class="empty">{t("staffadm.none")}</p>
        ) : (
          <DataTable
            t={t}
            caption={t("staffadm.title")}
            columns={[t("staffadm.name"), t("staffadm.email"), t("staffadm.role"), t("staffadm.desks"), t("staffadm.state"), t("staffadm.actions")]}
          >
            {users.map((u) => {
              const manageable = u.id !== actor.id && may.includes(u.role);
              const state = u.disabledAt !== null ? "disabled" : u.passwordHash === null ? "invited" : "active";
              return (
                <tr>
                  <th scope="row">
                    {manageable ? <a href={`${staffBase(w)}/${u.id}`}>{u.name}</a> : u.name}
                    {u.id === actor.id ? ` ${t("staffadm.you")}` : ""}
                  </th>
                  <td>{u.email}</td>
                  <td>{roleLabel(u.role, t)}</td>
                  <td>{u.frontdeskIds.map((id) => deskName.get(id) ?? id).join(", ") || "—"}</td>
                  <td>
                    <span class={`status status--${state === "active" ? "completed" : state === "invited" ? "confirmed" : "cancelled"}`}>
                      {t(`staffadm.${state}` as MessageKey)}
                    </span>
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
        )}
      </>
    ),
  });
}

interface StaffValues {
  name: string;
  email: string;
  role: string;
  frontdeskIds: string[];
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const NAME_RE = /^[^\u0000-\u001f\u007f\u2028\u2029]*$/;

function staffValueErrors(t: T, values: StaffValues, roles: readonly Role[], withEmail: boolean): FieldErrors {
  const errors: FieldErrors = [];
  const name = values.name.trim();
  if (!name || name.length > 120 || !NAME_RE.test(name)) errors.push({ id: "f-name", message: t("staffadm.err.name") });
  if (withEmail && !v.safeParse(Email, values.email).success) errors.push({ id: "f-email", message: t("staffadm.err.email") });
  if (!roles.includes(values.role as Role)) errors.push({ id: "f-role", message: t("staffadm.err.role") });
  else if (values.role === "frontdesk_staff" && values.frontdeskIds.length === 0) errors.push({ id: "f-desks", message: t("staffadm.err.desks") });
  return errors;
}

/** Maps a service's validation issues to the form's fields. */
function serviceErrors(t: T, error: DomainError): FieldErrors {
  const ids: Record<string, [string, MessageKey]> = {
    name: ["f-name", "staffadm.err.name"],
    email: ["f-email", "staffadm.err.email"],
    role: ["f-role", "staffadm.err.role"],
    frontdeskIds: ["f-desks", "staffadm.err.desks"],
    region: ["f-region", "staffadm.err.region"],
  };
  const errors: FieldErrors = [];
  for (const issue of error.issues ?? []) {
    const hit = ids[issue.path.split(".")[0] ?? ""];
    if (hit && !errors.some((e) => e.id === hit[0])) errors.push({ id: hit[0], message: t(hit[1]) });
  }
  return errors.length ? errors : [{ id: "", message: t("error.validation") }];
}

const regionalRoles = (w: Web) => assignableRoles(actorOf(w)).filter((r) => r === "frontdesk_staff" || r === "consultant");

async function staffForm(
  w: Web,
  scope: RegionScope,
  opts: { id: string | null; values: StaffValues; errors: FieldErrors; status?: number; user?: { disabled: boolean; hasPassword: boolean } },
) {
  const { t } = w;
  const { values, errors } = opts;
  const desks = await listFrontdesks(scope);
  const title = opts.id ? t("staffadm.editTitle", { name: values.name }) : t("staffadm.inviteTitle");
  const roles = regionalRoles(w);
  const action = opts.id ? `${staffBase(w)}/${opts.id}` : `${staffBase(w)}/nieuw`;
  return render(w, {
    title,
    status: opts.status ?? 200,
    body: (
      <>
        <Breadcrumbs
          t={t}
          items={[
            [t("staffadm.title"), staffBase(w)],
            [title, null],
          ]}
        />
        <h1>{title}</h1>
        <ErrorSummary t={t} errors={errors} />
        <form method="post" action={action} class="form" novalidate>
          <TextField t={t} id="f-name" name="name" label={t("staffadm.name")} errors={errors} value={values.name} required autocomplete="off" />
          {opts.id ? null : (
            <TextField
              t={t}
              id="f-email"
              name="email"
              type="email"
              label={t("staffadm.email")}
              errors={errors}
              value={values.email}
              required
              autocomplete="off"
              inputmode="email"
            />
          )}
          <ChoiceGroup
            t={t}
            id="f-role"
            name="role"
            type="radio"
            legend={t("staffadm.role")}
            hint={t("staffadm.roleHint")}
            options={roles.map((r) => ({ value: r, label: roleLabel(r, t) }))}
            selected={[values.role]}
            errors={errors}
            required
          />
          {desks.length === 0 ? (
            <p class="notice notice--warning">{t("staffadm.noDesks")}</p>
          ) : (
            <div data-show-when="role=frontdesk_staff">
              <ChoiceGroup
                t={t}
                id="f-desks"
                name="frontdeskIds"
                type="checkbox"
                legend={t("staffadm.desks")}
                hint={t("staffadm.desksHint")}
                options={desks.map((d) => ({ value: d.id, label: `${d.name} (${d.municipality})` }))}
                selected={values.frontdeskIds}
                errors={errors}
              />
            </div>
          )}
          <div class="form__actions">
            <button type="submit" class="button button--primary">
              {opts.id ? t("adm.save") : t("staffadm.inviteSubmit")}
            </button>
            <a href={staffBase(w)}>{t("adm.cancel")}</a>
          </div>
        </form>
        {opts.id && opts.user ? (
          <section class="panel section" aria-labelledby="account-title">
            <h2 id="account-title" class="heading-3">
              {t("staffadm.manageTitle")}
            </h2>
            {!opts.user.hasPassword && !opts.user.disabled ? (
              <>
                <p>{t("staffadm.resendText")}</p>
                <form method="post" action={`${staffBase(w)}/${opts.id}/uitnodiging`}>
                  <button type="submit" class="button button--secondary">
                    {t("staffadm.resend")}
                  </button>
                </form>
              </>
            ) : null}
            <p>{t("staffadm.disableText")}</p>
            <form method="post" action={`${staffBase(w)}/${opts.id}/${opts.user.disabled ? "inschakelen" : "uitschakelen"}`}>
              <button type="submit" class={opts.user.disabled ? "button button--secondary" : "button button--warning"}>
                {opts.user.disabled ? t("staffadm.enable") : t("staffadm.disable")}
                <span class="visually-hidden"> {values.name}</span>
              </button>
            </form>
          </section>
        ) : null}
      </>
    ),
  });
}

function staffValuesFrom(form: Record<string, string | string[]>): StaffValues {
  return { name: field(form, "name"), email: field(form, "email").trim(), role: field(form, "role"), frontdeskIds: fields(form, "frontdeskIds") };
}

async function newStaffPage(w: Web) {
  const scope = await adminScope(w);
  return staffForm(w, scope, { id: null, values: { name: "", email: "", role: "", frontdeskIds: [] }, errors: [] });
}

async function createStaffSubmit(w: Web) {
  const scope = await adminScope(w);
  const values = staffValuesFrom(await readForm(w));
  const errors = staffValueErrors(w.t, values, regionalRoles(w), true);
  if (errors.length) return staffForm(w, scope, { id: null, values, errors, status: 400 });
  const role = values.role as Role;
  const email = v.parse(Email, values.email);
  try {
    await createAccount(
      scope.db,
      actorOf(w),
      scope.region,
      { email, name: values.name.trim(), role, frontdeskIds: role === "frontdesk_staff" ? values.frontdeskIds : [] },
      linksFor(w.c).origin,
      Date.now(),
    );
  } catch (error) {
    if (error instanceof DomainError && error.code === "conflict")
      return staffForm(w, scope, { id: null, values, errors: [{ id: "f-email", message: w.t("staffadm.err.emailTaken") }], status: 409 });
    if (error instanceof DomainError && error.code === "validation_failed")
      return staffForm(w, scope, { id: null, values, errors: serviceErrors(w.t, error), status: 400 });
    throw error;
  }
  deliverSoon(w.c);
  return seeOther(w, `${staffBase(w)}?klaar=uitgenodigd&email=${encodeURIComponent(email)}`);
}

async function manageableUser(w: Web, scope: RegionScope) {
  const user = await findRegionUser(scope, w.c.req.param("id") ?? "");
  if (!user) throw new DomainError("not_found", "This account");
  const actor = actorOf(w);
  if (user.id === actor.id || !assignableRoles(actor).includes(user.role)) throw new DomainError("forbidden", "Not this account");
  return user;
}

async function editStaffPage(w: Web) {
  const scope = await adminScope(w);
  const user = await manageableUser(w, scope);
  const desks = (await frontdeskIdsByUser(scope.db, [user.id])).get(user.id) ?? [];
  return staffForm(w, scope, {
    id: user.id,
    values: { name: user.name, email: user.email, role: user.role, frontdeskIds: desks },
    errors: [],
    user: { disabled: user.disabledAt !== null, hasPassword: user.passwordHash !== null },
  });
}

async function editStaffSubmit(w: Web) {
  const scope = await adminScope(w);
  const user = await manageableUser(w, scope);
  const values = { ...staffValuesFrom(await readForm(w)), email: user.email };
  const state = { disabled: user.disabledAt !== null, hasPassword: user.passwordHash !== null };
  const errors = staffValueErrors(w.t, values, regionalRoles(w), false);
  if (errors.length) return staffForm(w, scope, { id: user.id, values, errors, status: 400, user: state });
  const role = values.role as Role;
  try {
    await updateRegionAccount(
      scope,
      actorOf(w),
      user.id,
      { name: values.name.trim(), role, frontdeskIds: role === "frontdesk_staff" ? values.frontdeskIds : [] },
      Date.now(),
    );
  } catch (error) {
    if (error instanceof DomainError && error.code === "validation_failed")
      return staffForm(w, scope, { id: user.id, values, errors: serviceErrors(w.t, error), status: 400, user: state });
    throw error;
  }
  return seeOther(w, `${staffBase(w)}?klaar=opgeslagen`);
}

function setDisabled(disabled: boolean) {
  return async (w: Web) => {
    const scope = await adminScope(w);
    const user = await manageableUser(w, scope);
    await updateRegionAccount(scope, actorOf(w), user.id, { disabled }, Date.now());
    return seeOther(w, `${staffBase(w)}?klaar=${disabled ? "uit" : "aan"}`);
  };
}

async function resendSubmit(w: Web) {
  const scope = await adminScope(w);
  const user = await manageableUser(w, scope);
  await resendInvitation(scope, actorOf(w), user.id, linksFor(w.c).origin, Date.now());
  deliverSoon(w.c);
  return seeOther(w, `${staffBase(w)}?klaar=opnieuw`);
}

// ---------------------------------------------------------------------------
// Platform admin: invite a region admin

async function platformInvitePage(w: Web, values = { name: "", email: "", region: "" }, errors: FieldErrors = [], status = 200) {
  const { t } = w;
  await enforceAccess(w.c, PLATFORM_ADMIN);
  w.actor = w.c.var.actor;
  const regions = await listRegions(w.c.var.db);
  const done = w.c.req.query("klaar");
  return render(w, {
    title: t("platadm.title"),
    status,
    body: (
      <div class="narrow">
        <Breadcrumbs
          t={t}
          items={[
            [t("staff.homeTitle"), "/beheer"],
            [t("platadm.title"), null],
          ]}
        />
        <h1>{t("platadm.title")}</h1>
        {done ? <Notice kind="success" title={t("platadm.done", { email: w.c.req.query("email") ?? "" })} /> : null}
        <p class="lead">{t("platadm.lead")}</p>
        <ErrorSummary t={t} errors={errors} />
        <form method="post" action="/beheer/regiobeheerder-uitnodigen" class="form" novalidate>
          <SelectField
            t={t}
            id="f-region"
            name="region"
            label={t("platadm.region")}
            errors={errors}
            value={values.region}
            options={regions.map((r) => ({ value: r.slug, label: r.name }))}
            empty={t("adm.choose")}
            required
          />
          <TextField t={t} id="f-name" name="name" label={t("staffadm.name")} errors={errors} value={values.name} required autocomplete="off" />
          <TextField
            t={t}
            id="f-email"
            name="email"
            type="email"
            label={t("staffadm.email")}
            errors={errors}
            value={values.email}
            required
            autocomplete="off"
            inputmode="email"
          />
          <div class="form__actions">
            <button type="submit" class="button button--primary">
              {t("staffadm.inviteSubmit")}
            </button>
          </div>
        </form>
      </div>
    ),
  });
}

async function platformInviteSubmit(w: Web) {
  await enforceAccess(w.c, PLATFORM_ADMIN);
  const actor = requireActor(w.c);
  const form = await readForm(w);
  const values = { name: field(form, "name"), email: field(form, "email").trim(), region: field(form, "region") };
  const errors: FieldErrors = [];
  const region: RegionRef | null = /^[a-z0-9-]{1,60}$/.test(values.region) ? await findRegionBySlug(w.c.var.db, values.region) : null;
  if (!region) errors.push({ id: "f-region", message: w.t("staffadm.err.region") });
  errors.push(...staffValueErrors(w.t, { ...values, role: "region_admin", frontdeskIds: [] }, ["region_admin"], true));
  if (errors.length || !region) return platformInvitePage(w, values, errors, 400);
  const email = v.parse(Email, values.email);
  try {
    await createAccount(w.c.var.db, actor, region, { email, name: values.name.trim(), role: "region_admin" }, linksFor(w.c).origin, Date.now());
  } catch (error) {
    if (error instanceof DomainError && error.code === "conflict")
      return platformInvitePage(w, values, [{ id: "f-email", message: w.t("staffadm.err.emailTaken") }], 409);
    if (error instanceof DomainError && error.code === "validation_failed") return platformInvitePage(w, values, serviceErrors(w.t, error), 400);
    throw error;
  }
  deliverSoon(w.c);
  return seeOther(w, `/beheer/regiobeheerder-uitnodigen?klaar=1&email=${encodeURIComponent(email)}`);
}

export function registerAccountPages(app: Hono<AppEnv>): void {
  app.get("/account/uitnodiging", page(tokenGet("invitation")));
  app.post("/account/uitnodiging", page(tokenPost("invitation")));
  app.get("/account/wachtwoord-herstellen", page(tokenGet("password_reset")));
  app.post("/account/wachtwoord-herstellen", page(tokenPost("password_reset")));
  app.get(
    "/account/wachtwoord-vergeten",
    page((w) => forgotPage(w, "", [])),
  );
  app.post("/account/wachtwoord-vergeten", page(forgotSubmit));
  app.get(
    "/account/wachtwoord",
    page((w) => changePage(w)),
  );
  app.post("/account/wachtwoord", page(changeSubmit));
  app.get("/beheer/:region/medewerkers", page(staffListPage));
  app.get("/beheer/:region/medewerkers/nieuw", page(newStaffPage));
  app.post("/beheer/:region/medewerkers/nieuw", page(createStaffSubmit));
  app.get("/beheer/:region/medewerkers/:id", page(editStaffPage));
  app.post("/beheer/:region/medewerkers/:id", page(editStaffSubmit));
  app.post("/beheer/:region/medewerkers/:id/uitschakelen", page(setDisabled(true)));
  app.post("/beheer/:region/medewerkers/:id/inschakelen", page(setDisabled(false)));
  app.post("/beheer/:region/medewerkers/:id/uitnodiging", page(resendSubmit));
  app.get(
    "/beheer/regiobeheerder-uitnodigen",
    page((w) => platformInvitePage(w)),
  );
  app.post("/beheer/regiobeheerder-uitnodigen", page(platformInviteSubmit));
}
