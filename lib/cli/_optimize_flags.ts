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
import { expects } from "../_shared/expected.ts";
import { DEFAULT_SEED } from "../_shared/seed.ts";
import {
  DEFAULT_CONFIGS_PER_SHARD,
  OPTIMIZE_STRATEGIES,
  type OptimizeJobConfig,
} from "../jobs/mod.ts";
import { intFlag, numberFlag } from "./_flags.ts";
import { dbPathFlag } from "./_paths.ts";
import { SANITY_FLAGS, sanityPolicy } from "./_sanity_flags.ts";
import { UniverseNameSchema } from "./_universe_flags.ts";
import {
  backendFlags,
  backendRefine,
  queueNeedsUniverse,
} from "./_queue_flags.ts";

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
  strategy: z.enum(OPTIMIZE_STRATEGIES).default("ma_crossover").describe(
    "the strategy whose parameters are searched",
  ),
  search: z.enum(["grid", "random"]).default("grid").describe(
    "every grid point, or --trials random draws",
  ),
  trials: intFlag(1).default(20).describe("--search random: draws"),
  seed: intFlag(0).default(DEFAULT_SEED).describe(
    "seed of the random search and of the synthetic pair",
  ),
  trainLen: intFlag(20).default(504).describe("training rows per fold"),
  testLen: intFlag(5).default(126).describe(
    "test (out-of-sample) rows per fold",
  ),
  stride: intFlag(1).optional().describe(
    "rows between fold starts (default test-len)",
  ),
  costBps: numberFlag().nonnegative().default(1).describe(
    "cost in basis points per unit of turnover",
  ),
  partitions: expects(
    intFlag(2).refine((v) => v % 2 === 0, "an even whole number at least 2"),
    { text: "an even whole number at least 2", placeholder: "N" },
  ).default(16).describe(
    "CSCV partitions of the probability of backtest overfitting",
  ),
  startDate: IsoDateSchema.optional().describe("first date"),
  endDate: IsoDateSchema.optional().describe("last date"),
  db: dbPathFlag(),
  json: z.boolean().default(false).describe("print one JSON object"),
  universe: UniverseNameSchema.optional().describe(
    "run the search on every symbol of a named universe (single-symbol strategies)",
  ),
  ...SANITY_FLAGS,
  ...backendFlags,
  configsPerShard: intFlag(1).default(DEFAULT_CONFIGS_PER_SHARD).describe(
    "queue: configurations of a symbol's search per shard (its shards combine into the same result)",
  ),
}).superRefine(dateOrder("startDate", "endDate")).superRefine(backendRefine)
  .superRefine(queueNeedsUniverse).superRefine((f, ctx) => {
    if (
      f.backend === "local" &&
      f.configsPerShard !== DEFAULT_CONFIGS_PER_SHARD
    ) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["configsPerShard"],
        message: "--backend queue with it (a local search is not sharded)",
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
    redisCa: _ca,
    shared: _s,
    resume: _re,
    configsPerShard: _c,
    stride,
    perfMode: _m,
    allowUnrepaired: _a,
    ...rest
  } = f;
  return { ...rest, stride: stride ?? f.testLen, sanity: sanityPolicy(f) };
}
