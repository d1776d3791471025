// Just enough SQL lexing to split a text into statements and classify them.
// The `libsql` package silently runs only the first statement of a text, and
// offers no "tail" pointer, so we need our own splitter to refuse several
// statements in `execute` and to run `sequence` one statement at a time
// (each statement can then be retried on SQLITE_BUSY without re-running the
// statements before it).

export type StmtKind = "insert" | "update" | "delete" | "other";

export interface SqlInfo {
  /** Statement texts, without empty ones (only whitespace, comments or `;`). */
  statements: string[];
  /** Kind of the first statement, as sqld uses it for affected_row_count/last_insert_rowid. */
  kind: StmtKind;
  firstWord: string;
  /** `BEGIN [TRANSACTION] READONLY`: the engine accepts it but does not enforce it. */
  beginReadonly: boolean;
  /**
   * Parameters of the first statement, numbered as SQLite does: "?NNN" is
   * NNN, "?" is one more than the largest so far, a name reuses its earlier
   * index or takes one more than the largest. (EXPLAIN would tell us too, but
   * the `libsql` package aborts the process on non-UTF-8 text in its output.)
   */
  paramCount: number;
  /** Index by name as written, prefix included (":a", "@a", "$a"). */
  paramsByName: Map<string, number>;
  /** Whether the first statement may write (and so take the write lock inside a transaction). */
  mayWrite: boolean;
  /** Changes connection state that would leak into the next stream using a pooled connection. */
  changesConnState: boolean;
}

type Token =
  | { kind: "word"; text: string; end: number }
  | { kind: "param"; text: string; end: number }
  | { kind: "semi" | "lparen" | "rparen" | "other"; end: number };

const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_CHAR = /[A-Za-z0-9_$\u0080-\uffff]/;

function* tokens(sql: string): Generator<Token> {
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i] as string;
    if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f") {
      i++;
    } else if (c === "-" && sql[i + 1] === "-") {
      const nl = sql.indexOf("\n", i);
      i = nl < 0 ? n : nl + 1;
    } else if (c === "/" && sql[i + 1] === "*") {
      const close = sql.indexOf("*/", i + 2);
      i = close < 0 ? n : close + 2;
    } else if (c === "'" || c === '"' || c === "`") {
      // Doubled quote characters escape themselves.
      let j = i + 1;
      for (;;) {
        const k = sql.indexOf(c, j);
        if (k < 0) {
          j = n;
          break;
        }
        if (sql[k + 1] === c) {
          j = k + 2;
          continue;
        }
        j = k + 1;
        break;
      }
      i = j;
      yield { kind: "other", end: i };
    } else if (c === "[") {
      const close = sql.indexOf("]", i);
      i = close < 0 ? n : close + 1;
      yield { kind: "other", end: i };
    } else if (c === ";") {
      i++;
      yield { kind: "semi", end: i };
    } else if (c === "(") {
      i++;
      yield { kind: "lparen", end: i };
    } else if (c === ")") {
      i++;
      yield { kind: "rparen", end: i };
    } else if (c === "?") {
      let j = i + 1;
      while (j < n && isDigit(sql[j])) j++;
      yield { kind: "param", text: sql.slice(i, j), end: j };
      i = j;
    } else if ((c === ":" || c === "@" || c === "$") && i + 1 < n && WORD_CHAR.test(sql[i + 1] as string)) {
      // Same characters as SQLite's IdChar; "$" names may also contain "::" and end with "(...)" (Tcl syntax).
      let j = i + 1;
      for (;;) {
        while (j < n && WORD_CHAR.test(sql[j] as string)) j++;
        if (c === "$" && sql[j] === ":" && sql[j + 1] === ":") {
          j += 2;
          continue;
        }
        break;
      }
      if (c === "$" && sql[j] === "(") {
        const close = sql.indexOf(")", j);
        if (close >= 0) j = close + 1;
      }
      yield { kind: "param", text: sql.slice(i, j), end: j };
      i = j;
    } else if (WORD_START.test(c)) {
      let j = i + 1;
      while (j < n && WORD_CHAR.test(sql[j] as string)) j++;
      yield { kind: "word", text: sql.slice(i, j).toUpperCase(), end: j };
      i = j;
    } else {
      i++;
      yield { kind: "other", end: i };
    }
  }
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= "0" && c <= "9";
}

const MAIN_VERBS = new Set(["SELECT", "INSERT", "REPLACE", "UPDATE", "DELETE", "VALUES"]);

function kindOf(verb: string | undefined): StmtKind {
  if (verb === "INSERT" || verb === "REPLACE") return "insert";
  if (verb === "UPDATE") return "update";
  if (verb === "DELETE") return "delete";
  return "other";
}

