/**
 * Persist one training run (manifest, per-fold importance, checkpoints) in one transaction.
 *
 * @module
 */
import type { DbEngine } from "../data/engine.ts";
import type { FoldFit } from "../ml/mod.ts";
import { descendingRanks } from "../ml/mod.ts";
import { ensureMlSchema } from "./schema.ts";

/** The `ml_runs` row of a run. */
export interface MlRunRow {
  readonly runId: string;
  readonly symbol: string;
  readonly model: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly dataHash: string;
  readonly codeVersion: string;
  readonly seed: number;
  /** ISO instants. */
  readonly startedAt: string;
  readonly endedAt: string;
  /** Run ids of the checkpoints this run warm-started from (comma separated), or null. */
  readonly warmStartFrom: string | null;
  /** Headline results as JSON (stable share, OOS metrics, timings). */
  readonly summary?: Readonly<Record<string, unknown>>;
}

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

/**
 * Save a run: its `ml_runs` row, one `feature_importance` row per fold and feature (rank 1
 * = most important by intrinsic importance, ties averaged and rounded down), and one
 * `checkpoints` row per fold (model state JSON = the fold's full {@linkcode FoldFit}
 * checkpoint, restorable with `predictCheckpoint`). All or nothing: a failure rolls back.
 *
 * @param db An open engine (tables are created if missing).
 * @param run The manifest row.
 * @param fits The run's folds from `trainFolds`.
 * @returns Resolves when committed.
 */
export async function saveTrainingRun(
  db: DbEngine,
  run: MlRunRow,
  fits: readonly FoldFit[],
): Promise<void> {
  await ensureMlSchema(db);
  await db.transaction(async (tx) => {
    await tx.exec(
      `INSERT INTO ml_runs VALUES ($run_id, $symbol, $model, $config, $data_hash, $code_version, $seed,
        CAST($started_at AS TIMESTAMP), CAST($ended_at AS TIMESTAMP), $warm, $summary)`,
      {
        run_id: run.runId,
        symbol: run.symbol,
        model: run.model,
        config: JSON.stringify(run.config),
        data_hash: run.dataHash,
        code_version: run.codeVersion,
        seed: run.seed,
        started_at: run.startedAt.replace("T", " ").replace("Z", ""),
        ended_at: run.endedAt.replace("T", " ").replace("Z", ""),
        warm: run.warmStartFrom,
        summary: run.summary ? JSON.stringify(run.summary) : null,
      },
    );
    for (const f of fits) {
      const ranks = descendingRanks(f.importance);
      const names = f.checkpoint.allFeatures;
      for (let j = 0; j < names.length; j++) {
        await tx.exec(
          `INSERT INTO feature_importance VALUES ($run_id, $fold, $feature, $imp, $perm, $rank, $sign)`,
          {
            run_id: run.runId,
            fold: f.fold,
            feature: names[j],
            imp: finite(f.importance[j]),
            perm: finite(f.permutationImportance[j]),
            rank: Math.floor(ranks[j]),
            sign: f.sign[j],
          },
        );
      }
      await tx.exec(
        `INSERT INTO checkpoints VALUES ($run_id, $fold, $state, CAST($train_start AS DATE), CAST($train_end AS DATE), $metrics, $from)`,
        {
          run_id: run.runId,
          fold: f.fold,
          state: JSON.stringify({ ...f.checkpoint, runId: run.runId }),
          train_start: f.checkpoint.trainStart.slice(0, 10),
          train_end: f.checkpoint.trainEnd.slice(0, 10),
          metrics: JSON.stringify(
            { ...f.metrics, fitMs: f.fitMs },
            (
              _k,
              v,
            ) => (typeof v === "number" && !Number.isFinite(v) ? null : v),
          ),
          from: f.startedFrom,
        },
      );
    }
  });
}
