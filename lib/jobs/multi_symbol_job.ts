/**
 * The multi-symbol (universe) job: the same walk-forward on every symbol of a universe,
 * panel first. DataSanity runs once over the universe (one SQL pass, per-symbol verdicts);
 * the bars come in one streamed columnar read; the walk-forward of each shard of symbols
 * runs on a {@linkcode ShardBackend} (the calling thread or a pool of workers, results
 * bit-identical); everything is stored in bulk in one transaction as ONE run whose
 * manifest holds the hash of the per-symbol data hashes (lib/store `saveUniverseRun`).
 * A symbol that cannot run (too little data, a STRICT sanity failure) gets its error;
 * the others still run.
 *
 * @module
 */
import { hashColumns } from "../_shared/hash.ts";
import { buildManifest } from "../_shared/manifest.ts";
import type { ProgressSink } from "../_shared/progress.ts";
import type { RunManifest } from "../_shared/types.ts";
import {
  clampRange,
  type DbEngine,
  ensureSampleData,
  listSymbols,
  loadBars,
  MONTHLY_SUFFIX,
} from "../data/mod.ts";
import { type ControlsResult, runControls } from "../walkforward/mod.ts";
import { checkUniverse } from "../sanity/mod.ts";
import {
  type ComparisonRow,
  oosDayCount,
  saveUniverseRun,
  type SymbolOos,
  type SymbolOutcome,
  withoutOosDays,
} from "../store/mod.ts";
import { readRunResults } from "./_queue_files.ts";
import type { ShardOutcome, ShardResult } from "./_universe_shard.ts";
import { codeVersion } from "./code_version.ts";
import type { SanitySummary } from "./_sanity_summary.ts";
import { queueBackend, type QueueOptions } from "./_queue_backend.ts";
import { beginQueueRun } from "./_queue_run.ts";
import { type ShardBackend, shardBackend } from "./_shard_pool.ts";
import { runUniverseShards } from "./_universe_pipeline.ts";
import {
  mergeRecords,
  type SanityPolicy,
  STRICT_SANITY,
  uncheckedRecord,
} from "./data_sanity_gate.ts";
import type { WalkForwardJobConfig } from "./walk_forward_job.ts";

/** What to run: the walk-forward job's config without its symbol, and the symbols. */
export interface MultiSymbolJobConfig
  extends Omit<WalkForwardJobConfig, "symbol"> {
  /** Symbols to run, in order; null = every daily symbol in the store. */
  readonly symbols: readonly string[] | null;
}

/** Clocks and the code version of a universe job (tests pass their own). */
export interface UniverseJobDeps {
  now(): number;
  isoNow(): string;
  readonly codeVersion: string;
}

/** How a multi-symbol job runs (nothing here changes its results). */
export interface MultiSymbolJobOptions {
  /**
   * Worker threads; 0 computes on the calling thread. Results are bit-identical for every
   * count. @default the machine's cores (`navigator.hardwareConcurrency`)
   */
  readonly workers?: number;
  /** Where shards run (a shared pool). @default the local pool */
  readonly backend?: ShardBackend;
  /**
   * Run the shards on the queue (BullMQ on Redis, `deno task worker`s) instead of here;
   * `resume` re-attaches to queue run RUN (its job is read from the shared directory and
   * replaces `job`). Results are the same rows as a local run's.
   */
  readonly queue?: QueueOptions & { readonly resume?: string };
  /** Called after each shard with symbols done / total. */
  readonly onProgress?: ProgressSink;
  /** Clocks and code version. @default the system's */
  readonly deps?: UniverseJobDeps;
}

/** What DataSanity did over the whole universe. */
export interface UniverseSanitySummary {
  readonly mode: "STRICT" | "RELAXED";
  readonly symbols: number;
  /** Rows checked. */
  readonly rows: number;
  /** Symbols the gate refused (violations left and not allowed): these did not run. */
  readonly failed: number;
  /** Symbols with rows repaired (RELAXED). */
  readonly repaired: number;
  readonly seconds: number;
}

/** A symbol's line of the result: its figures, data hash, error. */
export interface UniverseRow extends ComparisonRow {
  readonly dataHash: string | null;
  readonly bars: number;
  readonly oosDays: number;
  readonly error: string | null;
}

/** What a multi-symbol job returns. */
export interface MultiSymbolJobResult {
  readonly manifest: RunManifest;
  /** Symbols that ran, in universe order (`runId` is `<run id>/<symbol>`). */
  readonly rows: readonly ComparisonRow[];
  /** Every symbol, in universe order, with its data hash or its error. */
  readonly universe: readonly UniverseRow[];
  readonly errors: readonly { symbol: string; error: string }[];
  /** Per symbol, where DataSanity found or repaired something. */
  readonly sanity: readonly SanitySummary[];
  readonly sanityTotals: UniverseSanitySummary;
  /** Clamped date ranges, summed up. */
  readonly notes: readonly string[];
  /**
   * With `controls`: each symbol that ran, with its adversarial controls (the same
   * `runControls` as the single-symbol task, on the same clamped bars); else empty.
   */
  readonly controls: readonly { symbol: string; controls: ControlsResult }[];
}

