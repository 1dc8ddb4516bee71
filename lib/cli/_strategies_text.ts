/**
 * Output of `deno task strategies`: the stored summaries, the `--json` object and the
 * plain-text tables.
 *
 * @module
 */
import type {
  ComponentSummary,
  StrategyRunSummary,
} from "../strategies/mod.ts";
import type { EnsembleRun } from "./_strategies_ensemble.ts";
import type { RegimeOutcome } from "./_strategies_regime.ts";

/**
 * One summary per ensemble method and per regime variant (what `strategy_runs` stores).
 *
 * @param e Part (a).
 * @param r Part (b).
 * @returns Ensemble methods first, then the variants.
 */
export function runSummaries(
  e: EnsembleRun,
  r: readonly RegimeOutcome[],
): StrategyRunSummary[] {
  const ens: StrategyRunSummary[] = e.outcomes.map((o) => ({
    kind: "ensemble",
    name: o.method,
    stats: o.stats,
    oosStart: o.oos.dates[0] ?? "",
    oosEnd: o.oos.dates.at(-1) ?? "",
    folds: o.folds.length,
    regimeTransitions: null,
    detail: { components: e.names, folds: o.folds },
  }));
  const reg: StrategyRunSummary[] = r.map((o) => ({
    kind: "regime",
    name: o.name,
    stats: o.stats,
    oosStart: o.oos.dates[0] ?? "",
    oosEnd: o.oos.dates.at(-1) ?? "",
    folds: o.folds.length,
    regimeTransitions: o.transitions,
    detail: { folds: o.folds },
  }));
  return [...ens, ...reg];
}

/** Every method's component contributions. */
export function componentSummaries(e: EnsembleRun): ComponentSummary[] {
  return e.outcomes.flatMap((o) => o.contributions);
}

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
