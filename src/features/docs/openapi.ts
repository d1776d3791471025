import { toJsonSchema } from "@valibot/to-json-schema";
import * as v from "valibot";
import type { Endpoint } from "../../http/endpoint";

type JsonSchema = Record<string, unknown>;

function schemaOf(schema: v.GenericSchema): JsonSchema {
  // Transformations (trim, toLowerCase) have no JSON Schema form; the input shape is what clients send.
  const { $schema: _ignored, ...rest } = toJsonSchema(schema, { target: "draft-2020-12", errorMode: "ignore", typeMode: "input" }) as JsonSchema;
  return rest;
}

function objectEntries(schema: v.GenericSchema | undefined): [string, JsonSchema, boolean][] {
  if (!schema) return [];
  const json = schemaOf(schema);
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, s]) => [name, s, required.has(name)]);
}

const ERROR_SCHEMA: JsonSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string" },
        message: { type: "string" },
        issues: { type: "array", items: { type: "object", properties: { path: { type: "string" }, message: { type: "string" } } } },
      },
    },
  },
};

/**
 * Builds the OpenAPI 3.1 document from the same valibot schemas that validate requests.
 * @example const doc = buildOpenApi(allEndpoints, "https://mkb-limburg.example");
 */
export function buildOpenApi(endpoints: readonly Endpoint[], serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const e of endpoints) {
    const path = `/api/v1${e.path.replace(/:([A-Za-z]+)/g, "{$1}")}`;
    const parameters = [
      ...objectEntries(e.params).map(([name, schema]) => ({ name, in: "path", required: true, schema })),
      ...objectEntries(e.query).map(([name, schema, required]) => ({ name, in: "query", required, schema })),
      ...(e.headers ?? []).map((h) => ({ name: h.name, in: "header", required: false, description: h.description, schema: { type: "string" } })),
    ];
    const responses: Record<string, unknown> = {};
    // What every route of the kind can answer, whether or not the route lists it.
    const common: [number, string][] = [
      ...(e.params || e.query || e.body ? ([[400, "Invalid input (validation_failed)"]] as [number, string][]) : []),
      ...(e.body
        ? ([
            [413, "Body larger than 64 KB"],
            [415, "Body is not JSON"],
          ] as [number, string][])
        : []),
      ...(e.access.kind !== "public"
        ? ([
            [401, e.keyScope ? "Not signed in, or the API key is missing, unknown, revoked or expired" : "Not signed in"],
            [
              403,
              e.keyScope
                ? "Not allowed (or no same-origin Origin on a cookie write, or an API key without the scope)"
                : "Signed in but not allowed (or no same-origin Origin on a write)",
            ],
          ] as [number, string][])
        : []),
      ...(e.keyScope ? ([[429, "The API key's rate limit (Retry-After)"]] as [number, string][]) : []),
      [503, "The database is temporarily unavailable; nothing was changed"],
    ];
    const specs: Record<string, { description: string; schema?: v.GenericSchema; contentType?: string }> = {};
    for (const [status, description] of common) specs[status] = { description };
    Object.assign(specs, e.responses);
    for (const [status, spec] of Object.entries(specs)) {
      const isError = Number(status) >= 400;
      const schema = spec.schema ? schemaOf(spec.schema) : isError ? ERROR_SCHEMA : undefined;
      responses[status] = {
        description: spec.description,
        ...(schema || spec.contentType ? { content: { [spec.contentType ?? "application/json"]: { schema: schema ?? { type: "string" } } } } : {}),
      };
    }
    paths[path] ??= {};
    paths[path][e.method] = {
      summary: e.summary,
      ...(e.description ? { description: e.description } : {}),
      tags: [e.tag],
      operationId: `${e.method}${e.path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, ch: string | undefined) => (ch ? ch.toUpperCase() : ""))}`,
      ...(e.access.kind === "users"
        ? {
            // An API key opens a route only with the scope it declares (the role list of a bearer scheme, as OpenAPI 3.1 allows).
            security: e.keyScope ? [{ session: [] }, { apiKey: [e.keyScope] }] : [{ session: [] }],
            "x-roles": e.access.roles,
            ...(e.keyScope ? { "x-key-scope": e.keyScope } : {}),
          }
        : e.access.kind === "entrepreneur"
          ? { security: [{ entrepreneurSession: [] }], "x-roles": ["entrepreneur"] }
          : e.access.kind === "member"
            ? { security: [{ entrepreneurSession: [] }, { session: [] }], "x-roles": ["entrepreneur", ...e.access.roles] }
            : { security: [] }),
      parameters,
      ...(e.body ? { requestBody: { required: true, content: { "application/json": { schema: schemaOf(e.body) } } } } : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "MKB Limburg platform API",
      version: "1.0.0",
      description:
        "Frontdesk appointments, region administration and province summaries of the common SME approach for Limburg. Times are ISO 8601 with offset; dates are Europe/Amsterdam.",
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        session: {
          type: "apiKey",
          in: "cookie",
          name: "__Host-mkb_session",
          description:
            "Set by POST /api/v1/auth/login. Named `__Host-mkb_session` in production and `mkb_session` on plain-HTTP local development. Writes also need an Origin header of this service.",
        },
        apiKey: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "mkbl_live_…",
          description:
            "An API key of an organisation (`/organisations/{org}/api-keys`) or a region (`/regions/{region}/admin/api-keys`), sent as `Authorization: Bearer <secret>`. It opens the routes whose security lists its scope, for its own organisation or region only; no cookie and no Origin header are needed. Each key has its own rate limit (429 with Retry-After).",
        },
        entrepreneurSession: {
          type: "apiKey",
          in: "cookie",
          name: "__Host-mkb_me",
          description:
            "Entrepreneurs (role `entrepreneur`): set by POST /api/v1/me/login with the token of the e-mailed sign-in link. Named `__Host-mkb_me` in production and `mkb_me` on plain-HTTP local development; never accepted on staff routes, as the staff cookie is never accepted on /me. Writes also need an Origin header of this service.",
        },
      },
      schemas: { Error: ERROR_SCHEMA },
    },
    paths,
  };
}

export const OpenApiDocument = v.record(v.string(), v.unknown());
