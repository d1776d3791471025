/**
 * A local stub of the KVK API (issue 20) for development and tests: `GET /v1/basisprofielen/{kvkNummer}`
 * answers in the shape of the KVK's documented basic profile (kvkNummer, naam, handelsnamen,
 * _embedded.hoofdvestiging.adressen) for a few demo numbers, 404 for other valid numbers, 400 for
 * invalid ones, 401 without the `apikey` header. Nothing here is real company data.
 *
 *   npx tsx tools/kvk-stub.ts --port 8345    # then KVK_API_URL=http://127.0.0.1:8345 KVK_API_KEY=dev
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

const DEMO: Record<string, { naam: string; straat: string; huisnummer: number; postcode: string; plaats: string }> = {
  "69599084": { naam: "Bakkerij De Maasoever (demo)", straat: "Markt", huisnummer: 12, postcode: "6211 CL", plaats: "Maastricht" },
  "68750110": { naam: "Installatiebedrijf Heuvelland (demo)", straat: "Akerstraat", huisnummer: 5, postcode: "6411 GW", plaats: "Heerlen" },
  "90004973": { naam: "Venlose Logistiek Demo BV", straat: "Spoorweg", huisnummer: 80, postcode: "5911 AA", plaats: "Venlo" },
};

function profile(kvk: string) {
  const d = DEMO[kvk];
  if (!d) return null;
  return {
    kvkNummer: kvk,
    naam: d.naam,
    handelsnamen: [{ naam: d.naam, volgorde: 0 }],
    _embedded: {
      hoofdvestiging: {
        adressen: [
          {
            type: "bezoekadres",
            volledigAdres: `${d.straat} ${d.huisnummer} ${d.postcode} ${d.plaats}`,
            straatnaam: d.straat,
            huisnummer: d.huisnummer,
            postcode: d.postcode.replace(" ", ""),
            plaats: d.plaats,
            land: "Nederland",
          },
        ],
      },
    },
  };
}

/** Starts the stub on 127.0.0.1 (port 0: any free port). */
export async function startKvkStub(port = 0): Promise<{ url: string; requests: number; close(): Promise<void> }> {
  const state = { requests: 0 };
  const server: Server = createServer((req, res) => {
    state.requests++;
    const send = (status: number, body: unknown) => {
      res.statusCode = status;
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(body));
    };
    if (!req.headers.apikey) return send(401, { fout: [{ code: "IPD0001", omschrijving: "Geen geldige API key." }] });
    const match = /^\/v1\/basisprofielen\/([^/?]+)/.exec(req.url ?? "");
    if (!match?.[1]) return send(404, { fout: [{ code: "IPD0004", omschrijving: "Onbekend pad." }] });
    if (!/^\d{8}$/.test(match[1])) return send(400, { fout: [{ code: "IPD1002", omschrijving: "Het KvK-nummer is ongeldig." }] });
    const found = profile(match[1]);
    return found ? send(200, found) : send(404, { fout: [{ code: "IPD0005", omschrijving: "Het KvK-nummer is niet gevonden." }] });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    get requests() {
      return state.requests;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf("--port");
  const port = at >= 0 ? Number(process.argv[at + 1]) : Number(process.env.KVK_STUB_PORT ?? 8345);
  const stub = await startKvkStub(port);
  console.log(`KVK API stub on ${stub.url} (demo numbers: ${Object.keys(DEMO).join(", ")})`);
}
