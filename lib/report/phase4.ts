/**
 * Phase 4 report, "advanced": regime-aware view of the strategy, portfolio optimisation
 * (stored `portfolio_runs`), VaR with its backtest (Kupiec / Christoffersen) and stress
 * tests.
 *
 * @module
 */
import type { DbEngine } from "../data/mod.ts";
import { rollingVar, varBacktest } from "../risk/mod.ts";
import type { StoredRun } from "../store/mod.ts";
import { conventions } from "./conventions.ts";
import { equityFigure } from "./equity_figure.ts";
import { cell, ddPct, fixed, pctCell } from "./_format.ts";
import type { ReportModel, ReportSection } from "./model.ts";
import { performanceSections, summarizePerformance } from "./performance.ts";
import type { PhaseOptions } from "./phase1.ts";
import { regimeLabels, regimeRows } from "./_regime_breakdown.ts";
import { loadRunContext } from "./_run_context.ts";
import {
  parseJson,
  readLatestPortfolioRuns,
  readLatestStress,
  type StoredPortfolioRow,
  type StoredStressRow,
} from "../store/mod.ts";
import { readCloses } from "./_closes.ts";
import { missing, stressSections } from "./_store_sections.ts";
import { stressTable } from "./stress_table.ts";
import { allocationCaveat, largestWeights } from "./allocation_text.ts";
import { regimeStrategySections } from "./_strategy_runs.ts";
import { weightsFigure, type WeightsPoint } from "./weights_figure.ts";
import { dataSanityLine } from "./data_sanity_line.ts";

/**
 * Build the Phase 4 report.
 *
 * @param db The store.
 * @param options Symbol / run id, generation time.
 * @returns The report model.
 */
export async function buildPhase4(
  db: DbEngine,
  options: PhaseOptions = {},
): Promise<ReportModel> {
  const t0 = performance.now();
  const ctx = await loadRunContext(db, options);
  const run = ctx.main;
  const sections: ReportSection[] = [];
  sections.push(
    ...(run ? await regimeSections(db, run) : [missing(
      "Regime-aware view",
      `No walk-forward run${ctx.symbol ? ` of ${ctx.symbol}` : ""} stored yet.`,
      `deno task walkforward --symbol ${ctx.symbol ?? "SP500"}`,
    )]),
  );
  sections.push(
    ...(await regimeStrategySections(
      db,
      run?.summary.symbol ?? ctx.symbol ?? "SP500",
    )),
  );
  const scoped = ctx.symbol ? { symbol: ctx.symbol } : {};
  const portfolio = await readLatestPortfolioRuns(db, scoped);
  sections.push(...portfolioSections(portfolio));
  sections.push(...(run ? varSections(run) : []));
  const stress = await readLatestStress(db, scoped);
  sections.push(...(await stressSections(db, ctx.symbol)));
  sections.unshift(headline(run, portfolio, stress));
  return {
    title: "Phase 4: regimes, portfolio optimisation, VaR and stress",
    subtitle: run
      ? `${run.summary.symbol} out of sample ${run.oos.dates[0]} – ${
        run.oos.dates.at(-1)
      }`
      : "no walk-forward run stored",
    generatedAt: options.generatedAt ?? new Date().toISOString(),
    kind: "phase4",
    scope: ctx.scopeNote,
    conventions: conventions({ backtest: true }),
    sections,
    manifest: {
      report: "phase4",
      run: run?.manifest ?? null,
      portfolioRun: portfolio[0]?.run_id ?? null,
      portfolioConfig: parseJson(portfolio[0]?.config_json ?? null),
      portfolioDataHash: portfolio[0]?.data_hash ?? null,
      timings: { reportSeconds: (performance.now() - t0) / 1000 },
    },
  };
}

