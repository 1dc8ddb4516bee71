/**
 * Workloads U1 and U2 of the bench SPEC: the W1 walk-forward on every symbol of a
 * synthetic universe (`synth-500-5040`, `synth-3000-5040`), from an ingested store:
 * STRICT validation of the universe, W1 on every symbol, everything stored.
 *
 * @module
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_SEED } from "../_shared/seed.ts";
import {
  type DbEngine,
  generateSynthetic,
  ingestFile,
  openDb,
} from "../data/mod.ts";
import { defaultWorkers, runMultiSymbolJob } from "../jobs/mod.ts";
import { sanityHook } from "../sanity/mod.ts";
import { saveUniverse } from "../store/mod.ts";
import { completeWalkForwardConfig, w1Config } from "../walkforward/mod.ts";
import { writeUniverseCsv } from "./_universe_csv.ts";

/**
 * The generator options of the bench universes: seed 42, from 2000-01-03 (5,040 trading
 * days end in 2019, so no bar lies in the future), Gaussian shocks without overnight
 * gaps. (The generator's default fat tails and gaps make about 38 of 500 x 5,040
 * one-day moves beyond DataSanity's 25% limit, which STRICT rightly rejects.)
 */
export const BENCH_UNIVERSE = Object.freeze({
  seed: DEFAULT_SEED,
  start: "2000-01-03",
  fatTails: false,
  gapProbability: 0,
});

/** Options of {@linkcode benchUniverse}. */
export interface BenchUniverseOptions {
  /** @default 500 */
  readonly symbols?: number;
  /** @default 5040 */
  readonly days?: number;
  /** Worker threads. @default every core */
  readonly workers?: number;
  /** Timed runs in this process (the best is reported). @default 3 */
  readonly runs?: number;
  /** Also time the task end to end in its own process (`deno task multi-symbol`). @default true */
  readonly cli?: boolean;
  /** Also run the numpy reference (lib/bench/reference/u1_numpy.py). @default false */
  readonly numpy?: boolean;
}

/** One U1/U2 line (keys of the bench SPEC first). */
export interface BenchUniverseResult {
  readonly symbols: number;
  readonly bars: number;
  readonly folds: number;
  readonly oos_days: number;
  readonly sharpe_sum: number;
  /** Best in-process wall time: validation, walk-forward, store. */
  readonly seconds: number;
  readonly workers: number;
  /** Peak RSS of the task's own process, end to end (NaN where /proc is missing). */
  readonly peak_rss_bytes: number;
  /** Growth of the store file (with its WAL) by one run, after a checkpoint. */
  readonly store_bytes_added: number;
  readonly ingest_seconds: number;
  readonly sanity_seconds: number;
  readonly walk_forward_seconds: number;
  readonly store_seconds: number;
  /** `deno task multi-symbol` in its own process, start to exit (NaN when not run). */
  readonly cli_seconds: number;
  /** Peak RSS of this process over the timed runs (baseline included). */
  readonly inprocess_peak_rss_bytes: number;
  readonly days: number;
  readonly runs: number;
  readonly failed: number;
  readonly numpy_seconds?: number;
  /** `walk_forward_seconds / numpy_seconds` (bars read and W1 on every symbol vs numpy's W1 alone). */
  readonly compute_ratio?: number;
  readonly numpy_sharpe_sum?: number;
  readonly numpy_max_sharpe_difference?: number;
}

