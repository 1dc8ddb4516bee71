/**
 * What DataSanity did for one symbol's job, as tasks print it.
 *
 * @module
 */
import type { DataSanityRecord } from "./data_sanity_gate.ts";

/** What DataSanity did for one symbol's run: the stored record, the symbol and the time. */
export interface SanitySummary extends DataSanityRecord {
  readonly symbol: string;
  /** Wall-clock seconds spent in validation. */
  readonly seconds: number;
}
