/**
 * The universe report (`deno task report universe`): a multi-symbol run's per-symbol
 * out-of-sample Sharpe ratios as a distribution against what N symbols with no edge
 * would show, and the top and bottom symbols with their probabilistic and deflated
 * Sharpe for N = the universe's size.
 *
 * @module
 */
import type { RunManifest } from "../_shared/types.ts";
import type { DbEngine } from "../data/mod.ts";
import { kurtosis, skewness } from "../metrics/mod.ts";
import {
  listRuns,
  loadRun,
  loadSymbolRun,
  loadUniverseRows,
} from "../store/mod.ts";
import { STATS_CONVENTION } from "./conventions.ts";
import { dataSanityLine } from "./data_sanity_line.ts";
import { cell, fixed, pct, pctCell } from "./_format.ts";
import { COLORS, Plot, plotSvg, responsive } from "./_plot.ts";
import type { ReportModel, ReportSection } from "./model.ts";
import { missing } from "./_store_sections.ts";
import {
  type RankedSymbol,
  summariseUniverse,
  type UniverseSummary,
} from "./universe_summary.ts";

/** How to run a universe so the report has something to show. */
export const UNIVERSE_COMMAND =
  "deno task multi-symbol --universe NAME (deno task universe add NAME A,B,C)";

/** Options of {@linkcode buildUniverseReport}. */
export interface UniverseReportOptions {
  /** The multi-symbol run. @default the newest */
  readonly runId?: string;
  /** Rows of the top and bottom tables. @default 10 */
  readonly top?: number;
  /** ISO instant of the report. @default now */
  readonly generatedAt?: string;
}

/**
 * Histogram of the per-symbol Sharpe ratios, with the zero line and the expected best of
 * N zero-edge symbols marked.
 *
 * @param sharpe Per-symbol annualised Sharpe ratios.
 * @param nullMax The expected maximum under the null (see `summariseUniverse`).
 * @returns HTML holding the SVG.
 */
export function sharpeDistributionFigure(
  sharpe: readonly number[],
  nullMax: number,
): string {
  const rows = sharpe.filter(Number.isFinite).map((s) => ({ s }));
  const rules = [
    { x: 0, label: "no edge", color: COLORS.second },
    {
      x: nullMax,
      label: `best of ${rows.length} with no edge: ${fixed(nullMax)}`,
      color: COLORS.loss,
    },
  ].filter((r) => Number.isFinite(r.x));
  return responsive(
    "Out-of-sample Sharpe ratio per symbol",
    (size) =>
      plotSvg(size, {
        height: Math.round(size.width * 0.4),
        x: { label: "Out-of-sample Sharpe (annualised)" },
        y: { label: "Symbols", grid: true },
        marks: [
          Plot.rectY(rows, {
            ...Plot.binX({ y: "count" }, { x: "s", thresholds: 40 }),
            fill: COLORS.line,
            fillOpacity: 0.8,
          }),
          Plot.ruleX(rules, { x: "x", stroke: "color", strokeWidth: 2 }),
          // labels inside the plot: right of the zero rule, left of the null's maximum
          ...rules.map((r, k) =>
            Plot.text([r], {
              x: "x",
              text: "label",
              frameAnchor: "top",
              dy: 4 + 14 * k,
              dx: k === 0 ? 4 : -4,
              textAnchor: k === 0 ? "start" : "end",
              fill: "color",
            })
          ),
          Plot.ruleY([0]),
        ],
      }),
  );
}

function rankTable(
  title: string,
  rows: readonly RankedSymbol[],
  n: number,
): ReportSection {
  return {
    kind: "table",
    title,
    columns: [
      "symbol",
      "Sharpe",
      "PSR %",
      `DSR % (N = ${n})`,
      "total return %",
      "max DD %",
      "OOS days",
    ],
    rows: rows.map((r) => [
      r.symbol,
      cell(r.sharpe, 2),
      pctCell(r.psr, 1),
      pctCell(r.dsr, 1),
      pctCell(r.totalReturn),
      pctCell(Math.abs(r.maxDrawdown)),
      r.oosDays,
    ]),
    caption:
      "PSR: probability that the true Sharpe is above 0 given the track's length, skewness and kurtosis. DSR: probability that it is above the expected maximum Sharpe of N zero-edge symbols (Bailey & Lopez de Prado 2014), N = the symbols that ran and the variance of their Sharpe ratios.",
  };
}

/**
 * The report model of a summary (pure).
 *
 * @param s The summary (`summariseUniverse`).
 * @param sharpe Every symbol's Sharpe ratio (the histogram).
 * @param manifest The run's manifest.
 * @param generatedAt ISO instant.
 * @returns The model.
 */
