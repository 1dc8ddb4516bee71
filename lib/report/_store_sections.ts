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
import { metric } from "./_format.ts";
import { dataSanityCell, dataSanityLine } from "./data_sanity_line.ts";
import type { ReportSection } from "./model.ts";
import { stressTable } from "./stress_table.ts";
import {
  stabilityNullRows,
  type StoredStabilitySummary,
} from "./stability_null_table.ts";
import type { TableCell, TableColumn } from "./table.ts";
import { searchTables, STRATEGY_FAMILIES } from "./search_tables.ts";
import { readLatestOptimize, readLatestStress } from "../store/mod.ts";

/** A section saying the store holds nothing for `title` and which command produces it. */
export function missing(
  title: string,
  what: string,
  command: string,
): ReportSection {
  return { kind: "missing", title, text: what, command };
}

/**
 * Feature-stability table of the latest ML run of each symbol/model (of `symbol` only,
 * when given), their shares and run ids.
 */
export async function mlStabilitySections(
  db: DbEngine,
  symbol?: string,
): Promise<
  { sections: ReportSection[]; stableShares: number[]; runIds: string[] }
> {
  const title = "ML training and feature stability";
  const runs = await loadImportanceHistory(db, symbol ? { symbol } : {});
  if (runs.length === 0) {
    return {
      sections: [missing(
        title,
        "No ML training run stored yet (tables ml_runs / feature_importance are empty).",
        `deno task train --symbol ${
          symbol ?? "SP500"
        } --enable-persistence --enable-warm-start`,
      )],
      stableShares: [],
      runIds: [],
    };
  }
  const latest = new Map<string, (typeof runs)[number]>();
  for (const r of runs) latest.set(`${r.symbol}\u0000${r.model}`, r);
  const rows: TableCell[][] = [];
  const shares: number[] = [];
  const lists: string[] = [];
  for (const r of latest.values()) {
    const st = featureStability(r.features, r.records);
    shares.push(st.folds > 0 ? st.stableShare : NaN);
    const stable = st.features.filter((f) => f.stable).map((f) => f.feature);
    const n = stabilityNullRows({
      ...(r.summary ?? {}) as StoredStabilitySummary,
      stableShare: st.stableShare,
      meanRankSpearman: st.meanRankSpearman,
    }).rows;
    rows.push([
      r.symbol,
      r.model,
      r.runId,
      st.folds,
      stable.length,
      st.stableShare,
      n[0][4],
      n[0][5],
      st.meanRankSpearman,
      n[1][3] === "-" ? "-" : `${n[1][3]} to ${n[1][4]}`,
      n[1][5],
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
        title: `${title}: stable features against their null`,
        columns: [
          { title: "symbol" },
          { title: "model" },
          { title: "run" },
          { title: "folds", format: "int" },
          { title: "stable", format: "int" },
          { title: "stable share", format: "pct" },
          { title: "null 95%" },
          { title: "vs null" },
          { title: "fold Spearman", format: "dec3" },
          { title: "null 90% band" },
          { title: "vs null" },
          { title: "> 70%" },
          { title: "data sanity" },
        ],
        rows,
        caption:
          "Null: the same folds and model with the labels permuted (20 runs by default); a figure within its null's band is no evidence of stability, whatever the 70% target says. Consecutive folds share most of their training rows, so their importances agree by construction: the fold-to-fold Spearman only means something against its null. Stable (lib/ml featureStability defaults): sign consistency >= 0.8 and top-k persistence >= 0.5 (or CV <= 0.5 with at least an average importance share).",
      },
      { kind: "text", title: "Stable features", text: lists.join(". ") },
    ],
    stableShares: shares,
    runIds: [...latest.values()].map((r) => r.runId),
  };
}

/**
 * Stress-scenario table of the newest `deno task stress` run (the newest including
 * `symbol`, its rows only, when given), with what did not run.
 */
export async function stressSections(
  db: DbEngine,
  symbol?: string,
): Promise<ReportSection[]> {
  const title = symbol ? `Stress tests of ${symbol}` : "Stress tests";
  const rows = await readLatestStress(db, symbol ? { symbol } : {});
  if (rows.length === 0) {
    return [
      missing(
        title,
        `No stress test${
          symbol ? ` of ${symbol}` : ""
        } stored yet (table stress_results).`,
        `deno task stress --symbols ${symbol ?? "SP500,AAPL"}`,
      ),
    ];
  }
  const r0 = rows[0];
  const t = stressTable(rows);
  const sections: ReportSection[] = [{
    kind: "table",
    title:
      `${title}: run ${r0.run_id} on ${r0.symbols} (weights ${r0.weights_json})`,
    columns: [...t.columns],
    rows: t.rows,
    caption: [
      "Each symbol alone at 100% of equity on its own history, and the portfolio at the run's weights on the dates all members share. P&L is compounded over the scenario and the worst day signed (loss negative); max DD and the 1-day VaR (estimated from the returns before the path) are positive losses.",
      ...t.notes,
      `${dataSanityLine(parseJson(r0.data_sanity ?? null))}.`,
    ].join(" "),
  }];
  if (t.notRun.length > 0) {
    sections.push({
      kind: "text",
      title: `Stress scenarios not run (${t.notRun.length})`,
      text: t.notRun.join("; "),
    });
  }
  return sections;
}

/**
 * Strategy comparison from the newest `optimize_runs` row per strategy (searches that
 * include `symbol` only, when given).
 */
export async function strategySections(
  db: DbEngine,
  families?: readonly string[],
  symbol?: string,
): Promise<ReportSection[]> {
  const all = await readLatestOptimize(db, symbol ? { symbol } : {});
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
        : `deno task optimize --symbol ${
          symbol ?? "SP500"
        } --strategy momentum`,
    )];
  }
  const t = searchTables(rows);
  return [{
    kind: "table",
    title:
      `${title}: walk-forward out of sample (each fold trades the configuration with the best training Sharpe)`,
    columns: [...t.walkForward.columns, { title: "data sanity" }],
    rows: t.walkForward.rows.map((row, i) => [
      ...row,
      dataSanityCell(
        parseJson<{ dataSanity?: unknown }>(rows[i].config_json)?.dataSanity,
      ),
    ]),
    caption: t.walkForward.caption,
  }, {
    kind: "table",
    title:
      `${title}: selection bias of the search (the hindsight-best configuration over the whole out-of-sample span, not a walk-forward result)`,
    columns: [...t.selectionBias.columns],
    rows: t.selectionBias.rows,
    caption: t.selectionBias.caption,
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
  const columns: TableColumn[] = [
    { title: "symbol" },
    { title: "run" },
    { title: "Sharpe", format: "ratio" },
    { title: "total return", format: "pct" },
    { title: "max DD", format: "pct" },
    { title: "hit rate", format: "pct" },
    { title: "win rate", format: "pct" },
    { title: "folds", format: "int" },
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
        r.sharpe,
        r.totalReturn,
        Math.abs(r.maxDrawdown),
        r.hitRate,
        r.winRate,
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
      metric(s.metrics, "sharpe"),
      metric(s.metrics, "totalReturn"),
      Math.abs(metric(s.metrics, "maxDrawdown")),
      metric(s.metrics, "hitRate"),
      metric(s.metrics, "winRate"),
      metric(s.metrics, "folds"),
      dataSanityCell(s.dataSanity),
    ]),
  };
}
