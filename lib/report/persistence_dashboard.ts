/**
 * The persistence dashboard: importance heatmap, rank trajectories, stability table,
 * stable/unstable lists and the warm-start effect of the latest run of each symbol/model.
 *
 * @module
 */
import { formatCell } from "./column_format.ts";
import type { ReportModel, ReportSection } from "./model.ts";
import {
  featureStability,
  type StabilityOptions,
  type StabilityReport,
} from "../ml/mod.ts";
import type { RunImportance } from "../store/mod.ts";
import { importanceHeatmap, rankTrajectories } from "./importance_figures.ts";
import {
  STABILITY_NULL_COLUMNS,
  stabilityNullRows,
  type StoredStabilitySummary,
} from "./stability_null_table.ts";

const fmt = (v: unknown, d = 3): string | number | null =>
  typeof v === "number"
    ? (Number.isFinite(v) ? Number(v.toFixed(d)) : null)
    : v === undefined
    ? null
    : String(v);

/**
 * Build the dashboard model from stored runs (pure apart from `generatedAt`). For each
 * symbol/model, the latest run is shown in detail, and the stability over all its runs'
 * folds pooled is reported next to the latest run's.
 *
 * @param runs Importance history from `loadImportanceHistory`.
 * @param options `generatedAt` (ISO) and stability thresholds.
 * @returns A report model for `renderHtml` from lib/report.
 */
export function buildPersistenceDashboard(
  runs: readonly RunImportance[],
  options: { generatedAt: string; stability?: StabilityOptions },
): ReportModel {
  const groups = groupRuns(runs);
  const sections: ReportSection[] = [headline(groups, options.stability)];
  if (runs.length === 0) {
    sections.push({
      kind: "text",
      title: "No runs",
      text:
        "The store holds no ml_runs yet: run `deno task train --enable-persistence` first.",
    });
  }
  for (const [key, rs] of groups) {
    sections.push(...groupSections(key, rs, options.stability));
  }
  return {
    title: "Feature persistence dashboard",
    subtitle:
      `${runs.length} stored run(s); importance = standardised |coef| (linear), impurity share (trees), mean |gradient| (MLP)`,
    generatedAt: options.generatedAt,
    sections,
    manifest: {
      runs: runs.map((r) => ({
        runId: r.runId,
        symbol: r.symbol,
        model: r.model,
        warmStartFrom: r.warmStartFrom,
      })),
    },
  };
}

function sameFeatures(a: RunImportance, b: RunImportance): boolean {
  return a.features.length === b.features.length &&
    a.features.every((f, i) => f === b.features[i]);
}

