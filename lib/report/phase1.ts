/**
 * Phase 1 report, "extended validation": long-history walk-forward, the 2020 stress
 * window, multi-asset table, ML feature stability, risk analysis, strategy/ensemble/regime
 * breakdown and the scorecard of the roadmap's success metrics - all read from the store.
 *
 * @module
 */
import type { DbEngine } from "../data/mod.ts";
import { conventions } from "./conventions.ts";
import { metric } from "./_format.ts";
import type { ReportModel, ReportSection } from "./model.ts";
import { summarizePerformance, summaryCards } from "./performance.ts";
import {
  PHASE1_THRESHOLDS,
  type Phase1Measures,
  phase1Scorecard,
  scorecardSection,
} from "./phase1_scorecard.ts";
import { regimeLabels, regimeRows } from "./_regime_breakdown.ts";
import { loadRunContext, type RunContext } from "./_run_context.ts";
import type { ScorecardRow } from "./scorecard.ts";
import type { RegimeShading } from "./equity_figure.ts";
import { latestRunCovering, type StoredRun } from "../store/mod.ts";
import { heldBenchmark, readBarSymbols, readCloses } from "./_closes.ts";
import type { TearsheetBenchmark } from "./tearsheet.ts";
import { ensembleSections } from "./_strategy_runs.ts";
import {
  missing,
  mlStabilitySections,
  multiAssetSection,
  strategySections,
  stressSections,
} from "./_store_sections.ts";
import {
  walkForwardSections,
  windowSections,
} from "./_walkforward_sections.ts";

