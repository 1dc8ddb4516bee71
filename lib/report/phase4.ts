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
import { cell, ddPct, fixed, pct, pctCell } from "./_format.ts";
import type { ReportModel, ReportSection } from "./model.ts";
import { performanceSections, summarizePerformance } from "./performance.ts";
import type { PhaseOptions } from "./phase1.ts";
import { regimeLabels, regimeRows } from "./_regime_breakdown.ts";
import { loadRunContext } from "./_run_context.ts";
import {
  parseJson,
  readLatestPortfolio,
  readLatestStress,
  type StoredPortfolioRow,
  type StoredStressRow,
} from "../store/mod.ts";
import { readCloses } from "./_closes.ts";
import { missing, stressSections } from "./_store_sections.ts";
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
      "No walk-forward run stored yet.",
      `deno task walkforward --symbol ${options.symbol ?? "SP500"}`,
    )]),
  );
  sections.push(
    ...(await regimeStrategySections(
      db,
      run?.summary.symbol ?? options.symbol ?? "SP500",
    )),
  );
  const portfolio = await readLatestPortfolio(db);
  sections.push(...portfolioSections(portfolio));
  sections.push(...(run ? varSections(run) : []));
  const stress = await readLatestStress(db);
  sections.push(...(await stressSections(db)));
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
  const best =
    [...portfolio].sort((a, b) =>
      Number(b.sharpe ?? -Infinity) - Number(a.sharpe ?? -Infinity)
    )[0];
  const pnl = stress.map((r) => Number(r.pnl)).filter(Number.isFinite);
  const worst = stress.find((r) => Number(r.pnl) === Math.min(...pnl));
  return {
    kind: "headline",
    title: "Risk and allocation",
    cards: [
      { label: "1-day VaR 99% (loss)", value: s ? ddPct(s.var99) : "no run" },
      { label: "1-day CVaR 99% (loss)", value: s ? ddPct(s.cvar99) : "no run" },
      {
        label: "Best allocation (Sharpe)",
        value: best
          ? `${String(best.method)} ${fixed(Number(best.sharpe))}`
          : "not stored",
      },
      {
        label: "Worst stress scenario",
        value: worst
          ? `${String(worst.scenario)} ${pct(Number(worst.pnl))}`
          : "not stored",
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
  const out: ReportSection[] = [{
    kind: "table",
    title: `${title}: walk-forward allocation, run ${
      String(rows[0].run_id)
    } on ${String(rows[0].symbols)}`,
    columns: [
      "method",
      "out-of-sample",
      "days",
      "annual return %",
      "annual vol %",
      "Sharpe",
      "max DD %",
      "annual turnover",
      "rebalances",
      "final weights",
    ],
    rows: rows.map((r) => [
      String(r.method),
      `${String(r.oos_start)} – ${String(r.oos_end)}`,
      cell(r.days, 0),
      pctCell(r.annual_return),
      pctCell(r.annual_volatility),
      cell(r.sharpe, 2),
      pctCell(
        r.max_drawdown === null ? null : Math.abs(Number(r.max_drawdown)),
      ),
      cell(r.annual_turnover, 2),
      cell(r.rebalances, 0),
      weightsText(String(r.symbols), r.final_weights_json),
    ]),
    caption:
      `Covariances shrunk (Ledoit-Wolf) on each trailing window; weights decided at a close are held from the next day; costs on turnover. ${
        dataSanityLine(
          parseJson<{ dataSanity?: unknown }>(rows[0].config_json)?.dataSanity,
        )
      }.`,
  }];
  for (const r of rows) {
    const hist = parseJson<WeightsPoint[]>(r.weights_history_json) ?? [];
    if (hist.length === 0) continue;
    out.push({
      kind: "figure",
      title: `${String(r.method)}: allocation weights over time`,
      svg: weightsFigure(String(r.symbols).split(","), hist, {
        endDate: String(r.oos_end),
      }),
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
    s.kind === "figure" && s.title.includes("distribution") ||
    s.kind === "table"
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

/** "SP500 75.2%, AAPL 24.8%" from the symbols and a weights JSON array. */
function weightsText(symbols: string, json: unknown): string {
  const w = parseJson<number[]>(json) ?? [];
  return symbols.split(",").map((s, j) =>
    `${s} ${Number.isFinite(w[j]) ? (w[j] * 100).toFixed(1) : "?"}%`
  ).join(", ");
}
