import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFrontdesk, createRegion, createUser, signInAs, type FrontdeskFixture, type RegionFixture } from "../support/factories";
import { ORIGIN, startTestPlatform, type TestPlatform } from "../support/platform";

let platform: TestPlatform;
let region: RegionFixture;
let other: RegionFixture;
let desk: FrontdeskFixture;
let otherDesk: FrontdeskFixture;
let platformAdmin: Record<string, string>;
let regionAdmin: Record<string, string>;

beforeAll(async () => {
  platform = await startTestPlatform();
  region = await createRegion(platform.client);
  other = await createRegion(platform.client);
  desk = await createFrontdesk(platform.client, region);
  otherDesk = await createFrontdesk(platform.client, other);
  platformAdmin = await signInAs(platform, await createUser(platform.client, "platform_admin", null));
  regionAdmin = await signInAs(platform, await createUser(platform.client, "region_admin", region));
});
afterAll(async () => {
  await platform?.close();
});

const send = (method: string, path: string, headers: Record<string, string>, json?: unknown) =>
  platform.fetch(`/api/v1${path}`, { method, headers, ...(json !== undefined ? { json } : {}) });
const unique = (prefix: string) => `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.test`;

describe("the platform admin", () => {
  it("should create a region with its municipalities, audited, and refuse a taken slug", async () => {
    const slug = `regio-${Date.now().toString(36)}`;
    const body = {
      slug,
      name: "Regio Test",
      operator: "Testoperator",
      municipalities: [
        { cbsCode: "0935", name: "Maastricht" },
        { cbsCode: "1954", name: "Beekdaelen" },
      ],
    };
    const created = await send("POST", "/platform/regions", platformAdmin, body);
    expect(created.status).toBe(201);
    const detail = (await (await platform.fetch(`/api/v1/regions/${slug}`)).json()) as { region: { municipalities: unknown[] } };
    expect(detail.region.municipalities).toHaveLength(2);
    expect((await send("POST", "/platform/regions", platformAdmin, body)).status).toBe(409);
    const audit = await platform.client.execute({ sql: "select action from audit_log where action = 'region.created' and detail like ?", args: [`%${slug}%`] });
    expect(audit.rows).toHaveLength(1);
  });

  it("should create a region admin who receives an invitation, and refuse the same address twice", async () => {
    const email = unique("regiobeheer");
    const created = await send("POST", "/platform/users", platformAdmin, { email, name: "Rita Regio", role: "region_admin", region: region.slug });
    expect(created.status).toBe(201);
    const { user } = (await created.json()) as { user: { id: string; role: string; region: string; hasPassword: boolean } };
    expect(user).toMatchObject({ role: "region_admin", region: region.slug, hasPassword: false });
    const mail = await platform.client.execute({
      sql: "select kind, region_id, appointment_id, subject, text_body from outbox where recipient = ?",
      args: [email],
    });
    expect(mail.rows[0]).toMatchObject({ kind: "invitation", region_id: region.id, appointment_id: null });
    expect(String(mail.rows[0]?.text_body)).toMatch(/\/account\/uitnodiging\?token=/);
    expect((await send("POST", "/platform/users", platformAdmin, { email, name: "Rita Regio", role: "region_admin", region: region.slug })).status).toBe(409);
  });

  it("should refuse a regional role without a region and a platform role with one", async () => {
    expect((await send("POST", "/platform/users", platformAdmin, { email: unique("zonder"), name: "Zonder Regio", role: "consultant" })).status).toBe(400);
    expect(
      (await send("POST", "/platform/users", platformAdmin, { email: unique("met"), name: "Met Regio", role: "province_viewer", region: region.slug })).status,
    ).toBe(400);
    expect(
      (await send("POST", "/platform/users", platformAdmin, { email: unique("onbekend"), name: "Onbekend", role: "consultant", region: "bestaat-niet" }))
        .status,
    ).toBe(404);
  });

  it("should keep platform routes from region admins and province viewers", async () => {
    const viewer = await signInAs(platform, await createUser(platform.client, "province_viewer", null));
    expect((await send("GET", "/platform/users", regionAdmin)).status).toBe(403);
    expect((await send("GET", "/platform/users", viewer)).status).toBe(403);
    expect((await send("POST", "/platform/users", regionAdmin, { email: unique("x"), name: "X", role: "platform_admin" })).status).toBe(403);
  });
});