/** Runs by `symbol / model`, oldest first within a group. */
function groupRuns(
  runs: readonly RunImportance[],
): Map<string, RunImportance[]> {
  const groups = new Map<string, RunImportance[]>();
  for (const r of runs) {
    const key = `${r.symbol} / ${r.model}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return groups;
}

/** One card per group: the latest run's stable share against its target. */
function headline(
  groups: ReadonlyMap<string, RunImportance[]>,
  stability: StabilityOptions | undefined,
): ReportSection {
  const cards = [...groups.entries()].map(([key, rs]) => {
    const last = rs[rs.length - 1];
    const st = featureStability(last.features, last.records, stability);
    const nul = (last.summary as StoredStabilitySummary | null)?.stabilityNull;
    const p95 = nul?.stableShare.p95;
    return {
      label: `${key}: stable share (target > ${
        formatCell(st.targetShare, "pct")
      }; null 95th percentile)`,
      value: `${formatCell(st.stableShare, "pct")} ${
        st.pass ? "PASS" : "FAIL"
      }; null ${
        p95 === undefined || !Number.isFinite(p95)
          ? "not stored"
          : formatCell(p95, "pct")
      }`,
    };
  });
  return { kind: "headline", title: "Stable features", cards };
}

/** A group's figures, stability table, stable/unstable lists and warm-start effect. */
function groupSections(
  key: string,
  rs: readonly RunImportance[],
  stability: StabilityOptions | undefined,
): ReportSection[] {
  const last = rs[rs.length - 1];
  const st = featureStability(last.features, last.records, stability);
  const pooled = featureStability(
    last.features,
    rs.flatMap((r) => (sameFeatures(r, last) ? r.records : [])),
    stability,
  );
  return [
    {
      kind: "figure",
      title: `${key}: importance share by fold (run ${last.runId})`,
      svg: importanceHeatmap(last),
    },
    {
      kind: "figure",
      title: `${key}: rank trajectories`,
      svg: rankTrajectories(last),
    },
    nullTable(key, last),
    stabilityTable(key, st, pooled, rs.length),
    stableLists(key, st),
    ...warmStartTable(key, last),
  ];
}

function stabilityTable(
  key: string,
  st: StabilityReport,
  pooled: StabilityReport,
  runs: number,
): ReportSection {
  return {
    kind: "table",
    title:
      `${key}: stability over ${st.folds} folds (top k = ${st.topK}); mean consecutive-fold Spearman ${
        fmt(st.meanRankSpearman)
      }`,
    columns: [
      "feature",
      "mean importance",
      "majority sign",
      "sign consistency",
      "top-k persistence",
      "rank mean",
      "rank std",
      "CV",
      "stable",
      `stable over ${runs} run(s)`,
    ],
    rows: st.features.map((f, j) => [
      f.feature,
      fmt(f.meanImportance, 5),
      f.majoritySign,
      fmt(f.signConsistency),
      fmt(f.topKPersistence),
      fmt(f.rankMean, 2),
      fmt(f.rankStd, 2),
      fmt(f.cv),
      f.stable ? "yes" : "no",
      pooled.features[j]?.stable ? "yes" : "no",
    ]),
  };
}

function stableLists(key: string, st: StabilityReport): ReportSection {
  const stable = st.features.filter((f) => f.stable).map((f) => f.feature);
  const unstable = st.features.filter((f) => !f.stable).map((f) => f.feature);
  return {
    kind: "text",
    title: `${key}: stable / unstable`,
    text:
      `Stable (${stable.length}): ${
        stable.join(", ") || "none"
      }. Unstable (${unstable.length}): ${unstable.join(", ") || "none"}. ` +
      `Rule: sign consistency >= ${st.options.minSignConsistency} and (top-${st.topK} persistence >= ${st.options.minTopKPersistence} or (CV <= ${st.options.maxCv} and importance share >= ${
        fmt(st.options.minImportanceShare)
      })).`,
  };
}

function warmStartTable(key: string, last: RunImportance): ReportSection[] {
  const warm = (last.summary?.warmEffect ?? null) as
    | Record<string, Record<string, number>>
    | null;
  if (!warm?.warm || !warm?.cold) return [];
  const row = (name: string, r: Record<string, number>) => [
    name,
    r.rankIc ?? NaN,
    r.hitRate,
    r.sharpe,
    r.drift,
  ];
  return [{
    kind: "table",
    title: `${key}: warm-start effect (same folds; warm started from ${
      String(last.summary?.warmStartSource ?? "") ||
      (last.warmStartFrom ?? "earlier folds only")
    })`,
    columns: [
      { title: "run" },
      { title: "rank IC", format: "dec3" },
      { title: "hit rate", format: "pct" },
      { title: "Sharpe", format: "ratio" },
      { title: "fold drift", format: "dec4" },
    ],
    rows: [row("warm", warm.warm), row("cold", warm.cold)],
    caption:
      "Fit times are not compared: a single fit's timing is noise (deno task bench measures speed). Rank IC: Spearman of prediction and target pooled over every test day.",
  }];
}

/** The run's stability figures against their null, with the verdict. */
function nullTable(key: string, last: RunImportance): ReportSection {
  const t = stabilityNullRows(
    (last.summary ?? {}) as StoredStabilitySummary,
  );
  return {
    kind: "table",
    title: `${key}: stability against its null (run ${last.runId})`,
    columns: [...STABILITY_NULL_COLUMNS],
    rows: t.rows,
    caption:
      `Null: the same folds and model with the labels permuted; band = 5th to 95th percentile over the permutations. ${t.verdict}`,
  };
}
