/**
 * The walk-forward runs a report draws on, read through lib/store, and the report's
 * scope: one symbol named by the user (every section shows only its runs), or the whole
 * store. A symbol or run the store does not hold is an error naming what it holds, never
 * a silent fallback to another symbol or run.
 *
 * @module
 */
import type { DbEngine } from "../data/mod.ts";
import { listSymbols } from "../data/mod.ts";
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
  /** The long-history run (see {@linkcode loadRunContext}); null when none is stored. */
  readonly main: StoredRun | null;
  /** Newest walk-forward run summary of each symbol in scope (symbol order). */
  readonly perSymbol: RunSummary[];
  /** Newest multi-symbol comparison (rows in scope), if stored (with its DataSanity record). */
  readonly comparison:
    | { runId: string; rows: ComparisonRow[]; dataSanity: unknown }
    | null;
  /** The symbol every section is scoped to, or undefined for the whole store. */
  readonly symbol: string | undefined;
  /** How the main run was chosen, in words (the report states it). */
  readonly scopeNote: string;
}

/** The default symbol of the long-history run when none is named. */
const DEFAULT_SYMBOL = "SP500";

/**
 * Check a report's `symbol` and `runId` against the store: an unknown symbol (no bars
 * and no runs) or run id throws a RangeError listing what the store holds, and a run of
 * another symbol than the one named is refused.
 *
 * @param db An open database.
 * @param options The symbol and run the user named.
 * @returns The run summaries (newest first).
 */
export async function checkReportScope(
  db: DbEngine,
  options: { symbol?: string; runId?: string; benchmark?: string },
): Promise<RunSummary[]> {
  const all = await listRuns(db);
  const { symbol, runId, benchmark } = options;
  if (benchmark !== undefined) {
    const bars = (await listSymbols(db)).map((s) => s.symbol);
    if (!bars.includes(benchmark)) {
      throw new RangeError(
        `No bars of benchmark "${benchmark}" in the store: it holds ${
          bars.join(", ") || "no bars"
        }`,
      );
    }
  }
  if (symbol !== undefined) {
    const bars = (await listSymbols(db)).map((s) => s.symbol);
    const ran = all.map((r) => r.symbol).filter((s): s is string => !!s);
    const known = [...new Set([...bars, ...ran])].sort();
    if (!known.includes(symbol)) {
      throw new RangeError(
        `No symbol "${symbol}" in the store (no bars and no runs): ${
          known.length
            ? `it holds ${known.join(", ")}`
            : "it is empty (run deno task demo or deno task ingest first)"
        }`,
      );
    }
  }
  if (runId !== undefined) {
    const run = all.find((r) => r.runId === runId);
    if (!run) {
      const recent = all.filter((r) => r.kind === "walkforward").slice(0, 5)
        .map((r) => `${r.runId} (${r.symbol})`);
      throw new RangeError(
        `No run "${runId}" in the store${
          recent.length
            ? `; newest walk-forward runs: ${recent.join(", ")}`
            : ""
        }`,
      );
    }
    if (symbol !== undefined && run.symbol !== symbol) {
      throw new RangeError(
        `Run "${runId}" is a run of ${run.symbol}, not of ${symbol}: pass one of --run or --symbol, or a run of ${symbol}`,
      );
    }
  }
  return all;
}

/**
 * Read the runs in the report's scope. With `symbol`: the newest walk-forward run of
 * that symbol (or `runId`), and only that symbol's runs in every other section. With
 * neither: the newest run of SP500 when stored, else the newest run of any symbol, and
 * the runs of every symbol; `scopeNote` says which.
 * The comparison is the newest multi-symbol run holding the report's symbol (or the
 * main run's symbol), its rows in scope.
 *
 * @param db An open database.
 * @param options The symbol and/or run id the user named (`checked`: already checked
 *   by the caller with {@linkcode checkReportScope}, e.g. a paper session's own symbol).
 * @returns The context (nulls/empties when nothing is stored).
 * @throws RangeError for a symbol or run the store does not hold.
 */
export async function loadRunContext(
  db: DbEngine,
  options: {
    symbol?: string;
    runId?: string;
    benchmark?: string;
    checked?: boolean;
  } = {},
): Promise<RunContext> {
  const all = options.checked
    ? await listRuns(db)
    : await checkReportScope(db, options);
  const wf = all.filter((r) => r.kind === "walkforward");
  const chosen = options.runId
    ? wf.find((r) => r.runId === options.runId) ?? null
    : null;
  const symbol = options.symbol ?? chosen?.symbol ?? undefined;
  const perSymbol = new Map<string, RunSummary>();
  for (const r of wf) {
    if (r.symbol !== null && !perSymbol.has(r.symbol)) {
      perSymbol.set(r.symbol, r);
    }
  }
  const fallback = perSymbol.get(DEFAULT_SYMBOL) ?? wf[0];
  const main = chosen ??
    (symbol !== undefined ? perSymbol.get(symbol) : fallback) ?? null;
  const scopeNote = options.runId
    ? `run ${options.runId} (named), symbol ${symbol}`
    : symbol !== undefined
    ? `symbol ${symbol} (named): every section shows only its runs`
    : main
    ? `all symbols; the long-history run is the newest walk-forward run of ${main.symbol}${
      main.symbol === DEFAULT_SYMBOL
        ? ""
        : ` (the store has none of ${DEFAULT_SYMBOL})`
    } - pass --symbol to choose`
    : "all symbols (no walk-forward run stored)";
  const inScope = (s: string | null) => symbol === undefined || s === symbol;
  // the newest multi-symbol run holding the report's symbol, else the main run's
  // (universe runs keep their symbols in symbol_runs; older stores in runs.metrics)
  const want = symbol ?? main?.symbol ?? DEFAULT_SYMBOL;
  let comp: RunSummary | undefined;
  let compRows: ComparisonRow[] = [];
  for (const r of all.filter((x) => x.kind === "multi-symbol")) {
    const old = r.metrics.symbols;
    const got = Array.isArray(old)
      ? old as ComparisonRow[]
      : (await loadUniverseRows(db, r.runId)).filter((x) => x.error === null);
    if (got.some((x) => x.symbol === want)) {
      comp = r;
      compRows = got.filter((x) => inScope(x.symbol));
      break;
    }
  }
  return {
    main: main ? await loadRun(db, main.runId) : null,
    perSymbol: [...perSymbol.values()].filter((r) => inScope(r.symbol)).sort((
      a,
      b,
    ) => String(a.symbol).localeCompare(String(b.symbol))),
    comparison: comp && compRows.length
      ? { runId: comp.runId, rows: compRows, dataSanity: comp.dataSanity }
      : null,
    symbol,
    scopeNote,
  };
}
