/**
 * Part (a) of `deno task strategies`: the walk-forward ensembles. The research kernel
 * lives in lib/strategies (`runEnsembles`) so notebooks can call it; this is the CLI's
 * wiring.
 *
 * @module
 */
export {
  ENSEMBLE_COMPONENTS,
  ENSEMBLE_METHODS,
  foldsFor,
  oosRows,
  oosStats,
  runEnsembles,
} from "../strategies/mod.ts";
export type {
  EnsembleFoldOut,
  EnsembleOutcome,
  EnsembleRun,
  WalkOptions,
} from "../strategies/mod.ts";
