/**
 * Zod schemas of the walk-forward command-line flags (`deno task walkforward`,
 * `deno task multi-symbol`). Keys are the flag names, so a `ConfigError` names the flag.
 *
 * @module
 */
import { z } from "zod";
import { MODEL_NAMES } from "../ml/mod.ts";
import { W1_FEATURES } from "../features/mod.ts";
import type { PositionRule, WalkForwardConfig } from "./types.ts";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD");
const int = (min: number) => z.coerce.number().int().min(min);

/** Flags shared by both tasks (raw strings from `parseArgs`, coerced and defaulted). */
export const RunFlagsSchema = z.strictObject({
  "start-date": isoDate.optional(),
  "end-date": isoDate.optional(),
  "train-len": int(2).default(252),
  "test-len": int(1).default(63),
  stride: int(1).optional(),
  "perf-mode": z.preprocess(
    (v) => (typeof v === "string" ? v.toUpperCase() : v),
    z.enum(["RELAXED", "STRICT"]),
  ).default("RELAXED"),
  model: z.enum(MODEL_NAMES as [string, ...string[]]).default("ridge"),
  lambda: z.coerce.number().min(0).optional(),
  anchored: z.boolean().default(false),
  gap: int(0).default(0),
  "label-horizon": int(1).default(1),
  "cost-bps": z.coerce.number().min(0).default(1),
  features: z.string().min(1).transform((s) =>
    s.split(",").map((x) => x.trim()).filter((x) => x.length > 0)
  ).optional(),
  position: z.enum(["sign", "threshold", "proportional", "vol-target"])
    .default("sign"),
  threshold: z.coerce.number().min(0).default(0),
  scale: z.coerce.number().positive().default(100),
  cap: z.coerce.number().positive().default(1),
  "target-vol": z.coerce.number().positive().default(0.1),
  "vol-window": int(2).default(20),
  db: z.string().min(1).default("data/warehouse.duckdb"),
  json: z.boolean().default(false),
  controls: z.boolean().default(false),
  seed: int(0).default(42),
  help: z.boolean().default(false),
});

/** `deno task walkforward` flags: the run flags plus a required `--symbol`. */
export const WalkForwardFlagsSchema = RunFlagsSchema.extend({
  symbol: z.string().min(1, "a symbol such as SP500"),
});
export type WalkForwardFlags = z.infer<typeof WalkForwardFlagsSchema>;

/** `deno task multi-symbol` flags: the run flags plus optional `--symbols A,B`. */
export const MultiSymbolFlagsSchema = RunFlagsSchema.extend({
  symbols: z.string().min(1).transform((s) =>
    s.split(",").map((x) => x.trim()).filter((x) => x.length > 0)
  ).optional(),
});
export type MultiSymbolFlags = z.infer<typeof MultiSymbolFlagsSchema>;

/** The flags of one run. */
export type RunFlags = z.infer<typeof RunFlagsSchema>;

/**
 * The {@linkcode WalkForwardConfig} described by parsed flags.
 *
 * @param f Parsed flags.
 * @returns A plain-JSON config (stored in the run manifest).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { configFromFlags, RunFlagsSchema } from "./config.ts";
 * const c = configFromFlags(RunFlagsSchema.parse({ "train-len": "100" }));
 * assert.equal(c.train, 100);
 * assert.equal(c.test, 63);
 * assert.deepEqual(c.modelOptions, { lambda: 1 });
 * ```
 */
export function configFromFlags(f: RunFlags): WalkForwardConfig {
  let position: PositionRule = { kind: "sign" };
  if (f.position === "threshold") {
    position = { kind: "threshold", threshold: f.threshold };
  } else if (f.position === "proportional") {
    position = { kind: "proportional", scale: f.scale, cap: f.cap };
  } else if (f.position === "vol-target") {
    position = {
      kind: "volTarget",
      targetVolAnnual: f["target-vol"],
      windowDays: f["vol-window"],
      cap: f.cap,
    };
  }
  const lambda = f.lambda ?? (f.model === "ridge" ? 1 : undefined);
  return {
    features: f.features ?? [...W1_FEATURES],
    labelHorizon: f["label-horizon"],
    train: f["train-len"],
    test: f["test-len"],
    stride: f.stride ?? f["test-len"],
    anchored: f.anchored,
    gap: f.gap,
    model: f.model,
    modelOptions: lambda === undefined ? {} : { lambda },
    seed: f.seed,
    standardise: true,
    position,
    costBps: f["cost-bps"],
  };
}
