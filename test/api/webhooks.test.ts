/**
 * Webhooks (issue 20): subscribing, Standard Webhooks signatures checked with the library by a
 * real HTTP receiver, retries with back-off on the test clock, disabling with a mail, the
 * delivery log and replay, the SSRF guard, and isolation between regions and organisations.
 */
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFrontdesk, createRegion, createUser, signInAs, type FrontdeskFixture, type RegionFixture, type UserFixture } from "../support/factories";
import { createOrganisation, createPartner, type OrganisationFixture } from "../support/catalogue";
import { startTestPlatform, type TestPlatform } from "../support/platform";
import { realNow } from "../support/clock";
import { book, bookingBody, futureSlot } from "../support/slots";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";
import { createEventAs, eventBody, registerOk, registrationBody } from "../support/events";
import { offerBody } from "../support/catalogue";
import { WEBHOOK_RETRY_MINUTES } from "../../src/features/webhooks/webhooks.delivery";

let platform: TestPlatform;
let receiver: WebhookReceiver;
let region: RegionFixture;
let other: RegionFixture;
let desk: FrontdeskFixture;
let admin: UserFixture;
let adminHeaders: Record<string, string>;
let otherAdminHeaders: Record<string, string>;
let staffHeaders: Record<string, string>;
let org: OrganisationFixture;
let partnerHeaders: Record<string, string>;
let otherPartnerHeaders: Record<string, string>;

interface Created {
  webhook: { id: string; url: string; events: string[]; status: string };
  secret: string;
}
interface Delivery {
  id: string;
  messageId: string;
  eventType: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  nextAttemptAt: string | null;
}

beforeAll(async () => {
  [platform, receiver] = await Promise.all([startTestPlatform(), startWebhookReceiver()]);
  region = await createRegion(platform.client);
  other = await createRegion(platform.client);
  desk = await createFrontdesk(platform.client, region, { capacityPerSlot: 10 });
  admin = await createUser(platform.client, "region_admin", region);
  const otherAdmin = await createUser(platform.client, "region_admin", other);
  const staff = await createUser(platform.client, "frontdesk_staff", region, [desk]);
  org = await createOrganisation(platform.client, region);
  const otherOrg = await createOrganisation(platform.client, other);
  [adminHeaders, otherAdminHeaders, staffHeaders, partnerHeaders, otherPartnerHeaders] = await Promise.all([
    signInAs(platform, admin),
    signInAs(platform, otherAdmin),
    signInAs(platform, staff),
    signInAs(platform, await createPartner(platform.client, org)),
    signInAs(platform, await createPartner(platform.client, otherOrg)),
  ]);
});
afterAll(async () => {
  await Promise.all([platform?.close(), receiver?.close()]);
});

const regionHooks = (r: RegionFixture = region) => `/api/v1/regions/${r.slug}/admin/webhooks`;

async function subscribe(path: string, headers: Record<string, string>, body: unknown): Promise<Created> {
  const response = await platform.fetch(path, { method: "POST", headers, json: body });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as Created;
}

async function deliveries(webhookId: string, base = regionHooks(), headers = adminHeaders): Promise<Delivery[]> {
  const response = await platform.fetch(`${base}/${webhookId}/deliveries`, { headers });
  expect(response.status).toBe(200);
  return ((await response.json()) as { deliveries: Delivery[] }).deliveries;
}

/** Runs the Cron Trigger `aheadMs` after now on the test clock (the Worker adds its clock offset). */
async function runScheduledAhead(aheadMs: number): Promise<void> {
  const worker = await platform.mf.getWorker();
  const result = await worker.scheduled({ cron: "* * * * *", scheduledTime: new Date(realNow() + aheadMs) });
  expect(result.outcome).toBe("ok");
}

async function bookOne(offsetDays = 3, index = 0): Promise<{ manageToken: string; appointment: { id: string; start: string } }> {
  const slot = await futureSlot(platform, region, desk, offsetDays, index);
  const response = await book(platform, region, bookingBody(desk, slot.start));
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as { manageToken: string; appointment: { id: string; start: string } };
}

