// Hrana v2 JSON shapes: strict decoding of what the client sends, encoding of
// what it expects back. A malformed request is a ProtoError (HTTP 400); a
// failing statement is a StmtError (an error result inside HTTP 200).

/** A value ready to bind with the `libsql` package (booleans would crash it). */
export type BindValue = null | bigint | number | string | Buffer;

export interface Stmt {
  sql: string | undefined;
  sqlId: number | undefined;
  args: BindValue[];
  namedArgs: { name: string; value: BindValue }[];
  wantRows: boolean;
}

export type Cond = { type: "ok" | "error"; step: number } | { type: "not"; cond: Cond } | { type: "and" | "or"; conds: Cond[] } | { type: "is_autocommit" };

export interface BatchStep {
  condition: Cond | undefined;
  stmt: Stmt;
}

export type StreamRequest =
  | { type: "close" }
  | { type: "execute"; stmt: Stmt }
  | { type: "batch"; steps: BatchStep[] }
  | { type: "sequence" | "describe"; sql: string | undefined; sqlId: number | undefined }
  | { type: "store_sql"; sqlId: number; sql: string }
  | { type: "close_sql"; sqlId: number }
  | { type: "get_autocommit" };

export interface PipelineRequest {
  baton: string | null;
  requests: StreamRequest[];
}

export class ProtoError extends Error {
  constructor(
    message: string,
    readonly code = "PROTOCOL_ERROR",
  ) {
    super(message);
  }
}

export class StmtError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export interface ErrorJson {
  message: string;
  code: string;
}

export interface ColJson {
  name: string | null;
  decltype: string | null;
}

export interface StmtResultJson {
  cols: ColJson[];
  rows: ValueJson[][];
  affected_row_count: number;
  last_insert_rowid: string | null;
  replication_index: null;
  rows_read: number;
  rows_written: number;
  query_duration_ms: number;
}

export type ValueJson =
  | { type: "null" }
  | { type: "integer"; value: string }
  | { type: "float"; value: number | string }
  | { type: "text"; value: string }
  | { type: "blob"; base64: string };

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function obj(v: unknown, what: string): Obj {
  if (!isObj(v)) throw new ProtoError(`Expected ${what} to be an object`);
  return v;
}

function arr(v: unknown, what: string): unknown[] {
  if (!Array.isArray(v)) throw new ProtoError(`Expected ${what} to be an array`);
  return v;
}

function optArr(v: unknown, what: string): unknown[] {
  return v === undefined || v === null ? [] : arr(v, what);
}

function str(v: unknown, what: string): string {
  if (typeof v !== "string") throw new ProtoError(`Expected ${what} to be a string`);
  return v;
}

function optStr(v: unknown, what: string): string | undefined {
  return v === undefined || v === null ? undefined : str(v, what);
}

function int(v: unknown, what: string): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) throw new ProtoError(`Expected ${what} to be a non-negative integer`);
  return v;
}