/**
 * Let DuckDB (native) give back the blocks it cached for the universe's sanity pass and
 * read (~3 GB at 3,000 x 5,040 bars, held until evicted): lowering the memory limit
 * evicts them, then the limit is set back to what it was. Nothing stored changes.
 */
async function releaseCache(db: DbEngine): Promise<void> {
  if (db.kind !== "native") return;
  const [{ limit }] = await db.query<{ limit: string }>(
    "SELECT current_setting('memory_limit') AS limit",
  );
  try {
    await db.exec("SET memory_limit = '64MB'");
  } catch {
    // blocks still pinned: nothing to give back now, the limit did not change
  }
  await db.exec(`SET memory_limit = '${limit.replaceAll("'", "")}'`);
}

/** Every daily symbol in the store (the monthly `*_M` samples are left out). */
async function dailySymbols(db: DbEngine): Promise<string[]> {
  return (await listSymbols(db)).map((s) => s.symbol).filter((s) =>
    !s.endsWith(MONTHLY_SUFFIX)
  );
}

/** The worker count when none is given: every core the runtime reports. */
export function defaultWorkers(): number {
  const n = globalThis.navigator?.hardwareConcurrency;
  return Number.isInteger(n) && n > 0 ? n : 1;
}

async function systemDeps(): Promise<UniverseJobDeps> {
  return {
    now: () => performance.now(),
    isoNow: () => new Date().toISOString(),
    codeVersion: await codeVersion(),
  };
}

/**
 * Run the walk-forward on every symbol of the universe and store it as one run.
 *
 * @param db The store (the built-in samples are loaded first).
 * @param job Symbols and the shared walk-forward config (defaults resolved).
 * @param options Workers, backend, progress, clocks.
 * @returns Manifest, per-symbol rows, errors and what DataSanity did.
 */
export async function runMultiSymbolJob(
  db: DbEngine,
  job: MultiSymbolJobConfig,
  options: MultiSymbolJobOptions = {},
): Promise<MultiSymbolJobResult> {
  await ensureSampleData(db);
  const deps = options.deps ?? await systemDeps();
  let symbols = job.symbols ?? await dailySymbols(db);
  if (symbols.length === 0) {
    throw new RangeError(
      "No symbols to run: the universe is empty; give --symbols, --universe, or ingest bars first",
    );
  }
  if (new Set(symbols).size !== symbols.length) {
    const dup = symbols.filter((s, i) => symbols.indexOf(s) !== i);
    throw new RangeError(
      `Each symbol may appear once in a universe, got ${
        [...new Set(dup)].join(", ")
      } more than once`,
    );
  }
  let startedAt = deps.isoNow();
  let queueRun: string | null = null;
  if (options.queue) {
    const q = await beginQueueRun(
      "multi-symbol",
      { ...job, symbols },
      options.queue,
      startedAt,
    );
    ({ job, startedAt } = q);
    symbols = job.symbols!;
    queueRun = q.run;
  }
  const policy = job.sanity ?? STRICT_SANITY;
  const t0 = deps.now();
  // local workers load their modules while DuckDB runs the sanity pass
  const booting = options.backend || queueRun !== null
    ? null
    : shardBackend(job.config, options.workers ?? defaultWorkers());
  booting?.catch(() => {}); // its error is thrown where it is awaited
  let report, backend: ShardBackend | undefined, run, t1;
  try {
    report = await checkUniverse(db, {
      symbols,
      start: job.startDate,
      end: job.endDate,
      mode: policy.mode,
    });
    t1 = deps.now();
    await releaseCache(db);
    backend = options.backend ?? await booting ??
      withoutOos(await queueBackend(queueRun!, options.queue!));
    run = await runUniverseShards(db, symbols, job, report, backend, {
      onProgress: options.onProgress,
      now: () => deps.now(),
      t0,
    });
  } finally {
    if (!options.backend) {
      await (backend ?? await booting?.catch(() => null))?.close();
    }
  }
  await releaseCache(db);
  const t2 = deps.now();
  const ok = run.outcomes.filter((o) => o.run !== null);
  const manifest = buildManifest({
    kind: "multi-symbol",
    config: {
      ...job.config,
      symbols,
      startDate: job.startDate ?? null,
      endDate: job.endDate ?? null,
      perfMode: policy.mode.toUpperCase(),
      dataSanity: run.records.length
        ? mergeRecords(run.records)
        : uncheckedRecord("no symbol ran"),
    },
    dataHash: hashColumns(ok.flatMap((o) => [o.symbol, o.dataHash ?? ""])),
    codeVersion: deps.codeVersion,
    seed: job.config.seed,
    startedAt,
    endedAt: deps.isoNow(),
    timings: {
      sanitySeconds: (t1 - t0) / 1000,
      walkForwardSeconds: (t2 - t1) / 1000,
      workers: backend.workers,
      ...(queueRun === null ? {} : { queue: 1 }),
    },
  });
  const controls = job.controls ? await controlsOf(db, ok, job, policy) : [];
  const universe = run.outcomes.map((o) => universeRow(manifest.runId, o));
  // a queue run's out-of-sample days stay in the result files until stored
  await saveUniverseRun(
    db,
    manifest,
    run.outcomes,
    summaryOf(universe),
    queueRun === null || options.backend
      ? undefined
      : () => queueOos(options.queue!.shared, queueRun),
  );
  return {
    manifest,
    rows: universe.filter((r) => r.error === null),
    universe,
    errors: universe.filter((r) => r.error !== null).map((r) => ({
      symbol: r.symbol,
      error: r.error!,
    })),
    sanity: run.sanity,
    sanityTotals: {
      mode: policy.mode === "strict" ? "STRICT" : "RELAXED",
      symbols: symbols.length,
      rows: report.rows,
      failed: policy.mode === "relaxed" && policy.allowUnrepaired
        ? 0
        : new Set(report.violations.map((v) => v.symbol)).size,
      repaired: new Set(report.repairs.map((r) => r.symbol)).size,
      seconds: (t1 - t0) / 1000,
    },
    notes: run.notes,
    controls,
  };
}

