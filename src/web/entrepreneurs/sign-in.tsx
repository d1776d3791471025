/**
 * Signing in to "Mijn MKB Limburg" without a password: the e-mail form, the "check your mail"
 * page (the same for a known and an unknown address: the service does the same work for
 * both), and the page the link opens. That page only shows a button that posts the token:
 * mail scanners follow links, so a GET never spends it. Sign-out ends the session server-side.
 */
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { ENTREPRENEUR, PUBLIC } from "../../features/auth/policy";
import { clearEntrepreneurCookie, loadEntrepreneur, setEntrepreneurCookie } from "../../features/entrepreneurs/entrepreneur-session";
import { LoginBody, LoginLinkBody } from "../../features/entrepreneurs/entrepreneurs.schemas";
import { LOGIN_LINK_PATH, requestLoginLink, signInWithToken, signOut } from "../../features/entrepreneurs/login.service";
import { deliverSoon } from "../../features/notifications/notify";
import { assertSameOrigin } from "../../http/access";
import { DomainError } from "../../lib/errors";
import { linksFor } from "../../lib/links";
import { clientAddress } from "../../lib/rate-limit";
import type { Web } from "../kit/context";
import { formFields } from "../kit/fields";
import { field, parseForm, readForm, type FieldErrors, type FieldMap, type FormValues } from "../kit/form";
import { errorText, pageRoute, render, safeNext, seeOther, type PageRoute } from "../kit/page";
import { FormSection, formPage, messagePage } from "../kit/scaffolds";
import { Notice } from "../kit/ui";
import { ME, meOf } from "./shared";

const LINK_FIELDS: FieldMap = [["email", "f-email", "me.err.email"]];

/** Where to go after signing in, remembered between asking for the link and using it (same browser only). */
const NEXT_COOKIE = "mkb_me_next";

/** A refused request because of a limit: 429 with Retry-After, and the words for it. */
function limited(w: Web, error: unknown): string | null {
  if (!(error instanceof DomainError) || error.code !== "rate_limited") return null;
  if (error.retryAfterSeconds) w.c.header("Retry-After", String(error.retryAfterSeconds));
  return errorText(w, "rate_limited");
}

function emailForm(w: Web, form: FormValues, errors: FieldErrors, status = 200, notice?: string) {
  const { t } = w;
  const f = formFields(w, form, errors);
  const texts = { title: t("me.login.title"), lead: t("me.login.lead"), submit: t("me.login.submit") };
  const after = (
    <>
      <p>{t("me.login.why")}</p>
      <p class="small">
        <a href="/inloggen">{t("me.login.staff")}</a>
      </p>
    </>
  );
  return formPage(
    w,
    {
      texts,
      action: LOGIN_LINK_PATH,
      errors,
      status,
      narrow: true,
      after,
      ...(notice ? { notice: <Notice kind="success" title={notice} /> } : {}),
    },
    <>
      <input type="hidden" name="next" value={field(form, "next")} />
      <f.Text
        id="f-email"
        name="email"
        type="email"
        label={t("me.login.email")}
        hint={t("me.login.emailHint")}
        autocomplete="email"
        inputmode="email"
        required
      />
    </>,
  );
}

/** The page the link opens: one button that posts the token (never spent on GET). */
function confirmPage(w: Web, token: string, errors: FieldErrors = [], status = 200) {
  const { t } = w;
  // The token is in this page's address: no Referer with it to anywhere.
  w.c.header("Referrer-Policy", "no-referrer");
  const spec = {
    texts: { title: t("me.confirm.title"), lead: t("me.confirm.lead"), submit: t("me.confirm.submit") },
    action: `${LOGIN_LINK_PATH}/link`,
    errors,
    status,
  };
  return render(w, {
    title: spec.texts.title,
    status,
    body: (
      <div class="narrow">
        <FormSection w={w} spec={{ ...spec, after: <p class="small">{t("me.confirm.why")}</p> }} fields={<input type="hidden" name="token" value={token} />} />
      </div>
    ),
  });
}

