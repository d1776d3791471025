/**
 * Entrepreneur sign-in for tests, the way a person does it: ask for a link, read the e-mail
 * from the outbox, post the token. Nothing is inserted behind the Worker's back.
 */
import { ORIGIN, type TestPlatform } from "./platform";

export type Headers = Record<string, string>;

/** Asks for a sign-in link (202 expected) and returns the answer. */
export async function requestLink(platform: TestPlatform, email: string, headers: Headers = {}): Promise<Response> {
  return platform.fetch("/api/v1/me/login-link", { method: "POST", json: { email }, headers: { origin: ORIGIN, ...headers } });
}

/** The token of the newest sign-in mail to this address (as the recipient would click it). */
export async function latestLoginToken(platform: TestPlatform, email: string): Promise<string> {
  const rs = await platform.client.execute({
    sql: "select text_body from outbox where kind = 'login_link' and recipient = ? order by created_at desc, rowid desc limit 1",
    args: [email.trim().toLowerCase()],
  });
  const match = /[?&]token=([A-Za-z0-9_-]{43})/.exec(String(rs.rows[0]?.text_body ?? ""));
  if (!match?.[1]) throw new Error(`no sign-in mail for ${email}`);
  return match[1];
}

/** Posts a token to the sign-in route. */
export async function postLogin(platform: TestPlatform, token: string, headers: Headers = {}): Promise<Response> {
  return platform.fetch("/api/v1/me/login", { method: "POST", json: { token }, headers: { origin: ORIGIN, ...headers } });
}

/** The session cookie (`name=value`) a sign-in answer sets. */
export function sessionCookie(response: Response): string {
  const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  if (!cookie.includes("=")) throw new Error("no cookie set");
  return cookie;
}

/** Signs in as the entrepreneur with this address and returns the headers a browser would send afterwards. */
export async function signInAsEntrepreneur(platform: TestPlatform, email: string): Promise<Headers> {
  const asked = await requestLink(platform, email);
  if (asked.status !== 202) throw new Error(`login-link: ${asked.status} ${await asked.text()}`);
  const response = await postLogin(platform, await latestLoginToken(platform, email));
  if (response.status !== 200) throw new Error(`login: ${response.status} ${await response.text()}`);
  return { cookie: sessionCookie(response), origin: ORIGIN };
}
