import { describe, expect, it } from "vitest";
import { catalogues } from "../../src/web/i18n";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("web message catalogues", () => {
  it("should have exactly the same keys in Dutch and English", () => {
    expect(Object.keys(catalogues.en).sort()).toEqual(Object.keys(catalogues.nl).sort());
  });

  it("should have no empty texts", () => {
    for (const [locale, catalogue] of Object.entries(catalogues)) {
      for (const [key, text] of Object.entries(catalogue)) expect(text.trim(), `${locale}:${key}`).not.toBe("");
    }
  });

  it("should use the same placeholders in both languages", () => {
    for (const [key, text] of Object.entries(catalogues.nl)) {
      expect(placeholders(catalogues.en[key as keyof typeof catalogues.en]), key).toEqual(placeholders(text));
    }
  });
});
