import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import PostalMime from "postal-mime";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { HeaderInjectionError, type MailMessage } from "../../src/features/notifications/mime";
import { type HttpMailPayload, httpMailTransport, sendEmailBindingTransport } from "../../src/features/notifications/transport";

const ICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:PUBLISH\r\nSUMMARY:Afspraak – café\r\nEND:VCALENDAR\r\n";

function message(overrides: Partial<MailMessage> = {}): MailMessage {
  return {
    from: { email: "noreply@mkb-limburg.nl", name: "MKB-aanpak Limburg" },
    to: "anouk@example.nl",
    subject: "Uw afspraak is bevestigd: maandag 29 maart 2027, 10:00 ✓",
    text: "Beste Anouk,\n\nTot maandag.\n",
    html: '<!DOCTYPE html><html lang="nl"><body><p>Beste Anouk</p></body></html>',
    ics: { filename: "afspraak.ics", content: ICS, method: "PUBLISH" },
    messageId: "<out_42@mkb-limburg>",
    date: new Date("2027-03-01T09:00:00Z"),
    ...overrides,
  };
}

interface Received {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingMessage["headers"];
  body: string;
}

type EmailMessageConstructor = NonNullable<NonNullable<Parameters<typeof sendEmailBindingTransport>[1]>["EmailMessage"]>;

