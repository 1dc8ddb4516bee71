/**
 * The data domain: the DuckDB store behind the {@linkcode DbEngine} interface (native and
 * WASM engines), ingest of CSV/Parquet/JSON bars, the built-in samples and seeded
 * synthetic generators.
 *
 * @example
 * ```ts
 * import { generateSynthetic } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const bars = generateSynthetic({ symbols: 3, days: 20, seed: 1 });
 * assert.equal(bars.length, 3);
 * ```
 *
 * @module
 */
export type {
  Column,
  Columns,
  DbEngine,
  EngineKind,
  SqlParams,
  SqlValue,
} from "./engine.ts";
export { readSampleBars, samplePath } from "./samples.ts";
export type { SampleName } from "./samples.ts";
export {
  generateSynthetic,
  generateSyntheticMarket,
  SYNTHETIC_REGIMES,
} from "./synthetic.ts";
export type { SyntheticMarket, SyntheticOptions } from "./synthetic.ts";
export { generateCointegratedPair } from "./synthetic_pair.ts";
export type {
  CointegratedPair,
  CointegratedPairOptions,
} from "./synthetic_pair.ts";
