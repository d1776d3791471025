/** The statements every public site has: accessibility and privacy (static texts). */
import { PUBLIC } from "../../features/auth/policy";
import type { MessageKey } from "../i18n";
import type { Web } from "../kit/context";
import { pageRoute, render, type PageRoute } from "../kit/page";

/** A text page: a title, then paragraphs and (keys ending in "H") headings. */
function statement(keys: { title: MessageKey; paragraphs: MessageKey[] }) {
  return (w: Web) =>
    render(w, {
      title: w.t(keys.title),
      body: (
        <article class="prose">
          <h1>{w.t(keys.title)}</h1>
          {keys.paragraphs.map((k) => (k.endsWith("H") ? <h2>{w.t(k)}</h2> : <p>{w.t(k)}</p>))}
        </article>
      ),
    });
}

const ACCESSIBILITY: MessageKey[] = ["a11y.p1", "a11y.p2", "a11y.statusH", "a11y.p3", "a11y.p4", "a11y.feedbackH", "a11y.p5"];
const PRIVACY: MessageKey[] = [
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
];

export const statementPages: PageRoute[] = [
  pageRoute("get", "/toegankelijkheid", PUBLIC, statement({ title: "a11y.title", paragraphs: ACCESSIBILITY })),
  pageRoute("get", "/privacy", PUBLIC, statement({ title: "privacy.title", paragraphs: PRIVACY })),
];
