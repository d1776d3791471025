/**
 * Saves screenshots of the main pages at 390 px and 1280 px wide to docs/screenshots/.
 * Run with `npx tsx test/web/screenshots.ts` (builds the bundle, seeds the demo data).
 */
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { DEMO_PASSWORD } from "../../tools/seed/demo-data";
import { latestLoginToken } from "../support/entrepreneurs";
import { buildBundle } from "../support/global-setup";
import { startDemoPlatform } from "./demo-platform";
import { axeViolations, hasBrowser, launchBrowser } from "./browser";

const out = fileURLToPath(new URL("../../docs/screenshots/", import.meta.url));

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${out}${name}.png`, fullPage: true });
  const violations = await axeViolations(page);
  console.log(`${name}.png${violations.length ? `  axe: ${violations.join("; ")}` : ""}`);
}

async function main() {
  if (!hasBrowser) {
    console.warn("No Chromium at /usr/bin/chromium: cannot take screenshots.");
    process.exit(1);
  }
  mkdirSync(out, { recursive: true });
  buildBundle();
  const platform = await startDemoPlatform();
  const browser = await launchBrowser();
  try {
    const newPage = async (opts: { viewport: { width: number; height: number } }) => (await browser.newContext(opts)).newPage();
    const mobile = await newPage({ viewport: { width: 390, height: 844 } });
    const desktop = await newPage({ viewport: { width: 1280, height: 900 } });
    const u = platform.url;

    await desktop.goto(`${u}/`);
    await shot(desktop, "01-home-1280");
    await mobile.goto(`${u}/`);
    await shot(mobile, "02-home-390");

    await desktop.goto(`${u}/boeken/zuid-limburg?topic=financiering`);
    await shot(desktop, "03-region-earliest-1280");
    await mobile.goto(`${u}/boeken/zuid-limburg?municipality=Vaals&topic=financiering`);
    await shot(mobile, "18-region-vaals-390");
    await mobile.locator(".cards .card__title a").first().click();
    await shot(mobile, "19-desk-calendar-390");
    await mobile.goto(`${u}/boeken/zuid-limburg?topic=financiering`);
    await mobile.getByRole("link", { name: /Deze tijd kiezen/ }).click();
    await mobile.getByRole("button", { name: "Afspraak bevestigen" }).click();
    await shot(mobile, "04-booking-errors-390");

    await desktop.goto(`${u}/boeken/zuid-limburg?topic=financiering`);
    await desktop.locator(".cards .card__title a").first().click();
    await shot(desktop, "05-desk-slots-1280");
    await desktop.locator(".slot").first().click();
    await desktop.getByLabel(/^Naam/).fill("Anna de Vries");
    await desktop.getByLabel(/^E-mailadres/).fill("anna@bakkerij.test");
    await desktop.getByLabel(/^Bedrijfsnaam/).fill("Bakkerij De Vries");
    const topic = desktop.locator("#f-topic");
    await topic.selectOption({ index: 1 });
    const mode = desktop.locator("#f-mode[type=radio]");
    if (await mode.count()) await mode.check();
    await desktop.locator("#f-consent").check();
    await desktop.getByRole("button", { name: "Afspraak bevestigen" }).click();
    await shot(desktop, "06-confirmation-1280");

    const staff = await newPage({ viewport: { width: 1280, height: 900 } });
    await staff.goto(`${u}/inloggen`);
    await staff.getByLabel(/^E-mailadres/).fill("beheer@zuid-limburg.test");
    await staff.getByLabel(/^Wachtwoord/).fill(DEMO_PASSWORD);
    await staff.getByRole("button", { name: "Inloggen" }).click();
    await staff.goto(`${u}/beheer/zuid-limburg/loketten`);
    await staff.locator("table a[href$='/openingstijden']").first().click();
    await shot(staff, "07-admin-hours-1280");

    const province = await newPage({ viewport: { width: 1280, height: 900 } });
    await province.goto(`${u}/inloggen`);
    await province.getByLabel(/^E-mailadres/).fill("provincie@limburg.test");
    await province.getByLabel(/^Wachtwoord/).fill(DEMO_PASSWORD);
    await province.getByRole("button", { name: "Inloggen" }).click();
    await shot(province, "08-province-1280");

    await desktop.goto(`${u}/aanbod?q=subsidie+innovatie&region=zuid-limburg`);
    await shot(desktop, "09-catalogue-search-1280");
    await mobile.goto(`${u}/aanbod?q=overname`);
    await mobile.locator(".offer-list .card__title a").first().click();
    await shot(mobile, "10-offer-390");
    const partner = await newPage({ viewport: { width: 1280, height: 900 } });
    await partner.goto(`${u}/inloggen`);
    await partner.getByLabel(/^E-mailadres/).fill("partner@liof.test");
    await partner.getByLabel(/^Wachtwoord/).fill(DEMO_PASSWORD);
    await partner.getByRole("button", { name: "Inloggen" }).click();
    await shot(partner, "11-partner-offers-1280");

    // Referrals: the region admin refers a caller to LIOF (form, then the list), LIOF's partner sees it in the inbox.
    await staff.goto(`${u}/beheer/zuid-limburg/doorverwijzingen/nieuw`);
    await staff.getByLabel(/^Naam/).fill("Joost Janssen");
    await staff.getByLabel(/^E-mailadres/).fill("joost@installatiebedrijf.test");
    await staff.getByLabel(/^Bedrijfsnaam/).fill("Installatiebedrijf Janssen");
    await staff.getByLabel(/^Doorverwijzen naar/).selectOption("liof");
    await staff.getByLabel(/^Onderwerp/).selectOption("financiering");
    await staff.getByLabel(/^Vraag van de ondernemer/).fill("Hoe financier ik de overname van een collega-bedrijf?");
    await staff.getByLabel(/^Toelichting voor de organisatie/).fill("Overname in voorbereiding, zoekt aanvullende financiering.");
    await staff.getByLabel(/De ondernemer geeft toestemming/).check();
    await shot(staff, "15-refer-form-1280");
    await staff.getByRole("button", { name: /Doorverwijzing versturen/ }).click();
    await staff.waitForURL(/klaar=verstuurd/);
    await shot(staff, "16-referrals-list-1280");
    await partner.goto(`${u}/partner/liof/doorverwijzingen`);
    await shot(partner, "17-partner-inbox-1280");

    // Mijn MKB Limburg of the entrepreneur who just booked (the sign-in link read from the outbox).
    const me = await newPage({ viewport: { width: 1280, height: 900 } });
    await me.goto(`${u}/mijn/inloggen`);
    await me.getByLabel(/^E-mailadres/).fill("anna@bakkerij.test");
    await me.getByRole("button", { name: "Stuur mij een inloglink" }).click();
    await me.waitForURL(/verstuurd/);
    await me.goto(`${u}/mijn/inloggen?token=${await latestLoginToken(platform, "anna@bakkerij.test")}`);
    await me.getByRole("button", { name: "Inloggen" }).click();
    await me.waitForURL(/\/mijn$/);
    await shot(me, "12-mijn-overview-1280");

    // Events: the Limburg-wide list and an event page with its registration form.
    await desktop.goto(`${u}/evenementen`);
    await shot(desktop, "13-events-1280");
    await mobile.goto(`${u}/evenementen`);
    await mobile.locator("main a[href^='/evenementen/']").first().click();
    await shot(mobile, "14-event-390");

    // Region admin pages (issue 13): the region report on a phone and the audit log.
    const signIn = async (viewport: { width: number; height: number }, email: string) => {
      const page = await newPage({ viewport });
      await page.goto(`${u}/inloggen`);
      await page.getByLabel(/^E-mailadres/).fill(email);
      await page.getByLabel(/^Wachtwoord/).fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Inloggen" }).click();
      await page.waitForURL((url) => !url.pathname.startsWith("/inloggen"));
      return page;
    };
    const adminPhone = await signIn({ width: 390, height: 844 }, "beheer@zuid-limburg.test");
    await adminPhone.goto(`${u}/beheer/zuid-limburg/rapportage`);
    await shot(adminPhone, "20-region-report-390");
    await staff.goto(`${u}/beheer/zuid-limburg/logboek`);
    await shot(staff, "21-audit-log-1280");

    // Knowledge square (issue 18): the list and a question with its answers.
    await desktop.goto(`${u}/kennisplein`);
    await shot(desktop, "22-knowledge-square-1280");
    await mobile.goto(`${u}/kennisplein`);
    await mobile.locator("main a[href^='/kennisplein/vragen/']").first().click();
    await shot(mobile, "23-question-390");

    // Programme steering (issue 19): targets and progress, and the municipality view on a phone.
    const office = await signIn({ width: 1280, height: 900 }, "programma@ondernemend-limburg.test");
    await office.goto(`${u}/programma`);
    await shot(office, "24-programme-1280");
    const municipality = await signIn({ width: 390, height: 844 }, "gemeente@maastricht.test");
    await municipality.goto(`${u}/gemeente`);
    await shot(municipality, "25-municipality-390");

    // Open platform (issue 20): registered origins with the embed snippet, and the embedded booking.
    await staff.goto(`${u}/beheer/zuid-limburg/inbedden`);
    await shot(staff, "26-embed-origins-1280");
    await mobile.goto(`${u}/embed/zuid-limburg`);
    await shot(mobile, "27-embed-390");
  } finally {
    await browser.close();
    await platform.close();
  }
}

await main();
