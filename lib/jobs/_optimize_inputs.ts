/**
 * Inputs of `deno task optimize`: one symbol's bars, or a pair checked for cointegration
 * (Engle-Granger on the first training window, and on the whole range as a diagnostic),
 * falling back to a seeded synthetic cointegrated pair when the store's pair fails.
 *
 * @module
 */
import type { Bars } from "../_shared/types.ts";
import {
  type DbEngine,
  generateCointegratedPair,
  loadBars,
} from "../data/mod.ts";
import { alignBars } from "../optimize/mod.ts";
import type { OptimizeJobConfig as OptimizeConfig } from "./optimize_job.ts";
import {
  type DataSanityRecord,
  gateBars,
  uncheckedRecord,
} from "./data_sanity_gate.ts";
import { engleGranger } from "../strategies/mod.ts";

/** Bars to optimise on, notes for the reader, and the cointegration evidence (pairs). */
export interface OptimizeInputs {
  readonly bars: Bars[];
  readonly notes: string[];
  readonly cointegration?: Record<string, unknown>;
  /** What the DataSanity gate did with the bars. */
  readonly dataSanity: DataSanityRecord;
}

type Eg = ReturnType<typeof engleGranger>;

function summary(eg: Eg | undefined): Record<string, unknown> {
  if (!eg) return {};
  return {
    stat: eg.stat,
    pValue: eg.pValue,
    hedgeRatio: eg.hedgeRatio,
    halfLifeDays: eg.halfLifeDays,
  };
}

/** The symbols' stored bars in the job's range, through the DataSanity gate. */
async function range(
  db: DbEngine,
  cfg: OptimizeConfig,
  symbols: readonly string[],
): Promise<{ bars: Bars[]; record: DataSanityRecord }> {
  const loaded: Bars[] = [];
  for (const s of symbols) {
    loaded.push(
      await loadBars(db, s, { start: cfg.startDate, end: cfg.endDate }),
    );
  }
  return await gateBars(db, loaded, cfg.sanity);
}

/**
 * Load what the optimisation runs on.
 *
 * @param db The store (samples already loaded).
 * @param cfg The job config.
 * @returns Bars (one symbol, or an aligned pair), notes and cointegration figures.
 */
export async function loadOptimizeInputs(
  db: DbEngine,
  cfg: OptimizeConfig,
): Promise<OptimizeInputs> {
  if (cfg.strategy !== "pairs") {
    const one = await range(db, cfg, [cfg.symbol]);
    return { bars: one.bars, notes: [], dataSanity: one.record };
  }
  const [sa, sb] = cfg.symbols ?? ["SP500", "AAPL"];
  const stored = await range(db, cfg, [sa, sb]);
  const dataSanity = stored.record;
  const pair = alignBars(stored.bars);
  const n = pair[0].dates.length, first = Math.min(cfg.trainLen, n);
  const eg = first >= 50
    ? engleGranger(pair[0].close.slice(0, first), pair[1].close.slice(0, first))
    : undefined;
  const full = n >= 50 ? engleGranger(pair[0].close, pair[1].close) : undefined;
  const notes = [
    eg
      ? `${sa},${sb} over ${pair[0].dates[0]}..${
        pair[0].dates[first - 1]
      } (first training window): ` +
        `Engle-Granger stat ${eg.stat.toFixed(3)}, p = ${
          eg.pValue.toFixed(3)
        }, hedge ratio ${eg.hedgeRatio.toFixed(3)} -> ` +
        (eg.cointegrated ? "cointegrated at 5%" : "NOT cointegrated at 5%")
      : `${sa},${sb}: only ${n} common dates, too few to test`,
  ];
  if (full) {
    notes.push(
      `${sa},${sb} over the whole range ${pair[0].dates[0]}..${
        pair[0].dates[n - 1]
      } (diagnostic only, uses future data): ` +
        `p = ${full.pValue.toFixed(3)} -> ${
          full.cointegrated ? "cointegrated" : "NOT cointegrated"
        } at 5%`,
    );
  }
  const suitable = Boolean(eg?.cointegrated && full?.cointegrated);
  const evidence = {
    pair: `${sa},${sb}`,
    ...summary(eg),
    fullSample: summary(full),
  };
  if (cfg.symbols) {
    if (!suitable) {
      notes.push(
        "this pair fails Engle-Granger at 5%: pairs results on it are likely noise",
      );
    }
    return { bars: pair, notes, cointegration: evidence, dataSanity };
  }
  if (suitable) {
    notes.push(`store pair ${sa},${sb} passes both tests: using it`);
    return { bars: pair, notes, cointegration: evidence, dataSanity };
  }
  notes.push(`store pair ${sa},${sb} is not a suitable (cointegrated) pair`);
  return syntheticPair(cfg, notes);
}

function syntheticPair(cfg: OptimizeConfig, notes: string[]): OptimizeInputs {
  const syn = generateCointegratedPair({
    days: 1500,
    seed: cfg.seed,
    hedgeRatio: 1.5,
    halfLife: 10,
  });
  const bars = [syn.a, syn.b];
  const eg = engleGranger(
    bars[0].close.slice(0, cfg.trainLen),
    bars[1].close.slice(0, cfg.trainLen),
  );
  notes.push(
    `using a seeded synthetic cointegrated pair (seed ${cfg.seed}, true hedge ratio ${syn.hedgeRatio}, half-life 10 days): ` +
      `first-window Engle-Granger p = ${eg.pValue.toFixed(4)}, hedge ratio ${
        eg.hedgeRatio.toFixed(3)
      }`,
  );
  return {
    bars,
    notes,
    cointegration: { pair: "synthetic", ...summary(eg) },
    dataSanity: uncheckedRecord("a seeded synthetic pair"),
  };
}
