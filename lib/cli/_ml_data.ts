/**
 * Shared input step of the ML tasks: a symbol's bars in a date range, with a clear error
 * when they hold too few rows for one training fold.
 *
 * @module
 */
import type { Bars } from "../_shared/types.ts";
import { type DbEngine, loadBars } from "../data/mod.ts";
import { barsDataset } from "../ml/mod.ts";

/**
 * Load `symbol` over `[start, end]` and check that the default dataset (W1 features, a
 * one-day label) has room for one fold of `trainLen + 1 (gap) + testLen` rows.
 *
 * @param db The store (samples loaded).
 * @param symbol Symbol.
 * @param o Date range and fold lengths.
 * @returns The bars.
 * @throws RangeError naming what one fold needs and what the range holds.
 */
export async function loadTrainingBars(
  db: DbEngine,
  symbol: string,
  o: { start?: string; end?: string; trainLen: number; testLen: number },
): Promise<Bars> {
  const bars = await loadBars(db, symbol, { start: o.start, end: o.end });
  const rows = bars.dates.length > 0 ? barsDataset(bars).x.rows : 0;
  const need = o.trainLen + 1 + o.testLen;
  if (rows < need) {
    const span = bars.dates.length > 0
      ? ` (${bars.dates[0]}..${bars.dates[bars.dates.length - 1]})`
      : "";
    throw new RangeError(
      `Too little data for one fold of ${symbol}: need ${need} feature rows (train ${o.trainLen} + gap 1 + test ${o.testLen}), ` +
        `got ${rows} from ${bars.dates.length} bars${span}; the features need 199 bars of warm-up and the label one more. ` +
        "Widen the date range or shorten --train-len/--test-len",
    );
  }
  return bars;
}
