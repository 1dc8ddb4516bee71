/**
 * The DataSanity flags every research task shares, and the gate they describe:
 * `--perf-mode STRICT|RELAXED` (default STRICT) and `--allow-unrepaired`.
 *
 * @module
 */
import { z } from "zod";
import { UsageError } from "../_shared/errors.ts";
import { SanityModeSchema } from "../_shared/schemas.ts";
import type { SanityPolicy } from "../jobs/mod.ts";

/** The flags, spread into a task's schema. */
export const SANITY_FLAGS = {
  perfMode: SanityModeSchema.default("strict").describe(
    "DataSanity: STRICT fails on any violation; RELAXED repairs causally, then fails on what no repair fixes",
  ),
  allowUnrepaired: z.boolean().default(false).describe(
    "with --perf-mode RELAXED: run on violations no repair fixes (the run records them)",
  ),
};

/**
 * The gate the flags describe.
 *
 * @param f Parsed flags with the two sanity flags.
 * @returns The policy.
 * @throws UsageError (exit 2) for `--allow-unrepaired` without RELAXED.
 */
export function sanityPolicy(
  f: { perfMode: SanityPolicy["mode"]; allowUnrepaired: boolean },
): SanityPolicy {
  if (f.allowUnrepaired && f.perfMode !== "relaxed") {
    throw new UsageError(
      "--allow-unrepaired",
      "--allow-unrepaired lets through what RELAXED cannot repair: use it with --perf-mode RELAXED (STRICT fails on any violation)",
    );
  }
  return { mode: f.perfMode, allowUnrepaired: f.allowUnrepaired };
}
