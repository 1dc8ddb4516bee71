/**
 * The text table of `deno task stress`.
 *
 * @module
 */
import type { StressResult } from "../risk/mod.ts";

const pct = (
  v: number,
) => (Number.isFinite(v) ? `${(v * 100).toFixed(2)}%` : "-");

/** What the header line says about a stress run. */
export interface StressHeader {
  readonly runId: string;
  readonly symbols: readonly string[];
  readonly weights: readonly number[];
  readonly varMethod: string;
  readonly confidence: number;
}

/**
 * Render stress results as an aligned text table with a header and conventions line.
 *
 * @param h Run id, portfolio and VaR settings.
 * @param res One result per scenario.
 * @returns Lines joined by `\n`.
 */
export function formatStress(
  h: StressHeader,
  res: readonly StressResult[],
): string {
  const head = [
    "scenario",
    "start",
    "end",
    "days",
    "P&L",
    "maxDD",
    "worst day",
    "VaR",
    "VaR brch",
    "limit brch",
    "kill switch",
  ];
  const rows = res.map((r) =>
    r.skipped
      ? [r.name, `skipped: ${r.skipped}`, "", "", "", "", "", "", "", "", ""]
      : [
        r.name,
        r.start,
        r.end,
        String(r.days),
        pct(r.pnl),
        pct(r.maxDrawdown),
        `${pct(r.worstDay)} ${r.worstDayDate}`,
        pct(r.var),
        String(r.varBreaches),
        String(r.limitBreaches),
        r.killSwitchDate || "-",
      ]
  );
  const w = head.map((x, i) =>
    Math.max(x.length, ...rows.map((r) => r[i].length))
  );
  const portfolio = h.symbols.map((s, i) => `${s} ${h.weights[i]}`).join(", ");
  return [
    `stress ${h.runId}: ${portfolio}; ${h.varMethod} 1-day VaR at ${h.confidence} from the 250 days before each path`,
    ...[head, ...rows].map((r) =>
      r.map((c, i) => c.padEnd(w[i])).join("  ").trimEnd()
    ),
    "conventions: P&L compounded, maxDD and VaR as positive losses, simple close-to-close returns",
  ].join("\n");
}
