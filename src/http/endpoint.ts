import type { Hono } from "hono";
import * as v from "valibot";
import type { AppContext, AppEnv } from "../lib/context";
import { DomainError, type ErrorIssue } from "../lib/errors";
import type { Access } from "../features/auth/policy";
import { enforceAccess, settleDeferredAccess } from "./access";
import type { ApiScope } from "../db/schema";
import { enforceKeyAccess } from "./key-access";
import { isKeyRequest } from "../features/api-keys/key-auth";
import { answerProblems, type DocumentedAnswer } from "./answer-check";

type Schema = v.GenericSchema;
type Out<S> = S extends Schema ? v.InferOutput<S> : undefined;

/** One API route: its path, who may call it, its validated inputs, its documented answers and its handler. */
export interface EndpointSpec<P extends Schema | undefined, Q extends Schema | undefined, B extends Schema | undefined> {
  method: "get" | "post" | "put" | "patch" | "delete";
  /** Hono path below /api/v1, e.g. `/regions/:region/frontdesks/:id`. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  access: Access;
  /**
   * The API-key scope that opens this route to a key (issue 20): an organisation's key on a
   * `:org` route, a region's key on a `:region` route, always within the roles of `access`.
   * Without it no key reaches the route (sessions only).
   */
  keyScope?: ApiScope;
  /** Public routes: the handler reads the region in its own batch (see `AccessOptions`). */
  regionInBatch?: boolean;
  /** Entrepreneur routes: the handler reads the session in its own batch (see `AccessOptions`). */
  sessionInBatch?: boolean;
  /** Province aggregate routes: the handler may read the session with its data (see `AccessOptions`). */
  sessionWithData?: boolean;
  params?: P;
  query?: Q;
  body?: B;
  /** Extra documented request headers, e.g. Idempotency-Key. */
  headers?: { name: string; description: string }[];
  /** Every answer the handler gives: a JSON answer documents its schema, another its content type. Checked in tests (APP_ENV=test). */
  responses: Record<number, DocumentedAnswer>;
  handler: (c: AppContext, input: { params: Out<P>; query: Out<Q>; body: Out<B> }) => Response | Promise<Response>;
}

/** An endpoint with its types erased, as the app and the OpenAPI generator hold it. */
export type Endpoint = EndpointSpec<Schema | undefined, Schema | undefined, Schema | undefined>;

/**
 * Declares an endpoint; the types of `input` follow from the valibot schemas.
 * @example defineEndpoint({ method: "get", path: "/regions", access: { kind: "public" }, ... })
 */
export function defineEndpoint<P extends Schema | undefined = undefined, Q extends Schema | undefined = undefined, B extends Schema | undefined = undefined>(
  spec: EndpointSpec<P, Q, B>,
): Endpoint {
  return spec as unknown as Endpoint;
}

/** Turns valibot issues into the contract's `issues` list. */
export function toIssues(issues: readonly v.BaseIssue<unknown>[], prefix = ""): ErrorIssue[] {
  return issues.map((issue) => {
    const dotted = v.getDotPath(issue);
    const path = [prefix, dotted].filter(Boolean).join(".");
    return { path: path || prefix || "body", message: issue.message };
  });
}

function validate<S extends Schema>(schema: S, value: unknown, where: string): v.InferOutput<S> {
  const result = v.safeParse(schema, value);
  if (!result.success) {
    throw new DomainError("validation_failed", `Some ${where} fields are not valid.`, toIssues(result.issues, where === "body" ? "" : where));
  }
  return result.output;
}

async function readJsonBody(c: AppContext): Promise<unknown> {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new DomainError("unsupported_media_type", "Send the request body as JSON (Content-Type: application/json).");
  }
  const text = await c.req.text();
  if (text.trim() === "") throw new DomainError("validation_failed", "The request body is empty; JSON was expected.");
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError("validation_failed", "The request body is not valid JSON.");
  }
}

/**
 * Registers endpoints on a Hono app: access check first (so nothing leaks through a
 * validation message), then params, query and body validation, then the handler. Under
 * APP_ENV=test every answer is checked against its documented schema (a mismatch is a 500).
 * @example registerEndpoints(api, [...regionEndpoints, ...frontdeskEndpoints]);
 */
export function registerEndpoints(app: Hono<AppEnv>, endpoints: readonly Endpoint[]): void {
  for (const endpoint of endpoints) {
    app.on(endpoint.method.toUpperCase(), endpoint.path, async (c) => {
      // A key call (any Authorization header) never reads a cookie; public routes ignore it.
      if (endpoint.access.kind !== "public" && isKeyRequest(c)) await enforceKeyAccess(c, endpoint.access, endpoint.keyScope, endpoint.path);
      else
        await enforceAccess(c, endpoint.access, {
          regionInBatch: endpoint.regionInBatch === true,
          sessionInBatch: endpoint.sessionInBatch === true,
          sessionWithData: endpoint.sessionWithData === true,
        });
      let response: Response;
      try {
        const params = endpoint.params ? validate(endpoint.params, c.req.param(), "path") : undefined;
        const query = endpoint.query ? validate(endpoint.query, c.req.query(), "query") : undefined;
        const body = endpoint.body ? validate(endpoint.body, await readJsonBody(c), "body") : undefined;
        response = await endpoint.handler(c, { params, query, body });
      } finally {
        // An access rule left to the handler is decided before any answer, error or not.
        await settleDeferredAccess(c);
      }
      if (c.var.config.APP_ENV !== "test") return response;
      const problems = await answerProblems(response, endpoint.responses);
      if (problems.length === 0) return response;
      const route = `${endpoint.method.toUpperCase()} ${endpoint.path}`;
      console.error(JSON.stringify({ level: "error", msg: "answer does not match its documented schema", route, problems }));
      return c.json({ error: { code: "internal_error", message: `${route} answered outside its documented schema: ${problems.join("; ")}` } }, 500);
    });
  }
}