describe("subscribing and signed delivery", () => {
  it("gives the secret once, and a booking reaches the endpoint signed so the Standard Webhooks library verifies it, without personal data", async () => {
    const created = await subscribe(regionHooks(), adminHeaders, {
      url: receiver.url("/signed"),
      events: ["appointment.booked", "appointment.cancelled", "appointment.rescheduled"],
    });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(created.webhook).toMatchObject({
      url: receiver.url("/signed"),
      events: ["appointment.booked", "appointment.cancelled", "appointment.rescheduled"],
      status: "active",
    });

    const list = await platform.fetch(regionHooks(), { headers: adminHeaders });
    const listed = (await list.json()) as { webhooks: Record<string, unknown>[] };
    expect(listed.webhooks.map((w) => w.id)).toContain(created.webhook.id);
    expect(JSON.stringify(listed)).not.toContain("whsec_");
    const stored = await platform.client.execute({ sql: "select secret_sealed from webhooks where id = ?", args: [created.webhook.id] });
    expect(String(stored.rows[0]?.[0])).not.toContain(created.secret.slice(6, 20));

    const booked = await bookOne();
    const [hook] = await receiver.waitFor(1, "/signed");
    if (!hook) throw new Error("no delivery");
    const verified = new Webhook(created.secret).verify(hook.body, {
      "webhook-id": String(hook.headers["webhook-id"]),
      "webhook-timestamp": String(hook.headers["webhook-timestamp"]),
      "webhook-signature": String(hook.headers["webhook-signature"]),
    }) as { type: string; data: Record<string, unknown> };
    expect(verified.type).toBe("appointment.booked");
    expect(verified.data).toMatchObject({
      appointmentId: booked.appointment.id,
      region: region.slug,
      frontdeskId: desk.id,
      status: "confirmed",
      topic: "financiering",
    });
    for (const personal of ["Anna", "anna@bakkerij.test", "0612345678", "Bakkerij", "12345678", "machine"]) expect(hook.body).not.toContain(personal);
    // A tampered body or another secret does not verify.
    const headers = {
      "webhook-id": String(hook.headers["webhook-id"]),
      "webhook-timestamp": String(hook.headers["webhook-timestamp"]),
      "webhook-signature": String(hook.headers["webhook-signature"]),
    };
    expect(() => new Webhook(created.secret).verify(hook.body.replace("confirmed", "cancelled"), headers)).toThrow();
    expect(() => new Webhook(`whsec_${Buffer.from("another secret of 32 bytes......").toString("base64")}`).verify(hook.body, headers)).toThrow();

    const log = await deliveries(created.webhook.id);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ eventType: "appointment.booked", status: "delivered", attempts: 1, lastStatusCode: 204, messageId: headers["webhook-id"] });

    // Reschedule, then cancel: one message each, in order.
    const later = await futureSlot(platform, region, desk, 4, 2);
    expect((await platform.fetch(`/api/v1/appointments/${booked.manageToken}/reschedule`, { method: "POST", json: { start: later.start } })).status).toBe(200);
    await receiver.waitFor(2, "/signed");
    expect((await platform.fetch(`/api/v1/appointments/${booked.manageToken}/cancel`, { method: "POST" })).status).toBe(200);
    const all = await receiver.waitFor(3, "/signed");
    const types = all.map((r) => (JSON.parse(r.body) as { type: string }).type);
    expect(types).toEqual(["appointment.booked", "appointment.rescheduled", "appointment.cancelled"]);
    const moved = JSON.parse(all[1]?.body ?? "{}") as { data: { startsAt: string; previousStartsAt: string } };
    expect(Date.parse(moved.data.startsAt)).toBe(Date.parse(later.start));
    expect(Date.parse(moved.data.previousStartsAt)).toBe(Date.parse(booked.appointment.start));
  });

  it("sends only the events a webhook subscribed to, and nothing for another region's bookings", async () => {
    const created = await subscribe(regionHooks(), adminHeaders, { url: receiver.url("/cancel-only"), events: ["appointment.cancelled"] });
    await bookOne(5);
    const otherDesk = await createFrontdesk(platform.client, other);
    const slot = await futureSlot(platform, other, otherDesk, 3);
    expect((await book(platform, other, bookingBody(otherDesk, slot.start))).status).toBe(201);
    await runScheduledAhead(0);
    expect(receiver.received.filter((r) => r.path === "/cancel-only")).toHaveLength(0);
    expect(await deliveries(created.webhook.id)).toHaveLength(0);
  });
});

