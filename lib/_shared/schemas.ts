/**
 * The zod schemas every edge shares (CLI flags, config files, notebook parameters), so
 * each input convention is written once: calendar dates, date ranges, the DataSanity mode
 * and ticker symbols. Paths are checked at the CLI edge (`lib/cli/_paths.ts`), which may
 * read the environment and the file system; these schemas are pure.
 *
 * @module
 */
import { z } from "zod";
import { expects } from "./expected.ts";

/** `YYYY-MM-DD` that names a real day of the proleptic Gregorian calendar. */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 &&
    t.getUTCDate() === d;
}

/**
 * A calendar date `YYYY-MM-DD`: `2019-02-30` and `2020-13-45` are rejected with
 * "a calendar date YYYY-MM-DD".
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { IsoDateSchema } from "./schemas.ts";
 * assert.equal(IsoDateSchema.parse("2020-02-29"), "2020-02-29");
 * assert.equal(IsoDateSchema.safeParse("2019-02-29").success, false);
 * ```
 */
export const IsoDateSchema: z.ZodType<string, z.ZodTypeDef, string> = expects(
  z.string().refine(isCalendarDate, "a calendar date YYYY-MM-DD"),
  { text: "a calendar date YYYY-MM-DD", placeholder: "YYYY-MM-DD" },
);

/** An ISO date string `YYYY-MM-DD` (validated by {@linkcode IsoDateSchema}). */
export type IsoDate = z.infer<typeof IsoDateSchema>;

/**
 * Require `value[end] >= value[start]` when both are given; the issue is on `end` (so a
 * flag error names `--end-date`) and says which start date it must not precede.
 *
 * @param start Key of the first date.
 * @param end Key of the last date.
 * @returns A refinement for `schema.superRefine(...)`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { z } from "zod";
 * import { dateOrder, IsoDateSchema } from "./schemas.ts";
 * const S = z.object({ from: IsoDateSchema, to: IsoDateSchema }).superRefine(dateOrder("from", "to"));
 * assert.equal(S.safeParse({ from: "2020-02-01", to: "2020-01-01" }).success, false);
 * ```
 */
export function dateOrder<K extends string>(
  start: K,
  end: K,
): (value: Partial<Record<K, unknown>>, ctx: z.RefinementCtx) => void {
  return (value, ctx) => {
    const a = value[start], b = value[end];
    if (typeof a === "string" && typeof b === "string" && b < a) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [end],
        message: `a date on or after the start date ${a}`,
      });
    }
  };
}

/** STRICT fails on any violation; RELAXED repairs what it can and reports the rest. */
export type SanityMode = "strict" | "relaxed";

/**
 * The DataSanity mode, spelled either way (`strict`, `STRICT`, `Relaxed`), always
 * returned in lower case: the one spelling inside the library.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SanityModeSchema } from "./schemas.ts";
 * assert.equal(SanityModeSchema.parse("STRICT"), "strict");
 * assert.equal(SanityModeSchema.safeParse("lenient").success, false);
 * ```
 */
export const SanityModeSchema: z.ZodType<SanityMode, z.ZodTypeDef, string> =
  expects(
    z.string().transform((s) => s.toLowerCase()).pipe(
      z.enum(["strict", "relaxed"], {
        errorMap: () => ({ message: "strict or relaxed (either case)" }),
      }),
    ),
    { text: "strict or relaxed (either case)", placeholder: "strict|relaxed" },
  );

const SYMBOL = /^[A-Za-z0-9^][A-Za-z0-9._^=!&-]{0,31}$/;

/** What a symbol may look like, for error messages. */
export const SYMBOL_RULE =
  "a symbol such as SP500, BRK.B, ^GSPC, EURUSD=X or ES1! (letters, digits and . ^ = ! & - _, at most 32, no spaces or path characters)";

/** True when `s` is a usable ticker: not empty, no whitespace, not path-like. */
export function isSymbol(s: string): boolean {
  return SYMBOL.test(s) && !s.includes("..");
}

/**
 * One ticker symbol. Allows what tickers use (`BRK.B`, `^GSPC`, `EURUSD=X`, `ES1!`) and
 * rejects empty, whitespace-only and path-like names (`../x`, `a/b`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SymbolSchema } from "./schemas.ts";
 * assert.equal(SymbolSchema.parse("BRK.B"), "BRK.B");
 * assert.equal(SymbolSchema.safeParse("../x").success, false);
 * assert.equal(SymbolSchema.safeParse("  ").success, false);
 * ```
 */
export const SymbolSchema: z.ZodType<string, z.ZodTypeDef, string> = expects(
  z.string().refine(isSymbol, SYMBOL_RULE),
  { text: "a ticker such as SP500, BRK.B or ^GSPC", placeholder: "SYMBOL" },
);

/**
 * A comma-separated list of symbols (`SP500,AAPL`; spaces around commas are ignored) as
 * an array of distinct symbols in first-seen order; every item must pass
 * {@linkcode SymbolSchema}.
 *
 * @param min Fewest symbols accepted. @default 1
 * @returns The schema.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { symbolList } from "./schemas.ts";
 * assert.deepEqual(symbolList().parse("SP500,^GSPC"), ["SP500", "^GSPC"]);
 * assert.equal(symbolList().safeParse("SP500,,AAPL").success, false);
 * assert.deepEqual(symbolList().parse("A,B,A"), ["A", "B"]);
 * assert.equal(symbolList(2).safeParse("SP500,SP500").success, false);
 * ```
 */
export function symbolList(
  min = 1,
): z.ZodType<string[], z.ZodTypeDef, string> {
  const schema = z.string().transform((text, ctx) => {
    const items = text.split(",").map((s) => s.trim());
    const bad = items.find((s) => !isSymbol(s));
    if (bad !== undefined) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message:
          `comma-separated symbols, each ${SYMBOL_RULE}; "${bad}" is not`,
      });
      return z.NEVER;
    }
    const distinct = [...new Set(items)];
    if (distinct.length < min) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `at least ${min} distinct symbols, as A,B`,
      });
      return z.NEVER;
    }
    return distinct;
  });
  const text = min > 1
    ? `at least ${min} comma-separated symbols`
    : "comma-separated symbols";
  return expects(schema, { text, placeholder: "A,B,.." });
}
