/**
 * What a walk-forward job needs from the outside world (bars, DataSanity, clocks, the
 * code version) and the store's implementation of it. Tests pass their own.
 *
 * @module
 */
import type { SanityMode } from "../_shared/schemas.ts";
import type { Bars } from "../_shared/types.ts";
import { type DbEngine, ensureSampleData, loadBars } from "../data/mod.ts";
import { checkBars, checkUniverse } from "../sanity/mod.ts";
import { codeVersion } from "./code_version.ts";
import type { SanitySummary } from "./_sanity_summary.ts";
import { gateSanity } from "./_sanity_gate.ts";

/** Bars after DataSanity and what it did. */
export interface CheckedBars {
  readonly bars: Bars;
  readonly sanity: SanitySummary | null;
}

/** Data access and clocks of a walk-forward job. */
export interface WalkForwardJobDeps {
  /** Every stored bar of a symbol. */
  loadBars(symbol: string): Promise<Bars>;
  /** DataSanity in `mode`: the checked (RELAXED: repaired) bars, or a throw (STRICT). */
  checkBars(bars: Bars, mode: SanityMode): Promise<CheckedBars> | CheckedBars;
  /** Milliseconds clock for timings. */
  now(): number;
  /** ISO instant for the manifest. */
  isoNow(): string;
  /** Code version for the manifest (see `codeVersion`). */
  readonly codeVersion: string;
}

/**
 * Wire a job to the store: the built-in samples are loaded first, bars come from
 * `loadBars`, DataSanity runs `checkStore` over the symbol's range in the job's mode.
 * STRICT throws `DataSanityError` on any violation; RELAXED applies the recorded causal
 * repairs to the run's bars with `checkBars` (the store itself is never changed).
 *
 * @param db The store.
 * @returns The dependencies.
 */
export async function storeJobDeps(db: DbEngine): Promise<WalkForwardJobDeps> {
  await ensureSampleData(db);
  return {
    loadBars: (symbol: string) => loadBars(db, symbol),
    checkBars: async (bars: Bars, mode: SanityMode) => {
      const t0 = performance.now();
      const out = await checkRange(db, bars, mode);
      return {
        bars: out.bars,
        sanity: { ...out.summary, seconds: (performance.now() - t0) / 1000 },
      };
    },
    now: () => performance.now(),
    isoNow: () => new Date().toISOString(),
    codeVersion: await codeVersion(),
  };
}

async function checkRange(
  db: DbEngine,
  bars: Bars,
  mode: SanityMode,
): Promise<{ bars: Bars; summary: Omit<SanitySummary, "seconds"> }> {
  const start = bars.dates[0], end = bars.dates[bars.dates.length - 1];
  const report = await checkUniverse(db, {
    symbols: [bars.symbol],
    start,
    end,
    mode,
  });
  const { summary, repair } = gateSanity(bars.symbol, report, mode);
  if (!repair) return { bars, summary };
  // checkStore never changes the store: apply the recorded (causal) repairs to the bars
  const fixed = await checkBars(db, [bars], { mode: "relaxed" });
  return { bars: fixed.bars[0], summary };
}
