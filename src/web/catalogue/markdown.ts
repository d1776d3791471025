/**
 * An offer's description as HTML: plain paragraphs or a small, safe Markdown subset
 * (paragraphs, line breaks, **bold**, *italics*, lists, block quotes and links) through
 * markdown-it. Raw HTML is never passed through (`html: false` escapes it), headings,
 * images, tables and code blocks are not enabled (they would break the page's outline or
 * pull in outside content), and links go only to https, http and mailto addresses and
 * open as external links.
 */
import { raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import MarkdownIt from "markdown-it";

const SAFE_LINK = /^(https?:\/\/|mailto:)/i;

const md = new MarkdownIt("zero", { html: false, linkify: false, breaks: false, typographer: false });
md.enable(["paragraph", "newline", "list", "blockquote", "emphasis", "link", "escape", "entity", "text", "balance_pairs", "fragments_join", "text_join"]);
md.validateLink = (url) => SAFE_LINK.test(url.trim());

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  if (token && /^https?:/i.test(token.attrGet("href") ?? "")) token.attrSet("rel", "noopener noreferrer external");
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/**
 * Renders an offer description to HTML that holds no markup of its author's own (marked as
 * already escaped for hono's JSX).
 * @example renderDescription("Eerste alinea.\n\n- **vet** punt") // "<p>Eerste alinea.</p>\n<ul>\n<li><strong>vet</strong> punt</li>\n</ul>\n"
 */
export function renderDescription(text: string): HtmlEscapedString | Promise<HtmlEscapedString> {
  return raw(md.render(text));
}
