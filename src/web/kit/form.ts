/**
 * The one form pipeline: read the post (`readForm`), shape it like the API body, validate it
 * with the API's own valibot schema (`parseForm`), and show what is wrong next to each field
 * (`FieldMap`: which issue path belongs to which field, with which message, in page order).
 * A service's validation error goes through the same map (`serviceErrors`).
 *
 * @example
 * const form = await readForm(w);
 * const parsed = parseForm(w.t, ClosureBody, { from: field(form, "from"), … }, CLOSURE_FIELDS);
 * if (!parsed.ok) return closuresPage(w, form, parsed.errors, 400);
 */
import * as v from "valibot";
import { BODY_LIMIT_BYTES, declaredWithin, readBodyWithin } from "../../lib/body-limit";
import { DomainError } from "../../lib/errors";
import type { MessageKey, T } from "../i18n";
import type { Web } from "./context";

const FORM_LIMIT_BYTES = BODY_LIMIT_BYTES;

/** Form fields as strings; repeated names are kept as lists. */
export type FormValues = Record<string, string | string[]>;

/**
 * Reads a url-encoded or multipart form post (files are ignored) of at most 64 KB, declared
 * or chunked: bytes are counted as they stream, so a refused form is never held in memory
 * (413 page through the page error handling in kit/page.tsx).
 */
export async function readForm(w: Web): Promise<FormValues> {
  const request = w.c.req.raw;
  if (request.body && !declaredWithin(request, FORM_LIMIT_BYTES)) {
    const bytes = await readBodyWithin(request, FORM_LIMIT_BYTES);
    if (!bytes) throw new DomainError("payload_too_large", "Form too large");
    w.c.req.raw = new Request(request, { body: bytes });
  }
  const raw = await w.c.req.parseBody({ all: true });
  const out: FormValues = {};
  for (const [name, value] of Object.entries(raw)) {
    if (Array.isArray(value)) out[name] = value.filter((v): v is string => typeof v === "string");
    else if (typeof value === "string") out[name] = value;
  }
  return out;
}

/** One field's value ("" when absent). */
export function field(form: FormValues, name: string): string {
  const value = form[name];
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

/** Every value of a repeated field (checkboxes). */
export function fields(form: FormValues, name: string): string[] {
  const value = form[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** A field for the API body: trimmed, and absent when left empty. */
export function optional(form: FormValues, name: string): string | undefined {
  const value = field(form, name).trim();
  return value === "" ? undefined : value;
}

/** A whole number typed in a form (NaN, which the schema refuses, for anything else). */
export function wholeNumber(form: FormValues, name: string): number {
  const value = field(form, name);
  return /^\s*\d{1,6}\s*$/.test(value) ? Number(value) : Number.NaN;
}

/** Field errors keyed by the input's id, in the order they appear on the page; id "" is a general error. */
export type FieldErrors = Array<{ id: string; message: string }>;

export function errorFor(errors: FieldErrors, id: string): string | undefined {
  return errors.find((e) => e.id === id)?.message;
}

/**
 * Where an issue shows: `[issue path, field id, message]`, in the order of the fields on the
 * page. An optional fourth element limits the entry to one kind of schema issue (valibot's
 * `issue.type`, e.g. "partial_check" for a rule across fields), for a more precise message.
 */
export type FieldMap = ReadonlyArray<readonly [path: string, id: string, message: MessageKey, type?: string]>;

interface Issue {
  path: string;
  type?: string;
}

/**
 * Issues as field errors: each field once, in page order; issues no field claims give one
 * general error (`fallback`).
 */
function issueErrors(t: T, issues: readonly Issue[], map: FieldMap, fallback: MessageKey = "error.validation"): FieldErrors {
  const errors: FieldErrors = [];
  for (const [path, id, message, type] of map) {
    if (errors.some((e) => e.id === id)) continue;
    if (issues.some((i) => (i.path === path || i.path.startsWith(`${path}.`)) && (type === undefined || i.type === type)))
      errors.push({ id, message: t(message) });
  }
  return errors.length === 0 && issues.length > 0 ? [{ id: "", message: t(fallback) }] : errors;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/**
 * Validates a form's values with the API's schema: the typed value, or the field errors.
 * `input` is the form shaped like the API body (see `optional`, `wholeNumber`).
 */
export function parseForm<S extends v.GenericSchema>(t: T, schema: S, input: unknown, map: FieldMap): Parsed<v.InferOutput<S>> {
  const result = v.safeParse(schema, input);
  if (result.success) return { ok: true, value: result.output };
  return {
    ok: false,
    errors: issueErrors(
      t,
      result.issues.map((i) => ({ path: v.getDotPath(i) ?? "", type: i.type })),
      map,
    ),
  };
}

/**
 * A service's refusal as field errors through the same map, or null when it is not a form
 * problem (then the caller lets it through to the error page). Validation errors are 400,
 * conflicts 409 (with `conflict` as the message when no field claims them).
 */
export function serviceErrors(t: T, error: unknown, map: FieldMap, opts: { conflict?: MessageKey } = {}): { errors: FieldErrors; status: number } | null {
  if (!(error instanceof DomainError)) return null;
  const status = error.code === "validation_failed" ? 400 : error.code === "conflict" && opts.conflict ? 409 : null;
  if (status === null) return null;
  const fallback: MessageKey = status === 409 && opts.conflict ? opts.conflict : "error.validation";
  const errors = issueErrors(t, error.issues ?? [], map, fallback);
  return { errors: errors.length > 0 ? errors : [{ id: "", message: t(fallback) }], status };
}
