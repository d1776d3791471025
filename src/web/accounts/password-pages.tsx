/**
 * Passwords in the web front: accepting an invitation and resetting a password with a
 * one-time link, asking for a reset link, and changing one's own password. Every page calls
 * the account services (limits, audit and mails live there), never the HTTP API.
 */
import { PasswordResetBody } from "../../features/accounts/accounts.schemas";
import { changePassword, openAccountLink, requestPasswordReset, setPasswordWithToken } from "../../features/accounts/accounts.service";
import { setSessionCookie, signIn } from "../../features/auth/auth.service";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, PasswordRefused, type PasswordProblem } from "../../features/auth/password-policy";
import { REGIONAL_ROLES, rolesAccess, PUBLIC } from "../../features/auth/policy";
import { deliverSoon } from "../../features/notifications/notify";
import type { AccountTokenPurpose } from "../../db/schema";
import { assertSameOrigin } from "../../http/access";
import { DomainError } from "../../lib/errors";
import { linksFor } from "../../lib/links";
import { requestLimits } from "../../lib/rate-limit";
import { homeFor } from "../auth/sign-in";
import type { MessageKey, T } from "../i18n";
import type { Web } from "../kit/context";
import { TextField, formFields } from "../kit/fields";
import { field, parseForm, readForm, type FieldErrors, type FieldMap } from "../kit/form";
import { errorText, render, seeOther, actorOf, pageRoute, type PageRoute } from "../kit/page";
import { formPage, messagePage } from "../kit/scaffolds";
import { Notice } from "../kit/ui";

const SIGNED_IN = rolesAccess("platform_admin", "province_viewer", "programme_office", "municipality_viewer", ...REGIONAL_ROLES);

/** The text of each reason the password policy can give (the type makes every reason need one). */
const REFUSAL_TEXTS: Record<PasswordProblem, MessageKey> = {
  tooShort: "pw.tooShort",
  tooLong: "pw.tooLong",
  same: "pw.same",
  published: "pw.published",
  email: "pw.email",
  name: "pw.name",
  platform: "pw.platform",
  digits: "pw.digits",
  common: "pw.common",
  repeated: "pw.repeated",
  keyboard: "pw.keyboard",
  sequence: "pw.sequence",
  dates: "pw.dates",
  words: "pw.words",
  personal: "pw.personal",
  weak: "pw.weak",
};

/**
 * The quick checks of a new password and its repetition (errors point at `f-password` and
 * `f-password2`); the full policy runs in the account service, whose refusal the page shows.
 */
function newPasswordErrors(t: T, password: string, repeat: string): FieldErrors {
  if (password.length === 0) return [{ id: "f-password", message: t("pw.empty") }];
  if (password.length < PASSWORD_MIN_LENGTH) return [{ id: "f-password", message: t("pw.tooShort", { n: PASSWORD_MIN_LENGTH }) }];
  if (password.length > PASSWORD_MAX_LENGTH) return [{ id: "f-password", message: t("pw.tooLong", { n: PASSWORD_MAX_LENGTH }) }];
  if (password !== repeat) return [{ id: "f-password2", message: t("pw.mismatch") }];
  return [];
}

/**
 * A service's refusal of a password as an error on the field it names, in the page's
 * language: the policy's reason code picks the text; a wrong current password has its own.
 */
function passwordRefusal(w: Web, error: unknown, idFor: (path: string) => string | null): FieldErrors | null {
  if (!(error instanceof DomainError) || error.code !== "validation_failed") return null;
  const path = error.issues?.[0]?.path ?? "";
  const id = idFor(path);
  if (!id) return null;
  const n = error instanceof PasswordRefused && error.reason === "tooLong" ? PASSWORD_MAX_LENGTH : PASSWORD_MIN_LENGTH;
  const message =
    error instanceof PasswordRefused ? w.t(REFUSAL_TEXTS[error.reason], { n }) : path === "currentPassword" ? w.t("pw.currentWrong") : error.message;
  return [{ id, message }];
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

const PATHS: Record<AccountTokenPurpose, string> = { invitation: "/account/uitnodiging", password_reset: "/account/wachtwoord-herstellen" };

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
  const lead = invite ? t("acct.invite.lead", { email }) : t("acct.reset.lead", { email });
  return formPage(
    w,
    { texts: { title, lead, submit: invite ? t("acct.invite.submit") : t("acct.reset.submit") }, action: PATHS[purpose], errors, status, narrow: true },
    <>
      <input type="hidden" name="token" value={token} />
      <NewPasswordFields t={t} errors={errors} email={email} />
    </>,
  );
}

export function tokenGet(purpose: AccountTokenPurpose) {
  return async (w: Web) => {
    const token = w.c.req.query("token") ?? "";
    const user = await openAccountLink(w.c.var.db, purpose, token, w.now);
    if (!user) return invalidLinkPage(w, purpose);
    return tokenPage(w, purpose, token, user.email, []);
  };
}

