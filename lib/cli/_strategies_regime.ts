/**
 * Part (b) of `deno task strategies`: the regime-aware variants. The research kernel
 * lives in lib/strategies (`runRegimeVariants`) so notebooks can call it; this is the
 * CLI's wiring.
 *
 * @module
 */
export {
  HMM_SCALES,
  REGIME_VARIANTS,
  runRegimeVariants,
  SWITCH_CANDIDATES,
  VOL_SCALES,
} from "../strategies/mod.ts";
export type { RegimeFoldOut, RegimeOutcome } from "../strategies/mod.ts";
