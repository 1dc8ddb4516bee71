/**
 * The multi-symbol job: the same walk-forward on every symbol, each stored as its own
 * run, and a `multi-symbol` comparison row over them. A symbol that cannot run (too
 * little data, a sanity failure) is reported with its error; the others still run.
 *
 * @module
 */
import { buildManifest } from "../_shared/manifest.ts";
import type { RunManifest } from "../_shared/types.ts";
import { type DbEngine, listSymbols, MONTHLY_SUFFIX } from "../data/mod.ts";
import { type ComparisonRow, saveComparison } from "../store/mod.ts";
import type { FoldProgress } from "../walkforward/mod.ts";
import { storeJobDeps, type WalkForwardJobDeps } from "./_job_deps.ts";
import type { SanitySummary } from "./_sanity_summary.ts";
import { mergeRecords, uncheckedRecord } from "./data_sanity_gate.ts";
import {
  runWalkForwardJob,
  type WalkForwardJobConfig,
  type WalkForwardJobResult,
} from "./walk_forward_job.ts";

/** What to run: the walk-forward job's config without its symbol, and the symbols. */
export interface MultiSymbolJobConfig
  extends Omit<WalkForwardJobConfig, "symbol"> {
  /** Symbols to run; null = every daily symbol in the store. */
  readonly symbols: readonly string[] | null;
}

/** Hooks of a multi-symbol job. */
export interface MultiSymbolJobOptions {
  /** Progress of one symbol's folds. */
  readonly onFold?: (symbol: string) => ((p: FoldProgress) => void) | undefined;
  /** A symbol's job finished (notes) or failed (error). */
  readonly onSymbol?: (
    symbol: string,
    outcome: { job?: WalkForwardJobResult; error?: string },
  ) => void;
  /** Data access and clocks. @default the store's */
  readonly deps?: WalkForwardJobDeps;
}

/** What a multi-symbol job returns. */
export interface MultiSymbolJobResult {
  readonly manifest: RunManifest;
  readonly rows: readonly ComparisonRow[];
  readonly errors: readonly { symbol: string; error: string }[];
  readonly sanity: readonly SanitySummary[];
}

/** Every daily symbol in the store (the monthly `*_M` samples are left out). */
async function dailySymbols(db: DbEngine): Promise<string[]> {
  return (await listSymbols(db)).map((s) => s.symbol).filter((s) =>
    !s.endsWith(MONTHLY_SUFFIX)
  );
}

function comparisonRow(job: WalkForwardJobResult): ComparisonRow {
  const m = job.result.metrics;
  return {
    symbol: job.result.symbol,
    runId: job.manifest.runId,
    sharpe: m.sharpe,
    totalReturn: m.totalReturn,
    maxDrawdown: m.maxDrawdown,
    hitRate: m.hitRate,
    winRate: m.winRate,
    folds: m.folds,
  };
}

/**
 * Run the walk-forward on every symbol and store the comparison.
 *
 * @param db The store.
 * @param job Symbols and the shared walk-forward config.
 * @param options Progress hooks and dependencies.
 * @returns The comparison manifest, rows, per-symbol errors and sanity summaries.
 */
export async function runMultiSymbolJob(
  db: DbEngine,
  job: MultiSymbolJobConfig,
  options: MultiSymbolJobOptions = {},
): Promise<MultiSymbolJobResult> {
  const deps = options.deps ?? await storeJobDeps(db);
  const symbols = job.symbols ?? await dailySymbols(db);
  const startedAt = deps.isoNow();
  const rows: ComparisonRow[] = [], sanity: SanitySummary[] = [];
  const errors: { symbol: string; error: string }[] = [];
  for (const symbol of symbols) {
    try {
      const one = await runWalkForwardJob(db, { ...job, symbol }, {
        deps,
        onFold: options.onFold?.(symbol),
      });
      if (one.sanity) sanity.push(one.sanity);
      rows.push(comparisonRow(one));
      options.onSymbol?.(symbol, { job: one });
    } catch (e) {
      errors.push({ symbol, error: (e as Error).message });
      options.onSymbol?.(symbol, { error: (e as Error).message });
    }
  }
  const manifest = buildManifest({
    kind: "multi-symbol",
    config: {
      ...job.config,
      symbols,
      dataSanity: sanity.length
        ? mergeRecords(sanity)
        : uncheckedRecord("no symbol ran"),
    },
    dataHash: rows.map((r) => r.runId.slice(-8)).join(""),
    codeVersion: deps.codeVersion,
    seed: job.config.seed,
    startedAt,
    endedAt: deps.isoNow(),
    timings: {},
  });
  await saveComparison(db, manifest, rows);
  return { manifest, rows, errors, sanity };
}
