/**
 * The text a universe run prints under its comparison table: what ran, where the time
 * went, and the Sharpe ratios with the multiple-testing caveat.
 *
 * @module
 */
import type { MultiSymbolJobResult } from "../jobs/mod.ts";
import { summariseUniverse } from "../report/mod.ts";

const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : "n/a");

/**
 * The summary lines of a multi-symbol run.
 *
 * @param r The job's result.
 * @param seconds Wall time of the task.
 * @returns Text lines.
 */
export function formatUniverseSummary(
  r: MultiSymbolJobResult,
  seconds: number,
): string {
  const t = r.manifest.timings, st = r.sanityTotals;
  const s = summariseUniverse(
    r.universe.filter((u) => u.error === null).map((u) => ({
      symbol: u.symbol,
      sharpe: u.sharpe,
      totalReturn: u.totalReturn,
      maxDrawdown: u.maxDrawdown,
      oosDays: u.oosDays,
    })),
    { top: 1, failed: r.errors.length },
  );
  const folds = r.rows.reduce((a, x) => a + x.folds, 0);
  const lines = [
    `run ${r.manifest.runId}: ${r.universe.length} symbols (${r.rows.length} ran, ${r.errors.length} failed), ${folds} folds, data hash ${r.manifest.dataHash}`,
    `timings: total ${
      seconds.toFixed(2)
    } s; DataSanity ${st.mode} over ${st.rows} rows ${
      st.seconds.toFixed(2)
    } s; walk-forward ${where(t)} ${
      (t.walkForwardSeconds ?? NaN).toFixed(2)
    } s`,
  ];
  if (s.n > 0) {
    lines.push(
      `OOS Sharpe across ${s.n} symbols: median ${f2(s.sharpe.median)}, best ${
        f2(s.sharpe.max)
      } (${s.top[0].symbol}), worst ${f2(s.sharpe.min)} (${
        s.bottom[0]?.symbol ?? s.top[0].symbol
      }); ${(100 * s.positive).toFixed(0)}% positive`,
      `Multiple testing: with no edge at all, the best of ${s.n} symbols would show a Sharpe of about ${
        f2(s.nullMax)
      } over ${Math.round(s.days)} days (one symbol's null Sharpe has std ${
        f2(s.nullStd)
      }); judge the best by its deflated Sharpe: deno task report universe`,
    );
  }
  return lines.join("\n");
}

/** Where the shards ran, from the manifest's timings. */
function where(t: Readonly<Record<string, number>>): string {
  if (t.queue === 1) return "on the queue (deno task worker processes)";
  if (!t.workers) return "on the main thread";
  return `on ${t.workers} worker${t.workers === 1 ? "" : "s"}`;
}