export function tokenPost(purpose: AccountTokenPurpose) {
  return async (w: Web) => {
    assertSameOrigin(w.c);
    const form = await readForm(w);
    const token = field(form, "token");
    const password = field(form, "password");
    const user = await openAccountLink(w.c.var.db, purpose, token, w.now);
    if (!user) return invalidLinkPage(w, purpose);
    const errors = newPasswordErrors(w.t, password, field(form, "password2"));
    if (errors.length) return tokenPage(w, purpose, token, user.email, errors, 400);
    try {
      await setPasswordWithToken(w.c.var.db, purpose, token, password, w.now);
    } catch (error) {
      const refused = passwordRefusal(w, error, (path) => (path === "password" ? "f-password" : null));
      if (refused) return tokenPage(w, purpose, token, user.email, refused, 400);
      if (error instanceof DomainError && error.code === "validation_failed") return invalidLinkPage(w, purpose);
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

const FORGOT_FIELDS: FieldMap = [["email", "f-email", "err.loginEmail"]];

export function forgotPage(w: Web, email: string, errors: FieldErrors, status = 200) {
  const { t } = w;
  if (w.c.req.query("verstuurd")) {
    const more = <p>{t("acct.forgot.noMail")}</p>;
    return messagePage(w, { title: t("acct.forgot.sentTitle"), text: t("acct.forgot.sent"), more, link: { href: "/inloggen", label: t("acct.forgot.back") } });
  }
  const texts = { title: t("acct.forgot.title"), lead: t("acct.forgot.lead"), submit: t("acct.forgot.submit") };
  const f = formFields(w, { email }, errors);
  return formPage(
    w,
    { texts, action: "/account/wachtwoord-vergeten", errors, status, narrow: true, cancel: { href: "/inloggen", label: t("acct.forgot.back") } },
    <f.Text id="f-email" name="email" type="email" label={t("login.email")} autocomplete="username" inputmode="email" required />,
  );
}

export async function forgotSubmit(w: Web) {
  assertSameOrigin(w.c);
  const raw = field(await readForm(w), "email");
  const parsed = parseForm(w.t, PasswordResetBody, { email: raw }, FORGOT_FIELDS);
  if (!parsed.ok) return forgotPage(w, raw, parsed.errors, 400);
  try {
    await requestPasswordReset(w.c.var.db, parsed.value.email, { origin: linksFor(w.c).origin, now: w.now, limits: requestLimits(w.c) });
  } catch (error) {
    if (error instanceof DomainError && error.code === "rate_limited") {
      if (error.retryAfterSeconds) w.c.header("Retry-After", String(error.retryAfterSeconds));
      return forgotPage(w, raw, [{ id: "f-email", message: errorText(w, "rate_limited") }], 429);
    }
    throw error;
  }
  deliverSoon(w.c);
  return seeOther(w, "/account/wachtwoord-vergeten?verstuurd=1");
}

// ---------------------------------------------------------------------------
// Change one's own password

export async function changePage(w: Web, errors: FieldErrors = [], status = 200) {
  const { t } = w;
  const actor = actorOf(w);
  const texts = { title: t("acct.change.title"), lead: t("acct.change.lead"), submit: t("acct.change.submit") };
  const notice = w.c.req.query("klaar") ? <Notice kind="success" title={t("acct.change.done")} /> : null;
  return formPage(
    w,
    { texts, action: "/account/wachtwoord", errors, status, narrow: true, notice },
    <>
      <TextField t={t} id="f-current" name="currentPassword" type="password" label={t("pw.current")} errors={errors} autocomplete="current-password" required />
      <NewPasswordFields t={t} errors={errors} email={actor.email} />
    </>,
  );
}

export async function changeSubmit(w: Web) {
  const actor = actorOf(w);
  const form = await readForm(w);
  const current = field(form, "currentPassword");
  const password = field(form, "password");
  const errors: FieldErrors = [];
  if (current.length === 0 || current.length > PASSWORD_MAX_LENGTH) errors.push({ id: "f-current", message: w.t("pw.currentEmpty") });
  errors.push(...newPasswordErrors(w.t, password, field(form, "password2")));
  if (!errors.length && password === current) errors.push({ id: "f-password", message: w.t("pw.same") });
  if (errors.length) return changePage(w, errors, 400);
  try {
    await changePassword(w.c.var.db, actor, current, password, w.now);
  } catch (error) {
    const refused = passwordRefusal(w, error, (path) => (path === "currentPassword" ? "f-current" : "f-password"));
    if (refused) return changePage(w, refused, 400);
    throw error;
  }
  return seeOther(w, "/account/wachtwoord?klaar=1");
}

export const linkPages: PageRoute[] = [
  pageRoute("get", "/account/uitnodiging", PUBLIC, tokenGet("invitation")),
  pageRoute("post", "/account/uitnodiging", PUBLIC, tokenPost("invitation")),
  pageRoute("get", "/account/wachtwoord-herstellen", PUBLIC, tokenGet("password_reset")),
  pageRoute("post", "/account/wachtwoord-herstellen", PUBLIC, tokenPost("password_reset")),
];

export const passwordPages: PageRoute[] = [
  pageRoute("get", "/account/wachtwoord-vergeten", PUBLIC, (w) => forgotPage(w, "", [])),
  pageRoute("post", "/account/wachtwoord-vergeten", PUBLIC, forgotSubmit),
  pageRoute("get", "/account/wachtwoord", SIGNED_IN, (w) => changePage(w)),
  pageRoute("post", "/account/wachtwoord", SIGNED_IN, changeSubmit),
];
