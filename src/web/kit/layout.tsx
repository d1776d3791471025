/**
 * The page frame (header, staff navigation, main, footer), registered once as hono's
 * `jsxRenderer`: a page calls `render(w, { title, body })` (kit/page.tsx) and gets it framed.
 */
import { getCookie } from "hono/cookie";
import type { Child } from "hono/jsx";
import { jsxRenderer } from "hono/jsx-renderer";
import { entrepreneurCookieName } from "../../features/entrepreneurs/entrepreneur-session";
import type { MessageKey } from "../i18n";
import type { Web } from "./context";
import { assetUrl } from "../../http/assets";

declare module "hono" {
  interface ContextRenderer {
    // biome-ignore lint/style/useShorthandFunctionType: declaration merging needs an interface (a type alias would clash with hono's)
    (content: Child, props: { title: string; w: Web }): Response | Promise<Response>;
  }
}

const FOOTER_LINKS: Array<[string, MessageKey]> = [
  ["/toegankelijkheid", "layout.accessibility"],
  ["/privacy", "layout.privacy"],
  ["/inloggen", "layout.staffLogin"],
  ["/api/docs", "layout.api"],
];

function LanguageSwitch({ w }: { w: Web }) {
  const url = new URL(w.c.req.url);
  const other = w.locale === "nl" ? "en" : "nl";
  url.searchParams.set("lang", other);
  return (
    <a class="lang-switch" href={`${url.pathname}${url.search}`} lang={other} hreflang={other}>
      {other === "en" ? "English" : "Nederlands"}
    </a>
  );
}

/**
 * The entrepreneur's way in ("Mijn MKB Limburg" once signed in, else "Inloggen"). Only the
 * cookie's presence is looked at (no database read on every page); an ended session lands on
 * the sign-in page. Staff, who have their own navigation, do not see it.
 */
function AccountLink({ w }: { w: Web }) {
  if (w.actor) return null;
  const signedIn = Boolean(getCookie(w.c, entrepreneurCookieName(w.c)));
  return (
    <a class="lang-switch" href={signedIn ? "/mijn" : "/mijn/inloggen"}>
      {w.t(signedIn ? "me.brand" : "me.headerSignIn")}
    </a>
  );
}

/** The links a signed-in user's role leads to. */
function staffLinks(w: Web): Array<[string, string]> {
  const a = w.actor;
  if (!a) return [];
  const { t } = w;
  const links: Array<[string, string]> = [];
  const region = a.regionSlug ? `/beheer/${a.regionSlug}` : null;
  if (region && (a.role === "region_admin" || a.role === "frontdesk_staff")) links.push([`${region}/agenda`, t("nav.agenda")]);
  if (region && a.role === "consultant") links.push([`${region}/trajecten`, t("nav.caseload")]);
  if (region && (a.role === "region_admin" || a.role === "frontdesk_staff" || a.role === "consultant"))
    links.push([`${region}/kandidaten`, t("nav.candidates")]);
  if (region && (a.role === "region_admin" || a.role === "frontdesk_staff" || a.role === "consultant"))
    links.push([`${region}/doorverwijzingen`, t("nav.referrals")]);
  if (region && a.role === "region_admin") {
    links.push([`${region}/toewijzen`, t("nav.assign")]);
    links.push([`${region}/loketten`, t("nav.frontdesks")]);
    links.push([`${region}/meldingen`, t("nav.notifications")]);
    links.push([`${region}/medewerkers`, t("nav.accounts")]);
    links.push([`${region}/aanbod`, t("nav.review")]);
    links.push([`${region}/inzichten`, t("nav.insights")]);
    links.push([`${region}/evenementen`, t("nav.events")]);
  }
  if (a.role === "partner" && a.organisationSlug) links.push([`/partner/${a.organisationSlug}/aanbod`, t("nav.partnerOffers")]);
  if (a.role === "partner" && a.organisationSlug) links.push([`/partner/${a.organisationSlug}/evenementen`, t("nav.partnerEvents")]);
  if (a.role === "partner" && a.organisationSlug) links.push([`/partner/${a.organisationSlug}/doorverwijzingen`, t("nav.partnerReferrals")]);
  links.push(["/aanbod", t("nav.catalogue")]);
  if (a.role === "platform_admin") links.push(["/beheer", t("nav.regions")]);
  if (a.role === "province_viewer" || a.role === "platform_admin") links.push(["/provincie", t("nav.province")]);
  links.push(["/account/wachtwoord", t("nav.password")]);
  return links;
}

function StaffNav({ w }: { w: Web }) {
  if (!w.actor) return null;
  const { t } = w;
  const path = new URL(w.c.req.url).pathname;
  return (
    <nav class="staff-nav" aria-label={t("nav.staffLabel")}>
      <div class="container staff-nav__inner">
        <ul>
          {staffLinks(w).map(([href, label]) => (
            <li>
              <a href={href} aria-current={path === href || path.startsWith(`${href}/`) ? "page" : undefined}>
                {label}
              </a>
            </li>
          ))}
        </ul>
        <form method="post" action="/uitloggen" class="staff-nav__logout">
          <span class="staff-nav__user">{t("nav.signedInAs", { name: w.actor.name })}</span>
          <button type="submit" class="button button--link">
            {t("nav.signOut")}
          </button>
        </form>
      </div>
    </nav>
  );
}

function Layout({ w, title, children }: { w: Web; title: string; children?: Child }) {
  const { t } = w;
  return (
    <html lang={w.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} | MKB Limburg`}</title>
        <link rel="icon" href="/favicon.ico" sizes="32x32" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href={assetUrl("site.css")} />
        <script src={assetUrl("app.js")} defer />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t("layout.skip")}
        </a>
        <header class="site-header">
          <div class="container site-header__inner">
            <a class="brand" href="/">
              <span class="brand__mark" aria-hidden="true" />
              <span class="brand__text">
                <span class="brand__name">MKB Limburg</span>
                <span class="brand__tagline">{w.region ? w.region.name : t("layout.tagline")}</span>
              </span>
            </a>
            <div class="tags">
              <AccountLink w={w} />
              <LanguageSwitch w={w} />
            </div>
          </div>
        </header>
        <StaffNav w={w} />
        <main id="main" tabindex={-1}>
          <div class="container">{children}</div>
        </main>
        <footer class="site-footer">
          <div class="container site-footer__inner">
            <p class="site-footer__about">{t("layout.footerAbout")}</p>
            <nav aria-label={t("layout.footerNav")}>
              <ul>
                {FOOTER_LINKS.map(([href, key]) => (
                  <li>
                    <a href={href}>{t(key)}</a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** The renderer middleware every page answer goes through. */
export const pageRenderer = jsxRenderer(({ children, title, w }) => (
  <Layout w={w} title={title}>
    {children}
  </Layout>
));
