/**
 * Config schema of `deno task optimize` (parsed once at the edge with parseConfig).
 *
 * @module
 */
import { z } from "zod";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD");

/**
 * Flags of `deno task optimize`, after `parseArgs` (kebab-case flags camelCased).
 * Unknown keys are errors.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { OptimizeConfigSchema } from "./config.ts";
 * const c = OptimizeConfigSchema.parse({ strategy: "rsi" });
 * assert.equal(c.trainLen, 504);
 * assert.throws(() => OptimizeConfigSchema.parse({ bogus: 1 }));
 * ```
 */
export const OptimizeConfigSchema = z.strictObject({
  /** Symbol in the store (single-symbol strategies). @default "SP500" */
  symbol: z.string().min(1).default("SP500"),
  /** Pair "A,B" for the pairs strategy; omitted -> a seeded synthetic cointegrated pair. */
  symbols: z.string().regex(/^[^,]+,[^,]+$/, "two symbols as A,B").optional(),
  strategy: z.enum([
    "ma_crossover",
    "momentum",
    "zscore",
    "rsi",
    "breakout",
    "pairs",
  ]).default(
    "ma_crossover",
  ),
  search: z.enum(["grid", "random"]).default("grid"),
  /** Random search draws. @default 20 */
  trials: z.number().int().positive().default(20),
  /** Seed of the random search and of the synthetic pair. @default 42 */
  seed: z.number().int().nonnegative().default(42),
  trainLen: z.number().int().min(20).default(504),
  testLen: z.number().int().min(5).default(126),
  stride: z.number().int().positive().optional(),
  costBps: z.number().nonnegative().default(1),
  /** CSCV partitions for PBO (even). @default 16 */
  partitions: z.number().int().min(2).refine(
    (v) => v % 2 === 0,
    "an even number",
  ).default(16),
  startDate: isoDate.optional(),
  endDate: isoDate.optional(),
  db: z.string().min(1).default("data/warehouse.duckdb"),
  json: z.boolean().default(false),
});

/** Parsed optimize config. */
export type OptimizeConfig = z.infer<typeof OptimizeConfigSchema>;
