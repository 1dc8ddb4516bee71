/**
 * Presentations of walk-forward jobs: the `--json` object, the human summary and the
 * multi-symbol comparison table.
 *
 * @module
 */
import type { WalkForwardJobResult } from "../jobs/mod.ts";
import {
  controlsTable,
  formatCell,
  textTable,
  wrapText,
} from "../report/mod.ts";
import type { ComparisonRow } from "../store/mod.ts";
import type { ControlsResult } from "../walkforward/mod.ts";

const pct = (x: number) => formatCell(x, "pct");
const num = (x: number) => formatCell(x, "ratio");

/**
 * The one JSON object `deno task walkforward --json` prints: `runId`, `manifest`,
 * `folds[]`, `metrics`, `controls` (null unless requested), `oos[]` (one entry per OOS day:
 * `date`, `prediction`, `position`, `ret`). Non-finite numbers become null.
 *
 * @param job A finished job.
 * @returns A plain object ready for `JSON.stringify`.
 */
export function walkForwardJson(
  job: WalkForwardJobResult,
): Record<string, unknown> {
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
export function formatWalkForward(job: WalkForwardJobResult): string {
  const r = job.result, m = r.metrics;
  const lines = [
    `Walk-forward ${r.symbol}  run ${job.manifest.runId}`,
    `data ${job.bars.dates[0]}..${
      job.bars.dates[job.bars.dates.length - 1]
    } (${job.bars.dates.length} bars), ` +
    `fills at the close of t earning t -> t+1, costs per unit of turnover`,
    "",
  ];
  lines.push(textTable(
    [
      { title: "fold", format: "int" },
      { title: "train" },
      { title: "test" },
      { title: "Sharpe", format: "ratio" },
      { title: "return", format: "pct" },
      { title: "max DD", format: "pct" },
      { title: "hit rate", format: "pct" },
    ],
    r.folds.map((f) => [
      f.index,
      `${f.trainStartDate}..${f.trainEndDate}`,
      `${f.testStartDate}..${f.testEndDate}`,
      f.metrics.sharpe,
      f.metrics.totalReturn,
      -f.metrics.maxDrawdown,
      f.metrics.hitRate,
    ]),
  ));
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
      `exposure ${pct(m.exposure)}, turnover ${pct(m.turnover)}/day`,
  );
  if (job.controls) {
    const t = controlsTable({ days: m.days, sharpe: m.sharpe }, job.controls);
    lines.push(
      "",
      "adversarial controls (same configuration, expected edge zero):",
      textTable(
        t.columns.filter((c) => c.title !== "what it is"),
        t.rows.map(
          (r) => r.filter((_, j) => j !== 2),
        ),
      ),
      wrapText(`verdict: ${t.verdict}`),
    );
  }
  return lines.join("\n");
}

/**
 * The comparison as an aligned text table (drawdown shown as a positive percentage).
 *
 * @param rows One row per symbol.
 * @returns Text lines.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatComparison } from "./_walkforward_text.ts";
 * const t = formatComparison([{ symbol: "X", runId: "r", sharpe: 0.5, totalReturn: 0.1, maxDrawdown: -0.2, hitRate: 0.51, winRate: 0.4, folds: 3 }]);
 * assert.match(t, /X\s+0\.50\s+10\.00%\s+20\.00%\s+51\.00%\s+40\.00%\s+3$/m);
 * ```
 */
export function formatComparison(rows: readonly ComparisonRow[]): string {
  return textTable(
    [
      { title: "symbol" },
      { title: "Sharpe", format: "ratio" },
      { title: "return", format: "pct" },
      { title: "max DD", format: "pct" },
      { title: "hit rate", format: "pct" },
      { title: "win rate", format: "pct" },
      { title: "folds", format: "int" },
    ],
    rows.map((r) => [
      r.symbol,
      r.sharpe,
      r.totalReturn,
      -r.maxDrawdown,
      r.hitRate,
      r.winRate,
      r.folds,
    ]),
  );
}

/**
 * One line per symbol with its adversarial controls' verdict: no edge when every gated
 * control stays under the |t| threshold, and the largest gated |t|.
 *
 * @param controls Per symbol, its controls (a universe run with `--controls`).
 * @returns The lines (none without controls).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { controlsVerdicts } from "./_walkforward_text.ts";
 * const run = { kind: "shuffled", seed: 1, days: 252, sharpe: 0.1, totalReturn: 0.01, tStat: 0.1, gated: true } as const;
 * const [line] = controlsVerdicts([{ symbol: "X", controls: { runs: [run], maxAbsT: 3, noEdge: true } }]);
 * assert.equal(line, "X controls: no edge (1 gated runs, largest |t| 0.10 < 3)");
 * ```
 */
export function controlsVerdicts(
  controls: readonly { symbol: string; controls: ControlsResult }[],
): string[] {
  return controls.map(({ symbol, controls: c }) => {
    const gated = c.runs.filter((x) => x.gated);
    const worst = Math.max(...gated.map((x) => Math.abs(x.tStat)));
    return `${symbol} controls: ${
      c.noEdge ? "no edge" : "EDGE FOUND"
    } (${gated.length} gated runs, largest |t| ${
      Number.isFinite(worst) ? worst.toFixed(2) : "none"
    } ${c.noEdge ? "<" : ">="} ${c.maxAbsT})`;
  });
}
