/**
 * Yahoo Finance connector: the chart endpoint
 * `GET /v8/finance/chart/<symbol>?period1=<s>&period2=<s>&interval=1d&events=div,splits`
 * (JSON, no key).
 *
 * - Dates: each timestamp's date in the exchange's time zone (`meta.exchangeTimezoneName`,
 *   else `meta.gmtoffset`).
 * - Yahoo's open/high/low/close and dividends are adjusted for every split up to today,
 *   so the connector always asks up to today (`period2`) and undoes the splits it gets:
 *   the stored prices are as traded (price x the ratios of the later splits, volume and
 *   dividends likewise), and the splits and dividends go to `corporate_actions`. Stored
 *   history then never changes when a later split happens. Yahoo's own `adjclose` is not
 *   stored: `loadBars` computes the same back-adjustment from the actions.
 * - Rows whose open, high, low and close are all null (no trading) are dropped; partly
 *   null rows are kept with NaN for DataSanity to judge.
 * - A 404 or `chart.error` "Not Found" is an unknown symbol; an answer without the
 *   documented fields is a changed format.
 *
 * @module
 */
import { z } from "zod";
import type { CorporateAction } from "../corporate_actions.ts";
import { addDays, epochSeconds, exchangeDate, isTimeZone } from "./_dates.ts";
import { parseJsonAs } from "./_json.ts";
import type { Provider, ProviderBar, ProviderContext } from "./types.ts";

const Num = z.number().nullable();

const ChartSchema = z.object({
  chart: z.object({
    result: z.array(z.object({
      meta: z.object({
        exchangeTimezoneName: z.string().optional(),
        gmtoffset: z.number().optional(),
      }),
      timestamp: z.array(z.number()).optional(),
      events: z.object({
        dividends: z.record(z.object({ amount: z.number(), date: z.number() }))
          .optional(),
        splits: z.record(z.object({
          date: z.number(),
          numerator: z.number().positive(),
          denominator: z.number().positive(),
        })).optional(),
      }).optional(),
      indicators: z.object({
        quote: z.array(
          z.object({
            open: z.array(Num),
            high: z.array(Num),
            low: z.array(Num),
            close: z.array(Num),
            volume: z.array(Num),
          }).partial(),
        ).min(1),
      }),
    })).nullable(),
    error: z.object({ code: z.string(), description: z.string() }).nullable()
      .optional(),
  }),
});

type Chart = z.infer<typeof ChartSchema>;
type Result = NonNullable<Chart["chart"]["result"]>[number];

function dateOf(res: Result): (sec: number) => string {
  const tz = res.meta.exchangeTimezoneName;
  if (tz !== undefined && isTimeZone(tz)) {
    return (sec) => exchangeDate(sec * 1000, tz);
  }
  const off = res.meta.gmtoffset ?? 0;
  return (sec) => new Date((sec + off) * 1000).toISOString().slice(0, 10);
}

/** The as-traded bars and the actions of one chart result. */
function convert(res: Result, ctx: ProviderContext) {
  const day = dateOf(res);
  const ts = res.timestamp ?? [];
  const q = res.indicators.quote[0];
  const cols = ["open", "high", "low", "close", "volume"] as const;
  for (const c of cols) {
    if (ts.length > 0 && q[c]?.length !== ts.length) {
      throw ctx.fail(
        "malformed",
        `chart.result[0].indicators.quote[0].${c}: expected ${ts.length} values (one per timestamp), got ${
          q[c]?.length ?? "none"
        } (the format changed?)`,
      );
    }
  }
  const splits = Object.values(res.events?.splits ?? {}).map((s) => ({
    exDate: day(s.date),
    ratio: s.numerator / s.denominator,
  }));
  // Yahoo's prices are divided by the ratio of every later split: multiply it back.
  const later = (d: string) =>
    splits.reduce((f, s) => (s.exDate > d ? f * s.ratio : f), 1);
  const bars: ProviderBar[] = [];
  ts.forEach((t, i) => {
    const v = (c: typeof cols[number]) => q[c]?.[i] ?? NaN;
    if ([v("open"), v("high"), v("low"), v("close")].every(Number.isNaN)) {
      return;
    }
    const date = day(t), f = later(date);
    bars.push({
      date,
      open: v("open") * f,
      high: v("high") * f,
      low: v("low") * f,
      close: v("close") * f,
      volume: v("volume") / f,
    });
  });
  const actions: CorporateAction[] = [
    ...splits.map((s) => ({
      symbol: ctx.symbol,
      exDate: s.exDate,
      kind: "split" as const,
      value: s.ratio,
    })),
    ...Object.values(res.events?.dividends ?? {}).map((d) => {
      const exDate = day(d.date);
      return {
        symbol: ctx.symbol,
        exDate,
        kind: "dividend" as const,
        value: d.amount * later(exDate),
      };
    }),
  ];
  return { bars, actions };
}

/** The Yahoo Finance connector. */
export const yahoo: Provider = {
  name: "yahoo",
  defaultBaseUrl: () => "https://query1.finance.yahoo.com",
  secrets: () => [],
  async fetchSeries(range, ctx) {
    const q = new URLSearchParams({
      period1: String(epochSeconds(range.from ?? "1900-01-01")),
      // up to today, whatever `to` is: later splits must be known to undo them
      period2: String(epochSeconds(addDays(ctx.today, 1))),
      interval: "1d",
      events: "div,splits",
      includeAdjustedClose: "true",
    });
    const chart = await ctx.get({
      url: `${ctx.baseUrl}/v8/finance/chart/${
        encodeURIComponent(ctx.symbol)
      }?${q}`,
      kind: "json",
    }, (text) => parseJsonAs(ChartSchema, text, "chart", ctx));
    const res = chart.chart.result?.[0];
    if (res === undefined) {
      const err = chart.chart.error;
      throw ctx.fail(
        "unknown_symbol",
        err ? `${err.code}: ${err.description}` : "the chart has no result",
      );
    }
    return convert(res, ctx);
  },
};
