/**
 * A small RFC 5322 / MIME (RFC 2045–2049) message builder.
 *
 * Workers' `send_email` binding takes a raw message, and no MIME library is both tiny and
 * free of Node APIs, so this builds exactly the one shape we send:
 *
 *   multipart/mixed
 *   ├─ multipart/alternative
 *   │  ├─ text/plain; charset=utf-8   (base64)
 *   │  └─ text/html; charset=utf-8    (base64)
 *   └─ text/calendar; method=…       (base64, attachment)
 *
 * Bodies are always base64 with 76-character lines: it is 7-bit safe, needs no
 * line-length or dot-stuffing care, and no body line can ever look like a boundary.
 * Header values that come from callers are checked, not cleaned: a CR or LF there means a
 * bug or an attack (header injection), and silently "fixing" it would hide that.
 */
import { CONTROL_CHARACTER } from "../../lib/text";

export interface MailMessage {
  from: { email: string; name?: string };
  to: string;
  subject: string;
  text: string;
  html: string;
  ics?: { filename: string; content: string; method: "PUBLISH" | "CANCEL" };
  /** Stable, e.g. "<outboxId@mkb-limburg>", so a resend is recognisable as the same message. */
  messageId: string;
  date: Date;
  /** Extra headers, e.g. `{ "X-Entity-Ref-ID": "apt_123" }`; the standard ones cannot be overridden. */
  headers?: Record<string, string>;
}

/** A header value (or address) contains CR, LF or another control character. */
export class HeaderInjectionError extends Error {
  override name = "HeaderInjectionError";
}

/** An e-mail address, header name or Message-ID does not have the required form. */
export class InvalidMailError extends Error {
  override name = "InvalidMailError";
}

const CRLF = "\r\n";
const encoder = new TextEncoder();

// C0 controls (CR, LF, TAB, NUL, …), DEL, C1 controls (NEL U+0085 is a line break to some
// parsers) and the Unicode line/paragraph separators: lib/text.ts's one definition.
const CONTROL = CONTROL_CHARACTER;

/**
 * Pragmatic addr-spec check: dot-atom local part and a dotted host name, ASCII only. It
 * refuses everything that could change the meaning of a header (spaces, quotes, angle
 * brackets, commas, semicolons), which is what matters here; deliverability is for the
 * mail server to judge.
 */
const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
const ADDRESS = new RegExp(`^${ATOM}(?:\\.${ATOM})*@${LABEL}(?:\\.${LABEL})+$`);
const MESSAGE_ID = new RegExp(`^<${ATOM}(?:\\.${ATOM})*@${ATOM}(?:\\.${ATOM})*>$`);
/** RFC 5322 field name: printable ASCII except the colon. */
const FIELD_NAME = /^[!-9;-~]+$/;
/** Headers this builder writes itself; letting callers set them would allow duplicates. */
const RESERVED = new Set([
  "from",
  "to",
  "cc",
  "bcc",
  "subject",
  "date",
  "message-id",
  "mime-version",
  "auto-submitted",
  "x-auto-response-suppress",
  "content-type",
  "content-transfer-encoding",
  "content-disposition",
]);

function assertNoControls(field: string, value: string): void {
  if (CONTROL.test(value)) throw new HeaderInjectionError(`Control character in ${field}`);
}

/**
 * Throws {@link HeaderInjectionError} on control characters and {@link InvalidMailError}
 * on a malformed address, Message-ID, header name or date; shared with the HTTP transport
 * so both transports refuse the same messages.
 *
 * @example
 * validateMailMessage({ ...message, to: "a@b.nl\r\nBcc: x@y.nl" }); // throws HeaderInjectionError
 */
export function validateMailMessage(message: MailMessage): void {
  assertNoControls("from", message.from.email);
  if (message.from.name !== undefined) assertNoControls("from name", message.from.name);
  assertNoControls("to", message.to);
  assertNoControls("subject", message.subject);
  assertNoControls("Message-ID", message.messageId);
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    assertNoControls("header name", name);
    assertNoControls(`header ${name}`, value);
    if (!FIELD_NAME.test(name)) throw new InvalidMailError("Invalid header name");
    if (RESERVED.has(name.toLowerCase())) throw new InvalidMailError(`Header ${name} is set by the builder`);
  }
  if (!isMailAddress(message.from.email)) throw new InvalidMailError("Invalid from address");
  if (!isMailAddress(message.to)) throw new InvalidMailError("Invalid to address");
  if (!MESSAGE_ID.test(message.messageId)) throw new InvalidMailError("Invalid Message-ID");
  if (!(message.date instanceof Date) || Number.isNaN(message.date.getTime())) {
    throw new InvalidMailError("Invalid date");
  }
}

