/**
 * What a walk-forward job needs from the outside world (bars, DataSanity, clocks, the
 * code version) and the store's implementation of it. Tests pass their own.
 *
 * @module
 */
import type { Bars } from "../_shared/types.ts";
import { type DbEngine, ensureSampleData, loadBars } from "../data/mod.ts";
import { codeVersion } from "./code_version.ts";
import type { SanitySummary } from "./_sanity_summary.ts";
import { gateBars, type SanityPolicy } from "./data_sanity_gate.ts";

/** Bars after DataSanity and what it did. */
export interface CheckedBars {
  readonly bars: Bars;
  readonly sanity: SanitySummary | null;
}

/** Data access and clocks of a walk-forward job. */
export interface WalkForwardJobDeps {
  /** Every stored bar of a symbol. */
  loadBars(symbol: string): Promise<Bars>;
  /** The DataSanity gate: the checked (RELAXED: repaired) bars, or a throw. */
  checkBars(
    bars: Bars,
    policy: SanityPolicy,
  ): Promise<CheckedBars> | CheckedBars;
  /** Milliseconds clock for timings. */
  now(): number;
  /** ISO instant for the manifest. */
  isoNow(): string;
  /** Code version for the manifest (see `codeVersion`). */
  readonly codeVersion: string;
}

/**
 * Wire a job to the store: the built-in samples are loaded first, bars come from
 * `loadBars`, and DataSanity is the research gate (`gateBars`: STRICT fails on any
 * violation, RELAXED repairs the run's bars and fails on what it cannot repair unless
 * allowed; the store itself is never changed).
 *
 * @param db The store.
 * @returns The dependencies.
 */
export async function storeJobDeps(db: DbEngine): Promise<WalkForwardJobDeps> {
  await ensureSampleData(db);
  return {
    loadBars: (symbol: string) => loadBars(db, symbol),
    checkBars: async (bars: Bars, policy: SanityPolicy) => {
      const t0 = performance.now();
      const gated = await gateBars(db, [bars], policy);
      return {
        bars: gated.bars[0],
        sanity: {
          symbol: bars.symbol,
          ...gated.record,
          seconds: (performance.now() - t0) / 1000,
        },
      };
    },
    now: () => performance.now(),
    isoNow: () => new Date().toISOString(),
    codeVersion: await codeVersion(),
  };
}
