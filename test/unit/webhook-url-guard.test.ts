import { describe, expect, it } from "vitest";
import { checkWebhookUrl } from "../../src/features/webhooks/url-guard";

describe("the webhook SSRF guard", () => {
  it("accepts HTTPS on public host names and public addresses in production", () => {
    for (const url of [
      "https://hooks.example.nl/mkb",
      "https://api.partner.example.com:8443/in?x=1",
      "https://8.8.8.8/hook",
      "https://[2606:4700::1111]/hook",
    ]) {
      expect(checkWebhookUrl(url, "production"), url).toMatchObject({ ok: true });
    }
  });

  it("refuses in production what a test may use: plain HTTP to 127.0.0.1", () => {
    expect(checkWebhookUrl("http://127.0.0.1:8345/hook", "production").ok).toBe(false);
    expect(checkWebhookUrl("http://127.0.0.1:8345/hook", "test").ok).toBe(true);
    expect(checkWebhookUrl("http://127.0.0.1:8345/hook", "development").ok).toBe(true);
    // Only that exception: other local addresses stay refused in test too.
    expect(checkWebhookUrl("http://localhost:8345/hook", "test").ok).toBe(false);
    expect(checkWebhookUrl("http://10.0.0.1/hook", "test").ok).toBe(false);
  });

  it("refuses loopback, private, link-local, carrier-grade NAT, multicast and local names, whatever their spelling", () => {
    for (const url of [
      "https://127.0.0.1/",
      "https://127.1/",
      "https://2130706433/",
      "https://0x7f000001/",
      "https://0177.0.0.1/",
      "https://0.0.0.0/",
      "https://10.255.0.1/",
      "https://172.31.255.255/",
      "https://192.168.0.1/",
      "https://169.254.169.254/",
      "https://100.100.100.200/",
      "https://224.0.0.1/",
      "https://[::]/",
      "https://[::1]/",
      "https://[::ffff:127.0.0.1]/",
      "https://[::ffff:a9fe:a9fe]/",
      "https://[fc00::1]/",
      "https://[fe80::1%25eth0]/",
      "https://[ff02::1]/",
      "https://localhost/",
      "https://LOCALHOST./",
      "https://x.localhost/",
      "https://nas.local/",
      "https://metadata.google.internal/",
      "https://router.home.arpa/",
      "https://intranet/",
      "https://user:pw@hooks.example.nl/",
      "http://hooks.example.nl/",
      "javascript:alert(1)",
      "",
    ]) {
      expect(checkWebhookUrl(url, "production").ok, url).toBe(false);
    }
  });
});
