/**
 * How a built e-mail leaves the Worker. One interface, two real transports:
 *
 * - {@link sendEmailBindingTransport}: Cloudflare's `send_email` binding with a raw MIME message;
 * - {@link httpMailTransport}: a JSON e-mail API in the common shape (e.g. Resend).
 *
 * Both throw on failure with a short message that names what failed and the status, never
 * the API key, the recipient or the body, because these messages end up in logs and in
 * the outbox's `lastError`.
 */
import { type MailMessage, buildMimeMessage, validateMailMessage } from "./mime";

export interface MailTransport {
  /** Resolves once the provider accepted the message; throws on any failure. */
  send(message: MailMessage): Promise<void>;
}

/** The constructor `cloudflare:email` exports, typed by @cloudflare/workers-types. */
type EmailMessageConstructor = new (from: string, to: string, raw: ReadableStream | string) => EmailMessage;

const MAX_ERROR_DETAIL = 120;

/** First line of an error message, shortened: enough to debug, too short to leak a message body. */
function shortReason(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const line = (raw.split(/\r?\n/)[0] ?? "").trim();
  return line.length > MAX_ERROR_DETAIL ? `${line.slice(0, MAX_ERROR_DETAIL)}…` : line || "unknown error";
}

let emailMessageModule: Promise<EmailMessageConstructor> | undefined;

/**
 * `cloudflare:email` exists only inside workerd; importing it lazily keeps this module
 * loadable in Node (unit tests, tools) while the Worker bundle still resolves it natively.
 */
function loadEmailMessage(): Promise<EmailMessageConstructor> {
  emailMessageModule ??= import("cloudflare:email").then((module) => module.EmailMessage);
  return emailMessageModule;
}

/**
 * Sends through the Workers `send_email` binding (wrangler.toml `[[send_email]]`).
 * `EmailMessage` can be passed in for tests outside workerd; by default it comes from `cloudflare:email`.
 *
 * @example
 * const transport = sendEmailBindingTransport(env.SEND_EMAIL);
 * await transport.send(message); // throws "send_email binding failed: …" when refused
 */
export function sendEmailBindingTransport(binding: SendEmail, options: { EmailMessage?: EmailMessageConstructor } = {}): MailTransport {
  return {
    async send(message) {
      // Built (and validated) before anything is sent, so a bad message fails loudly here.
      const raw = buildMimeMessage(message);
      const EmailMessageClass = options.EmailMessage ?? (await loadEmailMessage());
      try {
        await binding.send(new EmailMessageClass(message.from.email, message.to, raw));
      } catch (error) {
        throw new Error(`send_email binding failed: ${shortReason(error)}`, { cause: error });
      }
    },
  };
}

/** Base64 of a UTF-8 string without Node's Buffer. */
function base64Utf8(value: string): string {
  const bytes = new TextEncoder().encode(value);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** `"Name" <email>` the way e-mail APIs accept it; quotes keep commas in names harmless. */
function formatFrom(from: MailMessage["from"]): string {
  const name = from.name?.trim();
  return name ? `"${name.replace(/(["\\])/g, "\\$1")}" <${from.email}>` : from.email;
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * The API key travels in a header, so plain http is refused except to the local machine
 * (tests, a local mail catcher).
 */
function checkApiUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error("Mail API URL is not a valid URL");
  }
  if (parsed.protocol === "https:") return parsed;
  if (parsed.protocol === "http:" && LOOPBACK_HOSTS.has(parsed.hostname)) return parsed;
  throw new Error("Mail API URL must use https");
}

/** The JSON body {@link httpMailTransport} posts. */
export interface HttpMailPayload {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  attachments: Array<{ filename: string; content: string; contentType: string }>;
}

/**
 * Sends through a JSON e-mail API: POST `{ from, to, subject, text, html, headers, attachments }`
 * with `Authorization: Bearer <apiKey>`. The Message-ID doubles as `Idempotency-Key`, which
 * providers such as Resend honour, so a retry after a timeout does not send twice.
 *
 * @example
 * const transport = httpMailTransport({ url: "https://api.resend.com/emails", apiKey: env.MAIL_API_KEY });
 * await transport.send(message); // throws "Mail API answered 500" on a non-2xx answer
 */
export function httpMailTransport(options: {
  url: string;
  apiKey?: string;
  fetch?: typeof fetch;
  /** Give up after this long (default 15 s) so a hanging provider cannot stall a queue batch. */
  timeoutMs?: number;
}): MailTransport {
  const url = checkApiUrl(options.url);
  // Call the global lazily and unbound-safe: in workerd a detached `fetch` reference throws "Illegal invocation".
  const doFetch: typeof fetch = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 15_000;

  return {
    async send(message) {
      validateMailMessage(message);
      const payload: HttpMailPayload = {
        from: formatFrom(message.from),
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: {
          ...message.headers,
          "Message-ID": message.messageId,
          "Auto-Submitted": "auto-generated",
        },
        attachments: message.ics
          ? [
              {
                filename: message.ics.filename,
                content: base64Utf8(message.ics.content),
                contentType: `text/calendar; charset=utf-8; method=${message.ics.method}`,
              },
            ]
          : [],
      };
      const headers: Record<string, string> = {
        "Content-Type": "application/json; charset=utf-8",
        Accept: "application/json",
        "Idempotency-Key": message.messageId,
      };
      if (options.apiKey) headers.Authorization = `Bearer ${options.apiKey}`;

      let response: Response;
      try {
        response = await doFetch(url.href, {
          method: "POST",
          headers,
          body: JSON.stringify(payload),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        const reason = error instanceof Error && error.name === "TimeoutError" ? `timed out after ${timeoutMs} ms` : shortReason(error);
        throw new Error(`Mail API request failed: ${reason}`, { cause: error });
      }
      // Drain the body either way so the connection is released; its content is not needed.
      await response.body?.cancel().catch(() => undefined);
      if (!response.ok) {
        throw new Error(`Mail API answered ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`);
      }
    },
  };
}
