import { describe, expect, it } from "vitest";
import { compoundParts, indexText, normaliseSearchTerm, normaliseText, parseQuery, stem, trigramQuery } from "../../src/features/catalogue/dutch-search";
import { slugify } from "../../src/features/catalogue/offer-dto";
import { searchStatements } from "../../src/features/catalogue/search-sql";
import { contactPointContent } from "../../src/features/catalogue/contact-points";
import { filtersKey } from "../../src/features/insights/record";
import { smallCount } from "../../src/features/insights/insights.service";
import { decodeOffsetCursor, encodeOffsetCursor } from "../../src/lib/cursor";

describe("Dutch text for the search index", () => {
  it("should drop accents, case and punctuation", () => {
    expect(normaliseText("Financiële  STEUN – café’s!")).toBe("financiele steun cafe s");
  });

  it("should give singular and plural, and inflected forms, the same stem", () => {
    const pairs: [string, string][] = [
      ["subsidie", "subsidies"],
      ["bedrijf", "bedrijven"],
      ["regeling", "regelingen"],
      ["overname", "overnames"],
      ["starter", "starters"],
      ["duurzaam", "duurzame"],
      ["advies", "adviezen"],
      ["mogelijkheid", "mogelijkheden"],
      ["innovatie", "innovaties"],
    ];
    for (const [one, other] of pairs) expect(stem(other), `${one} / ${other}`).toBe(stem(one));
  });

  it("should leave short words and words with digits alone", () => {
    expect(stem("mkb")).toBe("mkb");
    expect(stem("kvk")).toBe("kvk");
    expect(stem("2027s")).toBe("2027s");
  });

  it("should split compounds of known business words, with a linking s", () => {
    expect(compoundParts("innovatiesubsidie")).toEqual(["innovatie", "subsidie"]);
    expect(compoundParts("bedrijfsovername")).toEqual(["bedrijf", "overname"]);
    expect(compoundParts("personeelstekort")).toEqual(["personeel", "tekort"]);
    expect(compoundParts("microkrediet")).toEqual(["krediet"]);
    expect(compoundParts("ondernemer")).toEqual([]);
    expect(compoundParts("internationaal")).toEqual([]);
  });

  it("should index every word with its stem and compound parts", () => {
    const text = indexText("Innovatiesubsidies voor starters").split(" ");
    expect(text).toEqual(expect.arrayContaining(["innovatiesubsidies", "innovatiesubsidie", "innovatie", "subsidie", "starters", "starter"]));
  });
});

describe("search queries", () => {
  it("should drop stop words and duplicates and keep at most eight words", () => {
    expect(parseQuery("subsidie voor de innovatie subsidie").map((w) => w.word)).toEqual(["subsidie", "innovatie"]);
    expect(parseQuery("a b c d e f g h i j k l")).toHaveLength(8);
    expect(parseQuery("de het een")).toEqual([]);
  });

  it("should match a plural by its stem and also as typed when the stem is not a prefix", () => {
    expect(parseQuery("bedrijven")[0]).toEqual({ word: "bedrijven", prefixes: ["bedrijf", "bedrijven"], parts: [] });
    expect(parseQuery("subsidies")[0]?.prefixes).toEqual(["subsidie"]);
    expect(parseQuery("bedrijfsovername")[0]?.parts).toEqual(["bedrijf", "overnam"]);
  });

  it("should normalise the term the insight counters keep", () => {
    expect(normaliseSearchTerm("  Subsidie voor INNOVATIE! ")).toBe("subsidie innovatie");
    expect(normaliseSearchTerm("x".repeat(300))).toHaveLength(100);
  });

  it("should never put the user's text into the SQL, only into arguments", () => {
    const evil = "x'); drop table offers; --";
    const [results] = searchStatements({ words: parseQuery(evil), filters: { municipality: evil }, today: "2027-03-01", limit: 5, offset: 0 });
    const sql = typeof results === "string" ? results : (results?.sql ?? "");
    expect(sql).not.toContain("drop table");
    expect(JSON.stringify(typeof results === "string" ? [] : results?.args)).toContain("drop table");
  });

  it("should quote every FTS5 term, so search syntax in a query stays plain words", () => {
    const [results] = searchStatements({ words: parseQuery("subsidie OR NEAR"), filters: {}, today: "2027-03-01", limit: 5, offset: 0 });
    const args = typeof results === "string" ? [] : (results?.args as unknown[]);
    expect(args).toContain('("subsidie"*)');
    expect(args).toContain('("or"*)');
  });

  it("should build a trigram query for typo candidates", () => {
    expect(trigramQuery("export")).toBe('"exp" OR "xpo" OR "por" OR "ort"');
  });
});

describe("small helpers", () => {
  it("should make URL slugs from titles", () => {
    expect(slugify("Subsidie Duurzaam MKB – Limburg!")).toBe("subsidie-duurzaam-mkb-limburg");
    expect(slugify("Financiële  steun")).toBe("financiele-steun");
    expect(slugify("!!!")).toBe("aanbod");
  });

  it("should round-trip an offset cursor and refuse anything else with a 400", () => {
    expect(decodeOffsetCursor(encodeOffsetCursor(40))).toBe(40);
    expect(decodeOffsetCursor(undefined)).toBe(0);
    for (const bad of ["abc", btoa('{"o":-1}'), btoa('{"o":1.5}'), btoa("[]"), btoa('{"o":"1"}')]) {
      expect(() => decodeOffsetCursor(bad), bad).toThrow(expect.objectContaining({ code: "validation_failed" }));
    }
  });

  it("should key filters canonically, whatever their order", () => {
    expect(filtersKey({ topic: ["subsidies", "financiering"], kind: ["subsidy"], cost: undefined })).toBe("kind=subsidy&topic=financiering,subsidies");
    expect(filtersKey({ topic: [], kind: undefined })).toBe("");
  });

  it('should show counts of 1 to 4 as "<5"', () => {
    expect([0, 1, 4, 5, 12].map(smallCount)).toEqual([0, "<5", "<5", 5, 12]);
  });

  it("should describe a frontdesk as a free contact point of its region", () => {
    const content = contactPointContent({
      name: "Ondernemersloket Test",
      municipality: "Weert",
      address: "Markt 1, Weert",
      modes: ["in_person", "video"],
      topics: ["vergunningen", "personeel"],
      phone: "+31495000000",
      email: null,
      regionSlug: "midden-limburg",
    });
    expect(content).toMatchObject({
      kind: "contact_point",
      cost: "free",
      regions: ["midden-limburg"],
      topics: ["vergunningen", "personeel"],
      contact: { phone: "+31495000000" },
    });
    expect(content.summary).toContain("vergunningen en personeel");
    expect(content.howToApply).toContain("op locatie of per video");
  });
});
