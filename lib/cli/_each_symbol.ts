/**
 * A single-symbol task run over a universe: the same job on every symbol in turn, with
 * progress on the terminal, each symbol's failure recorded (the others still run), one
 * summary table and the multiple-testing line at the end.
 *
 * @module
 */
import type { ProgressSink } from "../_shared/progress.ts";
import { summariseUniverse } from "../report/mod.ts";
import type { CliIo } from "./_cli.ts";

/** One symbol's outcome. */
export interface EachResult<T> {
  readonly symbol: string;
  readonly result?: T;
  readonly error?: string;
}

/**
 * Run `job` on every symbol, in order.
 *
 * @param symbols The universe.
 * @param job The single-symbol job.
 * @param progress Progress sink (symbols done / total), e.g. the terminal's.
 * @param label The task's name for the progress line.
 * @returns One outcome per symbol.
 */
export async function eachSymbol<T>(
  symbols: readonly string[],
  job: (symbol: string) => Promise<T>,
  progress: ProgressSink | undefined,
  label: string,
): Promise<EachResult<T>[]> {
  const t0 = performance.now(), out: EachResult<T>[] = [];
  for (const symbol of symbols) {
    try {
      out.push({ symbol, result: await job(symbol) });
    } catch (e) {
      out.push({ symbol, error: (e as Error).message });
    }
    progress?.({
      label,
      done: out.length,
      total: symbols.length,
      unit: "symbols",
      elapsedSeconds: (performance.now() - t0) / 1000,
    });
  }
  return out;
}

/**
 * A queue run's per-symbol results (`--backend queue`) as the outcomes `eachSymbol`
 * returns.
 *
 * @param rows Each symbol's stored job or its error, in universe order.
 * @param show What the task reports for a stored job.
 * @returns One outcome per symbol.
 */
export function eachFromQueue<J, T>(
  rows: readonly {
    readonly symbol: string;
    readonly job?: J;
    readonly error?: string;
  }[],
  show: (job: J, symbol: string) => T,
): EachResult<T>[] {
  return rows.map((r) =>
    r.job !== undefined
      ? { symbol: r.symbol, result: show(r.job, r.symbol) }
      : { symbol: r.symbol, error: r.error }
  );
}

/** One row of the universe table of a single-symbol task. */
export interface EachRow {
  readonly symbol: string;
  /** Out-of-sample Sharpe (annualised) of what the task reports for the symbol. */
  readonly sharpe: number;
  readonly oosDays: number;
  /** Further columns, already formatted. */
  readonly cells: readonly string[];
}

/**
 * Print the table (symbol, Sharpe, the task's columns), the errors on stderr, and the
 * multiple-testing line (the expected best Sharpe of the universe's size with no edge).
 *
 * @param io Output sink.
 * @param columns Header of the task's columns.
 * @param rows One row per symbol that ran.
 * @param errors Symbols that failed.
 */
export function printEach(
  io: CliIo,
  columns: readonly string[],
  rows: readonly EachRow[],
  errors: readonly { symbol: string; error?: string }[],
): void {
  for (const e of errors) io.err(`${e.symbol}: ${e.error}`);
  const w = Math.max(6, ...rows.map((r) => r.symbol.length));
  io.out(
    `${"symbol".padEnd(w)}  ${"sharpe".padStart(7)}  ${columns.join("  ")}`,
  );
  for (const r of rows) {
    const s = Number.isFinite(r.sharpe) ? r.sharpe.toFixed(2) : "n/a";
    io.out(`${r.symbol.padEnd(w)}  ${s.padStart(7)}  ${r.cells.join("  ")}`);
  }
  const s = summariseUniverse(
    rows.map((r) => ({
      symbol: r.symbol,
      sharpe: r.sharpe,
      totalReturn: NaN,
      maxDrawdown: NaN,
      oosDays: r.oosDays,
    })),
    { top: 1 },
  );
  if (s.n > 1) {
    io.out(
      `Multiple testing: ${s.n} symbols; with no edge at all the best would show a Sharpe of about ${
        s.nullMax.toFixed(2)
      } over ${Math.round(s.days)} days; the best here is ${
        s.sharpe.max.toFixed(2)
      } (${s.top[0].symbol})`,
    );
  }
}
