/**
 * The password rules as the Worker applies them (the strength estimator and its Dutch
 * dictionaries running in workerd): weak passwords, the published demo password, passwords
 * built from the platform's or a region's name, and the account's previous password are refused
 * with a reason, through the API and through the web pages in Dutch.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../tools/seed/demo-data";
import { TEST_PASSWORD, createRegion, createUser, signInAs, type RegionFixture } from "../support/factories";
import { ORIGIN, startTestPlatform, type TestPlatform } from "../support/platform";

let platform: TestPlatform;
let region: RegionFixture;
let admin: Record<string, string>;

beforeAll(async () => {
  platform = await startTestPlatform();
  region = await createRegion(platform.client, { slug: "zuid-limburg", name: "Zuid-Limburg" });
  admin = await signInAs(platform, await createUser(platform.client, "region_admin", region));
});
afterAll(async () => {
  await platform?.close();
});

const post = (path: string, json: unknown, headers: Record<string, string> = {}) =>
  platform.fetch(path, { method: "POST", json, headers: { origin: ORIGIN, ...headers } });

/** The one-time token in the newest account e-mail to `email`. */
async function tokenFromMail(email: string, kind: "invitation" | "password_reset"): Promise<string> {
  const rows = await platform.client.execute({
    sql: "select text_body from outbox where recipient = ? and kind = ? order by created_at desc limit 1",
    args: [email, kind],
  });
  const match = /token=([A-Za-z0-9_-]+)/.exec(String(rows.rows[0]?.text_body ?? ""));
  if (!match?.[1]) throw new Error(`no ${kind} mail for ${email}`);
  return match[1];
}

async function issueOf(response: Response): Promise<{ path: string; message: string }> {
  expect(response.status).toBe(400);
  const body = (await response.json()) as { error: { code: string; issues: { path: string; message: string }[] } };
  expect(body.error.code).toBe("validation_failed");
  const [issue] = body.error.issues;
  if (!issue) throw new Error("no issue");
  return issue;
}

describe("choosing a password", () => {
  it("should refuse weak, published and platform-built passwords when accepting an invitation, and say why", async () => {
    const email = `nieuw-${Date.now()}@example.test`;
    expect((await post(`/api/v1/regions/${region.slug}/admin/users`, { email, name: "Nina Nieuw", role: "consultant" }, admin)).status).toBe(201);
    const token = await tokenFromMail(email, "invitation");
    const cases: [string, RegExp][] = [
      ["passwordpassword", /repeats|common/i],
      ["qwertyqwerty", /repeats|keyboard/i],
      ["Welkom01welkom01", /repeats|common/i],
      ["zuid-limburg12", /region|platform/i],
      [DEMO_PASSWORD, /published/i],
      ["Nina-Nieuw-2027", /name/i],
      [email, /e-mail/i],
    ];
    for (const [password, reason] of cases) {
      const issue = await issueOf(await post("/api/v1/auth/accept-invitation", { token, password }));
      expect(issue.path, password).toBe("password");
      expect(issue.message, password).toMatch(reason);
    }
    expect((await post("/api/v1/auth/accept-invitation", { token, password: "Zonnige-ochtend-in-Venlo-42" })).status).toBe(204);
  });

  it("should refuse resetting to the password the account already has", async () => {
    const user = await createUser(platform.client, "consultant", region);
    expect((await post("/api/v1/auth/password-reset", { email: user.email })).status).toBe(202);
    const token = await tokenFromMail(user.email, "password_reset");
    const issue = await issueOf(await post("/api/v1/auth/password-reset/confirm", { token, password: TEST_PASSWORD }));
    expect(issue.message).toMatch(/differs from the current one/);
    expect((await post("/api/v1/auth/password-reset/confirm", { token, password: "Fietsen-langs-de-Maas-in-mei" })).status).toBe(204);
  });

  it("should refuse the current password and the demo password when changing it", async () => {
    const user = await createUser(platform.client, "consultant", region);
    const session = await signInAs(platform, user);
    const same = await issueOf(await post("/api/v1/auth/change-password", { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD }, session));
    expect(same.path).toBe("newPassword");
    const demo = await issueOf(await post("/api/v1/auth/change-password", { currentPassword: TEST_PASSWORD, newPassword: DEMO_PASSWORD }, session));
    expect(demo.message).toMatch(/published/);
  });

  it("should explain a refusal in Dutch on the reset page", async () => {
    const user = await createUser(platform.client, "consultant", region);
    expect((await post("/api/v1/auth/password-reset", { email: user.email })).status).toBe(202);
    const token = await tokenFromMail(user.email, "password_reset");
    const response = await platform.fetch("/account/wachtwoord-herstellen", {
      method: "POST",
      body: new URLSearchParams({ token, password: "zuid-limburg12", password2: "zuid-limburg12" }).toString(),
      headers: { origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" },
      redirect: "manual",
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Kies een wachtwoord dat niet is opgebouwd uit de naam van het platform of van een regio.");
  });
});
