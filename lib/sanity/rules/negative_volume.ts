/**
 * `negative_volume`: volume < 0. RELAXED sets the volume to NULL (unknown).
 *
 * @module
 */
import type { SanityRule } from "./_rule.ts";

/** Negative volume. */
export const negativeVolume: SanityRule = {
  id: "negative_volume",
  explain: "a negative volume",
  kind: "row",
  predicate: () => `(isfinite(volume) AND volume < 0)`,
};
