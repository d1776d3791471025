/**
 * Which desks serve an entrepreneur's municipality: every municipality of the desk's region by
 * default, a list the region admin sets, and the whole region by video; nearest first; the
 * earliest-slot search follows the same rule; the booking keeps the entrepreneur's municipality.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../src/db/schema";
import { newId } from "../../src/lib/ids";
import { readAnswer, readError, BookingResponse, ManagedAppointment } from "../support/answers";
import { createFrontdesk, createRegion, createUser, signInAs, testDb, type FrontdeskFixture, type RegionFixture } from "../support/factories";
import { startTestPlatform, type TestPlatform } from "../support/platform";
import { book, bookingBody, futureSlot } from "../support/slots";

let platform: TestPlatform;
let region: RegionFixture;
let maastricht: FrontdeskFixture;
let heerlen: FrontdeskFixture;
let sittard: FrontdeskFixture;
let videoOnly: FrontdeskFixture;
let admin: Record<string, string>;

const MUNICIPALITIES = [
  ["0981", "Vaals"],
  ["0917", "Heerlen"],
  ["0928", "Kerkrade"],
  ["1883", "Sittard-Geleen"],
  ["0888", "Beek"],
] as const;

beforeAll(async () => {
  platform = await startTestPlatform();
  region = await createRegion(platform.client); // serves Maastricht
  const db = testDb(platform.client);
  await db.batch([
    db.insert(schema.municipalities).values({ id: newId(), regionId: region.id, cbsCode: MUNICIPALITIES[0][0], name: MUNICIPALITIES[0][1] }),
    ...MUNICIPALITIES.slice(1).map(([cbsCode, name]) => db.insert(schema.municipalities).values({ id: newId(), regionId: region.id, cbsCode, name })),
  ]);
  maastricht = await createFrontdesk(platform.client, region, { name: "Loket Maastricht", municipality: "Maastricht", modes: ["in_person"] });
  heerlen = await createFrontdesk(platform.client, region, {
    name: "Loket Heerlen",
    municipality: "Heerlen",
    modes: ["in_person"],
    servedMunicipalities: ["Heerlen", "Kerkrade", "Vaals"],
  });
  sittard = await createFrontdesk(platform.client, region, {
    name: "Loket Sittard",
    municipality: "Sittard-Geleen",
    modes: ["in_person"],
    servedMunicipalities: ["Sittard-Geleen", "Beek"],
  });
  videoOnly = await createFrontdesk(platform.client, region, {
    name: "Videospreekuur",
    municipality: "Sittard-Geleen",
    modes: ["video"],
    servedMunicipalities: ["Sittard-Geleen"],
  });
  admin = await signInAs(platform, await createUser(platform.client, "region_admin", region));
});
afterAll(async () => {
  await platform?.close();
});

async function deskIds(query: string): Promise<string[]> {
  const response = await platform.fetch(`/api/v1/regions/${region.slug}/frontdesks?${query}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { frontdesks: { id: string }[] }).frontdesks.map((d) => d.id);
}

describe("desks that serve a municipality", () => {
  it("should list the desks that serve Vaals, nearest first, with the video desk serving the whole region", async () => {
    // Heerlen (≈ 13 km) before Maastricht (≈ 24 km) before the video desk in Sittard (≈ 28 km); Sittard's desk serves only Sittard-Geleen and Beek.
    expect(await deskIds("municipality=Vaals")).toEqual([heerlen.id, maastricht.id, videoOnly.id]);
  });

  it("should leave out the video desk when only in-person help is asked", async () => {
    expect(await deskIds("municipality=vaals&mode=in_person")).toEqual([heerlen.id, maastricht.id]);
  });

  it("should find the own-list desk for a municipality on its list and nothing for a municipality of no region here", async () => {
    const beek = await deskIds("municipality=Beek");
    expect(beek[0]).toBe(sittard.id);
    expect(beek).not.toContain(heerlen.id);
    expect(await deskIds("municipality=Venlo")).toEqual([]);
  });

  it("should give the served municipalities, phone and e-mail in the desk's public answer", async () => {
    const response = await platform.fetch(`/api/v1/regions/${region.slug}/frontdesks/${heerlen.id}`);
    const body = (await response.json()) as { frontdesk: { servedMunicipalities: string[]; phone: string | null; email: string | null } };
    expect(body.frontdesk.servedMunicipalities).toEqual(["Heerlen", "Kerkrade", "Vaals"]);
    expect(body.frontdesk).toHaveProperty("phone");
    expect(body.frontdesk).toHaveProperty("email");
    const all = (await (await platform.fetch(`/api/v1/regions/${region.slug}/frontdesks/${maastricht.id}`)).json()) as {
      frontdesk: { servedMunicipalities: string[] };
    };
    expect([...all.frontdesk.servedMunicipalities].sort()).toEqual(["Beek", "Heerlen", "Kerkrade", "Maastricht", "Sittard-Geleen", "Vaals"]);
  });

  it("should search the earliest slots only at the desks that serve the municipality", async () => {
    const response = await platform.fetch(`/api/v1/regions/${region.slug}/slots/earliest?municipality=Beek&limit=40`);
    expect(response.status).toBe(200);
    const { slots } = (await response.json()) as { slots: { frontdeskId: string }[] };
    expect(slots.length).toBeGreaterThan(0);
    const desks = new Set(slots.map((s) => s.frontdeskId));
    expect(desks.has(heerlen.id)).toBe(false);
    for (const id of desks) expect([sittard.id, maastricht.id, videoOnly.id]).toContain(id);
  });
});

describe("the region admin sets the served municipalities", () => {
  const path = () => `/api/v1/regions/${region.slug}/admin/frontdesks/${sittard.id}`;

  it("should store the region's own spelling and give it back", async () => {
    const response = await platform.fetch(path(), { method: "PATCH", headers: admin, json: { servedMunicipalities: ["beek", "VAALS"] } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { frontdesk: { servedMunicipalities: string[] } };
    expect(body.frontdesk.servedMunicipalities).toEqual(["Beek", "Vaals"]);
    expect(await deskIds("municipality=Vaals&mode=in_person")).toContain(sittard.id);
  });

  it("should refuse a municipality the region does not serve, with the field named", async () => {
    const response = await platform.fetch(path(), { method: "PATCH", headers: admin, json: { servedMunicipalities: ["Venlo"] } });
    expect(response.status).toBe(400);
    const error = await readError(response);
    expect(error.issues?.[0]?.path).toBe("servedMunicipalities");
  });

  it("should go back to the whole region with null", async () => {
    const response = await platform.fetch(path(), { method: "PATCH", headers: admin, json: { servedMunicipalities: null } });
    expect(response.status).toBe(200);
    expect(await deskIds("municipality=Kerkrade&mode=in_person")).toContain(sittard.id);
  });
});

describe("the entrepreneur's municipality on a booking", () => {
  it("should store the official spelling of the municipality given and show it to the entrepreneur", async () => {
    const slot = await futureSlot(platform, region, maastricht, 4);
    const body = bookingBody(maastricht, slot.start);
    const answer = await readAnswer(
      await book(platform, region, { ...body, entrepreneur: { ...body.entrepreneur, municipality: "sittard geleen" } }),
      BookingResponse,
    );
    const stored = await platform.client.execute({
      sql: "select entrepreneur_municipality, municipality from appointments where id = ?",
      args: [answer.appointment.id],
    });
    expect(stored.rows[0]?.entrepreneur_municipality).toBe("Sittard-Geleen");
    expect(stored.rows[0]?.municipality).toBe("Maastricht");
    const own = await readAnswer(await platform.fetch(`/api/v1/appointments/${answer.manageToken}`), ManagedAppointment);
    expect(own.appointment.entrepreneur.municipality).toBe("Sittard-Geleen");
  });

  it("should refuse a name that is no Dutch municipality, and keep working without one", async () => {
    const slot = await futureSlot(platform, region, maastricht, 4, 1);
    const body = bookingBody(maastricht, slot.start);
    const response = await book(platform, region, { ...body, entrepreneur: { ...body.entrepreneur, municipality: "Aachen" } });
    expect(response.status).toBe(400);
    expect((await readError(response)).issues?.[0]?.path).toBe("entrepreneur.municipality");
    const answer = await readAnswer(await book(platform, region, body), BookingResponse);
    const stored = await platform.client.execute({ sql: "select entrepreneur_municipality from appointments where id = ?", args: [answer.appointment.id] });
    expect(stored.rows[0]?.entrepreneur_municipality).toBeNull();
  });
});
