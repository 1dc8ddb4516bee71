/**
 * `deno task multi-symbol [--symbols A,B,...] [walkforward flags]`
 *
 * Runs the same walk-forward on every symbol (default: every daily symbol in the store, after
 * loading the built-in samples), stores each run and a `multi-symbol` comparison row,
 * and prints the comparison table (per symbol: Sharpe, total return, max drawdown, hit
 * rate, win rate, folds), or with `--json` one JSON object. A symbol that cannot run
 * (too little data, sanity failure) is reported with its error and makes the exit code 1.
 *
 * @module
 */
import {
  type DbEngine,
  listSymbols,
  MONTHLY_SUFFIX,
  openDb,
} from "../data/mod.ts";
import {
  buildManifest,
  type ComparisonRow,
  formatComparison,
  jsonText,
  runWalkForwardJob,
  saveComparison,
} from "../runs/mod.ts";
import {
  configFromFlags,
  type MultiSymbolFlags,
  MultiSymbolFlagsSchema,
} from "../walkforward/mod.ts";
import {
  type CliIo,
  consoleIo,
  parseFlags,
  reportError,
  runAsScript,
} from "./_cli.ts";
import {
  jobDeps,
  progressBar,
  RUN_FLAGS,
  type WiredDeps,
} from "./_walkforward_common.ts";

interface Outcome {
  readonly rows: ComparisonRow[];
  readonly errors: { symbol: string; error: string }[];
}

async function runAll(
  db: DbEngine,
  flags: MultiSymbolFlags,
  symbols: readonly string[],
  deps: WiredDeps,
  io: CliIo,
): Promise<Outcome> {
  const config = configFromFlags(flags);
  const out: Outcome = { rows: [], errors: [] };
  for (const symbol of symbols) {
    try {
      const job = await runWalkForwardJob(db, {
        symbol,
        startDate: flags["start-date"],
        endDate: flags["end-date"],
        perfMode: flags["perf-mode"],
        config,
        controls: flags.controls,
        onFold: progressBar(!flags.json, symbol),
      }, deps);
      for (const note of job.notes) io.err(note);
      const m = job.result.metrics;
      out.rows.push({
        symbol,
        runId: job.manifest.runId,
        sharpe: m.sharpe,
        totalReturn: m.totalReturn,
        maxDrawdown: m.maxDrawdown,
        hitRate: m.hitRate,
        winRate: m.winRate,
        folds: m.folds,
      });
    } catch (e) {
      out.errors.push({ symbol, error: (e as Error).message });
      if (!flags.json) io.err(`${symbol}: ${(e as Error).message}`);
    }
  }
  return out;
}

/** Every daily symbol in the store (the monthly `*_M` samples are left out). */
async function dailySymbols(db: DbEngine): Promise<string[]> {
  return (await listSymbols(db)).map((s) => s.symbol).filter((s) =>
    !s.endsWith(MONTHLY_SUFFIX)
  );
}

/**
 * Run the task.
 *
 * @param args Command-line flags.
 * @param io Output sink. @default the console
 * @returns Exit code: 0 ok, 1 when any symbol failed, 2 bad flags.
 */
export async function main(
  args: string[],
  io: CliIo = consoleIo,
): Promise<number> {
  try {
    const flags = parseFlags(args, MultiSymbolFlagsSchema, RUN_FLAGS);
    if (flags.help) {
      io.out(
        "Usage: deno task multi-symbol [--symbols A,B,...] [the flags of deno task walkforward]",
      );
      return 0;
    }
    const db = await openDb(flags.db);
    try {
      const deps = await jobDeps(db);
      const symbols = flags.symbols ?? await dailySymbols(db);
      const startedAt = deps.isoNow();
      const { rows, errors } = await runAll(db, flags, symbols, deps, io);
      const config = configFromFlags(flags);
      const manifest = buildManifest({
        kind: "multi-symbol",
        config: { ...config, symbols },
        dataHash: rows.map((r) => r.runId.slice(-8)).join(""),
        codeVersion: deps.codeVersion,
        seed: config.seed ?? 42,
        startedAt,
        endedAt: deps.isoNow(),
        timings: {},
      });
      await saveComparison(db, manifest, rows);
      if (flags.json) {
        io.out(
          jsonText({
            runId: manifest.runId,
            manifest,
            symbols: rows,
            errors,
            sanity: deps.sanity,
          }),
        );
      } else io.out(formatComparison(rows));
      return errors.length > 0 ? 1 : 0;
    } finally {
      await db.close();
    }
  } catch (e) {
    return reportError(e, io);
  }
}

if (import.meta.main) await runAsScript(main);
