/**
 * Sections over the tables of `deno task strategies`: `strategy_runs` (one
 * row per ensemble weighting method or regime-aware variant, out-of-sample metrics) and
 * `strategy_components` (each component's share of an ensemble's OOS P&L).
 *
 * @module
 */
import type { DbEngine } from "../data/mod.ts";
import { cell, fixed, pctCell } from "./_format.ts";
import type { ReportSection } from "./model.ts";
import {
  parseJson,
  readLatestStrategyRuns,
  readStrategyComponents,
  type StoredStrategyRun,
} from "../store/mod.ts";
import { missing } from "./_store_sections.ts";
import { dataSanityLine } from "./data_sanity_line.ts";

/** The DataSanity line of a stored strategies run (from its config). */
function sanityOf(row: { config_json?: unknown }): string {
  const cfg = parseJson<{ dataSanity?: unknown }>(row.config_json ?? null);
  return dataSanityLine(cfg?.dataSanity);
}

/** A drawdown cell as a positive percentage (report convention), null when missing. */
const ddCell = (v: unknown) =>
  v === null || v === undefined ? null : pctCell(Math.abs(Number(v)));

const span = (r: StoredStrategyRun) =>
  `${String(r.oos_start)} – ${String(r.oos_end)}, ${Number(r.days)} days in ${
    Number(r.folds)
  } folds`;

/**
 * Ensemble breakdown: OOS metrics per weighting method and each component's P&L share,
 * mean weight and own OOS Sharpe; a `missing` section naming `deno task strategies` when
 * nothing is stored.
 *
 * @param db The store.
 * @param symbol Symbol of the run.
 * @returns The sections.
 */
export async function ensembleSections(
  db: DbEngine,
  symbol: string,
): Promise<ReportSection[]> {
  const runs = await readLatestStrategyRuns(db, "ensemble", symbol);
  if (runs.length === 0) {
    return [missing(
      "Ensemble breakdown",
      `No ensemble run of ${symbol} is stored (table strategy_runs).`,
      `deno task strategies --symbol ${symbol}`,
    )];
  }
  const runId = String(runs[0].run_id);
  const comps = await readStrategyComponents(db, runId);
  const methods = runs.map((r) => String(r.name));
  const names = [...new Set(comps.map((c) => String(c.component)))];
  const find = (m: string, k: string) =>
    comps.find((c) => c.method === m && c.component === k);
  return [
    {
      kind: "table",
      title: `Ensemble breakdown: ${symbol} out of sample per weighting method`,
      columns: ["method", "Sharpe", "ann. return %", "max DD %", "total %"],
      rows: runs.map((r) => [
        String(r.name),
        cell(r.sharpe, 2),
        pctCell(r.annual_return),
        ddCell(r.max_drawdown),
        pctCell(r.total_return),
      ]),
      caption:
        `Run ${runId}: weights learned on each fold's training window only, applied to its test window (${
          span(runs[0])
        }); returns net of costs, Sharpe annualised with 252 days. ${
          sanityOf(runs[0])
        }.`,
    },
    {
      kind: "table",
      title: "Ensemble breakdown: component contributions (share of OOS P&L %)",
      columns: ["component", "own OOS Sharpe", ...methods.map((m) => `${m} %`)],
      rows: names.map((k) => [
        k,
        cell(comps.find((c) => c.component === k)?.oos_sharpe, 2),
        ...methods.map((m) => pctCell(find(m, k)?.share)),
      ]),
      caption:
        `Share = sum over OOS days of w_fold x component return / ensemble total. Mean weights: ${
          methods.map((m) =>
            `${m} ${
              names.map((k) => fixed(Number(find(m, k)?.mean_weight), 2)).join(
                "/",
              )
            }`
          ).join("; ")
        } (${names.join("/")}).`,
    },
  ];
}

/**
 * Regime-aware strategies vs the plain one: OOS metrics per variant, the Sharpe
 * difference to the plain strategy and the regime transitions over the OOS days; a
 * `missing` section naming `deno task strategies` when nothing is stored.
 *
 * @param db The store.
 * @param symbol Symbol of the run.
 * @returns The sections.
 */
export async function regimeStrategySections(
  db: DbEngine,
  symbol: string,
): Promise<ReportSection[]> {
  const runs = await readLatestStrategyRuns(db, "regime", symbol);
  const title = "Regime-aware strategies";
  if (runs.length === 0) {
    return [missing(
      title,
      `No regime-aware strategy run of ${symbol} is stored (table strategy_runs).`,
      `deno task strategies --symbol ${symbol}`,
    )];
  }
  const plain = runs.find((r) => r.regime_transitions === null);
  const base = plain ? Number(plain.sharpe) : NaN;
  const order = [...runs].sort((a, b) =>
    (a === plain ? -1 : 0) - (b === plain ? -1 : 0)
  );
  return [{
    kind: "table",
    title: `${title}: ${symbol} out of sample vs ${
      plain ? String(plain.name) : "the plain strategy"
    }`,
    columns: [
      "variant",
      "Sharpe",
      "Δ Sharpe",
      "ann. return %",
      "max DD %",
      "regime transitions",
    ],
    rows: order.map((r) => [
      String(r.name),
      cell(r.sharpe, 2),
      r === plain ? null : cell(Number(r.sharpe) - base, 2),
      pctCell(r.annual_return),
      ddCell(r.max_drawdown),
      r.regime_transitions === null ? null : Number(r.regime_transitions),
    ]),
    caption: `Run ${String(runs[0].run_id)} (${span(runs[0])}; ${
      sanityOf(runs[0])
    }). Volatility regimes are causal percentiles of the 21-day volatility; the HMM is fitted on each training window only and used through filtered (forward-only) probabilities. Scaled variants cut exposure in the stressed regime; switch variants pick per regime, on the training window, the best of momentum, z-score or flat.`,
  }];
}
