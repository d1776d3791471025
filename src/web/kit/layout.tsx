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
import { regionOriginsSeen } from "../../lib/origins";
import { embedOf } from "./embed-flag";

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
  if (region && (a.role === "frontdesk_staff" || a.role === "consultant")) links.push([`${region}/kennisplein/open`, t("cq.nav")]);
  if (region && a.role === "region_admin") {
    links.push([`${region}/toewijzen`, t("nav.assign")]);
    links.push([`${region}/voortgang`, t("nav.progress")]);
    links.push([`${region}/loketten`, t("nav.frontdesks")]);
    links.push([`${region}/meldingen`, t("nav.notifications")]);
    links.push([`${region}/medewerkers`, t("nav.accounts")]);
    links.push([`${region}/aanbod`, t("nav.review")]);
    links.push([`${region}/inzichten`, t("nav.insights")]);
    links.push([`${region}/rapportage`, t("nav.report")]);
    links.push([`${region}/logboek`, t("nav.audit")]);
    links.push([`${region}/instellingen`, t("nav.settings")]);
    links.push([`${region}/evenementen`, t("nav.events")]);
    links.push([`${region}/kennisplein`, t("cq.nav")]);
    links.push([`${region}/api-sleutels`, t("key.title")]);
    links.push([`${region}/inbedden`, t("op.nav.origins")]);
    links.push([`${region}/webhooks`, t("op.nav.webhooks")]);
  }
  if (a.role === "partner" && a.organisationSlug) links.push([`/partner/${a.organisationSlug}/aanbod`, t("nav.partnerOffers")]);
  if (a.role === "partner" && a.organisationSlug) links.push([`/partner/${a.organisationSlug}/evenementen`, t("nav.partnerEvents")]);
  if (a.role === "partner" && a.organisationSlug) links.push([`/partner/${a.organisationSlug}/doorverwijzingen`, t("nav.partnerReferrals")]);
  if (a.role === "partner" && a.organisationSlug) links.push([`/partner/${a.organisationSlug}/api-sleutels`, t("key.title")]);
  if (a.role === "partner" && a.organisationSlug) links.push([`/partner/${a.organisationSlug}/webhooks`, t("op.nav.webhooks")]);
  links.push(["/aanbod", t("nav.catalogue")]);
  if (a.role === "platform_admin") links.push(["/beheer", t("nav.regions")]);
  if (a.role === "province_viewer" || a.role === "platform_admin" || a.role === "programme_office") links.push(["/provincie", t("nav.province")]);
  if (a.role === "programme_office" || a.role === "platform_admin") links.push(["/programma", t("nav.programme")]);
  if (a.role === "programme_office" && w.region) links.push([`/beheer/${w.region.slug}/kandidaten`, t("nav.candidates")]);
  if (a.role === "municipality_viewer") links.push(["/gemeente", t("nav.municipality")]);
  links.push(["/account/wachtwoord", t("nav.password")]);
  return links;
}

/** Where a member starts in one of their regions, by the role held there. */
export function regionStart(regionSlug: string, role: string): string {
  return role === "consultant" ? `/beheer/${regionSlug}/trajecten` : `/beheer/${regionSlug}/agenda`;
}

/**
 * The explicit region switcher (issue 19) for a member of several regions: one link per
 * region to the start page of the role held there; the region of the page is marked.
 */
function RegionSwitch({ w }: { w: Web }) {
  const a = w.actor;
  if (!a || a.memberships.length < 2) return null;
  const current = w.region?.slug ?? a.regionSlug;
  return (
    <nav class="region-switch" aria-label={w.t("nav.regionSwitch")}>
      <ul>
        {a.memberships.map((m) => (
          <li>
            <a href={regionStart(m.regionSlug, m.role)} aria-current={m.regionSlug === current ? "true" : undefined}>
              {m.regionSlug === current ? w.t("nav.regionSwitchNow", { region: m.regionName ?? m.regionSlug }) : (m.regionName ?? m.regionSlug)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function StaffNav({ w }: { w: Web }) {
  if (!w.actor) return null;
  const { t } = w;
  const path = new URL(w.c.req.url).pathname;
  return (
    <nav class="staff-nav" aria-label={t("nav.staffLabel")}>
      <div class="container staff-nav__inner">
        <RegionSwitch w={w} />
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

/**
 * The frame of an embedded booking page (issue 20, src/web/embed/embed.ts): no site header, staff
 * navigation or footer; the region's registered origins on the body for the frame script, which
 * tells the embedding page its height (assets/embed-frame.js). A link to the full site stays.
 */
function EmbedLayout({ w, title, region, children }: { w: Web; title: string; region: string; children?: Child }) {
  const origins = regionOriginsSeen(w.c.var.db, region) ?? [];
  return (
    <html lang={w.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} | MKB Limburg`}</title>
        <link rel="stylesheet" href={assetUrl("site.css")} />
        <script src={assetUrl("app.js")} defer />
        <script src={assetUrl("embed-frame.js")} defer />
      </head>
      <body class="embedded" data-embed-origins={origins.join(" ")}>
        <main id="main" tabindex={-1}>
          <div class="container">{children}</div>
        </main>
        <footer class="embedded__footer">
          <div class="container">
            <LanguageSwitch w={w} />{" "}
            <a href={`/boeken/${region}`} target="_blank" rel="noreferrer noopener">
              MKB Limburg
            </a>
          </div>
        </footer>
      </body>
    </html>
  );
}

function Layout({ w, title, children }: { w: Web; title: string; children?: Child }) {
  const { t } = w;
  const embed = embedOf(w.c.req.raw);
  if (embed)
    return (
      <EmbedLayout w={w} title={title} region={embed.region}>
        {children}
      </EmbedLayout>
    );
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
