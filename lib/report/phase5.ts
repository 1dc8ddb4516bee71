/**
 * Phase 5 report, "new strategies": pairs / statistical arbitrage, mean reversion,
 * momentum (and trend) from the stored walk-forward parameter searches, and the asset
 * coverage of the store.
 *
 * @module
 */
import type { DbEngine } from "../data/mod.ts";
import { conventions } from "./conventions.ts";
import { cell } from "./_format.ts";
import type { ReportModel, ReportSection } from "./model.ts";
import type { PhaseOptions } from "./phase1.ts";
import {
  parseJson,
  readLatestOptimize,
  type StoredOptimizeRun,
} from "../store/mod.ts";
import { readBarSymbols } from "./_closes.ts";
import { missing, strategySections } from "./_store_sections.ts";
import { STRATEGY_FAMILIES } from "./search_tables.ts";
import { checkReportScope } from "./_run_context.ts";
import { foldBarFigure } from "./fold_figure.ts";

/**
 * Build the Phase 5 report.
 *
 * @param db The store.
 * @param options Generation time.
 * @returns The report model.
 */
export async function buildPhase5(
  db: DbEngine,
  options: PhaseOptions = {},
): Promise<ReportModel> {
  const t0 = performance.now();
  await checkReportScope(db, options);
  const symbol = options.symbol;
  const runs = await readLatestOptimize(db, symbol ? { symbol } : {});
  const sections: ReportSection[] = runs.length ? searchSections(runs) : [];
  for (
    const family of [
      "pairs / statistical arbitrage",
      "mean reversion",
      "momentum",
      "trend",
    ]
  ) {
    sections.push(...(await strategySections(db, [family], symbol)));
  }
  sections.push(
    coverageSection(symbol ? [symbol] : await readBarSymbols(db), runs),
  );
  return {
    title: "Phase 5: new strategies",
    subtitle: `${runs.length} stored strategy search(es); families: ${
      [...new Set(Object.values(STRATEGY_FAMILIES))].join(", ")
    }`,
    generatedAt: options.generatedAt ?? new Date().toISOString(),
    kind: "phase5",
    scope: symbol
      ? `symbol ${symbol} (named): only searches that include it`
      : "every stored search",
    conventions: conventions({ backtest: true }),
    sections,
    manifest: {
      report: "phase5",
      optimizeRuns: runs.map((r) => ({
        runId: r.run_id,
        strategy: r.strategy,
        symbols: r.symbols,
        dataHash: r.data_hash,
        config: parseJson(r.config_json),
      })),
      timings: { reportSeconds: (performance.now() - t0) / 1000 },
    },
  };
}

/** Headline and OOS Sharpe figure over the newest search of each strategy. */
function searchSections(runs: readonly StoredOptimizeRun[]): ReportSection[] {
  const best = Math.max(
    ...runs.map((r) => Number(r.oos_sharpe ?? NaN)).filter(Number.isFinite),
  );
  return [
    {
      kind: "headline",
      title: "Strategy searches stored",
      cards: [
        {
          label: "Strategies",
          value: String(new Set(runs.map((r) => r.strategy)).size),
        },
        {
          label: "Trials logged",
          value: String(runs.reduce((a, r) => a + Number(r.n_trials ?? 0), 0)),
        },
        {
          label: "Best OOS Sharpe",
          value: cell(best, 2)?.toString() ?? "n/a",
        },
      ],
    },
    {
      kind: "figure",
      title: "Out-of-sample Sharpe by strategy",
      svg: foldBarFigure(
        runs.map((r) => ({
          fold: `${String(r.strategy)} ${String(r.symbols)}`,
          value: Number(r.oos_sharpe ?? NaN),
        })),
        {
          label: "OOS Sharpe (ann.)",
          xLabel: "Strategy and symbols",
        },
      ),
    },
  ];
}

/** Which strategies were searched on each symbol with bars in the store. */
function coverageSection(
  symbols: readonly string[],
  runs: readonly StoredOptimizeRun[],
): ReportSection {
  if (!symbols.length) {
    return missing(
      "Asset coverage",
      "No bars in the store.",
      "deno task ingest FILE --symbol S (or deno task demo)",
    );
  }
  return {
    kind: "table",
    title: "Asset coverage of the store",
    columns: ["symbol", "strategies searched"],
    rows: symbols.map((s) => [
      s,
      runs.filter((r) => String(r.symbols).split(",").includes(s)).map((r) =>
        String(r.strategy)
      ).join(", ") || "none",
    ]),
    caption: "More asset classes need their bars ingested first.",
  };
}
