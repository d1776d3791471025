/**
 * The Support Process in a real browser: frontdesk staff register a candidate from an agenda
 * row, an entrepreneur registers themselves, the region admin assigns a consultant, and the
 * consultant takes the trajectory from intake (with the effort commitment) through the go
 * decision to financing, or stops one with a referral. Every page is checked with axe-core.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import {
  createFrontdesk,
  createRegion,
  createUser,
  insertAppointment,
  type FrontdeskFixture,
  type RegionFixture,
  type UserFixture,
} from "../support/factories";
import { amsterdamDate } from "../support/slots";
import { hasBrowser, useBrowserPlatform } from "./browser";

describe.runIf(hasBrowser)("the support process in the browser", () => {
  const web = useBrowserPlatform();
  let region: RegionFixture;
  let desk: FrontdeskFixture;
  let staff: UserFixture;
  let admin: UserFixture;
  let consultant: UserFixture;

  beforeAll(async () => {
    const { client } = web.platform;
    region = await createRegion(client);
    desk = await createFrontdesk(client, region, { name: "Loket Scouting" });
    staff = await createUser(client, "frontdesk_staff", region, [desk]);
    admin = await createUser(client, "region_admin", region);
    consultant = await createUser(client, "consultant", region);
  });

  const accessible = (page: Page) => web.accessible(page);
  const signedIn = (email: string) => web.signedInPage(email);

  async function stageOf(company: string): Promise<string> {
    const rows = await web.platform.client.execute({ sql: "select stage from scouting_candidates where company_name = ?", args: [company] });
    return String(rows.rows[0]?.stage);
  }

  async function saved(page: Page) {
    await expect.poll(() => page.getByText("Opgeslagen.").count()).toBe(1);
    await accessible(page);
  }

  it("should take a candidate from an agenda row through assignment, intake, the go decision and the plan to financing", { timeout: 180_000 }, async () => {
    const start = Date.now() - 60 * 60_000;
    const appointmentId = await insertAppointment(web.platform.client, desk, {
      startAt: start,
      status: "completed",
      question: "Tweede vestiging",
      name: "Carla Smeets",
      email: "carla@smeets.test",
      companyName: "Smeets BV",
      kvkNumber: "12345678",
    });

    // Frontdesk staff register the entrepreneur straight from the agenda.
    const scout = await signedIn(staff.email);
    await scout.goto(`${web.url}/beheer/${region.slug}/agenda?date=${amsterdamDate(0, start)}`);
    await scout
      .locator(".agenda-item", { hasText: "Carla Smeets" })
      .getByRole("link", { name: /Aanmelden voor begeleidingstraject/ })
      .click();
    await expect.poll(() => scout.getByRole("heading", { name: "Kandidaat aanmelden voor het begeleidingstraject" }).count()).toBe(1);
    await accessible(scout);
    expect(await scout.getByLabel(/^Bedrijfsnaam/).inputValue()).toBe("Smeets BV");
    expect(await scout.getByLabel(/^KvK-nummer/).inputValue()).toBe("12345678");
    expect(await scout.getByLabel(/^E-mailadres contactpersoon/).inputValue()).toBe("carla@smeets.test");

    // Without ambition and consent: an error summary linking to both fields.
    await scout.getByRole("button", { name: "Kandidaat aanmelden" }).click();
    await expect.poll(() => scout.locator("#error-summary").count()).toBe(1);
    expect(await scout.locator("#error-summary a").evaluateAll((links) => links.map((a) => a.getAttribute("href")))).toEqual(["#f-ambition", "#f-consent"]);
    await accessible(scout);

    await scout.getByLabel(/^Ambitie in een paar regels/).fill("Een tweede vestiging in Heerlen openen en de webwinkel uitbreiden.");
    await scout.getByLabel(/De ondernemer geeft toestemming/).check();
    await scout.getByRole("button", { name: "Kandidaat aanmelden" }).click();
    await expect.poll(() => scout.getByText(/De kandidaat is aangemeld/).count()).toBe(1);
    expect(await scout.locator("table").innerText()).toContain("Smeets BV");
    await accessible(scout);
    const linked = await web.platform.client.execute({
      sql: "select appointment_id, frontdesk_id, source from scouting_candidates where company_name = 'Smeets BV'",
      args: [],
    });
    expect(linked.rows[0]).toMatchObject({ appointment_id: appointmentId, frontdesk_id: desk.id, source: "frontdesk" });

    // The region admin assigns a consultant, seeing each consultant's load.
    const boss = await signedIn(admin.email);
    await boss.getByRole("link", { name: "Toewijzen", exact: true }).click();
    await accessible(boss);
    const item = boss.locator(".agenda-item", { hasText: "Smeets BV" });
    await item.getByLabel(/^Adviseur voor Smeets BV/).selectOption(consultant.id);
    await item.getByRole("button", { name: /Toewijzen/ }).click();
    await expect.poll(() => boss.getByText("De adviseur is toegewezen.").count()).toBe(1);
    expect(await boss.locator("table").innerText()).toContain("Test consultant\t1");
    await accessible(boss);

    // The consultant starts on their caseload and works the trajectory.
    const adviser = await signedIn(consultant.email);
    expect(new URL(adviser.url()).pathname).toBe(`/beheer/${region.slug}/trajecten`);
    await accessible(adviser);
    await adviser.getByRole("link", { name: "Smeets BV" }).click();
    await accessible(adviser);

    await adviser.getByRole("button", { name: "Naar de volgende fase: Intake" }).click();
    await saved(adviser);
    expect(await stageOf("Smeets BV")).toBe("intake");

    // Leaving the intake needs the effort commitment: refused first, then recorded.
    await adviser.getByRole("button", { name: "Naar de volgende fase: Ambitie beoordeeld" }).click();
    await expect.poll(() => adviser.locator("#error-summary").count()).toBe(1);
    await accessible(adviser);
    await adviser.getByLabel(/^Toezegging van de ondernemer/).fill("Vier uur per week, elke sessie voorbereiden.");
    await adviser.getByLabel(/^Toezegging van de adviseur/).fill("Elke twee weken een sessie van een uur.");
    await adviser.getByRole("button", { name: "Toezegging vastleggen" }).click();
    await saved(adviser);
    await adviser.getByRole("button", { name: "Naar de volgende fase: Ambitie beoordeeld" }).click();
    await saved(adviser);
    expect(await stageOf("Smeets BV")).toBe("ambition_assessed");

    // The go decision reconfirms the commitment.
    await adviser.getByRole("button", { name: "Go: verder naar Plan in ontwikkeling" }).click();
    await expect.poll(() => adviser.locator("#error-summary").innerText()).toContain("Vul deze toezegging in");
    await accessible(adviser);
    await adviser.locator("#f-go-ec").fill("Vier uur per week.");
    await adviser.locator("#f-go-cc").fill("Elke twee weken een sessie.");
    await adviser.getByRole("button", { name: "Go: verder naar Plan in ontwikkeling" }).click();
    await saved(adviser);
    expect(await stageOf("Smeets BV")).toBe("plan_in_development");

    // A session with an external expert on a voucher.
    await adviser.getByLabel(/^Duur in minuten/).fill("90");
    await adviser.getByLabel("Aanwezig", { exact: true }).check();
    await adviser.getByLabel(/^Externe experts/).fill("Jan de Financier");
    await adviser.getByLabel(/voucherregeling/).check();
    await adviser.getByRole("button", { name: "Sessie vastleggen" }).click();
    await saved(adviser);
    expect(await adviser.locator("#sessions-title ~ .table-wrap").innerText()).toContain("Jan de Financier");

    await adviser.getByRole("button", { name: "Naar de volgende fase: Ondernemingsplan opgeleverd" }).click();
    await saved(adviser);
    // Issue 19: support ends with the plan; financing arranged is recorded as an outcome afterwards.
    expect(await adviser.getByText("Dit traject is afgesloten.").count()).toBe(1);
    await adviser.getByRole("button", { name: "Uitkomst vastleggen: financiering geregeld" }).click();
    await saved(adviser);
    expect(await stageOf("Smeets BV")).toBe("business_plan_delivered");
    const outcome = await web.platform.client.execute({
      sql: "select financing_arranged_at from scouting_candidates where company_name = 'Smeets BV'",
      args: [],
    });
    expect(outcome.rows[0]?.financing_arranged_at).not.toBeNull();
    expect(await adviser.getByRole("button", { name: "Uitkomst vastleggen: financiering geregeld" }).count()).toBe(0);

    // The region admin's figures count the delivered plan.
    await boss.goto(`${web.url}/beheer/${region.slug}/begeleiding/cijfers`);
    await accessible(boss);
    expect(await boss.locator(".stats").innerText()).toContain("Ondernemingsplannen opgeleverd");
    await boss.goto(`${web.url}/beheer/${region.slug}/kandidaten`);
    await accessible(boss);
  });

  it("should let an entrepreneur register themselves and a consultant stop the trajectory with a referral", { timeout: 180_000 }, async () => {
    const visitor = await web.newPage();
    await visitor.goto(`${web.url}/boeken/${region.slug}`);
    await visitor.getByRole("link", { name: "Aanmelden voor het begeleidingstraject" }).click();
    await accessible(visitor);
    await visitor.getByRole("button", { name: "Aanmelden" }).click();
    await expect.poll(() => visitor.locator("#error-summary").count()).toBe(1);
    await accessible(visitor);
    expect(await visitor.getByLabel(/^Uw e-mailadres/).getAttribute("autocomplete")).toBe("email");

    await visitor.getByLabel(/^Naam van uw bedrijf/).fill("Bakkerij Brood");
    await visitor.getByLabel(/^KvK-nummer/).fill("87654321");
    await visitor.getByLabel(/^Uw naam/).fill("An Peeters");
    await visitor.getByLabel(/^Uw e-mailadres/).fill("an@brood.test");
    await visitor.getByLabel(/^Gemeente van vestiging/).selectOption("Maastricht");
    await visitor.getByLabel(/^Wat wilt u bereiken\?/).fill("Een nieuwe lijn glutenvrij brood op de markt brengen.");
    await visitor.getByLabel(/^Onderwerp/).selectOption("groei_en_innovatie");
    await visitor.getByLabel(/Ik geef toestemming/).check();
    await visitor.getByRole("button", { name: "Aanmelden" }).click();
    await expect.poll(() => visitor.getByRole("heading", { name: "U bent aangemeld" }).count()).toBe(1);
    await accessible(visitor);
    expect(await stageOf("Bakkerij Brood")).toBe("registered");

    const boss = await signedIn(admin.email);
    await boss.getByRole("link", { name: "Kandidaten", exact: true }).click();
    await boss.getByRole("link", { name: "Bakkerij Brood" }).click();
    await accessible(boss);
    await boss.locator("#f-assign").selectOption(consultant.id);
    await boss.getByRole("button", { name: "Toewijzen" }).click();
    await saved(boss);

    const adviser = await signedIn(consultant.email);
    await adviser.getByRole("link", { name: "Bakkerij Brood" }).click();
    await adviser.getByText("Traject stoppen (no-go)").click();
    await adviser.getByRole("button", { name: "Traject stoppen" }).click();
    await expect.poll(() => adviser.locator("#error-summary").count()).toBe(1);
    await accessible(adviser);
    await adviser.getByLabel(/^Reden/).selectOption("entrepreneur_withdrew");
    await adviser.getByLabel("Partnerorganisatie", { exact: true }).check();
    await adviser.getByLabel(/^Naam van de organisatie/).fill("Ondernemershuis Limburg");
    await adviser.getByRole("button", { name: "Traject stoppen" }).click();
    await saved(adviser);
    expect(await stageOf("Bakkerij Brood")).toBe("stopped");
    expect(await adviser.locator("main").innerText()).toContain("Ondernemershuis Limburg");
  });

  it("should let the region admin change the no-show rule", { timeout: 60_000 }, async () => {
    const boss = await signedIn(admin.email);
    await boss.goto(`${web.url}/beheer/${region.slug}/begeleiding/instellingen`);
    await accessible(boss);
    await boss.getByLabel(/^No-showregel/).fill("25");
    await boss.getByRole("button", { name: "Instellingen opslaan" }).click();
    await expect.poll(() => boss.locator("#error-summary").count()).toBe(1);
    await accessible(boss);
    await boss.getByLabel(/^No-showregel/).fill("3");
    await boss.getByRole("button", { name: "Instellingen opslaan" }).click();
    await expect.poll(() => boss.getByText("De wijzigingen zijn opgeslagen.").count()).toBe(1);
    expect(await boss.getByLabel(/^No-showregel/).inputValue()).toBe("3");
  });
});
