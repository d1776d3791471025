/**
 * A post of the knowledge square as the page shows it: plain text (never HTML: JSX escapes
 * every character), paragraphs and line breaks kept, and http(s) addresses as links marked
 * `rel="nofollow ugc"` (user-generated content; no ranking credit for spam). No other scheme
 * becomes a link (`javascript:`, `data:`, `mailto:` stay text).
 */
import type { Child } from "hono/jsx";

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi;
/** Punctuation that ends a sentence rather than an address. */
const TRAILING = /[.,;:!?)\]]+$/;

/** Splits a line into text and http(s) links. */
function linkify(line: string): Child[] {
  const out: Child[] = [];
  let last = 0;
  for (const match of line.matchAll(URL_PATTERN)) {
    const start = match.index ?? 0;
    let href = match[0];
    const trailing = TRAILING.exec(href)?.[0] ?? "";
    href = href.slice(0, href.length - trailing.length);
    let valid = false;
    try {
      const url = new URL(href);
      valid = url.protocol === "http:" || url.protocol === "https:";
    } catch {
      valid = false;
    }
    if (!valid) continue;
    if (start > last) out.push(line.slice(last, start));
    out.push(
      <a href={href} rel="nofollow ugc noopener" class="ugc-link">
        {href}
      </a>,
    );
    last = start + href.length;
  }
  if (last < line.length) out.push(line.slice(last));
  return out;
}

/** The post as paragraphs with line breaks and safe links. */
export function PostText({ text }: { text: string }) {
  const paragraphs = text
    .replace(/\r\n?/g, "\n")
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <div class="post-text">
      {paragraphs.map((p) => (
        <p>{p.split("\n").flatMap((line, i) => (i === 0 ? linkify(line) : [<br />, ...linkify(line)]))}</p>
      ))}
    </div>
  );
}