describe("referrals, registrations and offers", () => {
  it("tells the organisation and the referring region about referrals, the organiser about registrations, and both about published offers, without personal data", async () => {
    const orgHooks = `/api/v1/organisations/${org.slug}/webhooks`;
    const orgHook = await subscribe(orgHooks, partnerHeaders, {
      url: receiver.url("/org"),
      events: ["referral.created", "referral.updated", "offer.published"],
    });
    const regionHook = await subscribe(regionHooks(), adminHeaders, {
      url: receiver.url("/region"),
      events: ["referral.created", "referral.updated", "registration.created", "offer.published"],
    });
    const verify = (secret: string, hook: { body: string; headers: Record<string, unknown> }) =>
      new Webhook(secret).verify(hook.body, {
        "webhook-id": String(hook.headers["webhook-id"]),
        "webhook-timestamp": String(hook.headers["webhook-timestamp"]),
        "webhook-signature": String(hook.headers["webhook-signature"]),
      }) as { type: string; data: Record<string, unknown> };

    const made = await platform.fetch(`/api/v1/regions/${region.slug}/admin/referrals`, {
      method: "POST",
      headers: staffHeaders,
      json: {
        entrepreneur: { name: "Bert Bakker", email: "bert@bakker.test", phone: "0612345678" },
        organisation: org.slug,
        topic: "financiering",
        consentToShare: true,
      },
    });
    expect(made.status, await made.clone().text()).toBe(201);
    const { referral } = (await made.json()) as { referral: { id: string } };
    const [toOrg] = await receiver.waitFor(1, "/org");
    const [toRegion] = await receiver.waitFor(1, "/region");
    if (!toOrg || !toRegion) throw new Error("no deliveries");
    expect(verify(orgHook.secret, toOrg)).toMatchObject({
      type: "referral.created",
      data: { referralId: referral.id, organisation: org.slug, region: region.slug, status: "sent" },
    });
    expect(verify(regionHook.secret, toRegion)).toMatchObject({ type: "referral.created", data: { referralId: referral.id } });
    expect(toOrg.headers["webhook-id"]).toBe(toRegion.headers["webhook-id"]);
    for (const personal of ["Bert", "bakker.test", "0612345678"]) expect(toOrg.body).not.toContain(personal);

    const status = await platform.fetch(`/api/v1/organisations/${org.slug}/referrals/${referral.id}/status`, {
      method: "POST",
      headers: partnerHeaders,
      json: { status: "contacted" },
    });
    expect(status.status).toBe(200);
    const orgHooksSeen = await receiver.waitFor(2, "/org");
    expect(verify(orgHook.secret, orgHooksSeen[1] ?? toOrg)).toMatchObject({
      type: "referral.updated",
      data: { referralId: referral.id, status: "contacted" },
    });
    await receiver.waitFor(2, "/region");

    const event = await createEventAs(platform, `/api/v1/regions/${region.slug}/admin/events`, adminHeaders, eventBody(region));
    const registered = await registerOk(platform, event.slug, registrationBody("hook"));
    const regionSeen = await receiver.waitFor(3, "/region");
    const registration = verify(regionHook.secret, regionSeen[2] ?? toRegion);
    expect(registration).toMatchObject({
      type: "registration.created",
      data: { registrationId: registered.registration.id, eventSlug: event.slug, status: "confirmed" },
    });
    expect(regionSeen[2]?.body).not.toContain("deelnemer-hook");

    const draft = await platform.fetch(`/api/v1/organisations/${org.slug}/offers`, {
      method: "POST",
      headers: partnerHeaders,
      json: offerBody(region, { title: "Webhook-subsidie" }),
    });
    const { offer } = (await draft.json()) as { offer: { id: string; slug: string } };
    expect((await platform.fetch(`/api/v1/organisations/${org.slug}/offers/${offer.id}/submit`, { method: "POST", headers: partnerHeaders })).status).toBe(200);
    expect(receiver.received.filter((r) => r.path === "/org")).toHaveLength(2); // submitting publishes nothing
    const approved = await platform.fetch(`/api/v1/regions/${region.slug}/admin/offers/${offer.id}/review`, {
      method: "POST",
      headers: adminHeaders,
      json: { decision: "approve" },
    });
    expect(approved.status).toBe(200);
    const published = await receiver.waitFor(3, "/org");
    expect(verify(orgHook.secret, published[2] ?? toOrg)).toMatchObject({
      type: "offer.published",
      data: { offerId: offer.id, slug: offer.slug, organisation: org.slug, change: "new" },
    });
    await receiver.waitFor(4, "/region");
  });
});