/**
 * The adversarial controls of every symbol that ran, on its stored bars clamped as the
 * run clamped them. STRICT only: RELAXED repairs live in the run's pipeline, and the
 * controls must see the bars the run saw.
 */
async function controlsOf(
  db: DbEngine,
  ran: readonly SymbolOutcome[],
  job: MultiSymbolJobConfig,
  policy: SanityPolicy,
): Promise<{ symbol: string; controls: ControlsResult }[]> {
  if (policy.mode !== "strict") {
    throw new RangeError(
      "Adversarial controls over a universe run with STRICT data checks only (the controls must see the bars the run saw): drop --controls or use --perf-mode STRICT",
    );
  }
  const out: { symbol: string; controls: ControlsResult }[] = [];
  for (const o of ran) {
    const { bars } = clampRange(
      await loadBars(db, o.symbol),
      job.startDate,
      job.endDate,
    );
    out.push({ symbol: o.symbol, controls: runControls(bars, job.config) });
  }
  return out;
}

/**
 * The queue backend with each result's out-of-sample days left in its file: the
 * coordinator holds every symbol's figures and folds, and reads the days back a shard
 * at a time when it stores the run ({@linkcode queueOos}).
 */
function withoutOos(backend: ShardBackend): ShardBackend {
  return {
    ...backend,
    run: (shard) =>
      backend.run(shard).then((r): ShardResult => ({
        ...r,
        outcomes: r.outcomes.map((o) =>
          o.run ? { ...o, run: withoutOosDays(o.run) } : o
        ),
      })),
  };
}

/** The out-of-sample days of a queue run, from its result files, a shard at a time. */
async function* queueOos(
  shared: string,
  run: string,
): AsyncIterable<SymbolOos> {
  for await (const r of readRunResults<ShardOutcome>(shared, run)) {
    for (const [k, o] of r.outcomes.entries()) {
      if (o.run) yield { sym: r.positions[k], oos: o.run.oos };
    }
  }
}

function universeRow(runId: string, o: SymbolOutcome): UniverseRow {
  const m = o.run?.metrics;
  return {
    symbol: o.symbol,
    runId: `${runId}/${o.symbol}`,
    sharpe: m?.sharpe ?? NaN,
    totalReturn: m?.totalReturn ?? NaN,
    maxDrawdown: m?.maxDrawdown ?? NaN,
    hitRate: m?.hitRate ?? NaN,
    winRate: m?.winRate ?? NaN,
    folds: m?.folds ?? 0,
    dataHash: o.dataHash,
    bars: o.bars,
    oosDays: o.run ? oosDayCount(o.run) : 0,
    error: o.error,
  };
}

/** The `runs.metrics` of a universe run: counts and the spread of per-symbol Sharpe. */
function summaryOf(rows: readonly UniverseRow[]): Record<string, number> {
  const s = rows.filter((r) => r.error === null && Number.isFinite(r.sharpe))
    .map((r) => r.sharpe).sort((a, b) => a - b);
  const q = (p: number) =>
    s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : NaN;
  return {
    symbolCount: rows.length,
    ran: rows.filter((r) => r.error === null).length,
    failed: rows.filter((r) => r.error !== null).length,
    folds: rows.reduce((a, r) => a + r.folds, 0),
    oosDays: rows.reduce((a, r) => a + r.oosDays, 0),
    sharpeSum: s.reduce((a, v) => a + v, 0),
    sharpeMin: s[0] ?? NaN,
    sharpeMedian: q(0.5),
    sharpeMax: s[s.length - 1] ?? NaN,
  };
}
