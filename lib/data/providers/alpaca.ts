/**
 * Alpaca connector (market data API v2): daily bars as traded from
 * `GET /v2/stocks/bars?symbols=S&timeframe=1Day&start=D&end=D&adjustment=raw&limit=10000`
 * and splits and cash dividends from
 * `GET /v1/corporate-actions?symbols=S&types=forward_split,reverse_split,cash_dividend`,
 * both following `next_page_token`.
 *
 * - Credentials: `APCA_API_KEY_ID` and `APCA_API_SECRET_KEY` from the environment (or
 *   `.env`), sent as the `APCA-API-KEY-ID` / `APCA-API-SECRET-KEY` headers; never logged,
 *   never in a URL, a cache file name or a message.
 * - Answer: `bars: { S: [{t, o, h, l, c, v}] }`; an empty `bars` is no data (an unknown
 *   symbol when nothing is stored). Dates: the day of `t` in New York.
 * - Splits: `new_rate / old_rate` new shares per old share on `ex_date`; dividends:
 *   `rate` per share on `ex_date`.
 * - Earliest: 2016-01-01 (the start of Alpaca's history) when `from` is not given.
 *
 * @module
 */
import { z } from "zod";
import type { CorporateAction } from "../corporate_actions.ts";
import { addDays, exchangeDate } from "./_dates.ts";
import { parseJsonAs } from "./_json.ts";
import type { Provider, ProviderBar, ProviderContext } from "./types.ts";

const TZ = "America/New_York";
const MAX_PAGES = 1000;

const BarsSchema = z.object({
  bars: z.record(z.array(z.object({
    t: z.string(),
    o: z.number(),
    h: z.number(),
    l: z.number(),
    c: z.number(),
    v: z.number().nullable().optional(),
  }))).nullable(),
  next_page_token: z.string().nullable().optional(),
});

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Split = z.object({
  new_rate: z.number().positive(),
  old_rate: z.number().positive(),
  ex_date: Day,
});
const ActionsSchema = z.object({
  corporate_actions: z.object({
    forward_splits: z.array(Split).optional(),
    reverse_splits: z.array(Split).optional(),
    cash_dividends: z.array(z.object({ rate: z.number(), ex_date: Day }))
      .optional(),
  }).passthrough(),
  next_page_token: z.string().nullable().optional(),
});

/** Every page of a paginated GET (`next_page_token`), in order. */
async function pages<T extends { next_page_token?: string | null }>(
  path: string,
  query: Record<string, string>,
  read: (text: string) => T,
  ctx: ProviderContext,
): Promise<T[]> {
  const headers = {
    "APCA-API-KEY-ID": ctx.env.APCA_API_KEY_ID ?? "",
    "APCA-API-SECRET-KEY": ctx.env.APCA_API_SECRET_KEY ?? "",
  };
  const out: T[] = [];
  let token: string | null | undefined;
  do {
    const q = new URLSearchParams({
      ...query,
      ...(token ? { page_token: token } : {}),
    });
    const page = await ctx.get(
      { url: `${ctx.baseUrl}${path}?${q}`, headers, kind: "json" },
      read,
    );
    out.push(page);
    token = page.next_page_token;
    if (out.length >= MAX_PAGES && token) {
      throw ctx.fail("malformed", `more than ${MAX_PAGES} pages from ${path}`);
    }
  } while (token);
  return out;
}

/** The Alpaca market-data connector. */
export const alpaca: Provider = {
  name: "alpaca",
  defaultBaseUrl: () => "https://data.alpaca.markets",
  secrets: (env) =>
    [env.APCA_API_KEY_ID ?? "", env.APCA_API_SECRET_KEY ?? ""].filter(Boolean),
  async fetchSeries(range, ctx) {
    const missing = ["APCA_API_KEY_ID", "APCA_API_SECRET_KEY"].filter((k) =>
      !ctx.env[k]
    );
    if (missing.length > 0) {
      throw ctx.fail(
        "config",
        `set ${
          missing.join(" and ")
        } in the environment or .env (Alpaca needs a key)`,
      );
    }
    const span = { start: range.from ?? "2016-01-01", end: range.to };
    const barPages = await pages(
      "/v2/stocks/bars",
      {
        symbols: ctx.symbol,
        timeframe: "1Day",
        // a bar is stamped at its day's start in New York (04:00/05:00 UTC): end on the
        // next day so the bar of `to` is in
        start: span.start,
        end: addDays(span.end, 1),
        adjustment: "raw",
        limit: "10000",
        sort: "asc",
      },
      (t) => parseJsonAs(BarsSchema, t, "bars", ctx),
      ctx,
    );
    const bars: ProviderBar[] = barPages.flatMap((p) =>
      (p.bars?.[ctx.symbol] ?? []).map((b) => ({
        date: exchangeDate(Date.parse(b.t), TZ),
        open: b.o,
        high: b.h,
        low: b.l,
        close: b.c,
        volume: b.v ?? NaN,
      }))
    );
    const actionPages = await pages(
      "/v1/corporate-actions",
      {
        symbols: ctx.symbol,
        types: "forward_split,reverse_split,cash_dividend",
        ...span,
        limit: "1000",
      },
      (t) => parseJsonAs(ActionsSchema, t, "corporate actions", ctx),
      ctx,
    );
    const actions: CorporateAction[] = actionPages.flatMap((p) => {
      const ca = p.corporate_actions;
      const split = (s: z.infer<typeof Split>) => ({
        symbol: ctx.symbol,
        exDate: s.ex_date,
        kind: "split" as const,
        value: s.new_rate / s.old_rate,
      });
      return [
        ...(ca.forward_splits ?? []).map(split),
        ...(ca.reverse_splits ?? []).map(split),
        ...(ca.cash_dividends ?? []).filter((d) => d.rate > 0).map((d) => ({
          symbol: ctx.symbol,
          exDate: d.ex_date,
          kind: "dividend" as const,
          value: d.rate,
        })),
      ];
    });
    return { bars, actions };
  },
};