function optInt(v: unknown, what: string): number | undefined {
  return v === undefined || v === null ? undefined : int(v, what);
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

export function decodeValue(v: unknown): BindValue {
  const o = obj(v, "value");
  switch (o.type) {
    case "null":
      return null;
    case "integer": {
      const s = o.value;
      // Accept JSON numbers too: some clients send small integers unquoted.
      if (typeof s === "number" && Number.isSafeInteger(s)) return BigInt(s);
      if (typeof s !== "string" || !/^[+-]?\d{1,20}$/.test(s)) throw new ProtoError("Expected integer value to be a string of digits");
      const b = BigInt(s);
      if (b < INT64_MIN || b > INT64_MAX) throw new ProtoError("Integer value out of 64-bit range");
      return b;
    }
    case "float":
      // null stands for NaN (our lenient JSON reader turns a bare NaN into null); SQLite stores NaN as NULL anyway.
      if (o.value === null) return null;
      if (typeof o.value !== "number") throw new ProtoError("Expected float value to be a number");
      return o.value;
    case "text":
      return str(o.value, "text value");
    case "blob":
      return Buffer.from(str(o.base64, "blob base64"), "base64");
    default:
      throw new ProtoError("Unknown value type");
  }
}

function decodeStmt(v: unknown): Stmt {
  const o = obj(v, "stmt");
  const sql = optStr(o.sql, "stmt.sql");
  const sqlId = optInt(o.sql_id, "stmt.sql_id");
  if (sql === undefined && sqlId === undefined) throw new ProtoError("Statement needs sql or sql_id");
  if (sql !== undefined && sqlId !== undefined) throw new ProtoError("Statement has both sql and sql_id");
  const args = optArr(o.args, "stmt.args").map(decodeValue);
  const namedArgs = optArr(o.named_args, "stmt.named_args").map((a) => {
    const na = obj(a, "named arg");
    return { name: str(na.name, "named arg name"), value: decodeValue(na.value) };
  });
  const wantRows = o.want_rows === undefined || o.want_rows === null ? true : o.want_rows === true;
  return { sql, sqlId, args, namedArgs, wantRows };
}

function decodeCond(v: unknown, depth = 0): Cond {
  if (depth > 100) throw new ProtoError("Batch condition nested too deeply");
  const o = obj(v, "condition");
  switch (o.type) {
    case "ok":
    case "error":
      return { type: o.type, step: int(o.step, "condition step") };
    case "not":
      return { type: "not", cond: decodeCond(o.cond, depth + 1) };
    case "and":
    case "or":
      return { type: o.type, conds: arr(o.conds, "conds").map((c) => decodeCond(c, depth + 1)) };
    case "is_autocommit":
      return { type: "is_autocommit" };
    default:
      throw new ProtoError("Unknown batch condition type");
  }
}

function decodeRequest(v: unknown): StreamRequest {
  const o = obj(v, "request");
  switch (o.type) {
    case "close":
    case "get_autocommit":
      return { type: o.type };
    case "execute":
      return { type: "execute", stmt: decodeStmt(o.stmt) };
    case "batch": {
      const b = obj(o.batch, "batch");
      const steps = arr(b.steps, "batch.steps").map((s, i) => {
        const so = obj(s, "batch step");
        const condition = so.condition === undefined || so.condition === null ? undefined : decodeCond(so.condition);
        if (condition !== undefined) checkCondSteps(condition, i);
        return { condition, stmt: decodeStmt(so.stmt) };
      });
      return { type: "batch", steps };
    }
    case "sequence":
    case "describe": {
      const sql = optStr(o.sql, "sql");
      const sqlId = optInt(o.sql_id, "sql_id");
      if (sql === undefined && sqlId === undefined) throw new ProtoError(`${o.type} needs sql or sql_id`);
      return { type: o.type, sql, sqlId };
    }
    case "store_sql":
      return { type: "store_sql", sqlId: int(o.sql_id, "sql_id"), sql: str(o.sql, "sql") };
    case "close_sql":
      return { type: "close_sql", sqlId: int(o.sql_id, "sql_id") };
    default:
      throw new ProtoError(`Unknown request type: ${JSON.stringify(o.type)}`);
  }
}

/** A condition may only look at earlier steps (the spec makes anything else a protocol error). */
function checkCondSteps(c: Cond, current: number): void {
  if (c.type === "ok" || c.type === "error") {
    if (c.step >= current) throw new ProtoError("Batch condition refers to a later step");
  } else if (c.type === "not") {
    checkCondSteps(c.cond, current);
  } else if (c.type === "and" || c.type === "or") {
    for (const x of c.conds) checkCondSteps(x, current);
  }
}

export function decodePipeline(body: unknown): PipelineRequest {
  const o = obj(body, "request body");
  const baton = o.baton === undefined || o.baton === null ? null : str(o.baton, "baton");
  const requests = arr(o.requests, "requests").map(decodeRequest);
  return { baton, requests };
}

/**
 * JSON.parse, falling back to accepting bare NaN/Infinity, which the client's
 * JSON writer emits for non-finite floats ("" + value).
 */
export function parseJsonLenient(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (first) {
    if (!/NaN|Infinity/.test(text)) throw first;
    let out = "";
    let i = 0;
    while (i < text.length) {
      const c = text[i];
      if (c === '"') {
        let j = i + 1;
        while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
        out += text.slice(i, j + 1);
        i = j + 1;
      } else if (text.startsWith("-Infinity", i)) {
        out += "-1e999"; // JSON.parse reads this as -Infinity
        i += 9;
      } else if (text.startsWith("Infinity", i)) {
        out += "1e999";
        i += 8;
      } else if (text.startsWith("NaN", i)) {
        out += "null";
        i += 3;
      } else {
        out += c;
        i++;
      }
    }
    return JSON.parse(out);
  }
}

const POS_INF = "\u0000+inf";
const NEG_INF = "\u0000-inf";
const NULL_JSON: ValueJson = { type: "null" };

export function encodeValue(v: unknown): ValueJson {
  switch (typeof v) {
    case "bigint":
      return { type: "integer", value: v.toString() };
    case "number":
      // JSON has no Infinity; see stringifyResponse. (SQLite never yields NaN.)
      if (!Number.isFinite(v)) return { type: "float", value: v > 0 ? POS_INF : NEG_INF };
      return { type: "float", value: v };
    case "string":
      return { type: "text", value: v };
    case "object":
      if (v instanceof Uint8Array) return { type: "blob", base64: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("base64") };
      return NULL_JSON;
    default:
      return NULL_JSON;
  }
}

/**
 * JSON.stringify, writing infinite floats as 1e999/-1e999, which JSON.parse
 * (and so the client) reads back as ±Infinity.
 */
export function stringifyResponse(value: unknown): string {
  const json = JSON.stringify(value);
  if (!json.includes("\\u0000")) return json;
  return json
    .replaceAll('{"type":"float","value":"\\u0000+inf"}', '{"type":"float","value":1e999}')
    .replaceAll('{"type":"float","value":"\\u0000-inf"}', '{"type":"float","value":-1e999}');
}

const PRIMARY_CODES: Record<number, string> = {
  1: "SQLITE_ERROR",
  2: "SQLITE_INTERNAL",
  3: "SQLITE_PERM",
  4: "SQLITE_ABORT",
  5: "SQLITE_BUSY",
  6: "SQLITE_LOCKED",
  7: "SQLITE_NOMEM",
  8: "SQLITE_READONLY",
  9: "SQLITE_INTERRUPT",
  10: "SQLITE_IOERR",
  11: "SQLITE_CORRUPT",
  12: "SQLITE_NOTFOUND",
  13: "SQLITE_FULL",
  14: "SQLITE_CANTOPEN",
  15: "SQLITE_PROTOCOL",
  16: "SQLITE_EMPTY",
  17: "SQLITE_SCHEMA",
  18: "SQLITE_TOOBIG",
  19: "SQLITE_CONSTRAINT",
  20: "SQLITE_MISMATCH",
  21: "SQLITE_MISUSE",
  22: "SQLITE_NOLFS",
  23: "SQLITE_AUTH",
  24: "SQLITE_FORMAT",
  25: "SQLITE_RANGE",
  26: "SQLITE_NOTADB",
  27: "SQLITE_NOTICE",
  28: "SQLITE_WARNING",
};
const PRIMARY_NAMES = Object.values(PRIMARY_CODES).sort((a, b) => b.length - a.length);

/** The raw (extended) SQLite result code of an error from the `libsql` package, if any. */
export function rawCodeOf(e: unknown): number | undefined {
  if (typeof e === "object" && e !== null && "rawCode" in e && typeof e.rawCode === "number") return e.rawCode;
  return undefined;
}

/** Maps anything thrown while running SQL to the Hrana error shape, with the primary SQLite code name. */
export function toErrorJson(e: unknown): ErrorJson {
  if (e instanceof StmtError) return { message: e.message, code: e.code };
  const message = e instanceof Error ? e.message : String(e);
  const raw = rawCodeOf(e);
  if (raw !== undefined) {
    const name = PRIMARY_CODES[raw & 0xff];
    if (name !== undefined) return { message, code: name };
  }
  const code = typeof e === "object" && e !== null && "code" in e && typeof e.code === "string" ? e.code : undefined;
  if (code?.startsWith("SQLITE_")) {
    const primary = PRIMARY_NAMES.find((p) => code === p || code.startsWith(`${p}_`));
    return { message, code: primary ?? code };
  }
  return { message, code: "INTERNAL_ERROR" };
}
