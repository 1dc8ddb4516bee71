/**
 * Flags of `deno task walkforward` and `deno task multi-symbol`, and the complete job
 * config they describe (defaults resolved here, once).
 *
 * @module
 */
import { backendFlags, backendRefine } from "./_queue_flags.ts";
import { z } from "zod";
import {
  dateOrder,
  IsoDateSchema,
  SanityModeSchema,
  SymbolSchema,
} from "../_shared/schemas.ts";
import { W1_FEATURES } from "../features/mod.ts";
import type { WalkForwardJobConfig } from "../jobs/mod.ts";
import { MODEL_NAMES } from "../ml/mod.ts";
import {
  type CompleteWalkForwardConfig,
  type PositionRule,
  WALK_FORWARD_DEFAULTS,
} from "../walkforward/mod.ts";
import { intFlag, numberFlag } from "./_flags.ts";
import { dbPathFlag } from "./_paths.ts";
import { oneUniverse, universeFlags } from "./_universe_flags.ts";

/** Flags shared by both tasks. */
const runFlags = {
  startDate: IsoDateSchema.optional().describe("first date (clamped to data)"),
  endDate: IsoDateSchema.optional().describe("last date (clamped to data)"),
  trainLen: intFlag(2).default(252).describe("training rows per fold"),
  testLen: intFlag(1).default(63).describe("test rows per fold"),
  stride: intFlag(1).optional().describe(
    "rows between folds (default test-len)",
  ),
  perfMode: SanityModeSchema.default("relaxed").describe(
    "DataSanity mode: STRICT fails on any violation, RELAXED repairs causally",
  ),
  model: z.enum(MODEL_NAMES as [string, ...string[]]).default(
    WALK_FORWARD_DEFAULTS.model,
  ),
  lambda: numberFlag().min(0).optional().describe("ridge/lasso penalty"),
  anchored: z.boolean().default(false).describe("expanding training window"),
  gap: intFlag(0).default(WALK_FORWARD_DEFAULTS.gap).describe("embargo rows"),
  labelHorizon: intFlag(1).default(WALK_FORWARD_DEFAULTS.labelHorizon),
  costBps: numberFlag().min(0).default(WALK_FORWARD_DEFAULTS.costBps).describe(
    "bps per unit of turnover",
  ),
  features: z.string().min(1).transform((s) =>
    s.split(",").map((x) => x.trim()).filter((x) => x.length > 0)
  ).optional().describe("comma-separated feature names (default the W1 set)"),
  position: z.enum(["sign", "threshold", "proportional", "vol-target"])
    .default("sign"),
  threshold: numberFlag().min(0).default(0),
  scale: numberFlag().positive().default(100),
  cap: numberFlag().positive().default(1),
  targetVol: numberFlag().positive().default(0.1),
  volWindow: intFlag(2).default(20),
  db: dbPathFlag(),
  json: z.boolean().default(false).describe("print one JSON object"),
  controls: z.boolean().default(false).describe("run the adversarial controls"),
  seed: intFlag(0).default(WALK_FORWARD_DEFAULTS.seed),
};

/** `deno task walkforward` flags: the run flags plus a required `--symbol`. */
export const WalkForwardFlagsSchema = z.strictObject({
  symbol: SymbolSchema.describe("the symbol to run"),
  ...runFlags,
}).superRefine(dateOrder("startDate", "endDate"));
export type WalkForwardFlags = z.output<typeof WalkForwardFlagsSchema>;

/**
 * `deno task multi-symbol` flags: the run flags plus the universe (`--symbols A,B`,
 * `--symbols @file`, `--universe NAME`; default every daily symbol in the store) and
 * `--workers N` (default every core).
 */
export const MultiSymbolFlagsSchema = z.strictObject({
  ...universeFlags,
  workers: intFlag(0).max(256).optional().describe(
    "worker threads (default every core; 0 = the main thread); results are the same for every count",
  ),
  ...backendFlags,
  ...runFlags,
}).superRefine(dateOrder("startDate", "endDate")).superRefine(oneUniverse)
  .superRefine(backendRefine);
export type MultiSymbolFlags = z.output<typeof MultiSymbolFlagsSchema>;

/** The flags of one run (both tasks). */
export type RunFlags = Omit<WalkForwardFlags, "symbol">;

/**
 * The complete walk-forward config described by parsed flags.
 *
 * @param f Parsed flags.
 * @returns A plain-JSON config (stored in the run manifest).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { configFromFlags, WalkForwardFlagsSchema } from "./_walkforward_flags.ts";
 * const c = configFromFlags(WalkForwardFlagsSchema.parse({ symbol: "X", trainLen: 100 }));
 * assert.equal(c.train, 100);
 * assert.equal(c.test, 63);
 * assert.deepEqual(c.modelOptions, { lambda: 1 });
 * ```
 */
export function configFromFlags(f: RunFlags): CompleteWalkForwardConfig {
  let position: PositionRule = { kind: "sign" };
  if (f.position === "threshold") {
    position = { kind: "threshold", threshold: f.threshold };
  } else if (f.position === "proportional") {
    position = { kind: "proportional", scale: f.scale, cap: f.cap };
  } else if (f.position === "vol-target") {
    position = {
      kind: "volTarget",
      targetVolAnnual: f.targetVol,
      windowDays: f.volWindow,
      cap: f.cap,
    };
  }
  const lambda = f.lambda ?? (f.model === "ridge" ? 1 : undefined);
  return {
    features: f.features ?? [...W1_FEATURES],
    labelHorizon: f.labelHorizon,
    train: f.trainLen,
    test: f.testLen,
    stride: f.stride ?? f.testLen,
    anchored: f.anchored,
    gap: f.gap,
    model: f.model,
    modelOptions: lambda === undefined ? {} : { lambda },
    seed: f.seed,
    standardise: WALK_FORWARD_DEFAULTS.standardise,
    position,
    costBps: f.costBps,
  };
}

/**
 * The walk-forward job the flags describe.
 *
 * @param f Parsed flags.
 * @param symbol The symbol.
 * @returns A complete job config.
 */
export function jobFromFlags(
  f: RunFlags,
  symbol: string,
): WalkForwardJobConfig {
  return {
    symbol,
    startDate: f.startDate,
    endDate: f.endDate,
    sanityMode: f.perfMode,
    config: configFromFlags(f),
    controls: f.controls,
  };
}