function headline(
  run: StoredRun | null,
  portfolio: readonly StoredPortfolioRow[],
  stress: readonly StoredStressRow[],
): ReportSection {
  const s = run ? summarizePerformance(run.oos.returns) : null;
  const st = stressTable(stress);
  const allocation = byRun(portfolio).slice(0, 3).map((rows) => {
    const best = [...rows].sort((a, b) =>
      Number(b.sharpe ?? -Infinity) - Number(a.sharpe ?? -Infinity)
    )[0];
    return {
      label: `Best allocation (Sharpe), ${runLabel(best)}`,
      value: `${best.method} ${fixed(Number(best.sharpe))}`,
    };
  });
  return {
    kind: "headline",
    title: "Risk and allocation",
    cards: [
      { label: "1-day VaR 99% (loss)", value: s ? ddPct(s.var99) : "no run" },
      { label: "1-day CVaR 99% (loss)", value: s ? ddPct(s.cvar99) : "no run" },
      ...(allocation.length
        ? allocation
        : [{ label: "Best allocation (Sharpe)", value: "not stored" }]),
      {
        label:
          `Worst stress scenario (of ${st.rows.length} run, ${st.notRun.length} not run)`,
        value: st.worst || (stress.length ? "none ran" : "not stored"),
      },
    ],
  };
}

async function regimeSections(
  db: DbEngine,
  run: StoredRun,
): Promise<ReportSection[]> {
  const sym = run.summary.symbol ?? "";
  const closes = await readCloses(db, sym);
  if (!closes) {
    return [missing(
      "Regime-aware view",
      `The bars of ${sym} are not in the store, so volatility regimes cannot be computed.`,
      `deno task ingest (or deno task demo) to load ${sym}`,
    )];
  }
  const shading = regimeLabels(closes, run.oos.dates);
  let switches = 0;
  for (let i = 1; i < shading.labels.length; i++) {
    if (
      shading.labels[i] >= 0 && shading.labels[i - 1] >= 0 &&
      shading.labels[i] !== shading.labels[i - 1]
    ) switches++;
  }
  return [
    {
      kind: "figure",
      title: `${sym}: out-of-sample equity by volatility regime`,
      svg: equityFigure(run.oos, {
        regimes: shading,
        label: `${sym} equity with regime shading`,
      }),
      caption:
        "Background: green low, grey normal, red high volatility (21-day volatility ranked over the past 252 days, data up to t). Drawdown below as a positive percentage.",
    },
    {
      kind: "table",
      title:
        `${sym}: strategy statistics per regime (${switches} regime changes)`,
      columns: ["regime", "days", "share %", "return %", "Sharpe", "max DD %"],
      rows: regimeRows(run.oos.returns, shading),
    },
  ];
}

/** A run's rows grouped (one group per run, newest first as read). */
function byRun(
  rows: readonly StoredPortfolioRow[],
): StoredPortfolioRow[][] {
  const runs = new Map<string, StoredPortfolioRow[]>();
  for (const r of rows) runs.set(r.run_id, [...(runs.get(r.run_id) ?? []), r]);
  return [...runs.values()];
}

/** "2 assets, daily (two-asset run)", "30 assets, daily", "5 assets, monthly". */
function runLabel(r: StoredPortfolioRow): string {
  const n = String(r.symbols).split(",").length;
  const ppy = Number(r.periods_per_year ?? 252);
  const freq = ppy === 252
    ? "daily"
    : ppy === 12
    ? "monthly"
    : `${ppy} periods a year`;
  return `${n} assets, ${freq}${n <= 2 ? " (two-asset run)" : ""}`;
}

function portfolioSections(
  rows: readonly StoredPortfolioRow[],
): ReportSection[] {
  const title = "Portfolio optimisation";
  if (rows.length === 0) {
    return [
      missing(
        title,
        "No portfolio run stored yet (table portfolio_runs).",
        "deno task portfolio --symbols SP500,AAPL",
      ),
    ];
  }
  return byRun(rows).flatMap((run) => runSections(title, run));
}

