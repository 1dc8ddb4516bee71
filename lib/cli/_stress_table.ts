/**
 * The text table of `deno task stress` (and the demo's stress step): the same table as
 * the reports' stress section, as text.
 *
 * @module
 */
import {
  formatCell,
  stressResultsTable,
  textTable,
  wrapText,
} from "../report/mod.ts";
import { STRESS_VAR_WINDOW, type StressResult } from "../risk/mod.ts";

/** What the header line says about a stress run. */
export interface StressHeader {
  readonly runId: string;
  readonly symbols: readonly string[];
  readonly weights: readonly number[];
  readonly varMethod: string;
  readonly confidence: number;
}

/**
 * Render stress results as an aligned text table (wrapped to 100 columns) with a
 * header, the scopes not run and their reasons, the footnotes and the conventions.
 *
 * @param h Run id, portfolio and VaR settings.
 * @param res One result per scenario and scope.
 * @returns Lines joined by `\n`.
 */
export function formatStress(
  h: StressHeader,
  res: readonly StressResult[],
): string {
  const t = stressResultsTable(res, h.confidence);
  const portfolio = h.symbols.map((s, i) => `${s} ${h.weights[i]}`).join(", ");
  const prose = (lines: readonly string[]) => lines.map((l) => wrapText(l));
  return [
    ...prose([
      `stress ${h.runId}: ${
        h.symbols.length > 1
          ? `each symbol alone at 100% and the portfolio ${portfolio} on their common dates`
          : portfolio
      }`,
      `${h.varMethod} 1-day VaR at ${
        formatCell(h.confidence, "pct")
      } from the up to ${STRESS_VAR_WINDOW} returns before each path (before the base window, for shocks)`,
    ]),
    "",
    textTable(t.columns, t.rows, { keyColumns: 2 }),
    ...(t.notRun.length
      ? [
        "",
        `not run (${t.notRun.length}):`,
        ...prose(t.notRun.map((s) => `  ${s}`)),
      ]
      : []),
    ...prose(t.notes),
    ...prose([
      "conventions: simple close-to-close returns; P&L compounded and worst day signed (loss negative); max DD and VaR positive losses",
    ]),
  ].join("\n");
}
