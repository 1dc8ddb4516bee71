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
  symbol: SymbolSchema.optional().describe("one symbol (default SP500)"),
  symbols: symbolsFlag().optional().describe(
    "symbols as A,B,C or @file.txt (one run each)",
  ),
  universe: UniverseNameSchema.optional().describe(
    "every symbol of a named universe (one run each)",
  ),
  startDate: IsoDateSchema.optional(),
  endDate: IsoDateSchema.optional(),
  model: z.enum(MODEL_NAMES as [string, ...string[]]).default("ridge"),
  modelOptions: jsonObject.optional().describe("model options as JSON"),
  enablePersistence: z.boolean().default(false).describe(
    "store the run (ml_runs, feature_importance, checkpoints)",
  ),
  enableWarmStart: z.boolean().default(false).describe(
    "start each fold from compatible stored checkpoints",
  ),
  db: dbPathFlag(),
  json: z.boolean().default(false),
  trainLen: intFlag(50).default(756),
  testLen: intFlag(5).default(126),
  seed: intFlag(0).default(DEFAULT_SEED),
  selection: z.enum(["none", "topk", "stable"]).default("none"),
  topK: intFlag(1).default(4),
  nullRepeats: intFlag(0).default(3).describe("label permutations of the null"),
}).superRefine(dateOrder("startDate", "endDate")).superRefine(oneUniverse);
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
      warmStart: f.enableWarmStart,
      nullRepeats: f.nullRepeats,
    },
    persist: f.enablePersistence,
  };
}

/** Flags of `deno task persistence-dashboard`. */
export const DashboardFlagsSchema = z.strictObject({
  db: dbPathFlag(),
  out: userPathFlag("reports/persistence-dashboard.html").describe(
    "the HTML file (CSV files go next to it; default reports/persistence-dashboard.html)",
  ),
  json: z.boolean().default(false),
});

/** Flags of `deno task ml-analysis`. */
export const AnalysisFlagsSchema = z.strictObject({
  symbol: SymbolSchema.default("SP500"),
  startDate: IsoDateSchema.optional(),
  endDate: IsoDateSchema.optional(),
  full: z.boolean().default(false).describe(
    "every model and selection (default: 4 models x 2 selections)",
  ),
  json: z.boolean().default(false),
  db: dbPathFlag(),
  trainLen: intFlag(50).default(756),
  testLen: intFlag(5).default(126),
  seed: intFlag(0).default(DEFAULT_SEED),
}).superRefine(dateOrder("startDate", "endDate"));
/** Parsed analysis flags. */
export type AnalysisFlags = z.output<typeof AnalysisFlagsSchema>;
