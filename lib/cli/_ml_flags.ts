/**
 * Flags of the ML tasks (`train`, `persistence-dashboard`, `ml-analysis`) and the
 * complete training job they describe.
 *
 * @module
 */
import { z } from "zod";
import { dateOrder, IsoDateSchema, SymbolSchema } from "../_shared/schemas.ts";
import { DEFAULT_SEED } from "../_shared/seed.ts";
import type { TrainingJobConfig } from "../jobs/mod.ts";
import { MODEL_NAMES, type SelectionSpec } from "../ml/mod.ts";
import { intFlag } from "./_flags.ts";
import {
  oneUniverse,
  symbolsFlag,
  UniverseNameSchema,
} from "./_universe_flags.ts";
import { dbPathFlag, userPathFlag } from "./_paths.ts";
import { SANITY_FLAGS, sanityPolicy } from "./_sanity_flags.ts";
import type { ModelComparisonConfig } from "../jobs/mod.ts";
import {
  backendFlags,
  backendRefine,
  queueNeedsUniverse,
} from "./_queue_flags.ts";

/** A JSON object given as flag text (`--model-options '{"lambda":10}'`). */
const jsonObject = z.string().transform((text, ctx) => {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    v = undefined;
  }
  if (v === null || typeof v !== "object" || Array.isArray(v)) {
    ctx.addIssue({
      code: "custom",
      message: 'a JSON object such as {"lambda":10}',
    });
    return z.NEVER;
  }
  return v as Record<string, unknown>;
});

/** Flags of `deno task train`. */
export const TrainFlagsSchema = z.strictObject({
  symbol: SymbolSchema.optional().describe(
    "one symbol (default SP500 when --symbols and --universe are absent too)",
  ),
  symbols: symbolsFlag().optional().describe(
    "several symbols as A,B,C or @file.txt, one model each",
  ),
  universe: UniverseNameSchema.optional().describe(
    "every symbol of a named universe, one model each",
  ),
  startDate: IsoDateSchema.optional().describe("first date"),
  endDate: IsoDateSchema.optional().describe("last date"),
  model: z.enum(MODEL_NAMES as [string, ...string[]]).default("ridge")
    .describe("the model trained on each fold"),
  modelOptions: jsonObject.optional().describe(
    'the model\'s options as a JSON object, e.g. {"lambda":10}',
  ),
  enablePersistence: z.boolean().default(false).describe(
    "store the run (ml_runs, feature_importance, checkpoints)",
  ),
  enableWarmStart: z.boolean().default(false).describe(
    "start each fold from the state of the fold before it (add --warm-start-from to start from a stored run)",
  ),
  warmStartFrom: z.string().min(1).optional().describe(
    "warm-start from this stored run's checkpoints, or 'latest' (newest of the symbol and model); recorded",
  ),
  db: dbPathFlag(),
  json: z.boolean().default(false).describe("print one JSON object"),
  trainLen: intFlag(50).default(756).describe("training rows per fold"),
  testLen: intFlag(5).default(126).describe(
    "test (out-of-sample) rows per fold",
  ),
  seed: intFlag(0).default(DEFAULT_SEED).describe(
    "seed of every random draw (same seed, same bits)",
  ),
  selection: z.enum(["none", "topk", "stable"]).default("none").describe(
    "feature selection from earlier folds: none, the top-k most stable, or the stable ones",
  ),
  topK: intFlag(1).default(4).describe("--selection topk: features kept"),
  nullRepeats: intFlag(0).default(20).describe(
    "label permutations of the stability null (20 or more for its 90% band; 0 skips it)",
  ),
  ...SANITY_FLAGS,
  ...backendFlags,
}).superRefine(dateOrder("startDate", "endDate")).superRefine(oneUniverse)
  .superRefine(backendRefine).superRefine(queueNeedsUniverse).superRefine(
    (f, ctx) => {
      if (f.backend === "queue" && f.warmStartFrom !== undefined) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["warmStartFrom"],
          message:
            "no stored run with --backend queue (the workers do not read this store's checkpoints; --enable-warm-start alone starts each fold from the one before)",
        });
      }
    },
  );
/** Parsed `train` flags. */
export type TrainFlags = z.output<typeof TrainFlagsSchema>;

function selectionOf(f: TrainFlags): SelectionSpec {
  if (f.selection === "topk") return { kind: "topk", k: f.topK };
  return f.selection === "stable" ? { kind: "stable" } : { kind: "none" };
}

/**
 * The training job the flags describe (symbols deduplicated, in flag order).
 *
 * @param f Parsed flags.
 * @returns A complete job config.
 */
export function trainingJobFromFlags(f: TrainFlags): TrainingJobConfig {
  const list = [...(f.symbol ? [f.symbol] : []), ...(f.symbols ?? [])];
  return {
    symbols: list.length ? [...new Set(list)] : ["SP500"],
    startDate: f.startDate,
    endDate: f.endDate,
    settings: {
      model: f.model,
      modelOptions: f.modelOptions ?? {},
      seed: f.seed,
      trainLen: f.trainLen,
      testLen: f.testLen,
      selection: selectionOf(f),
      warmStart: f.enableWarmStart || f.warmStartFrom !== undefined,
      nullRepeats: f.nullRepeats,
    },
    persist: f.enablePersistence,
    warmStartFrom: f.warmStartFrom,
    sanity: sanityPolicy(f),
  };
}

/** Flags of `deno task persistence-dashboard`. */
export const DashboardFlagsSchema = z.strictObject({
  db: dbPathFlag(),
  out: userPathFlag("reports/persistence-dashboard.html").describe(
    "the HTML file (the CSV files go next to it)",
  ),
  json: z.boolean().default(false).describe(
    "print what was written as one JSON object",
  ),
});

/** Flags of `deno task ml-analysis`. */
export const AnalysisFlagsSchema = z.strictObject({
  symbol: SymbolSchema.default("SP500").describe("the symbol to compare on"),
  startDate: IsoDateSchema.optional().describe("first date"),
  endDate: IsoDateSchema.optional().describe("last date"),
  full: z.boolean().default(false).describe(
    "every model x every selection (default: 4 models x 2 selections)",
  ),
  json: z.boolean().default(false).describe("print one JSON object"),
  db: dbPathFlag(),
  trainLen: intFlag(50).default(756).describe("training rows per fold"),
  testLen: intFlag(5).default(126).describe(
    "test (out-of-sample) rows per fold",
  ),
  seed: intFlag(0).default(DEFAULT_SEED).describe(
    "seed of every random draw (same seed, same bits)",
  ),
  ...SANITY_FLAGS,
}).superRefine(dateOrder("startDate", "endDate"));
/** Parsed analysis flags. */
export type AnalysisFlags = z.output<typeof AnalysisFlagsSchema>;

/**
 * The model-comparison job the flags describe.
 *
 * @param f Parsed flags.
 * @returns A complete job config.
 */
export function analysisJobFromFlags(f: AnalysisFlags): ModelComparisonConfig {
  const { db: _, json: __, perfMode: ___, allowUnrepaired: ____, ...cfg } = f;
  return { ...cfg, sanity: sanityPolicy(f) };
}
