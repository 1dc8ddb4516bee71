/**
 * The plain-text tables of `deno task strategies`.
 *
 * @module
 */
import type {
  ComponentSummary,
  StrategyRunSummary,
} from "../strategies/mod.ts";

const f = (x: number | null, d = 2) =>
  x === null || !Number.isFinite(x) ? "n/a" : x.toFixed(d);
const p = (x: number | null) =>
  x === null || !Number.isFinite(x) ? "n/a" : `${(100 * x).toFixed(2)}%`;

function table(head: string[], rows: string[][]): string {
  const w = head.map((h, j) =>
    Math.max(h.length, ...rows.map((r) => r[j].length))
  );
  const line = (r: string[]) =>
    r.map((c, j) => (j === 0 ? c.padEnd(w[j]) : c.padStart(w[j]))).join("  ");
  return [line(head), ...rows.map(line)].join("\n");
}

/**
 * The concise text report: one line per method/variant, then the contributions.
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
  const head = ["kind", "name", "Sharpe", "ann.ret", "maxDD", "total", "trans"];
  const rows = s.map((x) => [
    x.kind,
    x.name,
    f(x.stats.sharpe),
    p(x.stats.annualReturn),
    p(x.stats.maxDrawdown),
    p(x.stats.totalReturn),
    x.regimeTransitions === null ? "-" : String(x.regimeTransitions),
  ]);
  const methods = [...new Set(c.map((x) => x.method))];
  const comps = [...new Set(c.map((x) => x.component))];
  const share = (m: string, k: string) =>
    p(c.find((x) => x.method === m && x.component === k)?.share ?? null);
  const crow = comps.map((k) => [k, ...methods.map((m) => share(m, k))]);
  const first = s[0];
  return [
    `run ${runId}: ${symbol} out of sample ${first?.oosStart} .. ${first?.oosEnd} (${first?.stats.days} days, ${first?.folds} folds)`,
    table(head, rows),
    "",
    "ensemble P&L share per component:",
    table(["component", ...methods], crow),
  ].join("\n");
}
