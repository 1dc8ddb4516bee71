/**
 * Presentations of a walk-forward job: the `--json` object and the human summary.
 *
 * @module
 */
import type { JobResult } from "./walk_forward_job.ts";

const pct = (
  x: number,
) => (Number.isFinite(x) ? (x * 100).toFixed(2) + "%" : "n/a");
const num = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : "n/a");

/**
 * The one JSON object `deno task walkforward --json` prints: `runId`, `manifest`,
 * `folds[]`, `metrics`, `controls` (null unless requested), `oos[]` (one entry per OOS day:
 * `date`, `prediction`, `position`, `ret`). Non-finite numbers become null.
 *
 * @param job A finished job.
 * @returns A plain object ready for `JSON.stringify`.
 */
export function walkForwardJson(job: JobResult): Record<string, unknown> {
  const { result: r } = job;
  const o = r.oos;
  return {
    runId: job.manifest.runId,
    manifest: job.manifest,
    symbol: r.symbol,
    features: r.features,
    folds: r.folds,
    metrics: r.metrics,
    controls: job.controls,
    oos: o.dates.map((date, i) => ({
      date,
      prediction: o.predictions[i],
      position: o.positions[i],
      ret: o.returns[i],
    })),
  };
}

/**
 * A per-fold table and the overall metrics as text (max drawdown shown positive).
 *
 * @param job A finished job.
 * @returns Lines of text.
 */
export function formatWalkForward(job: JobResult): string {
  const r = job.result, m = r.metrics;
  const lines = [
    `Walk-forward ${r.symbol}  run ${job.manifest.runId}`,
    `data ${job.bars.dates[0]}..${
      job.bars.dates[job.bars.dates.length - 1]
    } (${job.bars.dates.length} bars), ` +
    `fills at the close of t earning t -> t+1, costs per unit of turnover`,
    "",
    "fold  train                    test                     sharpe   return   maxDD   hit",
  ];
  for (const f of r.folds) {
    lines.push(
      `${
        String(f.index).padStart(4)
      }  ${f.trainStartDate}..${f.trainEndDate}  ${f.testStartDate}..${f.testEndDate}  ` +
        `${num(f.metrics.sharpe).padStart(6)}  ${
          pct(f.metrics.totalReturn).padStart(7)
        }  ` +
        `${pct(-f.metrics.maxDrawdown).padStart(6)}  ${
          pct(f.metrics.hitRate).padStart(6)
        }`,
    );
  }
  lines.push(
    "",
    `overall: ${m.folds} folds, ${m.days} OOS days, Sharpe ${
      num(m.sharpe)
    }, total return ${pct(m.totalReturn)}, max drawdown ${
      pct(-m.maxDrawdown)
    }, hit rate ${pct(m.hitRate)}`,
    `         annual return ${pct(m.annualReturn)}, annual vol ${
      pct(m.annualVolatility)
    }, ` +
      `${m.trades} trades, win rate ${pct(m.winRate)}, profit factor ${
        num(m.profitFactor)
      }, ` +
      `exposure ${pct(m.exposure)}, turnover ${num(m.turnover, 3)}/day`,
  );
  if (job.controls) {
    lines.push(
      "",
      `controls (${
        job.controls.noEdge ? "no edge: pass" : "EDGE FOUND: fail"
      }):`,
    );
    for (const c of job.controls.runs) {
      lines.push(
        `  ${c.kind.padEnd(9)} ${String(c.seed ?? "-").padStart(3)}  Sharpe ${
          num(c.sharpe).padStart(6)
        }  t ${num(c.tStat).padStart(6)}${
          c.gated ? "" : "  (reported, not gated)"
        }`,
      );
    }
  }
  return lines.join("\n");
}
