/**
 * Flags of `deno task optimize` and the complete job config they describe.
 *
 * @module
 */
import { z } from "zod";
import {
  dateOrder,
  IsoDateSchema,
  symbolList,
  SymbolSchema,
} from "../_shared/schemas.ts";
import { DEFAULT_SEED } from "../_shared/seed.ts";
import { OPTIMIZE_STRATEGIES, type OptimizeJobConfig } from "../jobs/mod.ts";
import { intFlag, numberFlag } from "./_flags.ts";
import { dbPathFlag } from "./_paths.ts";
import { UniverseNameSchema } from "./_universe_flags.ts";
import { backendFlags, backendRefine } from "./_queue_flags.ts";

/**
 * Flags of `deno task optimize` (camelCase keys; errors name the kebab flag).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { OptimizeFlagsSchema } from "./_optimize_flags.ts";
 * const c = OptimizeFlagsSchema.parse({ strategy: "rsi" });
 * assert.equal(c.trainLen, 504);
 * assert.throws(() => OptimizeFlagsSchema.parse({ bogus: 1 }));
 * ```
 */
export const OptimizeFlagsSchema = z.strictObject({
  symbol: SymbolSchema.default("SP500").describe(
    "symbol in the store (single-symbol strategies)",
  ),
  symbols: symbolList(2).refine(
    (s) => s.length === 2,
    "two symbols as A,B",
  ).optional().describe(
    "pair A,B for the pairs strategy (default: SP500,AAPL if cointegrated, else a seeded synthetic pair)",
  ),
  strategy: z.enum(OPTIMIZE_STRATEGIES).default("ma_crossover"),
  search: z.enum(["grid", "random"]).default("grid"),
  trials: intFlag(1).default(20).describe("random search draws"),
  seed: intFlag(0).default(DEFAULT_SEED).describe(
    "seed of the random search and of the synthetic pair",
  ),
  trainLen: intFlag(20).default(504),
  testLen: intFlag(5).default(126),
  stride: intFlag(1).optional().describe(
    "rows between folds (default test-len)",
  ),
  costBps: numberFlag().nonnegative()
    .default(1),
  partitions: intFlag(2).refine((v) => v % 2 === 0, "an even number").default(
    16,
  )
    .describe("CSCV partitions for PBO"),
  startDate: IsoDateSchema.optional(),
  endDate: IsoDateSchema.optional(),
  db: dbPathFlag(),
  json: z.boolean().default(false),
  universe: UniverseNameSchema.optional().describe(
    "run the search on every symbol of a named universe (single-symbol strategies)",
  ),
  ...backendFlags,
}).superRefine(dateOrder("startDate", "endDate")).superRefine(backendRefine)
  .superRefine((f, ctx) => {
    if (f.backend === "queue" && f.universe === undefined) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["backend"],
        message:
          "local with a single symbol (--backend queue runs a --universe)",
      });
    }
    if (f.universe !== undefined && f.strategy === "pairs") {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["universe"],
        message:
          "a single-symbol strategy with --universe (pairs takes --symbols A,B; screen a universe with deno task pairs)",
      });
    }
  });

/** Parsed optimize flags. */
export type OptimizeFlags = z.output<typeof OptimizeFlagsSchema>;

/**
 * The optimize job the flags describe.
 *
 * @param f Parsed flags.
 * @returns A complete job config.
 */
export function optimizeJobFromFlags(f: OptimizeFlags): OptimizeJobConfig {
  const {
    db: _db,
    json: _json,
    universe: _u,
    backend: _b,
    redis: _r,
    shared: _s,
    resume: _re,
    stride,
    ...rest
  } = f;
  return { ...rest, stride: stride ?? f.testLen };
}