describe("retries, back-off, disabling and replay", () => {
  it("retries a failing endpoint with back-off, fails each message after its last attempt and disables the webhook with a mail to its owner", async () => {
    const failing = await startWebhookReceiver();
    failing.status = 500;
    try {
      const created = await subscribe(regionHooks(), adminHeaders, { url: failing.url("/down"), events: ["appointment.booked"] });
      // Three messages: the webhook is disabled when three deliveries in a row failed.
      for (const [days, index] of [
        [6, 0],
        [6, 1],
        [7, 0],
      ] as const)
        await bookOne(days, index);
      await failing.waitFor(3, "/down"); // the first attempt of each, right after the answer
      const pending = async () => (await deliveries(created.webhook.id)).filter((d) => d.status === "pending");
      let log = await deliveries(created.webhook.id);
      expect(log.map((d) => d.attempts)).toEqual([1, 1, 1]);
      expect(log.every((d) => d.lastStatusCode === 500 && d.status === "pending")).toBe(true);

      // Not yet due: a run now sends nothing.
      await runScheduledAhead(0);
      expect(failing.received).toHaveLength(3);

      let ahead = 0;
      for (const [i, minutes] of WEBHOOK_RETRY_MINUTES.entries()) {
        // Just before the back-off ends: still nothing.
        await runScheduledAhead(ahead + minutes * 60_000 - 20_000);
        expect(failing.received).toHaveLength(3 * (i + 1));
        ahead += minutes * 60_000 + 5_000;
        await runScheduledAhead(ahead);
        expect(failing.received).toHaveLength(3 * (i + 2));
      }
      log = await deliveries(created.webhook.id);
      expect(log.map((d) => [d.status, d.attempts])).toEqual([
        ["failed", 6],
        ["failed", 6],
        ["failed", 6],
      ]);
      expect(await pending()).toHaveLength(0);
      // Each message kept its webhook-id over all attempts.
      const ids = new Set(failing.received.map((r) => r.headers["webhook-id"]));
      expect(ids.size).toBe(3);

      const listed = (await (await platform.fetch(regionHooks(), { headers: adminHeaders })).json()) as { webhooks: { id: string; status: string }[] };
      expect(listed.webhooks.find((w) => w.id === created.webhook.id)?.status).toBe("disabled");
      const mail = await platform.client.execute({ sql: "select recipient, text_body from outbox where kind = 'webhook_disabled'" });
      expect(mail.rows).toHaveLength(1);
      expect(mail.rows[0]?.[0]).toBe(admin.email);
      expect(String(mail.rows[0]?.[1])).toContain(failing.url("/down"));

      // A disabled webhook gets nothing more, and cannot be replayed.
      await bookOne(8);
      await runScheduledAhead(ahead + 60_000);
      expect(failing.received).toHaveLength(18);
      const replay = await platform.fetch(`${regionHooks()}/${created.webhook.id}/deliveries/${log[0]?.id}/replay`, { method: "POST", headers: adminHeaders });
      expect(replay.status).toBe(409);
    } finally {
      await failing.close();
    }
  });

  it("enables a disabled webhook again for its owner only: active, failure count reset, audited, and it receives events again", async () => {
    const created = await subscribe(regionHooks(), adminHeaders, { url: receiver.url("/enabled"), events: ["appointment.booked"] });
    // Disabled as the delivery run leaves it after repeated failures (that run is tested above).
    await platform.client.execute({
      sql: "update webhooks set status = 'disabled', consecutive_failures = 3, disabled_at = ? where id = ?",
      args: [realNow(), created.webhook.id],
    });
    const enable = (headers: Record<string, string>) => platform.fetch(`${regionHooks()}/${created.webhook.id}/enable`, { method: "POST", headers });
    expect(
      (await platform.fetch(`/api/v1/regions/${other.slug}/admin/webhooks/${created.webhook.id}/enable`, { method: "POST", headers: otherAdminHeaders }))
        .status,
    ).toBe(404);
    expect((await enable(staffHeaders)).status).toBe(403);
    expect((await platform.fetch(`${regionHooks()}/wh_unknown/enable`, { method: "POST", headers: adminHeaders })).status).toBe(404);
    const stillOff = await platform.client.execute({ sql: "select status from webhooks where id = ?", args: [created.webhook.id] });
    expect(stillOff.rows[0]?.[0]).toBe("disabled");

    const response = await enable(adminHeaders);
    expect(response.status).toBe(200);
    expect(((await response.json()) as Created).webhook).toMatchObject({ id: created.webhook.id, status: "active", disabledAt: null });
    const row = await platform.client.execute({
      sql: "select status, consecutive_failures, disabled_at from webhooks where id = ?",
      args: [created.webhook.id],
    });
    expect(row.rows[0]?.[0]).toBe("active");
    expect(Number(row.rows[0]?.[1])).toBe(0);
    expect(row.rows[0]?.[2]).toBeNull();
    const audit = await platform.client.execute({
      sql: "select region_id, actor_user_id from audit_log where action = 'webhook.enabled' and target_id = ?",
      args: [created.webhook.id],
    });
    expect(audit.rows.map((r) => [r[0], r[1]])).toEqual([[region.id, admin.id]]);

    await bookOne(10);
    await receiver.waitFor(1, "/enabled");
  });

  it("replays a delivery with the same webhook-id and body, and logs it as a new delivery", async () => {
    const created = await subscribe(regionHooks(), adminHeaders, { url: receiver.url("/replay"), events: ["appointment.booked"] });
    await bookOne(9);
    const [first] = await receiver.waitFor(1, "/replay");
    const [delivered] = await deliveries(created.webhook.id);
    const response = await platform.fetch(`${regionHooks()}/${created.webhook.id}/deliveries/${delivered?.id}/replay`, {
      method: "POST",
      headers: adminHeaders,
    });
    expect(response.status).toBe(202);
    const hooks = await receiver.waitFor(2, "/replay");
    expect(hooks[1]?.headers["webhook-id"]).toBe(first?.headers["webhook-id"]);
    expect(hooks[1]?.body).toBe(first?.body);
    const verified = new Webhook(created.secret).verify(hooks[1]?.body ?? "", {
      "webhook-id": String(hooks[1]?.headers["webhook-id"]),
      "webhook-timestamp": String(hooks[1]?.headers["webhook-timestamp"]),
      "webhook-signature": String(hooks[1]?.headers["webhook-signature"]),
    });
    expect(verified).toMatchObject({ type: "appointment.booked" });
    const log = await deliveries(created.webhook.id);
    expect(log).toHaveLength(2);
    expect(log.every((d) => d.status === "delivered")).toBe(true);
  });
});

