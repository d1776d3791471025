/** What every page handler knows about its request: the context, language, texts, user, clock and region. */
import { getCookie, setCookie } from "hono/cookie";
import { prefetchRequest } from "../../http/access";
import { loadAssetManifest } from "../../http/assets";
import type { Actor, AppContext, RegionRef } from "../../lib/context";
import { LOCALES, type Locale } from "../../lib/vocabulary";
import { translator, type T } from "../i18n";

export interface Web {
  c: AppContext;
  locale: Locale;
  t: T;
  actor: Actor | null;
  now: number;
  /** The region the page is about, when it has one (shown in the header). */
  region: RegionRef | null;
}

const LANG_COOKIE = "lang";

const isLocale = (value: string | undefined): value is Locale => (LOCALES as readonly string[]).includes(value ?? "");

/** Dutch by default; `?lang=en` switches and remembers the choice in the `lang` cookie. */
export function pageLocale(c: AppContext): Locale {
  const asked = c.req.query("lang");
  let locale: Locale = "nl";
  if (isLocale(asked)) {
    locale = asked;
    setCookie(c, LANG_COOKIE, asked, { path: "/", sameSite: "Lax", maxAge: 365 * 24 * 3600, secure: !c.var.config.isLocal });
  } else {
    const stored = getCookie(c, LANG_COOKIE);
    if (isLocale(stored)) locale = stored;
  }
  return locale;
}

/**
 * The page's context: its language and the signed-in user. With a session cookie, the
 * session and the region of the `:region` segment are read in one round trip
 * (`prefetchRequest`); without one nothing is read here (public pages read their region
 * with their data). The asset manifest is read once per isolate.
 */
export async function webContext(c: AppContext): Promise<Web> {
  const locale = pageLocale(c);
  await Promise.all([prefetchRequest(c), loadAssetManifest(c.env)]);
  return { c, locale, t: translator(locale), actor: c.var.actor, now: c.var.now, region: null };
}
