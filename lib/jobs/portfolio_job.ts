/**
 * The portfolio job: an out-of-sample walk-forward of allocation rules on the common
 * dates of the store's daily closes (or a seeded synthetic basket), one `portfolio_runs`
 * row per method.
 *
 * @module
 */
import { hashColumns } from "../_shared/hash.ts";
import { makeRunId, runKey } from "../_shared/manifest.ts";
import type { Bars, Matrix } from "../_shared/types.ts";
import {
  type DbEngine,
  ensureSampleData,
  generateSynthetic,
  loadPanel,
  panelBars,
} from "../data/mod.ts";
import {
  ALLOCATION_METHODS,
  type AllocationMethod,
  walkForwardAllocation,
  type WalkForwardAllocationResult,
} from "../portfolio/mod.ts";
import { panelReturns, pricePanel } from "../risk/mod.ts";
import {
  type DataSanityRecord,
  gateBars,
  type SanityPolicy,
  uncheckedRecord,
} from "./data_sanity_gate.ts";
import {
  type PortfolioRunRow,
  portfolioRunRow,
  savePortfolioRun,
} from "../store/mod.ts";

/** A complete portfolio job. */
export interface PortfolioJobConfig {
  /** Assets in the store (ignored with `synthetic`). */
  readonly symbols: readonly string[];
  /** One method or `"all"`. */
  readonly method: AllocationMethod | "all";
  /** Returns each estimate looks back on. */
  readonly lookback: number;
  /** Days between rebalances. */
  readonly rebalance: number;
  /** Bps of turnover. */
  readonly costBps: number;
  /** Trade only when a weight moved more than this. */
  readonly threshold?: number;
  readonly shrinkage: "constant-correlation" | "identity" | "none";
  readonly maxWeight: number;
  /** A seeded synthetic basket of this many correlated assets instead of the store. */
  readonly synthetic?: number;
  /** Days of the synthetic basket. */
  readonly days: number;
  /** Seed of the synthetic basket. */
  readonly seed: number;
  /** The DataSanity gate over the store's bars. @default STRICT */
  readonly sanity?: SanityPolicy;
}

/** What a portfolio job returns. */
export interface PortfolioJobResult {
  readonly runId: string;
  readonly symbols: string[];
  /** One per method, in method order. */
  readonly methods: { method: string; result: WalkForwardAllocationResult }[];
  /** The stored rows. */
  readonly rows: PortfolioRunRow[];
  /** What the DataSanity gate did with the bars. */
  readonly dataSanity: DataSanityRecord;
}

async function loadInputs(
  db: DbEngine,
  cfg: PortfolioJobConfig,
): Promise<{ bars: Bars[]; record: DataSanityRecord }> {
  if (cfg.synthetic !== undefined) {
    const symbols = Array.from(
      { length: cfg.synthetic },
      (_, i) => `SYN${i + 1}`,
    );
    const bars = generateSynthetic({
      symbols,
      days: cfg.days,
      seed: cfg.seed,
      correlation: 0.3,
    });
    return { bars, record: uncheckedRecord("a seeded synthetic basket") };
  }
  await ensureSampleData(db);
  const panel = await loadPanel(db, cfg.symbols);
  const dates = new Map<number, string>();
  const bars = panel.symbols.map((_, i) => panelBars(panel, i, dates));
  return await gateBars(db, bars, cfg.sanity);
}

/** Daily returns on the common dates, without row 0 (no previous close). */
function returnsOf(
  bars: Bars[],
): { R: Matrix; dates: string[]; symbols: string[] } {
  const panel = pricePanel(bars);
  const { returns, dates } = panelReturns(panel);
  const N = returns.cols;
  const R = {
    data: returns.data.subarray(N),
    rows: Math.max(0, returns.rows - 1),
    cols: N,
  };
  return { R, dates: dates.slice(1), symbols: [...panel.symbols] };
}

/**
 * Run and store one allocation walk-forward per method.
 *
 * @param db The store.
 * @param cfg The complete job config.
 * @returns The run id, the per-method results and the stored rows.
 */
export async function runPortfolioJob(
  db: DbEngine,
  cfg: PortfolioJobConfig,
): Promise<PortfolioJobResult> {
  const started = new Date().toISOString();
  const { bars, record } = await loadInputs(db, cfg);
  const { R, dates, symbols } = returnsOf(bars);
  if (R.rows <= cfg.lookback + 1) {
    throw new RangeError(
      `Too little data: ${
        symbols.join(",")
      } share ${R.rows} daily returns; --lookback ${cfg.lookback} needs more than ${
        cfg.lookback + 1
      }`,
    );
  }
  const methods = cfg.method === "all" ? ALLOCATION_METHODS : [cfg.method];
  const dataHash = hashColumns(bars.flatMap((b) => [b.dates, b.close]));
  const runId = makeRunId("portfolio", started, runKey(cfg, dataHash));
  const out: PortfolioJobResult["methods"] = [];
  const rows: PortfolioRunRow[] = [];
  for (const method of methods) {
    const result = walkForwardAllocation(R, dates, {
      method,
      lookback: cfg.lookback,
      rebalanceEvery: cfg.rebalance,
      costBps: cfg.costBps,
      thresholdWeight: cfg.threshold,
      shrinkage: cfg.shrinkage,
      maxWeight: cfg.maxWeight,
    });
    out.push({ method, result });
    rows.push(
      portfolioRunRow(result, {
        runId,
        method,
        symbols,
        config: { ...cfg, dataSanity: record },
        dataHash,
      }),
    );
  }
  await savePortfolioRun(db, rows, started);
  return { runId, symbols, methods: out, rows, dataSanity: record };
}