describe("the SSRF guard", () => {
  it("refuses plain HTTP, local names and private, loopback and link-local addresses", async () => {
    for (const url of [
      "http://hooks.example.nl/mkb",
      "https://localhost/hook",
      "https://api.localhost/hook",
      "https://127.0.0.1/hook",
      "https://2130706433/hook",
      "https://10.0.0.8/hook",
      "https://172.16.4.1/hook",
      "https://192.168.1.10/hook",
      "https://169.254.169.254/latest/meta-data",
      "https://100.64.0.1/hook",
      "https://[::1]/hook",
      "https://[fd00::1]/hook",
      "https://[fe80::1]/hook",
      "https://[::ffff:127.0.0.1]/hook",
      "https://printer.local/hook",
      "https://db.internal/hook",
      "https://intranet/hook",
      "https://user:secret@hooks.example.nl/mkb",
      "ftp://hooks.example.nl/mkb",
      "not a url",
    ]) {
      const response = await platform.fetch(regionHooks(), { method: "POST", headers: adminHeaders, json: { url, events: ["appointment.booked"] } });
      expect(response.status, url).toBe(400);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("validation_failed");
    }
    const fine = await platform.fetch(regionHooks(), {
      method: "POST",
      headers: adminHeaders,
      json: { url: "https://hooks.example.nl/mkb", events: ["offer.published"] },
    });
    expect(fine.status).toBe(201);
  });

  it("refuses unknown and repeated events and an empty list", async () => {
    for (const events of [[], ["appointment.deleted"], ["appointment.booked", "appointment.booked"], "appointment.booked"]) {
      const response = await platform.fetch(regionHooks(), { method: "POST", headers: adminHeaders, json: { url: "https://hooks.example.nl/x", events } });
      expect(response.status, JSON.stringify(events)).toBe(400);
    }
  });
});

