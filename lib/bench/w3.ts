/**
 * Workload W3 of the bench SPEC: ingest, validate and query `synth-<symbols>-<days>`.
 *
 * @module
 */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { makeTempDir } from "../_shared/runtime.ts";
import { DEFAULT_SEED } from "../_shared/seed.ts";
import {
  type DbEngine,
  type EngineKind,
  generateSynthetic,
  ingestFile,
  openDb,
} from "../data/mod.ts";
import { DataSanityError, validateTable } from "../sanity/mod.ts";
import { writeUniverseCsv } from "./_universe_csv.ts";

/** Options of {@linkcode benchW3}. */
export interface BenchW3Options {
  /** @default "native" */
  readonly engine?: EngineKind;
  /** @default 500 */
  readonly symbols?: number;
  /** Trading days per symbol. @default 2520 */
  readonly days?: number;
  /** Generator seed. @default 42 (`DEFAULT_SEED`) */
  readonly seed?: number;
  /** Timed runs (the best is reported), no warm-up. @default 3 */
  readonly runs?: number;
  /** Time the full STRICT DataSanity validation of the stored `bars`. @default true */
  readonly validate?: boolean;
}

/** One W3 result (keys of the bench SPEC plus the step timings). */
export interface BenchW3Result {
  readonly rows: number;
  readonly ingest_rows_per_second: number;
  /** NaN when no `validate` was given. */
  readonly validate_rows_per_second: number;
  readonly query_rows_per_second: number;
  /** Best total (ingest + validate + query) wall time, seconds. */
  readonly seconds: number;
  readonly ingest_seconds: number;
  readonly validate_seconds: number;
  readonly query_seconds: number;
  readonly csv_bytes: number;
  readonly symbols: number;
  readonly days: number;
  readonly runs: number;
  /**
   * Violations STRICT validation counted (the synthetic market has fat tails and gaps,
   * so a few extreme moves are expected; STRICT still runs every rule before it throws).
   */
  readonly validate_violations: number;
}

/** STRICT validation with the default rules; the number of violations it counted. */
async function validateStrict(db: DbEngine, table: string): Promise<number> {
  try {
    await validateTable(db, table, { mode: "strict" });
    return 0;
  } catch (e) {
    if (!(e instanceof DataSanityError)) throw e;
    return e.report.violations.reduce((a, v) => a + v.count, 0);
  }
}

const RETURNS_SQL =
  `SELECT close / lag(close) OVER (PARTITION BY symbol ORDER BY ts) - 1 AS ret
  FROM bars ORDER BY symbol, ts`;

async function oneRun(
  csv: string,
  o: Required<BenchW3Options>,
) {
  const db = await openDb({ engine: o.engine, path: ":memory:" });
  try {
    const t0 = performance.now();
    const ing = await ingestFile(db, csv, { source: "synth" });
    const t1 = performance.now();
    const violations = o.validate ? await validateStrict(db, "bars") : 0;
    const t2 = performance.now();
    const q = await db.queryColumns(RETURNS_SQL);
    const t3 = performance.now();
    if (q.rows !== ing.rows) {
      throw new Error(`W3 query returned ${q.rows} rows, expected ${ing.rows}`);
    }
    return {
      rows: ing.rows,
      violations,
      ingest: (t1 - t0) / 1000,
      validate: (t2 - t1) / 1000,
      query: (t3 - t2) / 1000,
    };
  } finally {
    await db.close();
  }
}

/**
 * Run W3: generate `synth-<symbols>-<days>` (seeded, {@linkcode generateSynthetic}), write
 * it as one CSV (`symbol,date,open,high,low,close,volume`, prices rounded to 1e-4) in a
 * temp dir, then per run on a fresh in-memory database time: CSV -> store
 * ({@linkcode ingestFile}), the STRICT validation over `bars` (unless `validate` is false), and a
 * per-symbol daily-return query (window `lag`, ordered by symbol and time) read back
 * as a `Float64Array`. Reports the best run.
 *
 * @param options See {@linkcode BenchW3Options}.
 * @returns Rows, rows per second of each step and timings, see {@linkcode BenchW3Result}.
 * @example
 * ```ts
 * import { benchW3 } from "./w3.ts";
 * import assert from "node:assert/strict";
 * const r = await benchW3({ symbols: 2, days: 30, runs: 1, validate: false });
 * assert.equal(r.rows, 60);
 * assert.ok(r.ingest_rows_per_second > 0);
 * ```
 */
export async function benchW3(
  options: BenchW3Options = {},
): Promise<BenchW3Result> {
  const o = {
    engine: options.engine ?? "native",
    symbols: options.symbols ?? 500,
    days: options.days ?? 2520,
    seed: options.seed ?? DEFAULT_SEED,
    runs: options.runs ?? 3,
    validate: options.validate ?? true,
  };
  if (!Number.isInteger(o.runs) || o.runs < 1) {
    throw new RangeError(
      `Invalid runs: expected a positive integer, got ${o.runs}`,
    );
  }
  const dir = await makeTempDir("tradelab-w3-");
  try {
    const csv = join(dir, `synth-${o.symbols}-${o.days}.csv`);
    const bytes = await writeUniverseCsv(
      csv,
      generateSynthetic({ symbols: o.symbols, days: o.days, seed: o.seed }),
    );
    let best: Awaited<ReturnType<typeof oneRun>> | undefined;
    for (let k = 0; k < o.runs; k++) {
      const r = await oneRun(csv, o);
      const total = r.ingest + r.validate + r.query;
      if (!best || total < best.ingest + best.validate + best.query) best = r;
    }
    const b = best!;
    return {
      rows: b.rows,
      ingest_rows_per_second: b.rows / b.ingest,
      validate_rows_per_second: o.validate ? b.rows / b.validate : NaN,
      query_rows_per_second: b.rows / b.query,
      seconds: b.ingest + b.validate + b.query,
      ingest_seconds: b.ingest,
      validate_seconds: o.validate ? b.validate : NaN,
      query_seconds: b.query,
      csv_bytes: bytes,
      symbols: o.symbols,
      days: o.days,
      runs: o.runs,
      validate_violations: b.violations,
    };
  } finally {
    await rm(dir, { recursive: true });
  }
}
