import { it, expect } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { startLibsqlServer } from "/work/main/tools/libsql-server/server";
import { applyMigrations } from "/work/main/tools/migrate";
it("admin create", async () => {
  const server = await startLibsqlServer({ path: join(mkdtempSync(join(tmpdir(), "ac-")), "db"), port: 0 });
  await applyMigrations(server.url);
  const out = execFileSync("npm", ["run", "--silent", "admin:create", "--", "--email", "Eerste@Example.nl", "--name", "Eerste Beheerder", "--password-stdin"], { cwd: "/work/main", input: "Zonnige-ochtend-in-Venlo-42\n", env: { ...process.env, LIBSQL_URL: server.url } }).toString();
  console.log(out);
  expect(out).not.toContain("Zonnige");
  const c = createClient({ url: server.url });
  const rows = await c.execute("select email, role, password_hash from users");
  console.log(rows.rows.map(r => [r.email, r.role]));
  let weak = "";
  try { execFileSync("npm", ["run", "--silent", "admin:create", "--", "--email", "b@example.nl", "--name", "B", "--password-stdin"], { cwd: "/work/main", input: "password1234", env: { ...process.env, LIBSQL_URL: server.url }, stdio: "pipe" }); } catch (e: any) { weak = String(e.stderr); }
  console.log("WEAK:", weak);
  c.close(); await server.close();
}, 60000);
