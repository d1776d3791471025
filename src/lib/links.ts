import type { AppContext } from "./context";
import type { Locale } from "./vocabulary";

/** Links in answers and e-mails point at the configured public origin, or the request's own. */
export function linksFor(c: AppContext): { origin: string } {
  return { origin: c.var.config.PUBLIC_URL ? new URL(c.var.config.PUBLIC_URL).origin : new URL(c.req.url).origin };
}

/** Dutch unless the request asks for English (explicit choice first, then Accept-Language). */
export function requestLocale(c: AppContext, explicit?: Locale): Locale {
  if (explicit) return explicit;
  const accept = (c.req.header("accept-language") ?? "").toLowerCase();
  return accept.startsWith("en") ? "en" : "nl";
}