describe("isolation", () => {
  it("lets no other region's admin, no desk staff and no other organisation's partner list or touch a webhook", async () => {
    const created = await subscribe(regionHooks(), adminHeaders, { url: "https://hooks.example.nl/iso", events: ["appointment.booked"] });
    const base = regionHooks();
    const paths: [string, string][] = [
      ["GET", base],
      ["POST", base],
      ["GET", `${base}/${created.webhook.id}/deliveries`],
      ["DELETE", `${base}/${created.webhook.id}`],
      ["POST", `${base}/${created.webhook.id}/deliveries/whd_x/replay`],
    ];
    for (const [method, path] of paths) {
      const init = {
        method,
        headers: otherAdminHeaders,
        ...(method === "POST" ? { json: { url: "https://hooks.example.nl/x", events: ["appointment.booked"] } } : {}),
      };
      expect((await platform.fetch(path, init)).status, `${method} ${path} as another region's admin`).toBe(404);
      expect((await platform.fetch(path, { ...init, headers: staffHeaders })).status, `${method} ${path} as desk staff`).toBe(403);
      expect((await platform.fetch(path, { ...init, headers: partnerHeaders })).status, `${method} ${path} as a partner (no region role)`).toBe(403);
    }
    // Another region's admin naming this webhook under their own region: unknown there.
    const own = regionHooks(other);
    expect((await platform.fetch(`${own}/${created.webhook.id}/deliveries`, { headers: otherAdminHeaders })).status).toBe(404);
    expect((await platform.fetch(`${own}/${created.webhook.id}`, { method: "DELETE", headers: otherAdminHeaders })).status).toBe(404);
    const ownList = (await (await platform.fetch(own, { headers: otherAdminHeaders })).json()) as { webhooks: unknown[] };
    expect(ownList.webhooks).toHaveLength(0);
    // Still there for its owner, who may delete it.
    expect((await platform.fetch(`${base}/${created.webhook.id}`, { method: "DELETE", headers: adminHeaders })).status).toBe(204);
    expect((await platform.fetch(`${base}/${created.webhook.id}/deliveries`, { headers: adminHeaders })).status).toBe(404);
  });

  it("audits who created and who deleted a webhook, with its URL, in the owner's region, and nothing for a refused delete", async () => {
    const created = await subscribe(regionHooks(), adminHeaders, { url: "https://hooks.example.nl/audited", events: ["appointment.booked"] });
    const entries = async () =>
      (
        await platform.client.execute({
          sql: "select action, region_id, actor_user_id, json_extract(detail, '$.url') from audit_log where target_id = ? order by created_at, action",
          args: [created.webhook.id],
        })
      ).rows.map((r) => [r[0], r[1], r[2], r[3]]);
    expect(await entries()).toEqual([["webhook.created", region.id, admin.id, "https://hooks.example.nl/audited"]]);
    expect((await platform.fetch(`${regionHooks(other)}/${created.webhook.id}`, { method: "DELETE", headers: otherAdminHeaders })).status).toBe(404);
    expect(await entries()).toHaveLength(1);
    expect((await platform.fetch(`${regionHooks()}/${created.webhook.id}`, { method: "DELETE", headers: adminHeaders })).status).toBe(204);
    expect(await entries()).toEqual([
      ["webhook.created", region.id, admin.id, "https://hooks.example.nl/audited"],
      ["webhook.deleted", region.id, admin.id, "https://hooks.example.nl/audited"],
    ]);
    expect((await platform.fetch(`${regionHooks()}/${created.webhook.id}`, { method: "DELETE", headers: adminHeaders })).status).toBe(404);
    expect(await entries()).toHaveLength(2);
    // In words on the region's audit log page.
    const page = await (await platform.fetch(`/beheer/${region.slug}/logboek?soort=webhook`, { headers: adminHeaders })).text();
    expect(page).toContain("Webhook aangemaakt");
    expect(page).toContain("Webhook verwijderd");
  });

  it("keeps an organisation's webhooks to its partners and its home region's admins", async () => {
    const base = `/api/v1/organisations/${org.slug}/webhooks`;
    const created = await subscribe(base, partnerHeaders, { url: "https://hooks.example.nl/org", events: ["referral.created"] });
    const listed = (await (await platform.fetch(base, { headers: adminHeaders })).json()) as { webhooks: { id: string }[] };
    expect(listed.webhooks.map((w) => w.id)).toContain(created.webhook.id);
    for (const headers of [otherPartnerHeaders, otherAdminHeaders]) {
      expect((await platform.fetch(base, { headers })).status).toBe(404);
      expect((await platform.fetch(`${base}/${created.webhook.id}/deliveries`, { headers })).status).toBe(404);
      expect((await platform.fetch(`${base}/${created.webhook.id}`, { method: "DELETE", headers })).status).toBe(404);
    }
    // The region's own list does not show the organisation's webhook.
    const regionList = (await (await platform.fetch(regionHooks(), { headers: adminHeaders })).json()) as { webhooks: { id: string }[] };
    expect(regionList.webhooks.map((w) => w.id)).not.toContain(created.webhook.id);
    expect((await platform.fetch(`${regionHooks()}/${created.webhook.id}`, { method: "DELETE", headers: adminHeaders })).status).toBe(404);
  });
});
