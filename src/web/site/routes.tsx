/** The statements every public site has: accessibility and privacy (static texts). */
import type { Hono } from "hono";
import type { AppEnv } from "../../lib/context";
import type { MessageKey } from "../i18n";
import { page, render } from "../kit/page";

/** A text page: a title, then paragraphs and (keys ending in "H") headings. */
function staticPage(keys: { title: MessageKey; paragraphs: MessageKey[] }) {
  return page((w) =>
    render(w, {
      title: w.t(keys.title),
      body: (
        <article class="prose">
          <h1>{w.t(keys.title)}</h1>
          {keys.paragraphs.map((k) => (k.endsWith("H") ? <h2>{w.t(k)}</h2> : <p>{w.t(k)}</p>))}
        </article>
      ),
    }),
  );
}

export function registerSitePages(app: Hono<AppEnv>): void {
  app.get(
    "/toegankelijkheid",
    staticPage({ title: "a11y.title", paragraphs: ["a11y.p1", "a11y.p2", "a11y.statusH", "a11y.p3", "a11y.p4", "a11y.feedbackH", "a11y.p5"] }),
  );
  app.get(
    "/privacy",
    staticPage({
      title: "privacy.title",
      paragraphs: [
        "privacy.p1",
        "privacy.whatH",
        "privacy.p2",
        "privacy.p3",
        "privacy.whyH",
        "privacy.p4",
        "privacy.keepH",
        "privacy.p5",
        "privacy.rightsH",
        "privacy.p6",
      ],
    }),
  );
}