export async function signInPage(w: Web) {
  const token = w.c.req.query("token");
  if (token !== undefined) return confirmPage(w, token.slice(0, 200));
  const next = safeNext(w.c.req.query("next")) ?? "";
  if (await loadEntrepreneur(w.c)) return seeOther(w, next || ME);
  const notice = w.c.req.query("uitgelogd") ? w.t("me.signedOut") : undefined;
  return emailForm(w, { email: "", next }, [], 200, notice);
}

export async function linkSubmit(w: Web) {
  assertSameOrigin(w.c);
  const form = await readForm(w);
  const shown = { email: field(form, "email").trim(), next: safeNext(field(form, "next")) ?? "" };
  const parsed = parseForm(w.t, LoginLinkBody, { email: shown.email, locale: w.locale }, LINK_FIELDS);
  if (!parsed.ok) return emailForm(w, shown, parsed.errors, 400);
  try {
    await requestLoginLink(w.c.var.db, parsed.value.email, {
      now: w.now,
      origin: linksFor(w.c).origin,
      locale: w.locale,
      rateLimits: w.c.var.config.RATE_LIMITS,
      clientKey: clientAddress(w.c),
    });
  } catch (error) {
    const message = limited(w, error);
    if (message) return emailForm(w, shown, [{ id: "f-email", message }], 429);
    throw error;
  }
  deliverSoon(w.c);
  const secure = !w.c.var.config.isLocal;
  if (shown.next) setCookie(w.c, NEXT_COOKIE, shown.next, { path: ME, httpOnly: true, secure, sameSite: "Lax", maxAge: 20 * 60 });
  return seeOther(w, `${LOGIN_LINK_PATH}/verstuurd`);
}

export function sentPage(w: Web) {
  const { t } = w;
  return messagePage(w, {
    title: t("me.sent.title"),
    text: t("me.sent.text"),
    more: <p>{t("me.sent.valid")}</p>,
    link: { href: LOGIN_LINK_PATH, label: t("me.sent.again") },
  });
}

export async function tokenSubmit(w: Web) {
  assertSameOrigin(w.c);
  const form = await readForm(w);
  const parsed = parseForm(w.t, LoginBody, { token: field(form, "token") }, [["token", "f-email", "me.err.link"]]);
  try {
    if (!parsed.ok) throw new DomainError("validation_failed", "Invalid link");
    const { sessionToken } = await signInWithToken(w.c.var.db, parsed.value.token, {
      now: w.now,
      rateLimits: w.c.var.config.RATE_LIMITS,
      clientKey: clientAddress(w.c),
    });
    setEntrepreneurCookie(w.c, sessionToken);
  } catch (error) {
    const message = limited(w, error);
    if (message) return confirmPage(w, field(form, "token").slice(0, 200), [{ id: "", message }], 429);
    if (error instanceof DomainError && error.code === "validation_failed")
      return emailForm(w, { email: "", next: "" }, [{ id: "f-email", message: w.t("me.err.link") }], 400);
    throw error;
  }
  const next = safeNext(getCookie(w.c, NEXT_COOKIE)) ?? ME;
  deleteCookie(w.c, NEXT_COOKIE, { path: ME, secure: !w.c.var.config.isLocal });
  return seeOther(w, next);
}

export async function signOutSubmit(w: Web) {
  await signOut(w.c.var.db, meOf(w));
  clearEntrepreneurCookie(w.c);
  return seeOther(w, `${LOGIN_LINK_PATH}?uitgelogd=1`);
}

export const signInPages: PageRoute[] = [
  pageRoute("get", LOGIN_LINK_PATH, PUBLIC, signInPage),
  pageRoute("post", LOGIN_LINK_PATH, PUBLIC, linkSubmit),
  pageRoute("get", `${LOGIN_LINK_PATH}/verstuurd`, PUBLIC, sentPage),
  pageRoute("post", `${LOGIN_LINK_PATH}/link`, PUBLIC, tokenSubmit),
  pageRoute("post", `${ME}/uitloggen`, ENTREPRENEUR, signOutSubmit),
];
