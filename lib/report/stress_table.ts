/**
 * The stress table shown by the reports and by `deno task stress`: the scenarios that
 * ran (one row per scenario and scope), the ones that did not with the reason, and the
 * footnotes a reader needs (short VaR samples, the drift removed from the shocks).
 *
 * @module
 */
import { STRESS_VAR_WINDOW, type StressResult } from "../risk/mod.ts";
import { stressRecords, type StressResultRow } from "../store/mod.ts";
import { formatCell } from "./column_format.ts";
import type { TableCell, TableColumn } from "./table.ts";

/** The stress table of one run. */
export interface StressTable {
  readonly columns: readonly TableColumn[];
  /** Scenarios that ran. */
  readonly rows: TableCell[][];
  /** "dot-com AAPL: data starts 2013-05-13, after 2000-03-01", one per scope not run. */
  readonly notRun: readonly string[];
  /** Footnotes: VaR from fewer than 250 returns, drift removed from the shocks. */
  readonly notes: readonly string[];
  /** The worst P&L that ran ("gfc SP500 -47.74%"), "" when none ran. */
  readonly worst: string;
}

/**
 * Stress results straight from `runStress` as the same table (notebooks, the CLI).
 *
 * @param results One result per scenario and scope.
 * @param confidence The VaR confidence they were run with.
 * @returns The table.
 */
export function stressResultsTable(
  results: readonly StressResult[],
  confidence: number,
): StressTable {
  return stressTable(
    stressRecords(results, { runId: "", symbols: [], weights: [], confidence }),
  );
}

/** Stored stress rows as a table (the store reads a pre-scope row as "portfolio"). */
export function stressTable(rows: readonly StressResultRow[]): StressTable {
  const conf = rows[0]?.var_confidence ?? 0.99;
  const ran = rows.filter((r) => !r.skipped);
  const num = (v: unknown) => (v === null || v === undefined ? NaN : Number(v));
  const columns: TableColumn[] = [
    { title: "scenario" },
    { title: "scope" },
    { title: "from" },
    { title: "to" },
    { title: "days", format: "int" },
    { title: "P&L", format: "pct" },
    { title: "max DD", format: "pct" },
    { title: "worst day", format: "pct" },
    { title: `VaR ${Number((conf * 100).toFixed(2))}%`, format: "pct" },
    { title: "VaR brch", format: "int" },
    { title: "limit brch", format: "int" },
    { title: "kill switch" },
  ];
  const table = ran.map((r) => [
    r.scenario,
    r.scope,
    r.start_date,
    r.end_date,
    num(r.days),
    num(r.pnl),
    num(r.max_drawdown),
    num(r.worst_day),
    r.var_note || num(r.var_1d),
    r.var_breaches === null ? "-" : num(r.var_breaches),
    num(r.limit_breaches),
    r.kill_switch_date || "-",
  ]);
  const worstRow = ran.reduce<StressResultRow | null>(
    (w, r) =>
      Number.isFinite(num(r.pnl)) && (w === null || num(r.pnl) < num(w.pnl))
        ? r
        : w,
    null,
  );
  return {
    columns,
    rows: table,
    notRun: rows.filter((r) => r.skipped).map((r) =>
      `${r.scenario} ${r.scope}: ${r.skipped}`
    ),
    notes: notes(ran),
    worst: worstRow
      ? `${worstRow.scenario} ${worstRow.scope} ${
        formatCell(num(worstRow.pnl), "pct")
      }`
      : "",
  };
}

function notes(ran: readonly StressResultRow[]): string[] {
  const out: string[] = [];
  for (const r of ran) {
    const n = r.var_observations;
    if (!r.var_note && n !== null && n !== undefined && n < STRESS_VAR_WINDOW) {
      out.push(
        `VaR of ${r.scenario} ${r.scope} from ${n} returns (all the history before ${r.start_date})`,
      );
    }
  }
  const drift = new Map<string, string>();
  for (const r of ran) {
    if (r.drift_removed === null || r.drift_removed === undefined) continue;
    drift.set(
      `${r.scope} ${r.start_date}..${r.end_date}`,
      formatCell(Number(r.drift_removed), "pct"),
    );
  }
  if (drift.size > 0) {
    out.push(
      `Shocks act on demeaned returns of the base window, so they cannot show its drift as a gain; base-window return removed: ${
        [...drift].map(([k, v]) => `${k} ${v}`).join(", ")
      }`,
    );
  }
  return out;
}
