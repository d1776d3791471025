import { describe, expect, it } from "vitest";
import { normaliseKvk, normalisePhone, normalisePostcode, formatPhone, readDutchDate, formatDutchDate } from "../../src/lib/dutch";

describe("normaliseKvk", () => {
  it.each([
    ["12345678", "12345678"],
    ["1234 5678", "12345678"],
    ["12.34.56.78", "12345678"],
    [" 01234567 ", "01234567"],
  ])("should accept %j as %s", (input, expected) => {
    expect(normaliseKvk(input)).toBe(expected);
  });

  it.each([["1234567"], ["123456789"], ["1234567a"], ["1234-5678"], [""], ["NL12345678"]])("should reject %j", (input) => {
    expect(normaliseKvk(input)).toBeNull();
  });
});

describe("normalisePostcode", () => {
  it.each([
    ["6211 AB", "6211 AB"],
    ["6211AB", "6211 AB"],
    ["6211ab", "6211 AB"],
    [" 5911 Ce ", "5911 CE"],
    ["1000 SB", "1000 SB"],
  ])("should accept %j as %s", (input, expected) => {
    expect(normalisePostcode(input)).toBe(expected);
  });

  it.each([
    ["0123 AB", "a leading zero"],
    ["621 AB", "three digits"],
    ["6211  AB", "two spaces"],
    ["6211-AB", "a dash"],
    ["6211 A", "one letter"],
    ["6211 ÄB", "a non-ASCII letter"],
    ["6211 SA", "the letters SA"],
    ["6211 sd", "the letters SD"],
    ["6211SS", "the letters SS"],
    ["", "nothing"],
  ])("should reject %j (%s)", (input) => {
    expect(normalisePostcode(input)).toBeNull();
  });
});

describe("normalisePhone", () => {
  it.each([
    ["+31612345678", "+31612345678"],
    ["06 12345678", "+31612345678"],
    ["06-12 34 56 78", "+31612345678"],
    ["06.12.34.56.78", "+31612345678"],
    ["043 123 4567", "+31431234567"],
    ["(043) 123 45 67", "+31431234567"],
    ["0031 43 123 4567", "+31431234567"],
    ["+31 (0)6 1234 5678", "+31612345678"],
    ["+31 77 123 4567", "+31771234567"],
    ["+32 2 123 45 67", "+3221234567"],
    ["+32 470 12 34 56", "+32470123456"],
    ["0032 470 12 34 56", "+32470123456"],
    ["+49 241 123456", "+49241123456"],
    ["+49 1512 3456789", "+4915123456789"],
    ["+49 30 123456", "+4930123456"],
  ])("should normalise %j to %s", (input, expected) => {
    expect(normalisePhone(input)).toBe(expected);
  });

  it.each([
    ["+3161234567", "a Dutch number one digit short"],
    ["+316123456789", "a Dutch number one digit long"],
    ["0612345678 9", "a national number one digit long"],
    ["061234567", "a national number one digit short"],
    ["612345678", "no prefix at all"],
    ["+310612345678", "a trunk zero after the country code"],
    ["+32 1234567", "a Belgian number that is too short"],
    ["+32 1234567890", "a Belgian number that is too long"],
    ["+49 12345", "a German number that is too short"],
    ["+49 12345678901234", "a German number that is too long"],
    ["+44 20 7946 0958", "a British number"],
    ["+1 212 555 0100", "an American number"],
    ["0612345678x", "letters"],
    ["+31 6 1234 5678 ext 2", "an extension"],
    ["++31612345678", "a doubled plus"],
    ["", "nothing"],
  ])("should reject %j (%s)", (input) => {
    expect(normalisePhone(input)).toBeNull();
  });
});

describe("formatPhone", () => {
  it("should write Dutch numbers as people read them, with the area code apart", () => {
    expect(formatPhone("+31433505050")).toBe("043 350 50 50");
    expect(formatPhone("+31475359999")).toBe("0475 35 99 99");
    expect(formatPhone("+31612345678")).toBe("06 12345678");
    expect(formatPhone("+31800123456")).toBe("0800 123456");
    expect(formatPhone("+31773596666")).toBe("077 359 66 66");
  });

  it("should keep foreign numbers international and leave anything else as it is", () => {
    expect(formatPhone("+3211223344")).toBe("+32 11223344");
    expect(formatPhone("bel de receptie")).toBe("bel de receptie");
  });
});

describe("readDutchDate", () => {
  it.each([
    ["15-03-2027", "2027-03-15"],
    ["5-3-2027", "2027-03-05"],
    [" 05/03/2027 ", "2027-03-05"],
    ["5.3.2027", "2027-03-05"],
    ["5 3 2027", "2027-03-05"],
    ["05032027", "2027-03-05"],
    ["2027-03-05", "2027-03-05"],
    ["29-02-2028", "2028-02-29"],
  ])("should read %j as %s", (input, expected) => {
    expect(readDutchDate(input)).toEqual({ date: expected });
  });

  it.each([["31-02-2027"], ["29-02-2027"], ["15-13-2027"], ["00-03-2027"], ["15-03-1999"], ["2027-02-30"]])("should say %j is no such day", (input) => {
    expect(readDutchDate(input)).toEqual({ problem: "no_such_day" });
  });

  it.each([["15-03-27"], ["maart 2027"], ["2027/03/15"], ["15-03-2027 10:00"], ["1503202"]])("should say %j is not written as a date", (input) => {
    expect(readDutchDate(input)).toEqual({ problem: "shape" });
  });

  it("should tell an empty field apart", () => {
    expect(readDutchDate("  ")).toEqual({ problem: "empty" });
  });

  it("should write a date as dd-mm-jjjj, which it reads back", () => {
    expect(formatDutchDate("2027-03-05")).toBe("05-03-2027");
    expect(readDutchDate(formatDutchDate("2031-12-31"))).toEqual({ date: "2031-12-31" });
  });
});
