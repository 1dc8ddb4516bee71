/**
 * Options of a provider fetch: one zod schema, with every default, used by the library
 * call and the `deno task fetch` flags alike.
 *
 * @module
 */
import { z } from "zod";
import {
  IsoDateSchema,
  SanityModeSchema,
  SymbolSchema,
} from "../../_shared/schemas.ts";
import { PROVIDER_NAMES } from "./types.ts";

/** A ticker as stored (`BRK.B`, `^GSPC`, `EURUSD=X`, `ES1!`): the shared rule. */
export { SymbolSchema };

const OVERLAP = "a whole number of bars from 1 to 250";

/**
 * Fetch options. Defaults: `to` = yesterday (UTC: a bar still forming today is never
 * stored), `from` = the provider's earliest, `update` false, `mode` "strict",
 * `overlapBars` 5, `refresh` false; `baseUrl` from `TRADELAB_<PROVIDER>_URL`, else the
 * provider's; `cacheDir` none (no cache).
 */
export const FetchOptionsSchema = z.strictObject({
  /** Which connector. */
  provider: z.enum(PROVIDER_NAMES, {
    errorMap: () => ({ message: `one of ${PROVIDER_NAMES.join(", ")}` }),
  }),
  /** First day, inclusive. @default the provider's earliest */
  from: IsoDateSchema.optional(),
  /** Last day, inclusive, not after today. @default yesterday (UTC) */
  to: IsoDateSchema.optional(),
  /**
   * Fetch only the days after each symbol's last stored bar, plus `overlapBars` stored
   * bars that must agree with the provider. @default false
   */
  update: z.boolean().default(false),
  /**
   * `strict`: a vendor revision of stored bars fails (nothing stored); `relaxed`: the
   * provider's values replace the stored ones and each is listed. @default "strict"
   */
  mode: SanityModeSchema.default("strict"),
  /** Stored bars re-fetched and compared by `update`. @default 5 */
  overlapBars: z.number({ invalid_type_error: OVERLAP }).int(OVERLAP).min(
    1,
    OVERLAP,
  )
    .max(250, OVERLAP).default(5),
  /** Base URL of the provider (a local server in tests). */
  baseUrl: z.string().url("an http(s) URL").refine(
    (u) => /^https?:\/\//i.test(u),
    "an http(s) URL",
  ).optional(),
  /** Directory of the raw-response cache. @default none */
  cacheDir: z.string().min(1).optional(),
  /** Download again even when a cached response exists. @default false */
  refresh: z.boolean().default(false),
});

/** Fetch options as given. */
export type FetchOptionsInput = z.input<typeof FetchOptionsSchema>;
/** Fetch options with defaults. */
export type FetchOptions = z.output<typeof FetchOptionsSchema>;
