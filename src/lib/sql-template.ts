import type { InStatement, InValue } from "@libsql/client/web";

/**
 * A piece of SQL with its arguments, composable without ever splicing a value into the text:
 * interpolated values become `?` arguments in order; interpolated fragments are inlined.
 * For raw statements that drizzle's builder cannot express (FTS5, json_each facets).
 */
export class SqlFragment {
  constructor(
    readonly sql: string,
    readonly args: InValue[],
  ) {}

  /** As a libSQL statement. */
  statement(): InStatement {
    return { sql: this.sql, args: this.args };
  }
}

/**
 * @example
 * const where = sql`o.kind = ${kind}`;
 * sql`select id from offers o where ${where} limit ${10}`.statement();
 * // { sql: "select id from offers o where o.kind = ? limit ?", args: [kind, 10] }
 */
export function sql(strings: TemplateStringsArray, ...values: (InValue | SqlFragment)[]): SqlFragment {
  let text = strings[0] ?? "";
  const args: InValue[] = [];
  values.forEach((value, i) => {
    if (value instanceof SqlFragment) {
      text += value.sql;
      args.push(...value.args);
    } else {
      text += "?";
      args.push(value);
    }
    text += strings[i + 1] ?? "";
  });
  return new SqlFragment(text, args);
}

/** Joins fragments with a separator (e.g. " and "); an empty list gives `empty`. */
export function joinSql(parts: SqlFragment[], separator: string, empty = ""): SqlFragment {
  if (parts.length === 0) return new SqlFragment(empty, []);
  return new SqlFragment(
    parts.map((p) => p.sql).join(separator),
    parts.flatMap((p) => p.args),
  );
}

/** `(?, ?, ?)` for a non-empty list of values. */
export function sqlList(values: readonly InValue[]): SqlFragment {
  return new SqlFragment(`(${values.map(() => "?").join(", ")})`, [...values]);
}

/** A constant piece of SQL (a column name, a function call). Never pass user input here. */
export function raw(text: string): SqlFragment {
  return new SqlFragment(text, []);
}
