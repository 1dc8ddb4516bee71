/**
 * TradeLab's common set: what a notebook needs for the quick start, from one import
 * (`tradelab` in the npm package; each domain has its own entry, `tradelab/data`,
 * `tradelab/walkforward`, ...). Open a store and load the built-in samples (`data`),
 * validate them (`sanity`), run a walk-forward (`walkforward`), measure it (`metrics`)
 * and show it (`report`: figures and tables as HTML strings).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkStore, ensureSampleData, loadBars, openDb, runWalkForward, w1Config } from "./mod.ts";
 * const db = await openDb({ path: ":memory:" });
 * await ensureSampleData(db);
 * assert.equal((await checkStore(db, { symbols: ["SP500"], mode: "strict" })).ok, true);
 * const run = runWalkForward(await loadBars(db, "SP500"), w1Config);
 * assert.equal(run.folds.length, 73);
 * await db.close();
 * ```
 *
 * @module
 */
export type { Bars } from "./_shared/types.ts";
export {
  clampRange,
  type DbEngine,
  ensureSampleData,
  generateSynthetic,
  ingestFile,
  listSymbols,
  loadBars,
  openDb,
  readSampleBars,
} from "./data/mod.ts";
export { checkBars, checkStore, RULE_IDS } from "./sanity/mod.ts";
export { makeFolds, runBacktest } from "./backtest/mod.ts";
export {
  runControls,
  runW1,
  runWalkForward,
  w1Config,
} from "./walkforward/mod.ts";
export {
  annualReturn,
  annualVolatility,
  maxDrawdown,
  sharpeRatio,
  sortinoRatio,
} from "./metrics/mod.ts";
export {
  distributionFigure,
  equityFigure,
  foldBarFigure,
  monthlyHeatmap,
  rollingFigure,
  scorecard,
  tableHtml,
} from "./report/mod.ts";
export { codeVersion } from "./jobs/mod.ts";
