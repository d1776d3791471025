import { describe, expect, it } from "vitest";
import { canonicalDutchMunicipality, DUTCH_MUNICIPALITIES, LIMBURG_MUNICIPALITIES } from "../../src/lib/dutch-municipalities";
import { DEMO_REGIONS } from "../../tools/seed/demo-data";

describe("the Dutch municipalities", () => {
  it("should list the 342 municipalities once each, the 31 of Limburg spelled as the regions spell them", () => {
    expect(DUTCH_MUNICIPALITIES).toHaveLength(342);
    expect(new Set(DUTCH_MUNICIPALITIES).size).toBe(342);
    const served = DEMO_REGIONS.flatMap((r) => r.municipalities.map(([, name]) => name));
    expect([...LIMBURG_MUNICIPALITIES].sort()).toEqual([...served].sort());
  });

  it("should give the official spelling whatever the case, accents, hyphens or an everyday name", () => {
    expect(canonicalDutchMunicipality("sittard geleen")).toBe("Sittard-Geleen");
    expect(canonicalDutchMunicipality("  VALKENBURG AAN DE GEUL ")).toBe("Valkenburg aan de Geul");
    expect(canonicalDutchMunicipality("Sudwest Fryslan")).toBe("Súdwest-Fryslân");
    expect(canonicalDutchMunicipality("Den Haag")).toBe("'s-Gravenhage");
    expect(canonicalDutchMunicipality("’s-Hertogenbosch")).toBe("'s-Hertogenbosch");
    expect(canonicalDutchMunicipality("den bosch")).toBe("'s-Hertogenbosch");
    expect(canonicalDutchMunicipality("Bergen")).toBe("Bergen");
    expect(canonicalDutchMunicipality("Bergen (NH)")).toBe("Bergen (NH.)");
    expect(canonicalDutchMunicipality("ijsselstein")).toBe("IJsselstein");
    expect(canonicalDutchMunicipality("Cranendonck")).toBe("Cranendonck");
  });

  it("should refuse what is not a Dutch municipality", () => {
    for (const name of ["Aachen", "Liège", "Nuth", "", "   ", "Maastricht-Noord", "<script>"]) expect(canonicalDutchMunicipality(name), name).toBeNull();
  });
});
