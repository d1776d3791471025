/**
 * Creates a platform admin in any environment (the first account of a new deployment).
 *
 *   LIBSQL_URL=… [LIBSQL_AUTH_TOKEN=…] npm run admin:create -- --email you@example.nl --name "Your Name"
 *   printf '%s' "$PASSWORD" | npm run admin:create -- --email … --name … --password-stdin
 *
 * Without --password-stdin it asks for the password on the terminal (not echoed). The
 * password is never printed or logged. Fails when the e-mail address already has an account.
 */
import { createClient } from "@libsql/client";
import { parseArgs } from "node:util";
import { stdin, stdout } from "node:process";
import { fileURLToPath } from "node:url";
import { newId } from "../src/lib/ids";
import { hashPassword } from "../src/lib/password";
import { passwordProblem } from "../src/features/auth/password-policy";

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

/** Reads a line from the terminal without echoing it. */
async function promptHidden(question: string): Promise<string> {
  if (!stdin.isTTY) throw new Error("No terminal to ask for the password; use --password-stdin.");
  stdout.write(question);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding("utf8");
  return new Promise((resolve, reject) => {
    let value = "";
    const onData = (key: string) => {
      for (const ch of key) {
        if (ch === "\r" || ch === "\n") {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off("data", onData);
          stdout.write("\n");
          resolve(value);
          return;
        }
        if (ch === "\u0003") {
          stdin.setRawMode(false);
          reject(new Error("Cancelled."));
          return;
        }
        if (ch === "\u007f" || ch === "\b") value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on("data", onData);
  });
}

export async function createPlatformAdmin(options: { url: string; authToken?: string; email: string; name: string; password: string }): Promise<string> {
  const email = options.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) throw new Error("Give a valid e-mail address with --email.");
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (!options.name.trim() || options.name.length > 120 || /[\u0000-\u001f\u007f]/.test(options.name))
    throw new Error("Give a single-line name of at most 120 characters with --name.");
  const client = createClient({ url: options.url, authToken: options.authToken });
  try {
    const regions = await client.execute("select slug, name from regions");
    const problem = await passwordProblem(options.password, {
      email,
      name: options.name,
      regions: regions.rows.map((r) => ({ slug: String(r.slug), name: String(r.name) })),
    });
    if (problem) throw new Error(problem.message);
    const existing = await client.execute({ sql: "select 1 from users where email = ?", args: [email] });
    if (existing.rows.length > 0) throw new Error(`An account with ${email} already exists.`);
    const id = newId();
    const now = Date.now();
    await client.batch(
      [
        {
          sql: "insert into users (id, email, name, role, region_id, password_hash, created_at) values (?, ?, ?, 'platform_admin', null, ?, ?)",
          args: [id, email, options.name.trim(), await hashPassword(options.password), now],
        },
        {
          sql: "insert into audit_log (id, region_id, actor_user_id, action, target_type, target_id, detail, created_at) values (?, null, null, 'account.created', 'user', ?, ?, ?)",
          args: [newId(), id, JSON.stringify({ role: "platform_admin", via: "admin:create" }), now],
        },
      ],
      "write",
    );
    return id;
  } finally {
    client.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" }, "password-stdin": { type: "boolean", default: false } } });
  const url = process.env.LIBSQL_URL;
  if (!url || !values.email || !values.name) {
    console.error('Usage: LIBSQL_URL=… [LIBSQL_AUTH_TOKEN=…] npm run admin:create -- --email you@example.nl --name "Your Name" [--password-stdin]');
    process.exit(2);
  }
  try {
    const password = values["password-stdin"] ? await readAll(stdin) : await promptHidden("Password (at least 12 characters): ");
    if (!values["password-stdin"]) {
      const again = await promptHidden("Repeat the password: ");
      if (again !== password) throw new Error("The passwords differ.");
    }
    const id = await createPlatformAdmin({ url, authToken: process.env.LIBSQL_AUTH_TOKEN, email: values.email, name: values.name, password });
    console.log(`Platform admin ${values.email.trim().toLowerCase()} created (id ${id}) in ${new URL(url).host}.`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