/** A real HTTP server on 127.0.0.1 that records requests and answers with the next queued status. */
describe("httpMailTransport against a local HTTP server", () => {
  let server: Server;
  let baseUrl: string;
  const received: Received[] = [];
  let nextStatus = 200;
  let hang = false;

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        received.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
        if (hang) return; // never answer: exercises the timeout
        res.writeHead(nextStatus, { "Content-Type": "application/json" });
        res.end(JSON.stringify(nextStatus < 300 ? { id: "msg_1" } : { message: "internal error with details" }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  beforeEach(() => {
    received.length = 0;
    nextStatus = 200;
    hang = false;
  });

  it("should POST the message as JSON with the bearer token and resolve on a 2xx answer", async () => {
    const transport = httpMailTransport({ url: `${baseUrl}/emails`, apiKey: "re_test_secret" });
    await expect(transport.send(message({ headers: { "X-Entity-Ref-ID": "apt_1" } }))).resolves.toBeUndefined();

    expect(received).toHaveLength(1);
    const request = received[0];
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe("/emails");
    expect(request?.headers.authorization).toBe("Bearer re_test_secret");
    expect(request?.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(request?.headers["idempotency-key"]).toBe("<out_42@mkb-limburg>");

    const payload = JSON.parse(request?.body ?? "{}") as HttpMailPayload;
    expect(payload).toEqual({
      from: '"MKB-aanpak Limburg" <noreply@mkb-limburg.nl>',
      to: "anouk@example.nl",
      subject: "Uw afspraak is bevestigd: maandag 29 maart 2027, 10:00 ✓",
      text: "Beste Anouk,\n\nTot maandag.\n",
      html: '<!DOCTYPE html><html lang="nl"><body><p>Beste Anouk</p></body></html>',
      headers: { "X-Entity-Ref-ID": "apt_1", "Message-ID": "<out_42@mkb-limburg>", "Auto-Submitted": "auto-generated" },
      attachments: [
        {
          filename: "afspraak.ics",
          content: Buffer.from(ICS, "utf8").toString("base64"),
          contentType: "text/calendar; charset=utf-8; method=PUBLISH",
        },
      ],
    });
    expect(Buffer.from(payload.attachments[0]?.content ?? "", "base64").toString("utf8")).toBe(ICS);
  });

  it("should send no Authorization header and no attachments when there is no key and no calendar file", async () => {
    await httpMailTransport({ url: `${baseUrl}/emails` }).send(message({ ics: undefined, from: { email: "noreply@mkb-limburg.nl" } }));
    expect(received[0]?.headers.authorization).toBeUndefined();
    const payload = JSON.parse(received[0]?.body ?? "{}") as HttpMailPayload;
    expect(payload.attachments).toEqual([]);
    expect(payload.from).toBe("noreply@mkb-limburg.nl");
  });

  it("should throw with the status, and without the key or the answer's body, when the API answers 500", async () => {
    nextStatus = 500;
    const transport = httpMailTransport({ url: `${baseUrl}/emails`, apiKey: "re_test_secret" });
    const error = await transport.send(message()).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^Mail API answered 500/);
    expect((error as Error).message).not.toContain("re_test_secret");
    expect((error as Error).message).not.toContain("details");
    expect(received).toHaveLength(1);
  });

  it("should throw on a 4xx answer too", async () => {
    nextStatus = 422;
    await expect(httpMailTransport({ url: `${baseUrl}/emails` }).send(message())).rejects.toThrow(/Mail API answered 422/);
  });

  it("should give up with a short error when the API does not answer in time", async () => {
    hang = true;
    await expect(httpMailTransport({ url: `${baseUrl}/emails`, timeoutMs: 200 }).send(message())).rejects.toThrow(
      "Mail API request failed: timed out after 200 ms",
    );
  });

  it("should throw a short error when nothing listens at the URL", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(httpMailTransport({ url: `http://127.0.0.1:${port}/emails` }).send(message())).rejects.toThrow(/^Mail API request failed: /);
  });

  it("should refuse a message with header injection before sending anything", async () => {
    await expect(httpMailTransport({ url: `${baseUrl}/emails` }).send(message({ subject: "Hallo\r\nBcc: victim@example.nl" }))).rejects.toThrow(
      HeaderInjectionError,
    );
    expect(received).toHaveLength(0);
  });
});

describe("httpMailTransport configuration", () => {
  it("should refuse plain http to anything but the local machine, so the key never travels unencrypted", () => {
    expect(() => httpMailTransport({ url: "http://api.resend.com/emails", apiKey: "k" })).toThrow("Mail API URL must use https");
    expect(() => httpMailTransport({ url: "not a url" })).toThrow("Mail API URL is not a valid URL");
    expect(() => httpMailTransport({ url: "https://api.resend.com/emails" })).not.toThrow();
    expect(() => httpMailTransport({ url: "http://localhost:8025/emails" })).not.toThrow();
  });

  it("should use an injected fetch", async () => {
    const calls: string[] = [];
    const transport = httpMailTransport({
      url: "https://mail.example/emails",
      fetch: async (input) => {
        calls.push(String(input));
        return new Response(null, { status: 202 });
      },
    });
    await transport.send(message());
    expect(calls).toEqual(["https://mail.example/emails"]);
  });
});

describe("sendEmailBindingTransport", () => {
  /** Stands in for `cloudflare:email`'s EmailMessage, which only exists inside workerd. */
  class FakeEmailMessage {
    constructor(
      readonly from: string,
      readonly to: string,
      readonly raw: ReadableStream | string,
    ) {}
  }

  it("should hand the binding a raw MIME message with envelope sender and recipient", async () => {
    const sent: FakeEmailMessage[] = [];
    const binding = {
      send: async (m: FakeEmailMessage) => {
        sent.push(m);
        return { messageId: "cf-1" };
      },
    } as unknown as SendEmail;
    const transport = sendEmailBindingTransport(binding, {
      EmailMessage: FakeEmailMessage as unknown as EmailMessageConstructor,
    });
    await transport.send(message());
    expect(sent).toHaveLength(1);
    expect(sent[0]?.from).toBe("noreply@mkb-limburg.nl");
    expect(sent[0]?.to).toBe("anouk@example.nl");
    const parsed = await PostalMime.parse(sent[0]?.raw as string);
    expect(parsed.subject).toBe("Uw afspraak is bevestigd: maandag 29 maart 2027, 10:00 ✓");
    expect(parsed.messageId).toBe("<out_42@mkb-limburg>");
    expect(parsed.attachments[0]?.filename).toBe("afspraak.ics");
  });

  it("should wrap a binding failure in a short error", async () => {
    const binding = {
      send: async () => {
        throw new Error("destination address not verified\nstack and more");
      },
    } as unknown as SendEmail;
    const transport = sendEmailBindingTransport(binding, {
      EmailMessage: FakeEmailMessage as unknown as EmailMessageConstructor,
    });
    await expect(transport.send(message())).rejects.toThrow(/^send_email binding failed: destination address not verified$/);
  });

  it("should refuse header injection before calling the binding", async () => {
    let called = false;
    const binding = {
      send: async () => {
        called = true;
      },
    } as unknown as SendEmail;
    const transport = sendEmailBindingTransport(binding, {
      EmailMessage: FakeEmailMessage as unknown as EmailMessageConstructor,
    });
    await expect(transport.send(message({ to: "anouk@example.nl\nBcc: x@example.nl" }))).rejects.toThrow(HeaderInjectionError);
    expect(called).toBe(false);
  });
});
