/**
 * Flags of `deno task walkforward` and `deno task multi-symbol`, and the complete job
 * config they describe (defaults resolved here, once).
 *
 * @module
 */
import { backendFlags, backendRefine } from "./_queue_flags.ts";
import { z } from "zod";
import { dateOrder, IsoDateSchema, SymbolSchema } from "../_shared/schemas.ts";
import { FEATURES, W1_FEATURES } from "../features/mod.ts";
import type { WalkForwardJobConfig } from "../jobs/mod.ts";
import { MODEL_NAMES } from "../ml/mod.ts";
import {
  type CompleteWalkForwardConfig,
  type PositionRule,
  WALK_FORWARD_DEFAULTS,
} from "../walkforward/mod.ts";
import { expects } from "../_shared/expected.ts";
import { nearest } from "../_shared/nearest.ts";
import { intFlag, numberFlag } from "./_flags.ts";
import { dbPathFlag } from "./_paths.ts";
import { SANITY_FLAGS, sanityPolicy } from "./_sanity_flags.ts";
import { oneUniverse, universeFlags } from "./_universe_flags.ts";

const FEATURE_LIST = `comma-separated feature names from ${
  Object.keys(FEATURES).join(", ")
}`;

/** What a bad `--features` gets: the first unknown name, with the nearest known one. */
function unknownFeatures(unknown: readonly string[]): string {
  if (unknown.length === 0) return "at least one feature name";
  const near = nearest(unknown[0], Object.keys(FEATURES));
  const hint = near ? `; did you mean ${near}?` : "; --help lists them";
  return `comma-separated feature names ("${unknown[0]}" is not one${hint})`;
}

/** Flags shared by both tasks. */
const runFlags = {
  startDate: IsoDateSchema.optional().describe(
    "first date (clamped to the data)",
  ),
  endDate: IsoDateSchema.optional().describe("last date (clamped to the data)"),
  trainLen: intFlag(2).default(252).describe("training rows per fold"),
  testLen: intFlag(1).default(63).describe(
    "test (out-of-sample) rows per fold",
  ),
  stride: intFlag(1).optional().describe(
    "rows between fold starts (default test-len)",
  ),
  ...SANITY_FLAGS,
  model: z.enum(MODEL_NAMES as [string, ...string[]]).default(
    WALK_FORWARD_DEFAULTS.model,
  ).describe("the model fitted on each training window"),
  lambda: numberFlag().min(0).optional().describe(
    "ridge/lasso penalty (default 1 for ridge)",
  ),
  anchored: z.boolean().default(false).describe(
    "expanding training window (from the first row) instead of rolling",
  ),
  gap: intFlag(0).default(WALK_FORWARD_DEFAULTS.gap).describe(
    "embargo rows between training and test",
  ),
  labelHorizon: intFlag(1).default(WALK_FORWARD_DEFAULTS.labelHorizon).describe(
    "rows ahead of the forward-return label (training rows are purged by it)",
  ),
  costBps: numberFlag().min(0).default(WALK_FORWARD_DEFAULTS.costBps).describe(
    "cost in basis points per unit of turnover",
  ),
  features: expects(
    z.string().transform((s, ctx) => {
      const names = s.split(",").map((x) => x.trim()).filter((x) => x !== "");
      const unknown = names.filter((n) => !Object.hasOwn(FEATURES, n));
      if (names.length === 0 || unknown.length > 0) {
        ctx.addIssue({ code: "custom", message: unknownFeatures(unknown) });
        return z.NEVER;
      }
      return names;
    }),
    { text: FEATURE_LIST, placeholder: "A,B,.." },
  ).optional().describe("the model's features (default the W1 set)"),
  position: z.enum(["sign", "threshold", "proportional", "vol-target"])
    .default("sign").describe("how a prediction becomes a position"),
  threshold: numberFlag().min(0).default(0).describe(
    "--position threshold: smallest |prediction| that takes a position",
  ),
  scale: numberFlag().positive().default(100).describe(
    "--position proportional: position per unit of prediction",
  ),
  cap: numberFlag().positive().default(1).describe(
    "--position proportional or vol-target: largest |position|",
  ),
  targetVol: numberFlag().positive().default(0.1).describe(
    "--position vol-target: annualised volatility aimed at",
  ),
  volWindow: intFlag(2).default(20).describe(
    "--position vol-target: trailing days of the volatility estimate",
  ),
  db: dbPathFlag(),
  json: z.boolean().default(false).describe("print one JSON object"),
  controls: z.boolean().default(false).describe(
    "also run the adversarial controls (reversed time, shuffled labels, zero edge)",
  ),
  seed: intFlag(0).default(WALK_FORWARD_DEFAULTS.seed).describe(
    "seed of every random draw (same seed, same bits)",
  ),
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
    sanity: sanityPolicy(f),
    config: configFromFlags(f),
    controls: f.controls,
  };
}