describe("the region admin", () => {
  it("should create frontdesk staff bound to the region's desks and consultants, and list them", async () => {
    const staffEmail = unique("balie");
    const staff = await send("POST", `/regions/${region.slug}/admin/users`, regionAdmin, {
      email: staffEmail,
      name: "Bas Balie",
      role: "frontdesk_staff",
      frontdeskIds: [desk.id],
    });
    expect(staff.status).toBe(201);
    const consultant = await send("POST", `/regions/${region.slug}/admin/users`, regionAdmin, {
      email: unique("adviseur"),
      name: "Ada Adviseur",
      role: "consultant",
    });
    expect(consultant.status).toBe(201);
    const list = (await (await send("GET", `/regions/${region.slug}/admin/users`, regionAdmin)).json()) as {
      users: { email: string; frontdeskIds?: string[] }[];
    };
    expect(list.users.find((u) => u.email === staffEmail)?.frontdeskIds).toEqual([desk.id]);
    expect(JSON.stringify(list)).not.toMatch(/pbkdf2|passwordHash/);
  });

  it("should refuse desks of another region, staff without desks, and roles above their own", async () => {
    expect(
      (
        await send("POST", `/regions/${region.slug}/admin/users`, regionAdmin, {
          email: unique("a"),
          name: "A",
          role: "frontdesk_staff",
          frontdeskIds: [otherDesk.id],
        })
      ).status,
    ).toBe(400);
    expect((await send("POST", `/regions/${region.slug}/admin/users`, regionAdmin, { email: unique("b"), name: "B", role: "frontdesk_staff" })).status).toBe(
      400,
    );
    expect((await send("POST", `/regions/${region.slug}/admin/users`, regionAdmin, { email: unique("c"), name: "C", role: "region_admin" })).status).toBe(403);
  });

  it("should refuse line breaks and overlong values in names and addresses", async () => {
    const crlf = await send("POST", `/regions/${region.slug}/admin/users`, regionAdmin, {
      email: unique("d"),
      name: "Eve\r\nBcc: evil@example.test",
      role: "consultant",
    });
    expect(crlf.status).toBe(400);
    const crlfMail = await send("POST", `/regions/${region.slug}/admin/users`, regionAdmin, {
      email: "eve@example.test\r\nBcc: x@example.test",
      name: "Eve",
      role: "consultant",
    });
    expect(crlfMail.status).toBe(400);
    expect(
      (await send("POST", `/regions/${region.slug}/admin/users`, regionAdmin, { email: unique("e"), name: "x".repeat(121), role: "consultant" })).status,
    ).toBe(400);
  });

  it("should escape names in the invitation's HTML", async () => {
    const email = unique("html");
    expect((await send("POST", `/regions/${region.slug}/admin/users`, regionAdmin, { email, name: '<b>Hans</b> & "Zn"', role: "consultant" })).status).toBe(
      201,
    );
    const mail = await platform.client.execute({ sql: "select subject, html_body from outbox where recipient = ?", args: [email] });
    expect(String(mail.rows[0]?.html_body)).toContain("&lt;b&gt;Hans&lt;/b&gt; &amp; &quot;Zn&quot;");
    expect(String(mail.rows[0]?.html_body)).not.toContain("<b>Hans</b>");
    expect(String(mail.rows[0]?.subject)).not.toContain("Hans");
  });

  it("should change role and desks, disable an account with immediate effect, and audit each change", async () => {
    const user = await createUser(platform.client, "frontdesk_staff", region, [desk]);
    const session = await signInAs(platform, user);
    const secondDesk = await createFrontdesk(platform.client, region);
    const moved = await send("PATCH", `/regions/${region.slug}/admin/users/${user.id}`, regionAdmin, { frontdeskIds: [secondDesk.id] });
    expect(moved.status).toBe(200);
    expect(((await moved.json()) as { user: { frontdeskIds: string[] } }).user.frontdeskIds).toEqual([secondDesk.id]);
    const me = (await (await platform.fetch("/api/v1/auth/me", { headers: session })).json()) as { user: { frontdeskIds: string[] } };
    expect(me.user.frontdeskIds).toEqual([secondDesk.id]);

    const promoted = await send("PATCH", `/regions/${region.slug}/admin/users/${user.id}`, regionAdmin, { role: "consultant" });
    expect(promoted.status).toBe(200);
    expect(((await promoted.json()) as { user: { role: string; frontdeskIds?: string[] } }).user).toMatchObject({ role: "consultant" });

    const disabled = await send("PATCH", `/regions/${region.slug}/admin/users/${user.id}`, regionAdmin, { disabled: true });
    expect(disabled.status).toBe(200);
    expect((await platform.fetch("/api/v1/auth/me", { headers: session })).status).toBe(401);

    const audit = (await (await send("GET", `/regions/${region.slug}/admin/audit`, regionAdmin)).json()) as { entries: { action: string; targetId: string }[] };
    const actions = audit.entries.filter((e) => e.targetId === user.id).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["account.changed", "account.disabled"]));
  });

  it("should not change their own account, another admin's, or an account of another region", async () => {
    const me = (await (await platform.fetch("/api/v1/auth/me", { headers: regionAdmin })).json()) as { user: { id: string } };
    expect((await send("PATCH", `/regions/${region.slug}/admin/users/${me.user.id}`, regionAdmin, { disabled: true })).status).toBe(403);
    const colleague = await createUser(platform.client, "region_admin", region);
    expect((await send("PATCH", `/regions/${region.slug}/admin/users/${colleague.id}`, regionAdmin, { disabled: true })).status).toBe(403);
    const foreign = await createUser(platform.client, "consultant", other);
    expect((await send("PATCH", `/regions/${region.slug}/admin/users/${foreign.id}`, regionAdmin, { disabled: true })).status).toBe(404);
    expect((await send("PATCH", `/regions/${other.slug}/admin/users/${foreign.id}`, regionAdmin, { disabled: true })).status).toBe(404);
    const promote = await createUser(platform.client, "consultant", region);
    expect((await send("PATCH", `/regions/${region.slug}/admin/users/${promote.id}`, regionAdmin, { role: "region_admin" })).status).toBe(403);
  });

  it("should keep frontdesk staff and consultants out of account management", async () => {
    const staff = await signInAs(platform, await createUser(platform.client, "frontdesk_staff", region, [desk]));
    expect((await send("GET", `/regions/${region.slug}/admin/users`, staff)).status).toBe(403);
    expect((await send("POST", `/regions/${region.slug}/admin/users`, staff, { email: unique("f"), name: "F", role: "consultant" })).status).toBe(403);
    expect(
      (
        await platform.fetch(`/api/v1/regions/${region.slug}/admin/users`, {
          method: "POST",
          json: { email: unique("g"), name: "G", role: "consultant" },
          headers: { origin: ORIGIN },
        })
      ).status,
    ).toBe(401);
  });
});
