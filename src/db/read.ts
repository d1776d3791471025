/**
 * Reads of one request travel together: every statement a page or route needs goes into
 * one `ReadPlan`, which sends them as one libSQL batch in `read` mode (one HTTP round trip
 * to Turso, one read transaction, so all statements see the same snapshot).
 *
 * Why our own wrapper and not drizzle's `db.batch`: drizzle's batch runs in libSQL's
 * default `deferred` mode, and takes only drizzle queries; here a plan mixes drizzle
 * queries (mapped to typed rows exactly as drizzle maps them) with raw statements, and
 * statements can be added conditionally (a configuration read only when this isolate's
 * copy is stale). See docs/decisions/0009-edge-reads-and-cache.md.
 */
import type { InArgs, InStatement, ResultSet } from "@libsql/client/web";
import type { BatchItem } from "drizzle-orm/batch";
import { fillPlaceholders } from "drizzle-orm";
import type { Db } from "./client";

/** A raw statement with its own mapping of the result. */
export interface RawRead<T> {
  readonly sql: string;
  readonly args: InArgs;
  map(result: ResultSet): T;
}

/** What a plan accepts: a drizzle query (select, or anything runnable) or a raw read. */
export type ReadItem = BatchItem<"sqlite"> | RawRead<unknown>;
export type ReadResult<T> = T extends RawRead<infer R> ? R : T extends BatchItem<"sqlite"> ? T["_"]["result"] : never;

/** The value of one statement of a plan, available once the plan has run. */
export interface Pending<T> {
  readonly value: T;
}

interface PreparedDrizzle {
  getQuery(): { sql: string; params: unknown[] };
  mapResult(result: unknown, isFromBatch?: boolean): unknown;
}

function isRaw(item: ReadItem): item is RawRead<unknown> {
  return typeof (item as RawRead<unknown>).map === "function" && typeof (item as RawRead<unknown>).sql === "string";
}

/**
 * Collects statements, runs them in one read batch, hands out their results.
 * @example
 * const plan = new ReadPlan(db);
 * const region = plan.add(regionBySlugQuery(db, slug));
 * const desks = plan.add(desksQuery(scope));
 * await plan.run();
 * region.value; desks.value;
 */
export class ReadPlan {
  private readonly statements: InStatement[] = [];
  private readonly mappers: Array<(result: ResultSet) => unknown> = [];
  private results: unknown[] | null = null;

  constructor(readonly db: Db) {}

  /** Adds a statement; its result is `pending.value` after `run()`. */
  add<T extends ReadItem>(item: T): Pending<ReadResult<T>> {
    if (this.results) throw new Error("ReadPlan: add after run");
    const index = this.statements.length;
    if (isRaw(item)) {
      this.statements.push({ sql: item.sql, args: item.args });
      this.mappers.push((result) => item.map(result));
    } else {
      // drizzle's own batch does exactly this: prepare, send the SQL, map with the prepared query.
      const prepared = (item as unknown as { _prepare(): PreparedDrizzle })._prepare();
      const { sql, params } = prepared.getQuery();
      this.statements.push({ sql, args: params as InArgs });
      this.mappers.push((result) => prepared.mapResult(result, true));
    }
    const plan = this;
    return {
      get value(): ReadResult<T> {
        if (!plan.results) throw new Error("ReadPlan: result read before run");
        return plan.results[index] as ReadResult<T>;
      },
    };
  }

  get size(): number {
    return this.statements.length;
  }

  /** Sends every statement in one round trip (none when the plan is empty). */
  async run(): Promise<void> {
    if (this.results) throw new Error("ReadPlan: run twice");
    const sets = this.statements.length === 0 ? [] : await this.db.client.batch(this.statements, "read");
    this.results = sets.map((set, i) => this.mappers[i]?.(set));
  }
}

/**
 * A raw statement whose result set is handed over as it is (for a service that maps the
 * rows itself, e.g. statements built with `sql` from src/lib/sql-template).
 * @example const found = plan.add(resultSetRead(sql`select 1 as n`)); await plan.run(); found.value.rows;
 */
export function resultSetRead(statement: InStatement): RawRead<ResultSet> {
  const { sql, args = [] } = typeof statement === "string" ? { sql: statement } : statement;
  return { sql, args, map: (result) => result };
}

/**
 * A raw read mapped to plain objects with the given column conversions.
 * @example rawRead("select count(*) as n from t where a = ?", [a], (r) => ({ n: Number(r.n) }))
 */
export function rawRead<T>(sql: string, args: InArgs, row: (r: Record<string, unknown>) => T): RawRead<T[]> {
  return { sql, args, map: (result) => result.rows.map((r) => row(r as unknown as Record<string, unknown>)) };
}

interface BuiltTemplate {
  sql: string;
  params: unknown[];
  map(result: ResultSet): unknown;
}

/**
 * A drizzle query built once per isolate with named placeholders (`sql.placeholder("slug")`),
 * then filled per request: the hot reads of public pages skip drizzle's query building,
 * which costs more than the database work they ask for. The mapping of rows is drizzle's own.
 * @example
 * const regionRow = statementTemplate((db) => db.db.select().from(regions).where(eq(regions.slug, sql.placeholder("slug"))));
 * plan.add(regionRow.with(plan.db, { slug }));
 */
export function statementTemplate<Q extends BatchItem<"sqlite">>(
  build: (db: Db) => Q,
): { with(db: Db, values: Record<string, unknown>): RawRead<ReadResult<Q>> } {
  let built: BuiltTemplate | null = null;
  return {
    with(db, values) {
      if (!built) {
        const prepared = (build(db) as unknown as { _prepare(): PreparedDrizzle })._prepare();
        const { sql, params } = prepared.getQuery();
        // The mapping uses only the query's field list, never the session it was built with.
        built = { sql, params, map: (result) => prepared.mapResult(result, true) };
      }
      const template = built;
      return { sql: template.sql, args: fillPlaceholders(template.params, values) as InArgs, map: (result) => template.map(result) as ReadResult<Q> };
    },
  };
}
