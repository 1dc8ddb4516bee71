/**
 * Phase 1 report, "extended validation": long-history walk-forward, the 2020 stress
 * window, multi-asset table, ML feature stability, risk analysis, strategy/ensemble/regime
 * breakdown and the scorecard of the roadmap's success metrics - all read from the store.
 *
 * @module
 */
import type { DbEngine } from "../data/engine.ts";
import { conventions } from "./conventions.ts";
import { metric } from "./format.ts";
import type { ReportModel, ReportSection } from "./model.ts";
import { summarizePerformance, summaryCards } from "./performance.ts";
import {
  PHASE1_THRESHOLDS,
  phase1Scorecard,
  scorecardSection,
} from "./phase1_scorecard.ts";
import { regimeLabels, regimeRows } from "./regime_breakdown.ts";
import { loadRunContext } from "./run_context.ts";
import { readCloses } from "./store.ts";
import {
  missing,
  mlStabilitySections,
  multiAssetSection,
  strategySections,
  stressSections,
} from "./store_sections.ts";
import { walkForwardSections, windowSections } from "./walkforward_sections.ts";

/** Options of the phase report builders. */
export interface PhaseOptions {
  /** Symbol of the long-history run. @default "SP500" */
  symbol?: string;
  /** Use this walk-forward run instead of the newest one. */
  runId?: string;
  /** ISO instant shown as the generation time. @default now */
  generatedAt?: string;
}

/** The 2020 COVID stress window of the roadmap (Feb-Apr 2020). */
export const STRESS_WINDOW_2020 = {
  from: "2020-02-01",
  to: "2020-04-30",
  name: "2020 stress window (Feb–Apr 2020)",
} as const;

/**
 * Build the Phase 1 report from the store.
 *
 * @param db The store (lib/runs, lib/ml_store, stress_results, optimize_runs, bars).
 * @param options Symbol / run id and generation time.
 * @returns The report model.
 */
export async function buildPhase1(
  db: DbEngine,
  options: PhaseOptions = {},
): Promise<ReportModel> {
  const t0 = performance.now();
  const ctx = await loadRunContext(db, options);
  const ml = await mlStabilitySections(db);
  const run = ctx.main;
  const cards = run ? summaryCards(summarizePerformance(run.oos.returns)) : [];
  const rows = phase1Scorecard({
    foldSharpes: run ? run.folds.map((f) => metric(f.metrics, "sharpe")) : [],
    maxDrawdowns: ctx.perSymbol.map((s) => metric(s.metrics, "maxDrawdown")),
    winRate: run ? metric(run.summary.metrics, "winRate") : NaN,
    stableShares: ml.stableShares,
    assetSharpes: ctx.perSymbol.map((s) => metric(s.metrics, "sharpe")),
  });
  const passed = rows.filter((r) => r.pass).length;
  const sections: ReportSection[] = [
    {
      kind: "headline",
      title: run
        ? `Long-history walk-forward: ${run.summary.symbol}`
        : "Headline",
      cards: [
        { label: "Scorecard", value: `${passed}/${rows.length} pass` },
        ...cards,
      ],
    },
    scorecardSection("Scorecard: roadmap success metrics (Phase 1)", rows),
  ];
  const regimes = run ? await regimeSection(db, run) : null;
  if (run) {
    sections.push(...walkForwardSections(run, {
      regimes: regimes?.shading,
      sharpeThreshold: PHASE1_THRESHOLDS.minSharpeEveryPeriod,
    }));
    sections.push(
      ...(windowSections(run, STRESS_WINDOW_2020) ?? [missing(
        STRESS_WINDOW_2020.name,
        `The stored run ${run.manifest.runId} has no out-of-sample day in Feb–Apr 2020: its out-of-sample days run from ${
          run.oos.dates[0] ?? "-"
        } to ${
          run.oos.dates.at(-1) ?? "-"
        } (bars after the last whole test window are not tested).`,
        `deno task walkforward --symbol ${run.summary.symbol} --end-date 2020-04-17 --test-len 21 --stride 21`,
      )]),
    );
  } else {
    sections.push(missing(
      "Long-history walk-forward",
      "No walk-forward run stored yet.",
      `deno task walkforward --symbol ${options.symbol ?? "SP500"}`,
    ));
  }
  sections.push(multiAssetSection(ctx.comparison, ctx.perSymbol));
  sections.push(...ml.sections);
  sections.push(...(await stressSections(db)));
  sections.push(...(await strategySections(db)));
  sections.push(missing(
    "Ensemble breakdown",
    "No ensemble run is stored: lib/strategies runEnsembleWalkForward results are not persisted by any task yet.",
    "deno task optimize --symbol SP500 --strategy ma_crossover (per-strategy searches; an ensemble task is not available yet)",
  ));
  if (regimes) sections.push(regimes.section);
  return {
    title: "Phase 1: extended validation",
    subtitle: run
      ? `${run.summary.symbol}, ${run.oos.dates[0]} – ${
        run.oos.dates.at(-1)
      } out of sample`
      : "no walk-forward run stored",
    generatedAt: options.generatedAt ?? new Date().toISOString(),
    kind: "phase1",
    conventions: conventions({ backtest: true }),
    sections,
    manifest: {
      report: "phase1",
      run: run?.manifest ?? null,
      perSymbolRuns: ctx.perSymbol.map((s) => ({
        symbol: s.symbol,
        runId: s.runId,
        dataHash: s.dataHash,
        codeVersion: s.codeVersion,
      })),
      comparisonRun: ctx.comparison?.runId ?? null,
      timings: { reportSeconds: (performance.now() - t0) / 1000 },
    },
  };
}

async function regimeSection(
  db: DbEngine,
  run: NonNullable<Awaited<ReturnType<typeof loadRunContext>>["main"]>,
) {
  const sym = run.summary.symbol ?? "";
  const closes = await readCloses(db, sym);
  if (!closes) {
    return {
      shading: undefined,
      section: missing(
        "Regime breakdown",
        `The bars of ${sym} are not in the store, so volatility regimes cannot be computed.`,
        `deno task ingest (or deno task demo) to load ${sym}`,
      ),
    };
  }
  const shading = regimeLabels(closes, run.oos.dates);
  return {
    shading,
    section: {
      kind: "table",
      title:
        `Regime breakdown: ${sym} out-of-sample returns by volatility regime`,
      columns: ["regime", "days", "share %", "return %", "Sharpe", "max DD %"],
      rows: regimeRows(run.oos.returns, shading),
      caption:
        "Regime of day t from the symbol's 21-day volatility ranked against the past 252 days (data up to t only); days in warm-up are not counted.",
    } satisfies ReportSection,
  };
}