/** Peak RSS of a process (VmHWM), NaN where /proc is missing. */
function peakRss(pid: number | "self"): number {
  try {
    const m = readFileSync(`/proc/${pid}/status`, "utf8").match(
      /VmHWM:\s+(\d+) kB/,
    );
    return m ? Number(m[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Descendant processes of `pid` (Linux `/proc/<pid>/task/<pid>/children`), [] elsewhere. */
function descendantsOf(pid: number): number[] {
  let kids: number[];
  try {
    kids = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim()
      .split(/\s+/).filter((s) => s !== "").map(Number);
  } catch {
    return [];
  }
  return kids.flatMap((k) => [k, ...descendantsOf(k)]);
}

/** Reset this process's peak RSS (Linux: `echo 5 > /proc/self/clear_refs`). */
function resetPeakRss(): void {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
  } catch { /* not Linux: the peak then includes the set-up */ }
}

async function storeBytes(db: DbEngine, path: string): Promise<number> {
  await db.exec("CHECKPOINT");
  let n = 0;
  for (const f of [path, `${path}.wal`]) {
    try {
      n += (await Deno.stat(f)).size;
    } catch { /* no WAL */ }
  }
  return n;
}

const job = (symbols: readonly string[]) => ({
  symbols,
  sanity: { mode: "strict" as const },
  config: completeWalkForwardConfig(w1Config),
  controls: false,
});

/**
 * `deno task multi-symbol` in its own process (as a user runs it); its wall time and
 * the largest peak RSS of its processes (polled from /proc: the task runner, the task).
 */
async function timeCli(
  dbPath: string,
  workers: number,
): Promise<[number, number]> {
  const root = new URL("../../", import.meta.url);
  const t0 = performance.now();
  const child = new Deno.Command(Deno.execPath(), {
    cwd: root,
    args: [
      "task",
      "--quiet",
      "multi-symbol",
      "--db",
      dbPath,
      "--universe",
      "bench",
      "--perf-mode",
      "STRICT",
      "--workers",
      String(workers),
      "--json",
    ],
    stdout: "null",
    stderr: "piped",
  }).spawn();
  let peak = NaN;
  const poll = setInterval(() => {
    for (const pid of [child.pid, ...descendantsOf(child.pid)]) {
      const p = peakRss(pid);
      if (Number.isFinite(p)) {
        peak = Number.isFinite(peak) ? Math.max(peak, p) : p;
      }
    }
  }, 20);
  const out = await child.output();
  clearInterval(poll);
  if (!out.success) {
    throw new Error(
      `deno task multi-symbol failed: ${new TextDecoder().decode(out.stderr)}`,
    );
  }
  return [(performance.now() - t0) / 1000, peak];
}

/** The numpy reference on the same CSV: its JSON (null when python3/numpy is missing). */
async function runNumpy(
  csv: string,
  runs: number,
): Promise<
  { seconds: number; sharpe_sum: number; sharpe: Record<string, number> } | null
> {
  const script = new URL("./reference/u1_numpy.py", import.meta.url).pathname;
  try {
    const out = await new Deno.Command("python3", {
      args: [script, csv, "--runs", String(runs)],
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (!out.success) return null;
    return JSON.parse(new TextDecoder().decode(out.stdout));
  } catch {
    return null;
  }
}

/**
 * Run U1 (500 x 5,040) or U2 (3,000 x 5,040): generate the universe
 * ({@linkcode BENCH_UNIVERSE}), write it as one CSV, ingest it (timed: `ingest_seconds`)
 * into an on-disk native store in a temp dir, then time the multi-symbol job (STRICT, W1,
 * stored) `runs` times in this process, and once end to end as `deno task multi-symbol`
 * in its own process (wall time and peak RSS).
 *
 * @param options Size, workers, runs, the CLI and numpy comparisons.
 * @returns The line.
 */
export async function benchUniverse(
  options: BenchUniverseOptions = {},
): Promise<BenchUniverseResult> {
  const n = options.symbols ?? 500, days = options.days ?? 5040;
  const runs = options.runs ?? 3, workers = options.workers ?? defaultWorkers();
  const dir = await Deno.makeTempDir({ prefix: "tradelab-u-" });
  try {
    const csv = join(dir, `synth-${n}-${days}.csv`);
    await writeUniverseCsv(
      csv,
      generateSynthetic({ symbols: n, days, ...BENCH_UNIVERSE }),
    );
    const path = join(dir, "store.duckdb");
    const db = await openDb({ engine: "native", path });
    let closed = false;
    try {
      const t0 = performance.now();
      await ingestFile(db, csv, {
        source: "bench",
        validate: sanityHook({ mode: "strict" }),
      });
      const ingest = (performance.now() - t0) / 1000;
      const symbols = (await db.query<{ s: string }>(
        "SELECT DISTINCT symbol AS s FROM bars WHERE source = 'bench' ORDER BY s",
      )).map((r) => r.s);
      await saveUniverse(db, "bench", symbols, {
        source: "bench",
        at: new Date().toISOString(),
      });
      const before = await storeBytes(db, path);
      let added = NaN, best = Infinity;
      let last: Awaited<ReturnType<typeof runMultiSymbolJob>> | null = null;
      let timing = { sanity: NaN, wf: NaN, store: NaN };
      resetPeakRss();
      for (let k = 0; k < runs; k++) {
        const s0 = performance.now();
        const r = await runMultiSymbolJob(db, job(symbols), { workers });
        const seconds = (performance.now() - s0) / 1000;
        if (k === 0) added = await storeBytes(db, path) - before;
        if (seconds < best) {
          best = seconds;
          last = r;
          const t = r.manifest.timings;
          timing = {
            sanity: t.sanitySeconds,
            wf: t.walkForwardSeconds,
            store: seconds - t.sanitySeconds - t.walkForwardSeconds,
          };
        }
      }
      const inprocessPeak = peakRss("self");
      await db.close();
      closed = true;
      const [cliSeconds, cliPeak] = options.cli === false
        ? [NaN, NaN]
        : await timeCli(path, workers);
      const r = last!;
      const sharpe = new Map(r.rows.map((x) => [x.symbol, x.sharpe]));
      const line: BenchUniverseResult = {
        symbols: r.rows.length,
        bars: r.universe.reduce((a, u) => a + u.bars, 0),
        folds: r.rows.reduce((a, x) => a + x.folds, 0),
        oos_days: r.universe.reduce((a, u) => a + u.oosDays, 0),
        sharpe_sum: r.rows.reduce((a, x) => a + x.sharpe, 0),
        seconds: best,
        workers,
        peak_rss_bytes: cliPeak,
        store_bytes_added: added,
        ingest_seconds: ingest,
        sanity_seconds: timing.sanity,
        walk_forward_seconds: timing.wf,
        store_seconds: timing.store,
        cli_seconds: cliSeconds,
        inprocess_peak_rss_bytes: inprocessPeak,
        days,
        runs,
        failed: r.errors.length,
      };
      if (!options.numpy) return line;
      const np = await runNumpy(csv, runs);
      if (np === null) return line;
      let diff = 0;
      for (const [s, v] of Object.entries(np.sharpe)) {
        diff = Math.max(diff, Math.abs(v - (sharpe.get(s) ?? NaN)));
      }
      return {
        ...line,
        numpy_seconds: np.seconds,
        compute_ratio: timing.wf / np.seconds,
        numpy_sharpe_sum: np.sharpe_sum,
        numpy_max_sharpe_difference: diff,
      };
    } finally {
      if (!closed) await db.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
