/**
 * Signing in without a password: an e-mailed one-time link (15 minutes, one use).
 *
 * Asking for a link never looks at whether the address has an account: every request stores a
 * token and queues a mail in one write batch, with its rate counts, so the answer, the work and
 * the time are the same for a known and an unknown address. The account is created at the
 * first successful sign-in. The link leads to a web page that only shows a button (mail
 * scanners follow links; a GET must not spend the token); the button posts the token.
 */
import type { Db } from "../../db/client";
import { writeBatch } from "../../db/write";
import { DomainError } from "../../lib/errors";
import { newId, newToken, sha256Hex } from "../../lib/ids";
import { emailKey, limitInBatch } from "../../lib/rate-limit";
import type { EntrepreneurActor } from "../../lib/context";
import { deleteSessionStatement, loginLinkStatements, signInStatements } from "./entrepreneurs.repo";
import { renderLoginLink } from "./login-messages";

export const LOGIN_LINK_TTL_MS = 15 * 60_000;
/**
 * The web page the link opens (reserved for the pages step): a GET shows a button, the button
 * POSTs the token; the page must never spend the token on GET.
 */
export const LOGIN_LINK_PATH = "/mijn/inloggen";
/** Tokens are 32 random bytes in base64url (43 characters). */
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

export interface LinkRequestOptions {
  now: number;
  /** Where the link points (the web front's origin). */
  origin: string;
  locale: "nl" | "en";
  /** The `RATE_LIMITS` override, if any. */
  rateLimits: string | undefined;
  /** The client's rate-limit key (null: not limited per network, i.e. local development). */
  clientKey: string | null;
}

/**
 * Mails a sign-in link to the address, in one write batch (one round trip): the counts per
 * network and per address, the token and the outbox row, the last two only while both counts
 * are within their limits. Past the network's limit it answers 429; past the address's it
 * sends nothing and says nothing (the answer must not change).
 * @example await requestLoginLink(db, "an@brood.nl", { now, origin, locale: "nl", rateLimits: undefined, clientKey: "192.0.2.7" });
 */
export async function requestLoginLink(db: Db, email: string, opts: LinkRequestOptions): Promise<void> {
  const address = email.trim().toLowerCase();
  const token = newToken(32);
  const tokenHash = await sha256Hex(token);
  const perAddress = limitInBatch(opts.rateLimits, "loginLinkPerEmail", await emailKey(address), opts.now);
  const perNetwork = opts.clientKey === null ? null : limitInBatch(opts.rateLimits, "loginLinkPerIp", opts.clientKey, opts.now);
  const guard = perNetwork
    ? { sql: `${perAddress.within.sql} and ${perNetwork.within.sql}`, args: [...perAddress.within.args, ...perNetwork.within.args] }
    : perAddress.within;
  const message = renderLoginLink({
    link: `${opts.origin}${LOGIN_LINK_PATH}?token=${encodeURIComponent(token)}`,
    validMinutes: LOGIN_LINK_TTL_MS / 60_000,
    locale: opts.locale,
  });
  const results = await writeBatch(db, [
    ...(perNetwork ? [perNetwork.count] : []),
    perAddress.count,
    ...loginLinkStatements({ tokenHash, email: address, expiresAt: opts.now + LOGIN_LINK_TTL_MS, now: opts.now }, message, guard),
  ]);
  if (perNetwork?.exceeded(results[0])) throw perNetwork.error();
}

/** One message for every way a link can fail (unknown, used, expired): nothing to learn from it. */
function invalidLink(): DomainError {
  const message = "This sign-in link is not valid any more. Ask for a new one.";
  return new DomainError("validation_failed", message, [{ path: "token", message }]);
}

export interface SignInResult {
  /** The new session id, for the cookie (only its hash is stored). */
  sessionToken: string;
  entrepreneur: { id: string; email: string; createdAt: number };
}

/**
 * Spends a sign-in token and starts a session, creating the account at the first sign-in, in
 * one write batch (one round trip) with the network's count of sign-in attempts. Of two
 * concurrent uses of one token exactly one gets a session.
 * @example const { sessionToken } = await signInWithToken(db, token, { now, rateLimits: undefined, clientKey: null });
 */
export async function signInWithToken(
  db: Db,
  token: string,
  opts: { now: number; rateLimits: string | undefined; clientKey: string | null },
): Promise<SignInResult> {
  if (!TOKEN_FORMAT.test(token)) throw invalidLink();
  const perNetwork = opts.clientKey === null ? null : limitInBatch(opts.rateLimits, "meLoginPerIp", opts.clientKey, opts.now);
  const sessionToken = newToken(32);
  const sessionIdHash = await sha256Hex(sessionToken);
  // Past the network's limit the token is not even spent: it still works from elsewhere.
  const statements = signInStatements({ tokenHash: await sha256Hex(token), sessionIdHash, accountId: newId(), now: opts.now }, perNetwork?.within);
  if (perNetwork) statements.unshift(perNetwork.count);
  const results = await writeBatch(db, statements);
  const offset = perNetwork ? 1 : 0;
  if (perNetwork?.exceeded(results[0])) throw perNetwork.error();
  const account = results[offset + 1]?.rows[0];
  if ((results[offset]?.rowsAffected ?? 0) !== 1 || !account || (results[offset + 2]?.rowsAffected ?? 0) !== 1) throw invalidLink();
  return { sessionToken, entrepreneur: { id: String(account.id), email: String(account.email), createdAt: Number(account.created_at) } };
}

/** Ends the session server-side (the route clears the cookie). */
export async function signOut(db: Db, me: EntrepreneurActor): Promise<void> {
  await writeBatch(db, [deleteSessionStatement(db, me.sessionIdHash)]);
}
