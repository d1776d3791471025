import { describe, expect, it } from "vitest";
import { PASSWORD_PROBLEMS, passwordProblem, passwordProblemCode, type PasswordProblem } from "../../src/features/auth/password-policy";
import { hashPassword } from "../../src/lib/password";
import { catalogues, type MessageKey } from "../../src/web/i18n";
import { DEMO_PASSWORD } from "../../tools/seed/demo-data";

const REGIONS = [
  { slug: "zuid-limburg", name: "Zuid-Limburg" },
  { slug: "midden-limburg", name: "Midden-Limburg" },
  { slug: "noord-limburg", name: "Noord-Limburg" },
];
const WHO = { email: "an.jansen@bakkerij-jansen.nl", name: "Annemieke Jansen", regions: REGIONS };

async function codeOf(password: string, context: Parameters<typeof passwordProblem>[1] = WHO): Promise<PasswordProblem | null> {
  return (await passwordProblem(password, context))?.code ?? null;
}

describe("the password rules", () => {
  it.each([
    ["passwordpassword", ["repeated", "common"]],
    ["qwertyqwerty", ["repeated", "keyboard"]],
    ["Welkom01welkom01", ["repeated", "common"]],
    ["zuid-limburg12", ["platform"]],
    ["Noord-Limburg-2027", ["platform"]],
    ["MkbLimburg2027!!", ["platform"]],
    ["mkb-limburg-mkb-limburg", ["platform"]],
    [DEMO_PASSWORD, ["published"]],
    ["mkb-demo-2027!", ["published"]],
    ["Wachtwoord123!", ["common"]],
    ["Wachtwoord2027!", ["common"]],
    ["password1234", ["common"]],
    ["Q1W2E3R4T5Y6", ["common", "keyboard"]],
    ["1q2w3e4r5t6y7u", ["common", "keyboard"]],
    ["aaaaaaaaaaaaaa", ["repeated"]],
    ["abcdefghijklmnop", ["sequence"]],
    ["123498765432", ["digits"]],
    ["an.jansen@bakkerij-jansen.nl", ["email"]],
    ["AnJansen2027!!", ["email"]],
    ["Annemieke Jansen", ["name"]],
    ["Jansen-Annemieke-1980", ["name"]],
  ] as [string, PasswordProblem[]][])("should refuse %j, saying why", async (password, reasons) => {
    const code = await codeOf(password);
    expect(reasons).toContain(code);
  });

  it("should refuse the account's current password (a reset to the password it already has)", async () => {
    const current = "Oude-fiets-op-het-Vrijthof-9";
    const currentPasswordHash = await hashPassword(current);
    expect(await codeOf(current, { ...WHO, currentPasswordHash })).toBe("same");
    expect(await codeOf("Nieuwe-fiets-bij-de-Sint-Servaas-4", { ...WHO, currentPasswordHash })).toBeNull();
  });

  it("should refuse passwords built from any region's name or slug it is told about", async () => {
    const regions = [...REGIONS, { slug: "heuvelland", name: "Regio Heuvelland" }];
    expect(await codeOf("Heuvelland2027!!", { regions })).toBe("platform");
    expect(await codeOf("regio-heuvelland-1", { regions })).toBe("platform");
  });

  it("should refuse too short and too long passwords before anything else", async () => {
    expect(await codeOf("kort")).toBe("tooShort");
    expect(await codeOf("x".repeat(201))).toBe("tooLong");
  });

  it.each([
    "Zonnige-ochtend-in-Venlo-42",
    "Fietsen-langs-de-Maas-in-mei",
    "correct horse battery staple",
    "Limburg-Maastricht-kaasboer-7",
    "vlaai met kersen op de markt",
  ])("should accept a long, uncommon password such as %j", async (password) => {
    expect(await passwordProblem(password, WHO)).toBeNull();
  });

  it("should give each reason a message that maps back to its code and a text in Dutch and English", () => {
    for (const [code, message] of Object.entries(PASSWORD_PROBLEMS)) {
      expect(passwordProblemCode(message)).toBe(code);
      const key = `pw.${code}` as MessageKey;
      expect(catalogues.nl[key], key).toMatch(/\w/);
      expect(catalogues.en[key], key).toMatch(/\w/);
      expect(catalogues.nl[key]).not.toBe(catalogues.en[key]);
    }
    expect(passwordProblemCode("Something else")).toBeNull();
  });
});
