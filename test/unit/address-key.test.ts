import { describe, expect, it } from "vitest";
import { addressKey } from "../../src/lib/address-key";

describe("the rate-limit key of a client address", () => {
  it("should count IPv4 per address", () => {
    expect(addressKey("198.51.100.7")).toBe("198.51.100.7");
    expect(addressKey(" 198.51.100.7 ")).toBe("198.51.100.7");
    expect(addressKey("198.51.100.8")).not.toBe(addressKey("198.51.100.7"));
  });

  it("should give every address of one IPv6 /64 the same key", () => {
    const keys = new Set(Array.from({ length: 35 }, (_, i) => addressKey(`2001:db8:1:2::${(i + 1).toString(16)}`)));
    expect([...keys]).toEqual(["2001:db8:1:2::/64"]);
    expect(addressKey("2001:db8:1:2:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8:1:2:8a2e:370:7334:1")).toBe("2001:db8:1:2::/64");
  });

  it("should give the same key to every spelling of one address", () => {
    const spellings = [
      "2001:db8:1:2::1",
      "2001:0db8:0001:0002:0000:0000:0000:0001",
      "2001:DB8:1:2:0:0:0:1",
      "2001:db8:1:2:0::1",
      "[2001:db8:1:2::1]",
      "2001:db8:1:2::1%eth0",
      "2001:db8:1:2::0.0.0.1",
    ];
    expect(new Set(spellings.map(addressKey))).toEqual(new Set(["2001:db8:1:2::/64"]));
    expect(addressKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressKey("::")).toBe("0:0:0:0::/64");
  });

  it("should count IPv4-mapped IPv6 addresses as the IPv4 address", () => {
    expect(addressKey("::ffff:198.51.100.7")).toBe("198.51.100.7");
    expect(addressKey("::FFFF:c633:6407")).toBe("198.51.100.7");
    expect(addressKey("0:0:0:0:0:ffff:198.51.100.7")).toBe("198.51.100.7");
  });

  it("should keep neighbouring /64s apart, also within one /56 (a /56 may be 256 households)", () => {
    // Same /56 (2001:db8:1:200::/56), another /64: a different key.
    expect(addressKey("2001:db8:1:201::1")).not.toBe(addressKey("2001:db8:1:200::1"));
    expect(addressKey("2001:db8:1:2ff::1")).toBe("2001:db8:1:2ff::/64");
    // Another /48 altogether.
    expect(addressKey("2001:db8:2:2::1")).not.toBe(addressKey("2001:db8:1:2::1"));
  });

  it("should name loopback so the caller can recognise it", () => {
    expect(addressKey("::1")).toBe("::1/128");
    expect(addressKey("0:0:0:0:0:0:0:1")).toBe("::1/128");
    expect(addressKey("::ffff:127.0.0.1")).toBe("127.0.0.1");
  });

  it("should keep anything that is not an address as one shortened key", () => {
    for (const odd of ["unknown", "2001:db8::1::2", "1.2.3", "1.2.3.256", "2001:db8:1:2:3:4:5:6:7", "gggg::1", "::ffff:1.2.3"]) {
      expect(addressKey(odd), odd).toBe(odd.toLowerCase());
    }
    expect(addressKey("x".repeat(200))).toHaveLength(64);
  });
});