export function universeReportModel(
  s: UniverseSummary,
  sharpe: readonly number[],
  manifest: RunManifest,
  generatedAt: string,
): ReportModel {
  const beat = sharpe.filter((x) => x > s.nullMax).length;
  return {
    title: "Universe walk-forward",
    subtitle: `${s.n} symbols (${s.failed} could not run), ${
      Math.round(s.days)
    } out-of-sample days each (median); run ${manifest.runId}`,
    generatedAt,
    kind: "universe",
    conventions: [
      "Each symbol: the same walk-forward, out of sample only (positions decided at the close of t earn t -> t+1, costs in bps of turnover).",
      STATS_CONVENTION,
      `${dataSanityLine(manifest.config.dataSanity)}.`,
    ],
    sections: [
      {
        kind: "headline",
        title: "Universe",
        cards: [
          { label: "Symbols", value: String(s.n) },
          { label: "Median Sharpe", value: fixed(s.sharpe.median) },
          { label: "Best Sharpe", value: fixed(s.sharpe.max) },
          { label: `Best of ${s.n} with no edge`, value: fixed(s.nullMax) },
          { label: "Positive", value: pct(s.positive, 0) },
        ],
      },
      {
        kind: "text",
        title: "Multiple testing",
        text:
          `With ${s.n} symbols, the best out-of-sample Sharpe says little on its own: if none had any edge, each Sharpe over ${
            Math.round(s.days)
          } days would still scatter with a standard deviation of about ${
            fixed(s.nullStd)
          } around 0, and the best of ${s.n} such draws would be expected near ${
            fixed(s.nullMax)
          }. Here ${beat} symbol${
            beat === 1 ? "" : "s"
          } beat that, the spread across symbols is ${
            fixed(s.sharpe.std)
          } (null: ${fixed(s.nullStd)}) and ${
            pct(s.positive, 0)
          } of the symbols are positive. Judge a symbol by its deflated Sharpe (DSR), which discounts the ${s.n} tries.`,
      },
      {
        kind: "figure",
        title: "Distribution of the per-symbol Sharpe ratio",
        svg: sharpeDistributionFigure(sharpe, s.nullMax),
        caption: `Quartiles ${fixed(s.sharpe.q25)} / ${
          fixed(s.sharpe.median)
        } / ${
          fixed(s.sharpe.q75)
        }; the red rule is the expected maximum of ${s.n} zero-edge Sharpe ratios.`,
      },
      rankTable(`Top ${s.top.length}`, s.top, s.n),
      rankTable(`Bottom ${s.bottom.length}`, s.bottom, s.n),
    ],
    manifest,
  };
}

/**
 * Build the universe report of the newest (or a given) multi-symbol run from the store:
 * the per-symbol figures from `symbol_runs`, the skewness and kurtosis of the ranked
 * symbols' out-of-sample returns from `symbol_oos`.
 *
 * @param db The store.
 * @param options Run, table size, time.
 * @returns The model (a "missing" section naming the command when no run is stored).
 */
export async function buildUniverseReport(
  db: DbEngine,
  options: UniverseReportOptions = {},
): Promise<ReportModel> {
  const generatedAt = options.generatedAt ?? new Date().toISOString();
  const runId = options.runId ??
    (await listRuns(db)).find((r) => r.kind === "multi-symbol")?.runId;
  const rows = runId ? await loadUniverseRows(db, runId) : [];
  if (!runId || rows.length === 0) {
    return {
      title: "Universe walk-forward",
      subtitle: "No universe run stored",
      generatedAt,
      kind: "universe",
      sections: [
        missing(
          "Universe",
          "No multi-symbol run stored yet.",
          UNIVERSE_COMMAND,
        ),
      ],
      manifest: null,
    };
  }
  const ok = rows.filter((r) => r.error === null);
  const first = summariseUniverse(ok, {
    top: options.top,
    failed: rows.length - ok.length,
  });
  const ranked = new Set([...first.top, ...first.bottom].map((r) => r.symbol));
  const moments = new Map<string, { skew: number; excessKurtosis: number }>();
  for (const symbol of ranked) {
    const r = (await loadSymbolRun(db, runId, symbol)).oos.returns;
    const [sk, ku] = [skewness(r), kurtosis(r)];
    moments.set(symbol, {
      skew: Number.isFinite(sk) ? sk : 0,
      excessKurtosis: Number.isFinite(ku) ? ku : 0,
    });
  }
  const s = summariseUniverse(
    ok.map((r) => ({ ...r, ...moments.get(r.symbol) })),
    { top: options.top, failed: rows.length - ok.length },
  );
  const manifest = (await loadRun(db, runId)).manifest;
  return universeReportModel(s, ok.map((r) => r.sharpe), manifest, generatedAt);
}
