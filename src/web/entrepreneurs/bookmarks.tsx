/**
 * Saved offers: keeping and removing one (the same `addBookmark` / `removeBookmark` as
 * `PUT` / `DELETE /api/v1/me/bookmarks/{offerSlug}`), and `bookmarkControl`, the button an
 * offer page shows: "save" or "stop saving" for a signed-in entrepreneur, a sign-in link
 * (coming back to the offer) for anyone else. Plain forms, no script needed.
 *
 * @example
 * // in an offer page handler, in the page's read plan:
 * const bookmark = await bookmarkControl(w, plan, offer.slug);
 * await plan.run();
 * … <aside>{bookmark()}</aside>
 */
import type { Child } from "hono/jsx";
import * as v from "valibot";
import { ENTREPRENEUR } from "../../features/auth/policy";
import type { ReadPlan } from "../../db/read";
import { addBookmark, planHasBookmark, removeBookmark } from "../../features/entrepreneurs/account.service";
import { planEntrepreneur } from "../../features/entrepreneurs/entrepreneur-session";
import { OfferSlugParam } from "../../features/entrepreneurs/entrepreneurs.schemas";
import { LOGIN_LINK_PATH } from "../../features/entrepreneurs/login.service";
import { notFound } from "../../lib/errors";
import type { Web } from "../kit/context";
import { field, readForm } from "../kit/form";
import { pageRoute, safeNext, seeOther, withQuery, type PageRoute } from "../kit/page";
import { ME, meOf } from "./shared";

/** The offer's slug in the path, or 404. */
function slugOf(w: Web): string {
  const parsed = v.safeParse(OfferSlugParam, { offerSlug: w.c.req.param("offerSlug") ?? "" });
  if (!parsed.success) throw notFound("This offer");
  return parsed.output.offerSlug;
}

/** Where to go after saving or removing: the page the button was on (a local path only), else the overview. */
async function backTo(w: Web): Promise<string | null> {
  return safeNext(field(await readForm(w), "next"));
}

export async function saveSubmit(w: Web) {
  const slug = slugOf(w);
  const next = await backTo(w);
  await addBookmark(w.c.var.db, meOf(w), slug, w.now);
  return seeOther(w, next ?? ME);
}

export async function removeSubmit(w: Web) {
  const slug = slugOf(w);
  const next = await backTo(w);
  await removeBookmark(w.c.var.db, meOf(w), slug);
  return seeOther(w, next && next !== ME ? next : withQuery(ME, { klaar: "verwijderd" }));
}

/**
 * The save button of an offer page (`offerSlug` as in `/aanbod/{slug}`), for any visitor, read
 * in the page's plan: without the entrepreneur's session cookie no statement at all; with it,
 * the session and whether the offer is saved travel in the page's one batch.
 * The returned function gives the control once the plan has run.
 */
export async function bookmarkControl(w: Web, plan: ReadPlan, offerSlug: string): Promise<() => Child> {
  const session = await planEntrepreneur(w.c, plan);
  const saved = planHasBookmark(plan, session, offerSlug);
  return () => bookmarkView(w, offerSlug, session.me() !== null, saved());
}

function bookmarkView(w: Web, offerSlug: string, signedIn: boolean, saved: boolean): Child {
  const { t } = w;
  const here = new URL(w.c.req.url).pathname;
  if (!signedIn) {
    return (
      <p class="bookmark">
        <a href={withQuery(LOGIN_LINK_PATH, { next: here })}>{t("me.bm.signIn")}</a>
      </p>
    );
  }
  const action = saved ? `${ME}/bewaard/${offerSlug}/verwijderen` : `${ME}/bewaard/${offerSlug}`;
  return (
    <form method="post" action={action} class="bookmark">
      <input type="hidden" name="next" value={here} />
      {saved ? <p>{t("me.bm.isSaved")}</p> : null}
      <button type="submit" class={saved ? "button button--link" : "button button--secondary"}>
        {t(saved ? "me.bm.unsave" : "me.bm.save")}
      </button>
    </form>
  );
}

export const bookmarkPages: PageRoute[] = [
  pageRoute("post", `${ME}/bewaard/:offerSlug`, ENTREPRENEUR, saveSubmit),
  pageRoute("post", `${ME}/bewaard/:offerSlug/verwijderen`, ENTREPRENEUR, removeSubmit),
];
