/**
 * The strategies job of `deno task strategies`: load one symbol's bars, run the
 * walk-forward research of lib/strategies (`runEnsembles` per weighting method, then
 * `runRegimeVariants` on the same folds), and store one `strategy_runs` row per method
 * or variant and one `strategy_components` row per ensemble component.
 *
 * @module
 */
import { hashColumns } from "../_shared/hash.ts";
import { makeRunId, runKey } from "../_shared/manifest.ts";
import type { Bars } from "../_shared/types.ts";
import { type DbEngine, ensureSampleData, loadBars } from "../data/mod.ts";
import {
  saveStrategiesRun,
  type StrategyComponentRow,
  strategyComponentRow,
  type StrategyRunRow,
  strategyRunRow,
} from "../store/mod.ts";
import {
  type ComponentSummary,
  type EnsembleRun,
  HMM_SCALES,
  type RegimeOutcome,
  runEnsembles,
  runRegimeVariants,
  type StrategyRunSummary,
  VOL_SCALES,
} from "../strategies/mod.ts";
import { codeVersion } from "./code_version.ts";
import {
  type DataSanityRecord,
  gateBars,
  type SanityPolicy,
} from "./data_sanity_gate.ts";

/** A complete strategies job. */
export interface StrategiesJobConfig {
  readonly symbol: string;
  readonly startDate?: string;
  readonly endDate?: string;
  /** Training rows per fold. */
  readonly trainLen: number;
  /** Test rows per fold. */
  readonly testLen: number;
  /** Bps per unit of turnover. */
  readonly costBps: number;
  /** The DataSanity gate. @default STRICT */
  readonly sanity?: SanityPolicy;
}

/** What the walk-forward research found, ready to store. */
export interface StrategiesResearch {
  /** One summary per ensemble method, then per regime variant. */
  readonly summaries: StrategyRunSummary[];
  /** Every method's component contributions. */
  readonly components: ComponentSummary[];
  /** The settings that are not flags (components, regime scales), for the manifest. */
  readonly settings: Readonly<Record<string, unknown>>;
}

/** What a strategies job returns. */
export interface StrategiesJobResult extends StrategiesResearch {
  readonly runId: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly runs: StrategyRunRow[];
  readonly componentRows: StrategyComponentRow[];
}

/**
 * Run the research on the symbol's stored bars (built-in samples loaded first) and store
 * it in one transaction.
 *
 * @param db The store.
 * @param cfg The complete job config.
 * @returns Run id, stored rows and the research.
 */
export async function runStrategiesJob(
  db: DbEngine,
  cfg: StrategiesJobConfig,
): Promise<StrategiesJobResult> {
  const prepared = await prepareStrategies(db, cfg);
  const found = strategiesResearch(prepared.bars, cfg);
  return await storeStrategies(db, cfg, prepared, found);
}

/** The checked bars of one strategies job, and when it started. */
export interface StrategiesInputs {
  readonly bars: Bars;
  /** What the DataSanity gate did with the bars. */
  readonly dataSanity: DataSanityRecord;
  /** ISO instant the run started. */
  readonly startedAt: string;
}

/**
 * Load the symbol's stored bars (built-in samples loaded first) through the DataSanity
 * gate.
 *
 * @param db The store.
 * @param cfg The job config.
 * @returns The inputs.
 */
export async function prepareStrategies(
  db: DbEngine,
  cfg: StrategiesJobConfig,
): Promise<StrategiesInputs> {
  const startedAt = new Date().toISOString();
  await ensureSampleData(db);
  const loaded = await loadBars(db, cfg.symbol, {
    start: cfg.startDate,
    end: cfg.endDate,
  });
  const gated = await gateBars(db, [loaded], cfg.sanity);
  return { bars: gated.bars[0], dataSanity: gated.record, startedAt };
}

/**
 * Store one symbol's research as a run, in one transaction.
 *
 * @param db The store.
 * @param cfg The job config.
 * @param inputs What it ran on.
 * @param found The research.
 * @returns Run id, stored rows and the research.
 */
export async function storeStrategies(
  db: DbEngine,
  cfg: StrategiesJobConfig,
  inputs: StrategiesInputs,
  found: StrategiesResearch,
): Promise<StrategiesJobResult> {
  const { bars, startedAt } = inputs;
  const dataHash = hashColumns([bars.dates, bars.close, bars.high, bars.low]);
  const config = {
    symbol: cfg.symbol,
    startDate: bars.dates[0],
    endDate: bars.dates.at(-1),
    trainLen: cfg.trainLen,
    testLen: cfg.testLen,
    costBps: cfg.costBps,
    ...found.settings,
    dataSanity: inputs.dataSanity,
  };
  const runId = makeRunId("strategies", startedAt, runKey(config, dataHash));
  const meta = {
    runId,
    symbol: cfg.symbol,
    config,
    startedAt,
    endedAt: new Date().toISOString(),
    codeVersion: await codeVersion(),
    dataHash,
  };
  const runs = found.summaries.map((s) => strategyRunRow(s, meta));
  const componentRows = found.components.map((c) =>
    strategyComponentRow(c, runId)
  );
  await saveStrategiesRun(
    db,
    { runs, components: componentRows },
    startedAt,
  );
  return { ...found, runId, config, runs, componentRows };
}

/**
 * The research of the strategies job: ensembles of the registry strategies per
 * weighting method, then the regime-aware momentum variants on the same folds.
 *
 * @param bars The symbol's bars.
 * @param cfg Windows and costs.
 * @returns Summaries, contributions and the settings for the manifest.
 */
export function strategiesResearch(
  bars: Bars,
  cfg: { trainLen: number; testLen: number; costBps: number },
): StrategiesResearch {
  const ens = runEnsembles(bars, {
    train: cfg.trainLen,
    test: cfg.testLen,
    costBps: cfg.costBps,
  });
  const reg = runRegimeVariants(bars, ens.folds, cfg.costBps);
  return {
    summaries: runSummaries(ens, reg),
    components: componentSummaries(ens),
    settings: {
      components: ens.names,
      volScales: VOL_SCALES,
      hmmScales: HMM_SCALES,
      hmmStates: HMM_SCALES.length,
    },
  };
}

/**
 * One summary per ensemble method and per regime variant (what `strategy_runs` stores).
 *
 * @param e Part (a).
 * @param r Part (b).
 * @returns Ensemble methods first, then the variants.
 */
function runSummaries(
  e: EnsembleRun,
  r: readonly RegimeOutcome[],
): StrategyRunSummary[] {
  const ens: StrategyRunSummary[] = e.outcomes.map((o) => ({
    kind: "ensemble",
    name: o.method,
    stats: o.stats,
    oosStart: o.oos.dates[0] ?? "",
    oosEnd: o.oos.dates.at(-1) ?? "",
    folds: o.folds.length,
    regimeTransitions: null,
    detail: { components: e.names, folds: o.folds },
  }));
  const reg: StrategyRunSummary[] = r.map((o) => ({
    kind: "regime",
    name: o.name,
    stats: o.stats,
    oosStart: o.oos.dates[0] ?? "",
    oosEnd: o.oos.dates.at(-1) ?? "",
    folds: o.folds.length,
    regimeTransitions: o.transitions,
    detail: { folds: o.folds },
  }));
  return [...ens, ...reg];
}

/** Every method's component contributions. */
function componentSummaries(e: EnsembleRun): ComponentSummary[] {
  return e.outcomes.flatMap((o) => o.contributions);
}
