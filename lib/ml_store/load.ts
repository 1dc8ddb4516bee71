/**
 * Read the ML store back: checkpoints for warm start, importance history for stability.
 *
 * @module
 */
import type { DbEngine } from "../data/engine.ts";
import type { Checkpoint, ImportanceRecord } from "../ml/mod.ts";
import { ensureMlSchema } from "./schema.ts";

/**
 * Every checkpoint of earlier runs for `symbol` and `model`, oldest run first (parsed from
 * `checkpoints.model_state`, with `runId` set). Compatibility (same features) and the
 * leak-free date rule are applied by `trainFolds`.
 *
 * @param db An open engine.
 * @param filter Symbol and model name.
 * @returns Checkpoints usable as `trainFolds({ checkpoints })`.
 */
export async function loadCheckpoints(
  db: DbEngine,
  filter: { readonly symbol: string; readonly model: string },
): Promise<Checkpoint[]> {
  await ensureMlSchema(db);
  const rows = await db.query<{ run_id: string; model_state: string }>(
    `SELECT c.run_id, c.model_state FROM checkpoints c JOIN ml_runs r USING (run_id)
     WHERE r.symbol = $symbol AND r.model = $model ORDER BY r.started_at, c.run_id, c.fold`,
    { symbol: filter.symbol, model: filter.model },
  );
  return rows.map((r) =>
    ({ ...JSON.parse(r.model_state), runId: r.run_id }) as Checkpoint
  );
}

/** A run's importance history with its feature names. */
export interface RunImportance {
  readonly runId: string;
  readonly symbol: string;
  readonly model: string;
  readonly features: string[];
  readonly records: ImportanceRecord[];
  /** Permutation importance per fold (aligned with `records`). */
  readonly permutation: number[][];
  readonly summary: Record<string, unknown> | null;
  readonly warmStartFrom: string | null;
}

/**
 * Importance history of every run (optionally one symbol/model), for stability analysis
 * and dashboards. Features are ordered by name.
 *
 * @param db An open engine.
 * @param filter Optional symbol/model.
 * @returns One entry per run, oldest first.
 */
export async function loadImportanceHistory(
  db: DbEngine,
  filter: { readonly symbol?: string; readonly model?: string } = {},
): Promise<RunImportance[]> {
  await ensureMlSchema(db);
  const runs = await db.query<
    {
      run_id: string;
      symbol: string;
      model: string;
      summary: string | null;
      warm_start_from: string | null;
    }
  >(
    `SELECT run_id, symbol, model, summary, warm_start_from FROM ml_runs
     WHERE ($symbol IS NULL OR symbol = $symbol) AND ($model IS NULL OR model = $model)
     ORDER BY started_at, run_id`,
    { symbol: filter.symbol ?? null, model: filter.model ?? null },
  );
  const out: RunImportance[] = [];
  for (const run of runs) {
    const rows = await db.query<
      {
        fold: number;
        feature: string;
        importance: number | null;
        permutation_importance: number | null;
        sign: number;
      }
    >(
      `SELECT fold, feature, importance, permutation_importance, sign FROM feature_importance
       WHERE run_id = $run_id ORDER BY fold, feature`,
      { run_id: run.run_id },
    );
    const features = [...new Set(rows.map((r) => r.feature))].sort();
    const folds = [...new Set(rows.map((r) => Number(r.fold)))].sort((a, b) =>
      a - b
    );
    const records: ImportanceRecord[] = [], permutation: number[][] = [];
    for (const fold of folds) {
      const imp = new Float64Array(features.length),
        sign = new Int8Array(features.length);
      const perm = new Array<number>(features.length).fill(NaN);
      for (const r of rows) {
        if (Number(r.fold) !== fold) continue;
        const j = features.indexOf(r.feature);
        imp[j] = r.importance ?? 0;
        sign[j] = Number(r.sign);
        perm[j] = r.permutation_importance ?? NaN;
      }
      records.push({ runId: run.run_id, fold, importance: imp, sign });
      permutation.push(perm);
    }
    out.push({
      runId: run.run_id,
      symbol: run.symbol,
      model: run.model,
      features,
      records,
      permutation,
      summary: run.summary ? JSON.parse(run.summary) : null,
      warmStartFrom: run.warm_start_from,
    });
  }
  return out;
}
