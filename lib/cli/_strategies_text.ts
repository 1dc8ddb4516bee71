/**
 * The plain-text tables of `deno task strategies`.
 *
 * @module
 */
import type {
  ComponentSummary,
  StrategyRunSummary,
} from "../strategies/mod.ts";
import { textTable } from "../report/mod.ts";

/**
 * The concise text report: one line per method/variant (max drawdown positive, as in
 * every table), then the contributions.
 *
 * @param runId Stored run id.
 * @param symbol Symbol.
 * @param s Summaries.
 * @param c Contributions.
 * @returns Lines joined by newlines.
 */
export function formatStrategies(
  runId: string,
  symbol: string,
  s: readonly StrategyRunSummary[],
  c: readonly ComponentSummary[],
): string {
  const rows = s.map((x) => [
    x.kind,
    x.name,
    x.stats.sharpe,
    x.stats.annualReturn,
    -x.stats.maxDrawdown,
    x.stats.totalReturn,
    x.regimeTransitions,
  ]);
  const methods = [...new Set(c.map((x) => x.method))];
  const comps = [...new Set(c.map((x) => x.component))];
  const share = (m: string, k: string) =>
    c.find((x) => x.method === m && x.component === k)?.share ?? null;
  const crow = comps.map((k) => [k, ...methods.map((m) => share(m, k))]);
  const first = s[0];
  return [
    `run ${runId}: ${symbol} out of sample ${first?.oosStart} .. ${first?.oosEnd} (${first?.stats.days} days, ${first?.folds} folds)`,
    textTable(
      [
        { title: "kind" },
        { title: "name" },
        { title: "Sharpe", format: "ratio" },
        { title: "ann. return", format: "pct" },
        { title: "max DD", format: "pct" },
        { title: "total return", format: "pct" },
        { title: "regime changes", format: "int" },
      ],
      rows,
      { keyColumns: 2 },
    ),
    "",
    "ensemble P&L share per component:",
    textTable([
      { title: "component" },
      ...methods.map((m) => ({ title: m, format: "pct" as const })),
    ], crow),
  ].join("\n");
}
