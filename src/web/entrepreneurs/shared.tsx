/**
 * What the "Mijn MKB Limburg" pages share: the signed-in entrepreneur, their small navigation
 * (overview, profile, data, sign out) and the frame of a page behind it.
 */
import type { Child } from "hono/jsx";
import { requireEntrepreneur } from "../../features/entrepreneurs/entrepreneur-session";
import type { EntrepreneurActor } from "../../lib/context";
import { localDate } from "../../lib/time";
import type { Web } from "../kit/context";
import { day } from "../kit/format";
import { render } from "../kit/page";

/** The overview page's path (the service's e-mails link to it too). */
export const ME = "/mijn";

/** The entrepreneur of a page whose access rule is `ENTREPRENEUR`. */
export function meOf(w: Web): EntrepreneurActor {
  return requireEntrepreneur(w.c);
}

const NAV: Array<[string, "me.nav.overview" | "me.nav.profile" | "me.nav.data"]> = [
  [ME, "me.nav.overview"],
  [`${ME}/profiel`, "me.nav.profile"],
  [`${ME}/gegevens`, "me.nav.data"],
];

/** The entrepreneur's own navigation, with who is signed in and the sign-out button. */
export function MeNav({ w }: { w: Web }) {
  const { t } = w;
  const path = new URL(w.c.req.url).pathname;
  return (
    <nav class="staff-nav" aria-label={t("me.nav")}>
      <div class="staff-nav__inner">
        <ul>
          {NAV.map(([href, key]) => (
            <li>
              <a href={href} aria-current={path === href ? "page" : undefined}>
                {t(key)}
              </a>
            </li>
          ))}
        </ul>
        <form method="post" action={`${ME}/uitloggen`} class="staff-nav__logout">
          <span class="staff-nav__user">{t("me.signedInAs", { email: meOf(w).email })}</span>
          <button type="submit" class="button button--link">
            {t("me.signOut")}
          </button>
        </form>
      </div>
    </nav>
  );
}

/** A page behind the entrepreneur's sign-in: their navigation, then the body. */
export function mePage(w: Web, page: { title: string; body: Child; status?: number }) {
  return render(w, {
    title: page.title,
    ...(page.status ? { status: page.status } : {}),
    body: (
      <>
        <MeNav w={w} />
        {page.body}
      </>
    ),
  });
}

/** An ISO instant (as the services give them) as a day in words, e.g. "maandag 29 maart 2027". */
export function dayOf(isoInstant: string, w: Web): string {
  return day(localDate(Date.parse(isoInstant)), w.locale);
}
