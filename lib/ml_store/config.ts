/**
 * Configs of the ML tasks (`train`, `persistence-dashboard`, `ml-analysis`), parsed once
 * at the edge with `parseConfig`.
 *
 * @module
 */
import { z } from "zod";

const isoDate = z.string().regex(
  /^\d{4}-\d{2}-\d{2}$/,
  "an ISO date YYYY-MM-DD",
);
const modelName = z.enum([
  "ridge",
  "lasso",
  "elasticnet",
  "logistic",
  "rf",
  "gbt",
  "mlp",
]);

/** Flags of `deno task train`. */
export const TrainConfigSchema = z.strictObject({
  symbols: z.array(z.string().min(1)).min(1).default(["SP500"]),
  startDate: isoDate.optional(),
  endDate: isoDate.optional(),
  model: modelName.default("ridge"),
  modelOptions: z.record(z.string(), z.unknown()).default({}),
  enablePersistence: z.boolean().default(false),
  enableWarmStart: z.boolean().default(false),
  db: z.string().default("data/warehouse.duckdb"),
  json: z.boolean().default(false),
  trainLen: z.number().int().min(50).default(756),
  testLen: z.number().int().min(5).default(126),
  seed: z.number().int().default(42),
  selection: z.enum(["none", "topk", "stable"]).default("none"),
  topK: z.number().int().min(1).default(4),
  nullRepeats: z.number().int().min(0).default(3),
});
/** Parsed `train` config. */
export type TrainConfig = z.infer<typeof TrainConfigSchema>;

/** Flags of `deno task persistence-dashboard`. */
export const DashboardConfigSchema = z.strictObject({
  db: z.string().default("data/warehouse.duckdb"),
  out: z.string().default("reports/persistence-dashboard.html"),
});
/** Parsed dashboard config. */
export type DashboardConfig = z.infer<typeof DashboardConfigSchema>;

/** Flags of `deno task ml-analysis`. */
export const AnalysisConfigSchema = z.strictObject({
  symbol: z.string().min(1).default("SP500"),
  startDate: isoDate.optional(),
  endDate: isoDate.optional(),
  full: z.boolean().default(false),
  json: z.boolean().default(false),
  db: z.string().default("data/warehouse.duckdb"),
  trainLen: z.number().int().min(50).default(756),
  testLen: z.number().int().min(5).default(126),
  seed: z.number().int().default(42),
});
/** Parsed analysis config. */
export type AnalysisConfig = z.infer<typeof AnalysisConfigSchema>;
