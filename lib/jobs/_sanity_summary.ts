/**
 * What DataSanity did for one symbol's job, as tasks print it.
 *
 * @module
 */

/** What DataSanity did for one symbol's run. */
export interface SanitySummary {
  readonly symbol: string;
  /** The mode as the `--perf-mode` flag spells it. */
  readonly mode: "STRICT" | "RELAXED";
  /** Rows validated. */
  readonly rows: number;
  readonly violations: number;
  readonly repairs: number;
  /** RELAXED: the violations no repair fixed, one line each (`""` when none). */
  readonly unrepaired: string;
  /** Wall-clock seconds spent in validation. */
  readonly seconds: number;
}