/**
 * Whether a string looks like a plain e-mail address (`local@host.tld`, ASCII, at most 254 characters).
 *
 * @example
 * isMailAddress("loket@maastricht.nl"); // true
 * isMailAddress("Loket <loket@maastricht.nl>"); // false
 */
export function isMailAddress(value: string): boolean {
  if (value.length > 254) return false;
  const at = value.lastIndexOf("@");
  return at > 0 && at <= 64 && ADDRESS.test(value);
}

// ---------------------------------------------------------------------------
// Encodings

/** Base64 of bytes without Node's Buffer; chunked so a large body cannot overflow the call stack. */
function base64(bytes: Uint8Array): string {
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/** Canonical form for text bodies (RFC 2046 §4.1.1): every line break is CRLF. */
function canonicalLines(value: string): string {
  return value.replace(/\r\n|\r|\n/g, CRLF);
}

/** Base64 body with 76-character lines (RFC 2045 §6.8), ending with CRLF. */
function base64Body(value: string): string {
  const encoded = base64(encoder.encode(canonicalLines(value)));
  const lines: string[] = [];
  for (let i = 0; i < encoded.length; i += 76) lines.push(encoded.slice(i, i + 76));
  return lines.join(CRLF) + CRLF;
}

function isPrintableAscii(value: string): boolean {
  return /^[\x20-\x7e]*$/.test(value);
}

/**
 * RFC 2047 "B" encoded-words for a header value, each at most 75 characters and split
 * between code points (so no UTF-8 sequence or surrogate pair is cut), joined by folding
 * whitespace, which decoders drop between adjacent encoded-words.
 */
function encodedWords(value: string): string {
  // "=?UTF-8?B?" + "?=" is 12 characters; 45 bytes give 60 base64 characters: 72 in all.
  const maxBytes = 45;
  const words: string[] = [];
  let chunk: number[] = [];
  for (const char of value) {
    const bytes = encoder.encode(char);
    if (chunk.length + bytes.length > maxBytes) {
      words.push(`=?UTF-8?B?${base64(Uint8Array.from(chunk))}?=`);
      chunk = [];
    }
    chunk.push(...bytes);
  }
  if (chunk.length > 0 || words.length === 0) words.push(`=?UTF-8?B?${base64(Uint8Array.from(chunk))}?=`);
  return words.join(`${CRLF} `);
}

/**
 * Folds a plain ASCII header at spaces so lines stay near 78 characters (RFC 5322 §2.1.1);
 * a run without spaces is left long, which is allowed up to 998.
 */
function foldAscii(name: string, value: string): string {
  const words = value.split(" ");
  let line = `${name}:`;
  const out: string[] = [];
  for (const word of words) {
    if (word.length > 0 && line.length + 1 + word.length > 78 && line.length > name.length + 1) {
      out.push(line);
      line = "";
    }
    line += ` ${word}`;
  }
  out.push(line);
  return out.join(CRLF);
}

/** An unstructured header (Subject, custom headers): ASCII as is, anything else encoded. */
function unstructuredHeader(name: string, value: string): string {
  // "=?" in plain text would be decoded by readers as an encoded-word; encode it instead.
  if (isPrintableAscii(value) && !value.includes("=?") && value.length <= 900) return foldAscii(name, value);
  return `${name}: ${encodedWords(value)}`;
}

/** Display name as an RFC 5322 quoted-string, or as encoded-words when not plain ASCII. */
function displayName(name: string): string {
  if (isPrintableAscii(name) && !name.includes("=?")) return `"${name.replace(/(["\\])/g, "\\$1")}"`;
  return encodedWords(name);
}

/** Puts the angle-addr on a continuation line when the display name already fills the line. */
function foldBeforeAddress(head: string, address: string): string {
  const lastLine = head.slice(head.lastIndexOf(CRLF) + 1);
  return lastLine.length + 1 + address.length > 78 ? `${head}${CRLF} ${address}` : `${head} ${address}`;
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

/**
 * RFC 5322 §3.3 date-time in UTC with a numeric zone ("GMT" is the obsolete form that
 * `Date.prototype.toUTCString` produces).
 *
 * @example
 * formatMailDate(new Date("2027-03-29T08:00:00Z")); // "Mon, 29 Mar 2027 08:00:00 +0000"
 */
export function formatMailDate(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, "0");
  const day = DAYS[date.getUTCDay()] ?? "Mon";
  const month = MONTHS[date.getUTCMonth()] ?? "Jan";
  return (
    `${day}, ${pad(date.getUTCDate())} ${month} ${date.getUTCFullYear()} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  );
}

/**
 * Random boundary. "=_" cannot occur in base64 text (padding "=" only ends a line), so a
 * boundary can never appear inside a part, whatever the content.
 */
function boundary(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `=_mkb_${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/** Attachment file names are ours ("afspraak.ics"); anything unusual is replaced, not encoded. */
function safeFilename(name: string): string {
  // No leading dots (hidden or "../"-looking names); short enough to keep the header line under 78.
  const cleaned = name
    .replace(/[^A-Za-z0-9._-]/g, "_")
    .replace(/^\.+/, "")
    .slice(0, 40);
  return cleaned.length > 0 ? cleaned : "afspraak.ics";
}

// ---------------------------------------------------------------------------
// The message

/**
 * Builds a complete raw e-mail (CRLF line endings) for `send_email` or any SMTP relay.
 * Throws {@link HeaderInjectionError} when from, to, subject or a header contains a
 * control character and {@link InvalidMailError} when an address or the Message-ID is malformed.
 *
 * @example
 * const raw = buildMimeMessage({
 *   from: { email: "noreply@mkb-limburg.nl", name: "MKB Limburg" }, to: "an@example.nl",
 *   subject: "Uw afspraak is bevestigd", text: "…", html: "<!DOCTYPE html>…",
 *   ics: { filename: "afspraak.ics", content: buildIcs(event), method: "PUBLISH" },
 *   messageId: "<out_123@mkb-limburg>", date: new Date(),
 * }); // "From: \"MKB Limburg\" <noreply@mkb-limburg.nl>\r\nTo: an@example.nl\r\n…"
 */
export function buildMimeMessage(message: MailMessage): string {
  validateMailMessage(message);

  const from =
    message.from.name && message.from.name.trim() !== ""
      ? foldBeforeAddress(`From: ${displayName(message.from.name)}`, `<${message.from.email}>`)
      : `From: ${message.from.email}`;
  const headers: string[] = [
    from,
    `To: ${message.to}`,
    unstructuredHeader("Subject", message.subject),
    `Date: ${formatMailDate(message.date)}`,
    `Message-ID: ${message.messageId}`,
    "MIME-Version: 1.0",
    // Tells well-behaved auto-responders (RFC 3834) and Outlook not to answer a no-reply message.
    "Auto-Submitted: auto-generated",
    "X-Auto-Response-Suppress: All",
  ];
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    headers.push(unstructuredHeader(name, value));
  }

  const alternativeBoundary = boundary();
  const alternative = [
    `--${alternativeBoundary}`,
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: base64",
    "",
    base64Body(message.text),
    `--${alternativeBoundary}`,
    "Content-Type: text/html; charset=utf-8",
    "Content-Transfer-Encoding: base64",
    "",
    base64Body(message.html),
    `--${alternativeBoundary}--`,
    "",
  ].join(CRLF);

  if (!message.ics) {
    return [...headers, `Content-Type: multipart/alternative;${CRLF} boundary="${alternativeBoundary}"`, "", alternative].join(CRLF);
  }

  const mixedBoundary = boundary();
  const filename = safeFilename(message.ics.filename);
  const method = message.ics.method === "CANCEL" ? "CANCEL" : "PUBLISH";
  return [
    ...headers,
    `Content-Type: multipart/mixed;${CRLF} boundary="${mixedBoundary}"`,
    "",
    "This is a multi-part message in MIME format.",
    `--${mixedBoundary}`,
    `Content-Type: multipart/alternative;${CRLF} boundary="${alternativeBoundary}"`,
    "",
    alternative,
    `--${mixedBoundary}`,
    `Content-Type: text/calendar; charset=utf-8; method=${method};${CRLF} name="${filename}"`,
    "Content-Transfer-Encoding: base64",
    `Content-Disposition: attachment; filename="${filename}"`,
    "",
    base64Body(message.ics.content),
    `--${mixedBoundary}--`,
    "",
  ].join(CRLF);
}
