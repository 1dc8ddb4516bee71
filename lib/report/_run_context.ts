/**
 * The walk-forward runs a report draws on, read through lib/store.
 *
 * @module
 */
import type { DbEngine } from "../data/mod.ts";
import {
  type ComparisonRow,
  listRuns,
  loadRun,
  loadUniverseRows,
  type RunSummary,
  type StoredRun,
} from "../store/mod.ts";

/** Stored walk-forward runs relevant to a report. */
export interface RunContext {
  /** The long-history run: newest walk-forward run of `symbol`, else the newest of any symbol. */
  readonly main: StoredRun | null;
  /** Newest walk-forward run summary of each symbol (symbol order). */
  readonly perSymbol: RunSummary[];
  /** Newest multi-symbol comparison, if stored (with its DataSanity record). */
  readonly comparison:
    | { runId: string; rows: ComparisonRow[]; dataSanity: unknown }
    | null;
}

/**
 * Read the runs: `runId` (when given) or the newest walk-forward run of `symbol`
 * (default "SP500", falling back to any symbol), the newest run per symbol, and the
 * newest multi-symbol comparison holding that symbol.
 *
 * @param db An open database.
 * @param options Preferred symbol or explicit run id.
 * @returns The context (nulls/empties when nothing is stored).
 */
export async function loadRunContext(
  db: DbEngine,
  options: { symbol?: string; runId?: string } = {},
): Promise<RunContext> {
  const all = await listRuns(db);
  const wf = all.filter((r) => r.kind === "walkforward");
  const perSymbol = new Map<string, RunSummary>();
  for (const r of wf) {
    if (r.symbol !== null && !perSymbol.has(r.symbol)) {
      perSymbol.set(r.symbol, r);
    }
  }
  const want = options.symbol ?? "SP500";
  const mainId = options.runId ?? perSymbol.get(want)?.runId ?? wf[0]?.runId;
  // the newest multi-symbol run holding the report's symbol (universe runs keep their
  // symbols in symbol_runs; older stores in runs.metrics)
  let comp: RunSummary | undefined, rows: ComparisonRow[] | null = null;
  for (const r of all.filter((x) => x.kind === "multi-symbol")) {
    const old = r.metrics.symbols;
    const got = Array.isArray(old)
      ? old as ComparisonRow[]
      : (await loadUniverseRows(db, r.runId)).filter((x) => x.error === null);
    if (got.some((x) => x.symbol === want)) {
      [comp, rows] = [r, got];
      break;
    }
  }
  return {
    main: mainId ? await loadRun(db, mainId) : null,
    perSymbol: [...perSymbol.values()].sort((a, b) =>
      String(a.symbol).localeCompare(String(b.symbol))
    ),
    comparison: comp && Array.isArray(rows)
      ? { runId: comp.runId, rows, dataSanity: comp.dataSanity }
      : null,
  };
}
