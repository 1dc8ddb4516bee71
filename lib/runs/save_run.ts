/**
 * Persist a walk-forward run (manifest, folds, out-of-sample days) in one transaction.
 *
 * @module
 */
import type { RunManifest } from "../_shared/types.ts";
import type { DbEngine, SqlValue } from "../data/engine.ts";
import type { WalkForwardResult } from "../walkforward/mod.ts";
import { ensureRunTables } from "./schema.ts";

/** Rows per INSERT statement of the `oos` table. */
const BATCH = 256;

/** Options of {@linkcode saveRun}. */
export interface SaveRunOptions {
  /** Extra entries merged into the run's metrics JSON (e.g. controls). @default {} */
  readonly extraMetrics?: Readonly<Record<string, unknown>>;
}

/**
 * JSON text in which non-finite numbers (NaN, ±Infinity) become `null`.
 *
 * @param value Any JSON-like value.
 * @returns JSON text.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { jsonText } from "./save_run.ts";
 * assert.equal(jsonText({ a: NaN, b: 1 }), '{"a":null,"b":1}');
 * ```
 */
export function jsonText(value: unknown): string {
  return JSON.stringify(
    value,
    (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v),
  );
}

/**
 * Store a run: one `runs` row (manifest + overall metrics), one `folds` row per fold
 * (windows as dates, metrics, coefficients/importance/signs, fit+predict ms) and one `oos`
 * row per out-of-sample day. Saving the same run id again replaces it. All or nothing:
 * a failure rolls the whole run back.
 *
 * @param db An open database.
 * @param manifest The run's manifest.
 * @param result The walk-forward result.
 * @param options Extra metrics.
 * @returns When committed.
 */
export async function saveRun(
  db: DbEngine,
  manifest: RunManifest,
  result: WalkForwardResult,
  options: SaveRunOptions = {},
): Promise<void> {
  await ensureRunTables(db);
  const id = manifest.runId;
  try {
    await db.transaction(async (tx) => {
      for (const t of ["oos", "folds", "runs"]) {
        await tx.exec(`DELETE FROM ${t} WHERE run_id = $id`, { id });
      }
      await insertRun(tx, manifest, result, options);
      await insertFolds(tx, id, result);
      await insertOos(tx, id, result);
    });
  } catch (e) {
    throw new Error(`Cannot save run ${id}: ${(e as Error).message}`, {
      cause: e,
    });
  }
}

async function insertRun(
  tx: DbEngine,
  m: RunManifest,
  result: WalkForwardResult,
  options: SaveRunOptions,
): Promise<void> {
  await tx.exec(
    `INSERT INTO runs VALUES ($run_id, $kind, $symbol, $config, $data_hash,
      $code_version, $seed, $started_at, $ended_at, $timings, $metrics)`,
    {
      run_id: m.runId,
      kind: m.kind,
      symbol: result.symbol,
      config: jsonText(m.config),
      data_hash: m.dataHash,
      code_version: m.codeVersion,
      seed: m.seed,
      started_at: m.startedAt,
      ended_at: m.endedAt,
      timings: jsonText(m.timings),
      metrics: jsonText({ ...result.metrics, ...options.extraMetrics }),
    },
  );
}

async function insertFolds(
  tx: DbEngine,
  id: string,
  result: WalkForwardResult,
): Promise<void> {
  // One statement per BATCH folds: DuckDB charges per statement.
  for (let from = 0; from < result.folds.length; from += BATCH) {
    const params: Record<string, SqlValue> = { id };
    const values = result.folds.slice(from, from + BATCH).map((f, k) => {
      params[`f${k}`] = f.index;
      params[`a${k}`] = f.trainStartDate;
      params[`b${k}`] = f.trainEndDate;
      params[`c${k}`] = f.testStartDate;
      params[`d${k}`] = f.testEndDate;
      params[`m${k}`] = jsonText(f.metrics);
      params[`x${k}`] = jsonText({
        features: result.features,
        coefficients: f.coefficients,
        intercept: f.intercept,
        importance: f.importance,
        signs: f.signs,
      });
      params[`t${k}`] = f.ms.fit + f.ms.predict;
      return `($id, $f${k}, $a${k}, $b${k}, $c${k}, $d${k}, $m${k}, $x${k}, $t${k})`;
    });
    if (values.length) {
      await tx.exec(`INSERT INTO folds VALUES ${values.join(", ")}`, params);
    }
  }
}

async function insertOos(
  tx: DbEngine,
  id: string,
  result: WalkForwardResult,
): Promise<void> {
  const o = result.oos, n = o.dates.length;
  for (let from = 0; from < n; from += BATCH) {
    const to = Math.min(n, from + BATCH);
    const params: Record<string, SqlValue> = { id, symbol: result.symbol };
    const values: string[] = [];
    for (let i = from; i < to; i++) {
      const k = i - from;
      values.push(`($id, $symbol, $d${k}, $p${k}, $q${k}, $r${k}, $e${k})`);
      params[`d${k}`] = o.dates[i];
      params[`p${k}`] = finiteOrNull(o.predictions[i]);
      params[`q${k}`] = o.positions[i];
      params[`r${k}`] = o.returns[i];
      params[`e${k}`] = o.equity[i];
    }
    await tx.exec(`INSERT INTO oos VALUES ${values.join(", ")}`, params);
  }
}

function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