function analyze(sql: string): SqlInfo {
  const statements: string[] = [];
  let start = 0;
  let hasToken = false;
  // Words at the start of the current statement, to recognise CREATE TRIGGER.
  let lead: string[] = [];
  let isTrigger = false;
  let inTriggerBody = false;
  let caseDepth = 0;
  let depth = 0;
  // Classification of the first statement only.
  let firstWords: string[] | undefined;
  let mainVerb: string | undefined;
  let paramCount = 0;
  const paramsByName = new Map<string, number>();

  for (const tok of tokens(sql)) {
    if (tok.kind === "semi" && !inTriggerBody) {
      if (hasToken) statements.push(sql.slice(start, tok.end));
      start = tok.end;
      hasToken = false;
      lead = [];
      isTrigger = false;
      depth = 0;
      continue;
    }
    hasToken = true;
    if (tok.kind === "param" && statements.length === 0) {
      if (tok.text === "?") {
        paramCount++;
      } else if (tok.text.startsWith("?")) {
        const index = Number(tok.text.slice(1));
        paramCount = Math.max(paramCount, index);
        paramsByName.set(tok.text, index);
      } else if (!paramsByName.has(tok.text)) {
        paramCount++;
        paramsByName.set(tok.text, paramCount);
      }
    }
    if (tok.kind === "lparen") depth++;
    else if (tok.kind === "rparen") depth = Math.max(0, depth - 1);
    if (tok.kind !== "word") continue;
    const w = tok.text;
    if (lead.length < 4) {
      lead.push(w);
      isTrigger = lead[0] === "CREATE" && (lead[1] === "TRIGGER" || (lead[2] === "TRIGGER" && (lead[1] === "TEMP" || lead[1] === "TEMPORARY")));
    }
    if (statements.length === 0) {
      if (firstWords === undefined) firstWords = [];
      if (firstWords.length < 4) firstWords.push(w);
      if (mainVerb === undefined && depth === 0 && MAIN_VERBS.has(w)) mainVerb = w;
    }
    if (isTrigger) {
      if (!inTriggerBody && w === "BEGIN") {
        inTriggerBody = true;
        caseDepth = 0;
      } else if (inTriggerBody && w === "CASE") {
        caseDepth++;
      } else if (inTriggerBody && w === "END") {
        if (caseDepth > 0) caseDepth--;
        else inTriggerBody = false;
      }
    }
  }
  if (hasToken) statements.push(sql.slice(start));

  const words = firstWords ?? [];
  const first = words[0] ?? "";
  const second = words[1];
  const third = words[2];
  const beginReadonly = first === "BEGIN" && (second === "READONLY" || (second === "TRANSACTION" && third === "READONLY"));
  const changesConnState =
    first === "PRAGMA" || first === "ATTACH" || first === "DETACH" || (first === "CREATE" && (second === "TEMP" || second === "TEMPORARY"));
  const kind = first === "WITH" ? kindOf(mainVerb) : kindOf(first);
  return {
    statements,
    kind,
    paramCount,
    paramsByName,
    mayWrite: mayWrite(first, second, kind, statements[0] ?? ""),
    firstWord: first,
    beginReadonly,
    changesConnState,
  };
}

const READ_VERBS = new Set(["SELECT", "VALUES", "EXPLAIN", "BEGIN", "SAVEPOINT", "RELEASE", "COMMIT", "END", "ROLLBACK"]);

function mayWrite(first: string, second: string | undefined, kind: StmtKind, text: string): boolean {
  if (first === "BEGIN") return second === "IMMEDIATE" || second === "EXCLUSIVE";
  if (READ_VERBS.has(first)) return false;
  if (first === "WITH") return kind !== "other";
  if (first === "PRAGMA") return text.includes("=");
  return first !== "";
}

// Keyed by SQL text: clients send the same few texts over and over.
const cache = new Map<string, SqlInfo>();
const CACHE_MAX = 2000;

export function analyzeSql(sql: string): SqlInfo {
  const hit = cache.get(sql);
  if (hit !== undefined) return hit;
  const info = analyze(sql);
  if (sql.length <= 10_000) {
    if (cache.size >= CACHE_MAX) {
      const oldest = cache.keys().next();
      if (oldest.done !== true) cache.delete(oldest.value);
    }
    cache.set(sql, info);
  }
  return info;
}

/** Like analyzeSql(...).statements, but for any text (used for `sequence`). */
export function splitStatements(sql: string): string[] {
  return analyze(sql).statements;
}