/** Options of the phase report builders. */
export interface PhaseOptions {
  /** Symbol of the long-history run. @default "SP500" */
  symbol?: string;
  /**
   * Benchmark of the tearsheet: a symbol with bars in the store. @default buy-and-hold
   * of the run's own symbol
   */
  benchmark?: string;
  /** Log-scale equity figures. @default false */
  logScale?: boolean;
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
 * The Phase 1 measures from the stored runs: the long-history run's folds and win rate,
 * every symbol's latest drawdown and Sharpe, the ML stable shares.
 */
export function measurePhase1(
  ctx: RunContext,
  ml: { readonly stableShares: readonly number[]; readonly runIds: string[] },
): Phase1Measures {
  const run = ctx.main;
  return {
    foldSharpes: run ? run.folds.map((f) => metric(f.metrics, "sharpe")) : [],
    maxDrawdowns: ctx.perSymbol.map((s) => metric(s.metrics, "maxDrawdown")),
    winRate: run ? metric(run.summary.metrics, "winRate") : NaN,
    stableShares: ml.stableShares,
    assetSharpes: ctx.perSymbol.map((s) => metric(s.metrics, "sharpe")),
    runs: {
      main: run?.manifest.runId ?? null,
      perSymbol: ctx.perSymbol.map((s) => `${s.symbol} ${s.runId}`),
      ml: ml.runIds,
    },
  };
}

/**
 * Build the Phase 1 report from the store.
 *
 * @param db The store (runs, ML runs, stress results, optimize runs, bars: lib/store).
 * @param options Symbol / run id and generation time.
 * @returns The report model.
 */
export async function buildPhase1(
  db: DbEngine,
  options: PhaseOptions = {},
): Promise<ReportModel> {
  const t0 = performance.now();
  const ctx = await loadRunContext(db, options);
  const ml = await mlStabilitySections(db, ctx.symbol);
  const run = ctx.main;
  const rows = phase1Scorecard(measurePhase1(ctx, ml));
  const regimes = run ? await regimeSection(db, run) : null;
  const stressRun = run ? await windowRun(db, run, STRESS_WINDOW_2020) : null;
  const benchmark = run ? await runBenchmark(db, run, options) : undefined;
  const long = run
    ? longHistorySections(run, stressRun, {
      regimes: regimes?.shading,
      benchmark,
      logScale: options.logScale,
    })
    : [];
  // as a reader scans it: headline cards and the equity figure first, then the tables
  const sections: ReportSection[] = [
    headline(run, rows),
    ...long.slice(0, 1),
    scorecardSection("Scorecard: roadmap success metrics (Phase 1)", rows),
    ...(run ? long.slice(1) : [missing(
      "Long-history walk-forward",
      "No walk-forward run stored yet.",
      `deno task walkforward --symbol ${ctx.symbol ?? "SP500"}`,
    )]),
    multiAssetSection(ctx.comparison, ctx.perSymbol),
    ...ml.sections,
    ...(await stressSections(db, ctx.symbol)),
    ...(await strategySections(db, undefined, ctx.symbol)),
    ...(await ensembleSections(
      db,
      run?.summary.symbol ?? ctx.symbol ?? "SP500",
    )),
    ...(regimes ? [regimes.section] : []),
  ];
  return {
    title: "Phase 1: extended validation",
    subtitle: run
      ? `${run.summary.symbol}, ${run.oos.dates[0]} – ${
        run.oos.dates.at(-1)
      } out of sample`
      : "no walk-forward run stored",
    generatedAt: options.generatedAt ?? new Date().toISOString(),
    kind: "phase1",
    scope: ctx.scopeNote,
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

function headline(
  run: StoredRun | null,
  rows: readonly ScorecardRow[],
): ReportSection {
  const passed = rows.filter((r) => r.pass).length;
  return {
    kind: "headline",
    title: run
      ? `Long-history walk-forward: ${run.summary.symbol}`
      : "Headline",
    cards: [
      { label: "Scorecard", value: `${passed}/${rows.length} pass` },
      ...(run ? summaryCards(summarizePerformance(run.oos.returns)) : []),
    ],
  };
}

/**
 * The run whose out-of-sample days cover `window`: the main run when it does, else the
 * newest walk-forward run of the same symbol that does (e.g. a short-test-window run
 * reaching the end of the data), else null.
 */
async function windowRun(
  db: DbEngine,
  main: StoredRun,
  window: { from: string; to: string },
): Promise<StoredRun | null> {
  if (main.oos.dates.some((d) => d >= window.from && d <= window.to)) {
    return main;
  }
  return await latestRunCovering(db, main.summary.symbol ?? "", window);
}

/**
 * The tearsheet benchmark of a run: the named symbol, else buy-and-hold of the run's own
 * symbol, over the run's out-of-sample days (forward returns, as the run books them).
 *
 * @throws RangeError when a named benchmark has no bars in the store.
 */
export async function runBenchmark(
  db: DbEngine,
  run: StoredRun,
  options: { benchmark?: string },
): Promise<TearsheetBenchmark | undefined> {
  const symbol = options.benchmark ?? run.summary.symbol ?? "";
  const b = await heldBenchmark(db, symbol, run.oos.dates, "forward");
  if (!b && options.benchmark !== undefined) {
    throw new RangeError(
      `No bars of benchmark "${options.benchmark}" in the store: it holds ${
        (await readBarSymbols(db)).join(", ") || "no bars"
      }`,
    );
  }
  return b ?? undefined;
}

function longHistorySections(
  run: StoredRun,
  stressRun: StoredRun | null,
  tear: {
    regimes?: RegimeShading;
    benchmark?: TearsheetBenchmark;
    logScale?: boolean;
  },
): ReportSection[] {
  return [
    ...walkForwardSections(run, {
      ...tear,
      sharpeThreshold: PHASE1_THRESHOLDS.minSharpeEveryPeriod,
    }),
    ...(stressRun && stressRun !== run ? [stressNote(stressRun)] : []),
    ...((stressRun && windowSections(stressRun, STRESS_WINDOW_2020)) ??
      [missing(
        STRESS_WINDOW_2020.name,
        `The stored run ${run.manifest.runId} has no out-of-sample day in Feb–Apr 2020: its out-of-sample days run from ${
          run.oos.dates[0] ?? "-"
        } to ${
          run.oos.dates.at(-1) ?? "-"
        } (bars after the last whole test window are not tested).`,
        `deno task walkforward --symbol ${run.summary.symbol} --end-date 2020-04-17 --test-len 21 --stride 21`,
      )]),
  ];
}

function stressNote(r: StoredRun): ReportSection {
  const c = r.manifest.config as Record<string, unknown>;
  return {
    kind: "text",
    title: "2020 stress window: which run",
    text:
      `The long-history run's last whole test window ends before February 2020, so the stress window is read from run ${r.manifest.runId} (${r.summary.symbol}, out of sample ${
        r.oos.dates[0]
      } – ${r.oos.dates.at(-1)}, train ${c.train ?? "?"} / test ${
        c.test ?? "?"
      } / stride ${c.stride ?? "?"}).`,
  };
}

async function regimeSection(db: DbEngine, run: StoredRun) {
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
