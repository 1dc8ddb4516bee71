/**
 * Stooq connector: daily bars as CSV from `GET /q/d/l/?s=<ticker>&i=d&d1=YYYYMMDD&d2=YYYYMMDD`
 * (no key; an optional `STOOQ_API_KEY` in the environment is sent as `apikey`).
 *
 * - Ticker: the symbol in lower case, with `.us` appended when it has no market suffix
 *   and is not an index (`AAPL` -> `aapl.us`, `^SPX` and `CDR.PL` stay as given).
 * - Answer: `Date,Open,High,Low,Close,Volume` (indices without `Volume`); any other
 *   header is a changed format. `No data` is an unknown symbol (or no bars in range);
 *   `Exceeded the daily hits limit` is a rate limit that no retry can wait out.
 * - Prices as Stooq serves them (adjusted for splits by Stooq); no corporate actions.
 * - Earliest: no `d1` when `from` is not given (Stooq's whole history).
 *
 * @module
 */
import { compactDay } from "./_dates.ts";
import type { Provider, ProviderBar, ProviderContext } from "./types.ts";

const HEADERS = [
  "Date,Open,High,Low,Close,Volume",
  "Date,Open,High,Low,Close",
];

/** The Stooq ticker of a symbol. */
export function stooqTicker(symbol: string): string {
  const s = symbol.toLowerCase();
  return s.startsWith("^") || s.includes(".") ? s : `${s}.us`;
}

function parseCsv(text: string, ctx: ProviderContext): ProviderBar[] {
  const body = text.replace(/^\uFEFF/, "").trim();
  if (/^no data$/i.test(body)) return [];
  if (/exceeded the daily hits limit/i.test(body)) {
    throw ctx.fail(
      "rate_limited",
      'Stooq answered "Exceeded the daily hits limit"; try again tomorrow',
    );
  }
  const lines = body.split(/\r?\n/);
  const header = lines[0].trim();
  if (!HEADERS.includes(header)) {
    throw ctx.fail(
      "malformed",
      `unexpected CSV columns: expected "${
        HEADERS[0]
      }" (or without Volume), got "${
        header.slice(0, 120)
      }" (the format changed?)`,
    );
  }
  const n = header.split(",").length;
  const bars: ProviderBar[] = [];
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i].trim().split(",");
    if (cells.length !== n) {
      throw ctx.fail(
        "malformed",
        `line ${i + 1} has ${cells.length} fields, expected ${n}: "${
          lines[i].slice(0, 80)
        }" (a truncated response?)`,
      );
    }
    const num = (k: number, col: string) => {
      const v = cells[k] === "" ? NaN : Number(cells[k]);
      if (cells[k] !== "" && !Number.isFinite(v)) {
        throw ctx.fail(
          "malformed",
          `line ${i + 1}, column "${col}": expected a number, got "${
            cells[k]
          }"`,
        );
      }
      return v;
    };
    if (!/^\d{4}-\d{2}-\d{2}$/.test(cells[0])) {
      throw ctx.fail(
        "malformed",
        `line ${i + 1}, column "Date": expected YYYY-MM-DD, got "${cells[0]}"`,
      );
    }
    bars.push({
      date: cells[0],
      open: num(1, "Open"),
      high: num(2, "High"),
      low: num(3, "Low"),
      close: num(4, "Close"),
      volume: n > 5 ? num(5, "Volume") : NaN,
    });
  }
  return bars;
}

/** The Stooq connector. */
export const stooq: Provider = {
  name: "stooq",
  defaultBaseUrl: () => "https://stooq.com",
  secrets: (env) => [env.STOOQ_API_KEY ?? ""].filter(Boolean),
  async fetchSeries(range, ctx) {
    const q = new URLSearchParams({ s: stooqTicker(ctx.symbol), i: "d" });
    if (range.from !== undefined) q.set("d1", compactDay(range.from));
    q.set("d2", compactDay(range.to));
    const key = ctx.env.STOOQ_API_KEY;
    if (key) q.set("apikey", key);
    const bars = await ctx.get(
      { url: `${ctx.baseUrl}/q/d/l/?${q}`, kind: "csv" },
      (text) => parseCsv(text, ctx),
    );
    return { bars, actions: [] };
  },
};
