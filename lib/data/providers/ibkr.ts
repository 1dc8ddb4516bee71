/**
 * IBKR connector: daily bars from a running Client Portal gateway (the one the paper
 * adapter uses), through the gateway client of `ibkr_gateway.ts`:
 * `GET /iserver/secdef/search?symbol=S` for the contract id, then
 * `GET /iserver/marketdata/history?conid=C&period=<n>d&bar=1d&outsideRth=false&startTime=<to>-23:59:59`
 * (at most 1000 days a request, so longer ranges take several, newest first).
 *
 * - Base URL: `--base-url`, `TRADELAB_IBKR_URL`, `IBKR_GATEWAY_URL`, else
 *   `https://localhost:5000/v1/api`. No key: the gateway holds the session.
 * - Answer: `data: [{t, o, h, l, c, v}]` (t in ms); volume times `volumeFactor` when
 *   given. Dates: the day of `t` in New York (US listings).
 * - Prices as IBKR serves them (adjusted for splits by IBKR); no corporate actions.
 * - Earliest: 1000 days before `to` when `from` is not given.
 * - No contract for the symbol is an unknown symbol.
 *
 * @module
 */
import { z } from "zod";
import { addDays, compactDay, daysBetween, exchangeDate } from "./_dates.ts";
import { conidOf, conidSearchPath, ibkrFetch } from "./ibkr_gateway.ts";
import { parseJsonAs } from "./_json.ts";
import type { Provider, ProviderBar, ProviderContext } from "./types.ts";

const MAX_DAYS = 1000;
const TZ = "America/New_York";

const HistorySchema = z.object({
  data: z.array(z.object({
    t: z.number(),
    o: z.number(),
    h: z.number(),
    l: z.number(),
    c: z.number(),
    v: z.number().nullable().optional(),
  })),
  volumeFactor: z.number().positive().optional(),
});

function parseHistory(text: string, ctx: ProviderContext): ProviderBar[] {
  const h = parseJsonAs(HistorySchema, text, "history", ctx);
  const vf = h.volumeFactor ?? 1;
  return h.data.map((b) => ({
    date: exchangeDate(b.t, TZ),
    open: b.o,
    high: b.h,
    low: b.l,
    close: b.c,
    volume: b.v === null || b.v === undefined ? NaN : b.v * vf,
  }));
}

/** The IBKR Client Portal connector. */
export const ibkr: Provider = {
  name: "ibkr",
  defaultBaseUrl: (env) =>
    env.IBKR_GATEWAY_URL || "https://localhost:5000/v1/api",
  secrets: (env) => [env.IBKR_ACCOUNT_ID ?? ""].filter(Boolean),
  async fetchSeries(range, ctx) {
    const gw = {
      baseUrl: ctx.baseUrl,
      accountId: ctx.env.IBKR_ACCOUNT_ID ?? "",
      fetch: ctx.fetch,
    };
    const get = <T>(path: string, parse: (t: string) => T) =>
      ctx.get({
        url: `${ctx.baseUrl}${path}`,
        kind: "json",
        send: (signal) => ibkrFetch(gw, "GET", path, undefined, signal),
      }, parse);
    const conid = await get(
      conidSearchPath(ctx.symbol),
      (t) =>
        conidOf(parseJsonAs(z.unknown(), t, "contract search", ctx)) ?? null,
    );
    if (conid === null) {
      throw ctx.fail(
        "unknown_symbol",
        "the gateway knows no contract of this symbol",
      );
    }
    const from = range.from ?? addDays(range.to, -(MAX_DAYS - 1));
    const bars: ProviderBar[] = [];
    for (let end = range.to; end >= from; end = addDays(end, -MAX_DAYS)) {
      const days = Math.min(MAX_DAYS, daysBetween(from, end) + 1);
      const q = new URLSearchParams({
        conid: String(conid),
        period: `${days}d`,
        bar: "1d",
        outsideRth: "false",
        startTime: `${compactDay(end)}-23:59:59`,
      });
      const chunk = await get(
        `/iserver/marketdata/history?${q}`,
        (t) => parseHistory(t, ctx),
      );
      bars.unshift(...chunk);
    }
    return { bars, actions: [] };
  },
};