function runSections(
  title: string,
  rows: readonly StoredPortfolioRow[],
): ReportSection[] {
  const r0 = rows[0];
  const symbols = String(r0.symbols).split(",");
  const ppy = Number(r0.periods_per_year ?? 252);
  const names = symbols.length > 8
    ? `${symbols.length} assets (${symbols.slice(0, 3).join(", ")}, ...)`
    : symbols.join(", ");
  const caveat = allocationCaveat(symbols.length);
  const out: ReportSection[] = [{
    kind: "table",
    title: `${title}: ${runLabel(r0)}, walk-forward allocation on ${names}`,
    columns: [
      { title: "method" },
      { title: "OOS from" },
      { title: "OOS to" },
      { title: "periods", format: "int" },
      { title: "annual return", format: "pct" },
      { title: "annual vol", format: "pct" },
      { title: "Sharpe", format: "ratio" },
      { title: "max DD", format: "pct" },
      { title: "turnover / yr", format: "pct" },
      { title: "rebalances", format: "int" },
      { title: "largest final weights" },
    ],
    rows: rows.map((r) => [
      String(r.method),
      String(r.oos_start),
      String(r.oos_end),
      Number(r.days),
      Number(r.annual_return ?? NaN),
      Number(r.annual_volatility ?? NaN),
      Number(r.sharpe ?? NaN),
      Math.abs(Number(r.max_drawdown ?? NaN)),
      Number(r.annual_turnover ?? NaN),
      Number(r.rebalances),
      largestWeights(symbols, parseJson<number[]>(r.final_weights_json) ?? []),
    ]),
    caption: `Run ${r0.run_id}. ${
      caveat ? `${caveat[0].toUpperCase()}${caveat.slice(1)}. ` : ""
    }Annual figures from ${ppy} periods a year; covariances shrunk (Ledoit-Wolf) on each trailing window; weights decided at a close are held from the next period; costs on turnover; max DD a positive loss. ${
      dataSanityLine(
        parseJson<{ dataSanity?: unknown }>(r0.config_json)?.dataSanity,
      )
    }.`,
  }];
  const best =
    [...rows].sort((a, b) =>
      Number(b.sharpe ?? -Infinity) - Number(a.sharpe ?? -Infinity)
    )[0];
  const hist = parseJson<WeightsPoint[]>(best.weights_history_json) ?? [];
  if (hist.length > 0 && symbols.length <= 8) {
    out.push({
      kind: "figure",
      title: `${runLabel(r0)}: ${best.method} (best Sharpe) weights over time`,
      svg: weightsFigure(symbols, hist, { endDate: String(best.oos_end) }),
      caption:
        "Each band is one symbol's weight in percent of capital, labelled at the right edge.",
    });
  }
  return out;
}

function varSections(run: StoredRun): ReportSection[] {
  const r = run.oos.returns;
  const sym = run.summary.symbol ?? "";
  const perf = performanceSections(`${sym} out-of-sample`, run.oos);
  const dist = perf.filter((s) =>
    s.title.endsWith("daily return distribution") ||
    s.title.endsWith("value at risk (historical, 1 day)")
  );
  const window = Math.min(250, Math.floor(r.length / 2));
  if (window < 20) return dist;
  const rows = (["historical", "normal", "cornish-fisher"] as const).map(
    (method) => {
      const f = rollingVar(r, { method, confidence: 0.99, window });
      const bt = varBacktest(r, f, 0.99);
      return [
        method,
        bt.observations,
        bt.breaches,
        pctCell(bt.breachRate),
        pctCell(bt.expectedRate),
        cell(bt.kupiecPValue, 4),
        cell(bt.christoffersenPValue, 4),
      ];
    },
  );
  return [...dist, {
    kind: "table",
    title:
      `${sym}: VaR backtest of 1-day 99% forecasts (trailing ${window} days)`,
    columns: [
      "method",
      "days",
      "breaches",
      "breach rate %",
      "expected %",
      "Kupiec p",
      "Christoffersen p",
    ],
    rows,
    caption:
      "Forecast for day t uses returns before t only; small p-values (< 0.05) reject the VaR model.",
  }];
}
