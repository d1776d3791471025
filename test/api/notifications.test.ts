import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BookingResponse, readAnswer } from "../support/answers";
import { createFrontdesk, createRegion, createUser, signInAs, type FrontdeskFixture, type RegionFixture } from "../support/factories";
import { startTestPlatform, type TestPlatform } from "../support/platform";
import { book, bookingBody, futureSlot } from "../support/slots";

/** A real HTTP e-mail API on loopback whose health the test switches. */
class FakeMailApi {
  failing = true;
  received: { subject: string; to: string; headers: Record<string, string> }[] = [];
  private server: Server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => {
      raw += chunk.toString("utf8");
    });
    req.on("end", () => {
      if (this.failing) {
        res.writeHead(503).end("down");
        return;
      }
      const body = JSON.parse(raw) as { subject: string; to: string | string[]; headers?: Record<string, string> };
      this.received.push({ subject: body.subject, to: Array.isArray(body.to) ? (body.to[0] ?? "") : body.to, headers: body.headers ?? {} });
      res.writeHead(200, { "content-type": "application/json" }).end('{"id":"ok"}');
    });
  });
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/emails`;
  }
  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

let platform: TestPlatform;
let mail: FakeMailApi;
let region: RegionFixture;
let desk: FrontdeskFixture;

beforeAll(async () => {
  mail = new FakeMailApi();
  const url = await mail.start();
  platform = await startTestPlatform({ vars: { MAIL_TRANSPORT: "http", MAIL_API_URL: url, MAIL_API_KEY: "test-key" } });
  region = await createRegion(platform.client);
  desk = await createFrontdesk(platform.client, region);
});
afterAll(async () => {
  await platform?.close();
  await mail?.stop();
});

async function outboxOf(appointmentId: string, kind: string) {
  const rows = await platform.client.execute({
    sql: "select id, status, attempts, last_error from outbox where appointment_id = ? and kind = ?",
    args: [appointmentId, kind],
  });
  const row = rows.rows[0];
  return { id: String(row?.id), status: String(row?.status), attempts: Number(row?.attempts), lastError: row?.last_error as string | null };
}

/** Makes every pending message due now, as if the back-off had passed. */
async function fastForward(): Promise<void> {
  await platform.client.execute({ sql: "update outbox set next_attempt_at = ? where status = 'pending' and kind <> 'reminder'", args: [Date.now() - 1] });
}

describe("notifications", () => {
  it("should keep a booking when the mail provider fails, retry with back-off and finally show it as failed to the region admin", async () => {
    mail.failing = true;
    const slot = await futureSlot(platform, region, desk, 3);
    const response = await book(platform, region, bookingBody(desk, slot.start, { entrepreneur: { name: "Mail Faalt", email: "faalt@example.test" } }));
    expect(response.status).toBe(201);
    const booked = await readAnswer(response, BookingResponse);
    // The immediate attempt runs after the answer: wait until its failure is recorded.
    await expect.poll(async () => (await outboxOf(booked.appointment.id, "confirmation")).lastError, { timeout: 5000 }).toBeTruthy();
    const first = await outboxOf(booked.appointment.id, "confirmation");
    expect(first).toMatchObject({ status: "pending", attempts: 1 });
    expect(first.lastError).toContain("503");
    for (let i = 0; i < 5; i++) {
      await fastForward();
      await platform.runScheduled();
    }
    const last = await outboxOf(booked.appointment.id, "confirmation");
    expect(last).toMatchObject({ status: "failed", attempts: 6 });
    expect(mail.received).toHaveLength(0);

    const admin = await signInAs(platform, await createUser(platform.client, "region_admin", region));
    const failed = (await (await platform.fetch(`/api/v1/regions/${region.slug}/admin/notifications?status=failed`, { headers: admin })).json()) as {
      notifications: { id: string; recipient: string; lastError: string }[];
    };
    expect(failed.notifications.map((n) => n.id)).toContain(last.id);

    mail.failing = false;
    const retry = await platform.fetch(`/api/v1/regions/${region.slug}/admin/notifications/${last.id}/retry`, { method: "POST", headers: admin });
    expect(retry.status).toBe(202);
    await expect.poll(async () => (await outboxOf(booked.appointment.id, "confirmation")).status, { timeout: 5000 }).toBe("sent");
    const delivered = mail.received.find((m) => m.to === "faalt@example.test");
    expect(delivered?.headers["Message-ID"]).toBe(`<${last.id}@mkb-limburg>`);
  });

  it("should send a due reminder exactly once even when the job runs twice at the same time", async () => {
    mail.failing = false;
    const slot = await futureSlot(platform, region, desk, 4);
    const booked = await readAnswer(
      await book(platform, region, bookingBody(desk, slot.start, { entrepreneur: { name: "Herinnering", email: "herinnering@example.test" } })),
      BookingResponse,
    );
    await platform.client.execute({
      sql: "update outbox set next_attempt_at = ? where appointment_id = ? and kind = 'reminder'",
      args: [Date.now() - 1, booked.appointment.id],
    });
    await Promise.all([platform.runScheduled(), platform.runScheduled()]);
    await platform.runScheduled();
    const reminders = mail.received.filter((m) => m.to === "herinnering@example.test" && /morgen|herinnering/i.test(m.subject));
    expect(reminders).toHaveLength(1);
    expect((await outboxOf(booked.appointment.id, "reminder")).status).toBe("sent");
  });

  it("should send the confirmation in English when the booking was made in English", async () => {
    mail.failing = false;
    const slot = await futureSlot(platform, region, desk, 5);
    await book(platform, region, bookingBody(desk, slot.start, { locale: "en", entrepreneur: { name: "Emma Smith", email: "emma@example.test" } }));
    await expect.poll(() => mail.received.find((m) => m.to === "emma@example.test")?.subject ?? "", { timeout: 5000 }).toMatch(/appointment/i);
  });
});
