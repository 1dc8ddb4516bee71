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
  type WalkForwardAllocationOptions,
  type WalkForwardAllocationResult,
} from "../portfolio/mod.ts";
import { inferPeriodsPerYear } from "../metrics/mod.ts";
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
  /**
   * Periods a year of the data (252 daily, 12 monthly); omitted: inferred from the
   * dates (median gap) and recorded.
   */
  readonly periodsPerYear?: number;
  /** The DataSanity gate over the store's bars. @default STRICT */
  readonly sanity?: SanityPolicy;
}

/** What a portfolio job returns. */
export interface PortfolioJobResult {
  readonly runId: string;
  readonly symbols: string[];
  /** Periods a year the figures are annualised with (given or inferred). */
  readonly periodsPerYear: number;
  /** Whether `periodsPerYear` was inferred from the dates. */
  readonly periodsInferred: boolean;
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

/**
 * Daily returns on the common dates of the bars, without row 0 (no previous close).
 *
 * @param bars Every asset's bars.
 * @returns The returns (T x N), their dates and the assets.
 */
export function portfolioReturns(
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

/** A portfolio job's checked input. */
export interface PortfolioInputs {
  readonly bars: Bars[];
  readonly record: DataSanityRecord;
  readonly R: Matrix;
  readonly dates: string[];
  readonly symbols: string[];
  readonly periodsPerYear: number;
  /** The methods that run, in method order. */
  readonly methods: readonly AllocationMethod[];
}

/**
 * The walk-forward options of one method of the job.
 *
 * @param cfg The job.
 * @param method The allocation method.
 * @param periodsPerYear Periods a year (given or inferred).
 * @returns The options of `walkForwardAllocation`.
 */
export function allocationOptions(
  cfg: PortfolioJobConfig,
  method: AllocationMethod,
  periodsPerYear: number,
): WalkForwardAllocationOptions {
  return {
    method,
    lookback: cfg.lookback,
    rebalanceEvery: cfg.rebalance,
    costBps: cfg.costBps,
    thresholdWeight: cfg.threshold,
    shrinkage: cfg.shrinkage,
    maxWeight: cfg.maxWeight,
    periodsPerYear,
  };
}

/**
 * The job's returns from its bars (checked to hold more than a lookback), its periods a
 * year and its methods.
 *
 * @param cfg The job.
 * @param bars Every asset's bars (through the gate).
 * @param record What the gate did.
 * @returns The inputs.
 */
export function portfolioInputs(
  cfg: PortfolioJobConfig,
  bars: Bars[],
  record: DataSanityRecord,
): PortfolioInputs {
  const { R, dates, symbols } = portfolioReturns(bars);
  if (R.rows <= cfg.lookback + 1) {
    throw new RangeError(
      `Too little data: ${
        symbols.join(",")
      } share ${R.rows} daily returns; --lookback ${cfg.lookback} needs more than ${
        cfg.lookback + 1
      }`,
    );
  }
  return {
    bars,
    record,
    R,
    dates,
    symbols,
    periodsPerYear: cfg.periodsPerYear ?? inferPeriodsPerYear(dates),
    methods: cfg.method === "all" ? ALLOCATION_METHODS : [cfg.method],
  };
}

/**
 * Load the job's bars (through the gate) and its returns.
 *
 * @param db The store.
 * @param cfg The job.
 * @returns The inputs.
 */
export async function preparePortfolio(
  db: DbEngine,
  cfg: PortfolioJobConfig,
): Promise<PortfolioInputs> {
  const { bars, record } = await loadInputs(db, cfg);
  return portfolioInputs(cfg, bars, record);
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
  const inputs = await preparePortfolio(db, cfg);
  const methods = inputs.methods.map((method) => ({
    method,
    result: walkForwardAllocation(
      inputs.R,
      inputs.dates,
      allocationOptions(cfg, method, inputs.periodsPerYear),
    ),
  }));
  return await storePortfolio(db, cfg, started, inputs, methods);
}

/**
 * Store a portfolio job's walk-forwards, one `portfolio_runs` row per method, in one
 * transaction.
 *
 * @param db The store.
 * @param cfg The job.
 * @param started ISO instant the run started.
 * @param inputs The job's inputs.
 * @param methods Each method's walk-forward, in method order.
 * @returns What {@linkcode runPortfolioJob} returns.
 */
export async function storePortfolio(
  db: DbEngine,
  cfg: PortfolioJobConfig,
  started: string,
  inputs: PortfolioInputs,
  methods: PortfolioJobResult["methods"],
): Promise<PortfolioJobResult> {
  const { bars, record, symbols, periodsPerYear } = inputs;
  const dataHash = hashColumns(bars.flatMap((b) => [b.dates, b.close]));
  const runId = makeRunId("portfolio", started, runKey(cfg, dataHash));
  const rows = methods.map(({ method, result }) =>
    portfolioRunRow(result, {
      runId,
      method,
      symbols,
      config: { ...cfg, periodsPerYear, dataSanity: record },
      dataHash,
      periodsPerYear,
    })
  );
  await savePortfolioRun(db, rows, started);
  return {
    runId,
    symbols,
    periodsPerYear,
    periodsInferred: cfg.periodsPerYear === undefined,
    methods,
    rows,
    dataSanity: record,
  };
}
