/**
 * DataSanity options: one zod schema with every threshold and its default. Parse untrusted
 * input (CLI flags, config files, notebook parameters) with {@linkcode parseSanityOptions};
 * a bad value throws a `ConfigError` naming the field.
 *
 * @module
 */
import { z } from "zod";
import { parseConfig } from "../_shared/config.ts";
import { IsoDateSchema, SanityModeSchema } from "../_shared/schemas.ts";

/** STRICT fails on any violation; RELAXED repairs what it can and reports the rest. */
export type { SanityMode } from "../_shared/schemas.ts";

/** Every rule id, in report order. */
export const RULE_IDS = [
  "missing_value",
  "unparsable_date",
  "future_date",
  "non_positive_price",
  "high_below_low",
  "open_close_outside_range",
  "negative_volume",
  "duplicate_exact",
  "duplicate_conflict",
  "out_of_order",
  "gap",
  "extreme_move",
  "stale_price",
  "unadjusted_split",
  "time_zone_mix",
  "lookahead",
] as const;

/** Identifier of a DataSanity rule. */
export type RuleId = typeof RULE_IDS[number];

/**
 * DataSanity options. Defaults: mode "strict", now = today (UTC), maxMove 0.25,
 * maxGapDays 5, staleDays 5, splitTolerance 0.05, splitRevertDays 5,
 * lookaheadColumns ["returns", "label", "target"], lookaheadZ 4, skip [].
 */
export const SanityOptionsSchema = z.strictObject({
  /** `"strict"` or `"relaxed"` (upper case accepted). */
  mode: SanityModeSchema.default("strict"),
  /** Dates after this day (`YYYY-MM-DD`, UTC) are in the future. @default today (UTC) */
  now: IsoDateSchema.optional(),
  /** Largest accepted |log| move: close/prev close, open/prev close and close/open. */
  maxMove: z.number().finite().positive().default(0.25),
  /** Largest accepted run of missing business days between bars (daily bars; scaled by the bar spacing). */
  maxGapDays: z.number().int().nonnegative().default(5),
  /** Bars with identical OHLC and zero volume, repeated this many times, are stale. */
  staleDays: z.number().int().min(2).default(5),
  /** Max |log(open / prev close) - log(split ratio)| of a likely unadjusted split. */
  splitTolerance: z.number().finite().positive().max(0.2).default(0.05),
  /** Bars after a jump within which a return to the old level means "not a split". */
  splitRevertDays: z.number().int().positive().max(250).default(5),
  /** Supplied columns (case-insensitive names) tested for lookahead contamination. */
  lookaheadColumns: z.array(z.string().min(1)).default([
    "returns",
    "label",
    "target",
  ]),
  /** z score of next-bar sign agreement (vs 50%) above which a column is contaminated. */
  lookaheadZ: z.number().finite().positive().default(4),
  /** Rules not to run. */
  skip: z.array(z.enum(RULE_IDS)).default([]),
});

/** Options as given by callers (every field optional). */
export type SanityOptionsInput = z.input<typeof SanityOptionsSchema>;

/** Options with defaults applied and `now` resolved. */
export type SanityOptions = z.output<typeof SanityOptionsSchema> & {
  readonly now: string;
};

/**
 * Validate options and fill defaults; `now` defaults to today's UTC date.
 *
 * @param raw Untrusted options (undefined = all defaults).
 * @param source Where they came from, for the error message. @default "sanity options"
 * @returns Complete options.
 * @example
 * ```ts
 * import { parseSanityOptions } from "./config.ts";
 * import assert from "node:assert/strict";
 * const o = parseSanityOptions({ mode: "RELAXED", now: "2024-01-02" });
 * assert.equal(o.mode, "relaxed");
 * assert.equal(o.maxMove, 0.25);
 * assert.throws(() => parseSanityOptions({ maxMove: -1 }), /maxMove/);
 * ```
 */
export function parseSanityOptions(
  raw: unknown = {},
  source = "sanity options",
): SanityOptions {
  const o = parseConfig(SanityOptionsSchema, raw ?? {}, source);
  return { ...o, now: o.now ?? new Date().toISOString().slice(0, 10) };
}
