/**
 * The paper-trading session config (zod, strict: unknown keys are errors). The example
 * file `config/enhanced_paper_trading_config.json` ships with the project.
 *
 * @module
 */
import { z } from "zod";
import { IsoDateSchema } from "../_shared/schemas.ts";
import { BAR_SOURCES, WEEK_CALENDARS } from "../data/mod.ts";
import { RiskLimitsSchema } from "../risk/mod.ts";

/**
 * Where a session's bars come from when `deno task weekly` advances it: the provider
 * that updates the session's symbols (`store`: none, the bars already stored are
 * traded as they are), and the calendar that tells when a week is complete
 * (`lastCompleteWeek` in lib/data). A session with a data section trades the bars as
 * stored (as traded), never back-adjusted by splits or dividends recorded later: a week
 * already traded keeps the prices it was traded on.
 */
export const PaperDataSchema = z.strictObject({
  provider: z.enum(BAR_SOURCES, {
    errorMap: () => ({ message: `one of ${BAR_SOURCES.join(", ")}` }),
  }),
  /** `nyse`: a week's last NYSE trading day completes it; `none`: the next week's first bar. */
  calendar: z.enum(WEEK_CALENDARS, {
    errorMap: () => ({ message: `one of ${WEEK_CALENDARS.join(", ")}` }),
  }).default("nyse"),
});

/** Alert thresholds (see `monitor.ts` for their meaning). */
export const AlertRulesSchema = z.strictObject({
  drawdown: z.number().positive().max(1).default(0.05),
  dailyLoss: z.number().positive().max(1).default(0.02),
  limitUsage: z.number().positive().max(1).default(0.8),
  staleBars: z.number().int().positive().default(3),
  window: z.number().int().min(20).default(63),
  sharpeShortfall: z.number().positive().default(1.5),
  zScore: z.number().positive().default(4),
  cusumH: z.number().positive().default(5),
  cusumK: z.number().nonnegative().default(0.5),
});

/** A session id: letters, digits, `_`, `.` and `-` (it names files and journal rows). */
export const SessionIdSchema: z.ZodString = z.string().min(1).regex(
  /^[A-Za-z0-9_.-]+$/,
  "letters, digits, _ . -",
);

/** The whole session config. */
export const PaperConfigSchema = z.strictObject({
  /** Session name (the default session id); the journal keys every row by it. */
  name: SessionIdSchema.default("paper"),
  strategy: z.strictObject({
    name: z.string().min(1),
    params: z.record(z.union([z.number(), z.string(), z.boolean()])).default(
      {},
    ),
  }),
  symbols: z.array(z.string().min(1)).min(1),
  /** Starting capital in account currency. */
  capital: z.number().positive(),
  sizing: z.strictObject({
    /** Fraction of equity per unit of strategy position (per symbol). */
    fraction: z.number().positive().max(10).default(1),
    /** Allow fractional shares (else whole shares, rounded toward zero). */
    fractionalShares: z.boolean().default(true),
    /** Skip rebalancing trades smaller than this fraction of equity. */
    minTradeFraction: z.number().nonnegative().max(1).default(0.001),
  }).default({}),
  /**
   * Risk limits, the same schema (and defaults) as backtests use (`lib/risk`
   * RiskLimitsSchema), applied by the same guard (`updateRiskGuard`): drawdowns and
   * losses as positive fractions. The session halts (and flattens when `flattenOnKill`)
   * at `maxDrawdown` from the peak; a loss of `dailyLossLimit` since the day's start
   * blocks new risk for the rest of that day; every order passes `checkOrder` against
   * the rest, at the decision bar's close and again at its fill price.
   */
  limits: RiskLimitsSchema.default({}),
  broker: z.strictObject({
    kind: z.enum(["simulated", "ibkr"]).default("simulated"),
    slippageBps: z.number().nonnegative().default(1),
    commissionPerShare: z.number().nonnegative().default(0),
    commissionMin: z.number().nonnegative().default(0),
    commissionBps: z.number().nonnegative().default(0),
    partialFillRatio: z.number().positive().max(1).default(1),
    conids: z.record(z.number().int().positive()).default({}),
  }).default({}),
  feed: z.strictObject({
    kind: z.enum(["replay", "poll"]).default("replay"),
    /** Bars per second for replay; 0 = as fast as possible. */
    speed: z.number().nonnegative().default(0),
    from: IsoDateSchema.optional(),
    to: IsoDateSchema.optional(),
    /** Bars of history before `from` handed to the strategy for its lookback. */
    warmupBars: z.number().int().nonnegative().default(260),
    pollSeconds: z.number().positive().default(60),
  }).default({}),
  /** The provider and calendar of the weekly cycle (`deno task weekly`). @default none */
  data: PaperDataSchema.optional(),
  alerts: z.strictObject({
    rules: AlertRulesSchema.default({}),
    console: z.boolean().default(true),
    jsonl: z.string().nullable().default(null),
    webhook: z.string().url().nullable().default(null),
  }).default({}),
});

/** A validated session config. */
export type PaperConfig = z.infer<typeof PaperConfigSchema>;
