/**
 * Market regimes: causal volatility and trend labels, a Gaussian hidden Markov model
 * (Baum-Welch fit on a training window, filtered probabilities out of sample; under
 * given diagonal or full-covariance parameters: log-likelihood, smoothed posteriors,
 * Viterbi path and one EM step, as hmmlearn's GaussianHMM), transitions, and
 * regime-scaled positions.
 *
 * Conventions: labels are Int8Array with -1 = unknown (warm-up); a label or probability
 * at t uses data up to t; HMM states are ordered by volatility (0 = calmest).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { filterProbabilities, fitGaussianHmm, regimeScaledPositions } from "./mod.ts";
 * const r = Float64Array.from({ length: 600 }, (_, t) => (Math.floor(t / 100) % 2 ? 0.03 : 0.006) * Math.sin(t * 7.1));
 * const model = fitGaussianHmm(r.subarray(0, 400), { states: 2, seed: 1 });
 * const p = filterProbabilities(model, r.subarray(400));
 * const pos = regimeScaledPositions(new Float64Array(200).fill(1), p, [1, 0.25]);
 * assert.equal(pos.length, 200);
 * ```
 *
 * @module
 */
export { volatilityRegime } from "./vol_regime.ts";
export type { VolRegimeOptions } from "./vol_regime.ts";
export { trendRegime } from "./trend_regime.ts";
export type { TrendRegimeOptions } from "./trend_regime.ts";
export { fitGaussianHmm } from "./hmm.ts";
export type { GaussianHmm, HmmFitOptions } from "./hmm.ts";
export {
  filterProbabilities,
  hmmLogLikelihood,
  smoothedProbabilities,
  viterbi,
  viterbiPath,
} from "./hmm_inference.ts";
export type { ViterbiPath } from "./hmm_inference.ts";
export type { GaussianHmmParams } from "./_gaussian.ts";
export { hmmEmStep } from "./hmm_em_step.ts";
export type { HmmEmOptions, HmmEmStep } from "./hmm_em_step.ts";
export { regimeTransitions, transitionMatrix } from "./transitions.ts";
export type { RegimeTransition } from "./transitions.ts";
export { regimeScaledPositions } from "./regime_scaled_positions.ts";
