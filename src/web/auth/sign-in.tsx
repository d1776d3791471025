/** Signing in and out, and where a signed-in user starts. */
import { LoginBody } from "../../features/auth/auth.schemas";
import { setSessionCookie, signIn, signOut } from "../../features/auth/auth.service";
import { PUBLIC, REGIONAL_ROLES, rolesAccess } from "../../features/auth/policy";
import { listRegions } from "../../features/regions/regions.service";
import { assertSameOrigin } from "../../http/access";
import { DomainError } from "../../lib/errors";
import type { Web } from "../kit/context";
import { formFields } from "../kit/fields";
import { field, parseForm, readForm, type FieldErrors, type FieldMap, type FormValues } from "../kit/form";
import { errorText, render, safeNext, seeOther, pageRoute, type PageRoute } from "../kit/page";
import { formPage } from "../kit/scaffolds";

const SIGNED_IN = rolesAccess("platform_admin", "province_viewer", "programme_office", "municipality_viewer", ...REGIONAL_ROLES);

/** Where a signed-in user starts. */
export function homeFor(w: Web): string {
  const a = w.actor;
  if (!a) return "/inloggen";
  if (a.role === "province_viewer") return "/provincie";
  if (a.role === "programme_office") return "/programma";
  if (a.role === "municipality_viewer") return "/gemeente";
  if ((a.role === "region_admin" || a.role === "frontdesk_staff") && a.regionSlug) return `/beheer/${a.regionSlug}/agenda`;
  if (a.role === "consultant" && a.regionSlug) return `/beheer/${a.regionSlug}/trajecten`;
  if (a.role === "partner" && a.organisationSlug) return `/partner/${a.organisationSlug}/aanbod`;
  return "/beheer";
}

const LOGIN_FIELDS: FieldMap = [
  ["email", "f-email", "err.loginEmail"],
  ["password", "f-password", "err.loginPassword"],
];

function loginPage(w: Web, form: FormValues, errors: FieldErrors, status = 200) {
  const { t } = w;
  const f = formFields(w, form, errors);
  const texts = { title: t("login.title"), lead: t("login.lead"), submit: t("login.submit") };
  const after = (
    <>
      <p>
        <a href="/account/wachtwoord-vergeten">{t("login.forgot")}</a>
      </p>
      <p class="small">{t("login.entrepreneurs")}</p>
    </>
  );
  return formPage(
    w,
    { texts, action: "/inloggen", errors, status, narrow: true, after },
    <>
      <input type="hidden" name="next" value={field(form, "next")} />
      <f.Text id="f-email" name="email" type="email" label={t("login.email")} autocomplete="username" inputmode="email" required />
      <f.Text id="f-password" name="password" type="password" label={t("login.password")} value="" autocomplete="current-password" required />
    </>,
  );
}

export function loginFormPage(w: Web) {
  if (w.actor && !w.c.req.query("next")) return seeOther(w, homeFor(w));
  return loginPage(w, { email: "", next: safeNext(w.c.req.query("next")) ?? "" }, []);
}

export async function loginSubmit(w: Web) {
  assertSameOrigin(w.c);
  const form = await readForm(w);
  const shown = { email: field(form, "email").trim(), next: safeNext(field(form, "next")) ?? "" };
  const parsed = parseForm(w.t, LoginBody, { email: shown.email, password: field(form, "password") }, LOGIN_FIELDS);
  if (!parsed.ok) return loginPage(w, shown, parsed.errors, 400);
  try {
    const { token, actor } = await signIn(w.c, parsed.value.email, parsed.value.password);
    setSessionCookie(w.c, token);
    w.actor = actor;
  } catch (error) {
    if (error instanceof DomainError && error.code === "unauthenticated") return loginPage(w, shown, [{ id: "f-email", message: w.t("err.loginWrong") }], 401);
    if (error instanceof DomainError && error.code === "rate_limited") {
      if (error.retryAfterSeconds) w.c.header("Retry-After", String(error.retryAfterSeconds));
      return loginPage(w, shown, [{ id: "f-email", message: errorText(w, "rate_limited") }], 429);
    }
    throw error;
  }
  return seeOther(w, shown.next || homeFor(w));
}

export async function logoutSubmit(w: Web) {
  assertSameOrigin(w.c);
  await signOut(w.c);
  return seeOther(w, "/");
}

/** `/beheer`: signed-in users go to their own start page; the platform admin sees the regions. */
export async function staffHome(w: Web) {
  const { t } = w;
  if (!w.actor) throw new DomainError("unauthenticated", "Sign in");
  const target = homeFor(w);
  if (target !== "/beheer") return seeOther(w, target);
  const regions = await listRegions(w.c.var.db);
  const links = ["agenda", "loketten", "meldingen", "medewerkers"] as const;
  const labels = { agenda: t("nav.agenda"), loketten: t("nav.frontdesks"), meldingen: t("nav.notifications"), medewerkers: t("nav.accounts") };
  return render(w, {
    title: t("staff.homeTitle"),
    body: (
      <>
        <h1>{t("staff.homeTitle")}</h1>
        <p class="actions">
          <a class="button button--secondary" href="/beheer/regiobeheerder-uitnodigen">
            {t("platadm.link")}
          </a>
          <a class="button button--secondary" href="/beheer/regiobeheerders">
            {t("plat.admins.link")}
          </a>
        </p>
        <ul class="cards cards--3">
          {regions.map((r) => (
            <li class="card">
              <h2 class="card__title">{r.name}</h2>
              <ul class="link-list">
                {links.map((l) => (
                  <li>
                    <a href={`/beheer/${r.slug}/${l}`}>{labels[l]}</a>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </>
    ),
  });
}

export const authPages: PageRoute[] = [
  pageRoute("get", "/inloggen", PUBLIC, loginFormPage),
  pageRoute("post", "/inloggen", PUBLIC, loginSubmit),
  pageRoute("post", "/uitloggen", PUBLIC, logoutSubmit),
  pageRoute("get", "/beheer", SIGNED_IN, staffHome),
];
