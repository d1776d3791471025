import * as v from "valibot";

/** The Worker's bindings as declared in wrangler.toml (vars, secrets and services). */
export interface Bindings {
  APP_ENV?: string;
  LIBSQL_URL?: string;
  LIBSQL_AUTH_TOKEN?: string;
  PUBLIC_URL?: string;
  MAIL_FROM?: string;
  MAIL_TRANSPORT?: string;
  MAIL_API_URL?: string;
  MAIL_API_KEY?: string;
  SEND_EMAIL?: SendEmail;
  ASSETS?: Fetcher;
  /** Secret key of the keyed hashes in the audit log (see src/lib/keyed-hash.ts). */
  AUDIT_HASH_KEY?: string;
  /** Secret key (32+ characters) sealing webhook signing secrets at rest (issue 20); defaults to the audit hash key material. */
  WEBHOOK_SECRET_KEY?: string;
  /** KVK API (issue 20): base URL (default the KVK's production API) and the API key (a secret; without it lookups answer 503). */
  KVK_API_URL?: string;
  KVK_API_KEY?: string;
  /** Optional JSON overriding rate limits, e.g. `{"loginPerEmail":{"limit":3}}` (see src/lib/rate-limit.ts). */
  RATE_LIMITS?: string;
  /** `off` serves public reads without the Workers Cache API (default `on`; see src/http/edge-cache.ts). */
  EDGE_CACHE?: string;
  /** Test runs only: milliseconds to shift the clock by; ignored unless APP_ENV=test (see src/lib/clock.ts). */
  TEST_CLOCK_OFFSET_MS?: string;
}

const ConfigSchema = v.object({
  APP_ENV: v.optional(v.picklist(["development", "test", "production"]), "production"),
  LIBSQL_URL: v.pipe(v.string("LIBSQL_URL is not set"), v.url("LIBSQL_URL must be a URL")),
  LIBSQL_AUTH_TOKEN: v.optional(v.string()),
  PUBLIC_URL: v.optional(v.pipe(v.string(), v.url())),
  MAIL_FROM: v.optional(v.pipe(v.string(), v.email()), "noreply@mkb-limburg.test"),
  MAIL_TRANSPORT: v.optional(v.picklist(["send_email", "http", "log"]), "send_email"),
  MAIL_API_URL: v.optional(v.pipe(v.string(), v.url())),
  MAIL_API_KEY: v.optional(v.string()),
  RATE_LIMITS: v.optional(v.string()),
  EDGE_CACHE: v.optional(v.picklist(["on", "off"]), "on"),
  AUDIT_HASH_KEY: v.optional(v.pipe(v.string(), v.minLength(32, "AUDIT_HASH_KEY must be at least 32 characters"))),
  TEST_CLOCK_OFFSET_MS: v.optional(v.string()),
  KVK_API_URL: v.optional(v.pipe(v.string(), v.url("KVK_API_URL must be a URL")), "https://api.kvk.nl/api"),
  KVK_API_KEY: v.optional(v.string()),
  WEBHOOK_SECRET_KEY: v.optional(v.pipe(v.string(), v.minLength(32, "WEBHOOK_SECRET_KEY must be at least 32 characters"))),
});

/** Validated configuration, parsed once per isolate and passed on explicitly. */
export type Config = v.InferOutput<typeof ConfigSchema> & { isLocal: boolean };

const cache = new WeakMap<object, Config>();

/**
 * Parses the Worker's environment into a {@link Config}; throws a readable error when misconfigured.
 * @example const config = readConfig(c.env); config.LIBSQL_URL
 */
export function readConfig(env: Bindings): Config {
  const hit = cache.get(env);
  if (hit) return hit;
  const parsed = v.safeParse(ConfigSchema, env);
  if (!parsed.success) {
    const problems = parsed.issues.map((i) => `${v.getDotPath(i) ?? "env"}: ${i.message}`).join("; ");
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const config = { ...parsed.output, isLocal: parsed.output.APP_ENV !== "production" };
  cache.set(env, config);
  return config;
}
