/**
 * Flags of `deno task stress` and the complete job they describe: the limits and
 * scenario files are read and validated here, at the edge.
 *
 * @module
 */
import { stat } from "node:fs/promises";
import { z } from "zod";
import { parseConfig, readJsonFile } from "../_shared/config.ts";
import { ConfigError } from "../_shared/errors.ts";
import type { StressJobConfig } from "../jobs/mod.ts";
import {
  DEFAULT_SCENARIOS,
  parseRiskLimits,
  type StressScenario,
  StressScenarioFileSchema,
  VAR_METHODS,
  type VarMethod,
} from "../risk/mod.ts";
import { dbPathFlag, userPathFlag, UserPathSchema } from "./_paths.ts";
import { SANITY_FLAGS, sanityPolicy } from "./_sanity_flags.ts";
import { symbolsFlag, UniverseNameSchema } from "./_universe_flags.ts";
import {
  backendFlags,
  backendRefine,
  queueNeedsUniverse,
} from "./_queue_flags.ts";

/** The project's scenario file, used when present and `--scenarios` is not given. */
const DEFAULT_SCENARIO_FILE = "config/stress_scenarios.json";

/** Flags of `deno task stress`. */
export const StressFlagsSchema = z.strictObject({
  symbols: symbolsFlag().default("SP500").describe(
    "the portfolio's symbols in the store: A,B,C or @file.txt",
  ),
  universe: UniverseNameSchema.optional().describe(
    "the symbols of a named universe (equal weights unless --weights)",
  ),
  weights: z.string().regex(
    /^-?[0-9.]+(,-?[0-9.]+)*$/,
    "comma-separated numbers",
  ).optional().describe(
    "one weight per symbol, held constant (default equal weights)",
  ),
  scenarios: UserPathSchema.optional().describe(
    `a scenario JSON file (default ${DEFAULT_SCENARIO_FILE} when present, else the built-in scenarios)`,
  ),
  limits: userPathFlag("config/risk_limits.json").describe(
    "the risk limits JSON file",
  ),
  confidence: z.number().gt(0).lt(1).default(0.99).describe(
    "confidence level of VaR and expected shortfall",
  ),
  varMethod: z.enum(VAR_METHODS as unknown as [string, ...string[]]).default(
    "historical",
  ).describe("how VaR is estimated"),
  db: dbPathFlag(),
  json: z.boolean().default(false).describe("print one JSON object"),
  ...SANITY_FLAGS,
  ...backendFlags,
}).superRefine(backendRefine).superRefine(queueNeedsUniverse);

/** Parsed stress flags. */
export type StressFlags = z.output<typeof StressFlagsSchema>;

async function loadScenarios(
  path: string | undefined,
): Promise<StressScenario[]> {
  let p = path;
  if (p === undefined) {
    p = await stat(DEFAULT_SCENARIO_FILE).then(
      () => DEFAULT_SCENARIO_FILE,
      () => undefined,
    );
  }
  if (p === undefined) return [...DEFAULT_SCENARIOS];
  return parseConfig(StressScenarioFileSchema, await readJsonFile(p), p)
    .scenarios;
}

function weightsOf(f: StressFlags, n: number): number[] {
  if (!f.weights) return Array.from({ length: n }, () => 1 / n);
  const w = f.weights.split(",").map(Number);
  if (w.length !== n || !w.every(Number.isFinite)) {
    throw new ConfigError(
      "--flags",
      "weights",
      `${n} number${n === 1 ? "" : "s"} (one per symbol)`,
      JSON.stringify(f.weights),
    );
  }
  return w;
}

/**
 * The stress job the flags describe: weights checked against the symbols, the limits
 * and scenario files read and validated.
 *
 * @param f Parsed flags.
 * @returns A complete job config.
 */
export async function stressJobFromFlags(
  f: StressFlags,
): Promise<StressJobConfig> {
  const weights = weightsOf(f, f.symbols.length);
  const limits = parseRiskLimits(await readJsonFile(f.limits), f.limits);
  const scenarios = await loadScenarios(f.scenarios);
  return {
    symbols: f.symbols,
    weights,
    scenarios,
    limits,
    confidence: f.confidence,
    varMethod: f.varMethod as VarMethod,
    sanity: sanityPolicy(f),
  };
}
