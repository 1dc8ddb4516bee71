/**
 * Sections over stored results of other domains: ML feature stability (lib/store `ml_runs`),
 * stress scenarios (`stress_results`), strategy searches (`optimize_runs`) and the
 * multi-asset comparison (lib/store `runs`). Each says what to run when its data is missing.
 *
 * @module
 */
import type { DbEngine } from "../data/mod.ts";
import { featureStability } from "../ml/mod.ts";
import { loadImportanceHistory, parseJson } from "../store/mod.ts";
import type { ComparisonRow, RunSummary } from "../store/mod.ts";
import { cell, metric, pctCell } from "./_format.ts";
import { dataSanityCell, dataSanityLine } from "./data_sanity_line.ts";
import type { ReportSection } from "./model.ts";
import {
  readLatestOptimize,
  readLatestStress,
  type StoredOptimizeRun,
} from "../store/mod.ts";

/** A section saying the store holds nothing for `title` and which command produces it. */
export function missing(
  title: string,
  what: string,
  command: string,
): ReportSection {
  return { kind: "missing", title, text: what, command };
}

/** Feature-stability table of the latest ML run of each symbol/model, and their shares. */
export async function mlStabilitySections(
  db: DbEngine,
): Promise<{ sections: ReportSection[]; stableShares: number[] }> {
  const title = "ML training and feature stability";
  const runs = await loadImportanceHistory(db);
  if (runs.length === 0) {
    return {
      sections: [missing(
        title,
        "No ML training run stored yet (tables ml_runs / feature_importance are empty).",
        "deno task train --symbol SP500 --enable-persistence --enable-warm-start",
      )],
      stableShares: [],
    };
  }
  const latest = new Map<string, (typeof runs)[number]>();
  for (const r of runs) latest.set(`${r.symbol}\u0000${r.model}`, r);
  const rows: (string | number | null)[][] = [];
  const shares: number[] = [];
  const lists: string[] = [];
  for (const r of latest.values()) {
    const st = featureStability(r.features, r.records);
    shares.push(st.folds > 0 ? st.stableShare : NaN);
    const stable = st.features.filter((f) => f.stable).map((f) => f.feature);
    rows.push([
      r.symbol,
      r.model,
      r.runId,
      st.folds,
      r.features.length,
      stable.length,
      pctCell(st.stableShare),
      cell(st.meanRankSpearman, 3),
      st.pass ? "PASS" : "FAIL",
      dataSanityCell(
        (r.summary as { dataSanity?: unknown } | null)?.dataSanity,
      ),
    ]);
    lists.push(`${r.symbol} / ${r.model}: ${stable.join(", ") || "none"}`);
  }
  return {
    sections: [
      {
        kind: "table",
        title: `${title}: share of stable features (target > 70%)`,
        columns: [
          "symbol",
          "model",
          "run",
          "folds",
          "features",
          "stable",
          "stable %",
          "mean fold-to-fold Spearman",
          "> 70%",
          "data sanity",
        ],
        rows,
        caption:
          "Stable (lib/ml featureStability defaults): sign consistency >= 0.8 and top-k persistence >= 0.5 (or CV <= 0.5 with at least an average importance share).",
      },
      { kind: "text", title: "Stable features", text: lists.join(". ") },
    ],
    stableShares: shares,
  };
}

/** Stress-scenario table of the newest `deno task stress` run. */
export async function stressSections(db: DbEngine): Promise<ReportSection[]> {
  const title = "Stress tests";
  const rows = await readLatestStress(db);
  if (rows.length === 0) {
    return [
      missing(
        title,
        "No stress test stored yet (table stress_results is empty).",
        "deno task stress --symbols SP500,AAPL",
      ),
    ];
  }
  const r0 = rows[0];
  return [{
    kind: "table",
    title: `${title}: run ${String(r0.run_id)} on ${
      String(r0.symbols)
    } (weights ${String(r0.weights_json)})`,
    columns: [
      "scenario",
      "kind",
      "window",
      "days",
      "P&L %",
      "max DD %",
      "worst day return %",
      `1-day VaR ${cell(Number(r0.var_confidence) * 100, 1)}% (loss %)`,
      "VaR breaches",
      "limit breaches",
      "rules breached",
      "kill switch",
      "skipped",
    ],
    rows: rows.map((r) => [
      String(r.scenario),
      String(r.kind),
      r.start_date ? `${String(r.start_date)} – ${String(r.end_date)}` : "",
      cell(r.days, 0),
      pctCell(r.pnl),
      pctCell(
        r.max_drawdown === null ? null : Math.abs(Number(r.max_drawdown)),
      ),
      pctCell(r.worst_day),
      pctCell(r.var_1d),
      cell(r.var_breaches, 0),
      cell(r.limit_breaches, 0),
      String(r.breach_rules ?? ""),
      String(r.kill_switch_date ?? ""),
      String(r.skipped ?? ""),
    ]),
    caption:
      `P&L is the compounded return over the scenario; drawdowns and VaR are positive losses. ${
        dataSanityLine(parseJson(r0.data_sanity ?? null))
      }.`,
  }];
}

/** Strategy families of `optimize_runs.strategy`. */
export const STRATEGY_FAMILIES: Readonly<Record<string, string>> = {
  pairs: "pairs / statistical arbitrage",
  zscore: "mean reversion",
  rsi: "mean reversion",
  momentum: "momentum",
  xs_momentum: "momentum",
  ma_crossover: "trend",
  breakout: "trend",
};

/** Table rows of `optimize_runs` rows (drawdowns positive %). */
export function optimizeRows(
  rows: readonly StoredOptimizeRun[],
): (string | number | null)[][] {
  return rows.map((r) => [
    STRATEGY_FAMILIES[String(r.strategy)] ?? "other",
    String(r.strategy),
    String(r.symbols),
    `${String(r.oos_start)} – ${String(r.oos_end)}`,
    cell(r.n_configs, 0),
    cell(r.n_trials, 0),
    cell(r.is_sharpe, 2),
    cell(r.oos_sharpe, 2),
    pctCell(r.oos_total_return),
    pctCell(
      r.oos_max_drawdown === null ? null : Math.abs(Number(r.oos_max_drawdown)),
    ),
    cell(r.dsr, 3),
    cell(r.pbo, 3),
  ]);
}

/** Column labels of {@link optimizeRows}. */
export const OPTIMIZE_COLUMNS = [
  "family",
  "strategy",
  "symbols",
  "out-of-sample",
  "configs",
  "trials",
  "IS Sharpe",
  "OOS Sharpe",
  "OOS return %",
  "OOS max DD %",
  "deflated Sharpe (prob.)",
  "PBO",
];

/** Strategy comparison from the newest `optimize_runs` row per strategy. */
export async function strategySections(
  db: DbEngine,
  families?: readonly string[],
): Promise<ReportSection[]> {
  const all = await readLatestOptimize(db);
  const rows = families
    ? all.filter((r) =>
      families.includes(STRATEGY_FAMILIES[String(r.strategy)] ?? "other")
    )
    : all;
  const title = families
    ? `Strategies: ${families.join(", ")}`
    : "Strategy breakdown";
  if (rows.length === 0) {
    return [missing(
      title,
      "No parameter search stored yet for these strategies (table optimize_runs).",
      families?.includes("pairs / statistical arbitrage")
        ? "deno task optimize --strategy pairs"
        : "deno task optimize --symbol SP500 --strategy momentum",
    )];
  }
  return [{
    kind: "table",
    title: `${title} (walk-forward parameter search, trials logged)`,
    columns: [...OPTIMIZE_COLUMNS, "data sanity"],
    rows: optimizeRows(rows).map((row, i) => [
      ...row,
      dataSanityCell(
        parseJson<{ dataSanity?: unknown }>(rows[i].config_json)?.dataSanity,
      ),
    ]),
    caption:
      "Deflated Sharpe: probability that the best configuration's Sharpe beats the expected maximum of the configurations tried; PBO: probability of backtest overfitting (CSCV).",
  }];
}

/**
 * Multi-asset comparison: the newest multi-symbol run when stored, else the latest
 * walk-forward run of each symbol.
 */
export function multiAssetSection(
  comparison:
    | { runId: string; rows: readonly ComparisonRow[]; dataSanity?: unknown }
    | null,
  perSymbol: readonly RunSummary[],
): ReportSection {
  const title = "Multi-asset comparison";
  const columns = [
    "symbol",
    "run",
    "Sharpe",
    "total return %",
    "max DD %",
    "hit rate %",
    "win rate %",
    "folds",
  ];
  if (comparison && comparison.rows.length) {
    return {
      kind: "table",
      title: `${title} (multi-symbol run ${comparison.runId})`,
      caption: dataSanityLine(comparison.dataSanity),
      columns,
      rows: comparison.rows.map((r) => [
        r.symbol,
        r.runId,
        cell(r.sharpe, 2),
        pctCell(r.totalReturn),
        pctCell(Math.abs(r.maxDrawdown)),
        pctCell(r.hitRate),
        pctCell(r.winRate),
        r.folds,
      ]),
    };
  }
  if (perSymbol.length === 0) {
    return missing(
      title,
      "No walk-forward run stored yet.",
      "deno task multi-symbol --symbols SP500,AAPL",
    );
  }
  return {
    kind: "table",
    title: `${title} (latest walk-forward run of each symbol)`,
    columns: [...columns, "data sanity"],
    rows: perSymbol.map((s) => [
      s.symbol ?? "",
      s.runId,
      cell(s.metrics.sharpe, 2),
      pctCell(s.metrics.totalReturn),
      pctCell(Math.abs(metric(s.metrics, "maxDrawdown"))),
      pctCell(s.metrics.hitRate),
      pctCell(s.metrics.winRate),
      cell(s.metrics.folds, 0),
      dataSanityCell(s.dataSanity),
    ]),
  };
}
