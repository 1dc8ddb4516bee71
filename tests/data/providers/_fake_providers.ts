/**
 * Fake market-data providers on loopback for tests: one `Deno.serve` on 127.0.0.1 (free
 * port) answering each provider's documented endpoints in its documented format, from
 * one as-traded market (symbols with splits and dividends). Nothing leaves the machine.
 *
 * - Stooq `GET /q/d/l/?s=acme.us&i=d&d1&d2`: CSV `Date,Open,High,Low,Close,Volume`,
 *   prices split-adjusted (as Stooq serves them), `No data` for an unknown ticker.
 * - Yahoo `GET /v8/finance/chart/ACME?period1&period2&interval=1d&events=div,splits`: chart
 *   JSON, OHLC/volume/dividends split-adjusted, `adjclose`, split events; 404 with
 *   `chart.error` for an unknown symbol.
 * - IBKR `GET /v1/api/iserver/secdef/search?symbol=` and
 *   `GET /v1/api/iserver/marketdata/history?conid&period=<n>d&bar=1d&startTime=`: split-adjusted.
 * - Alpaca `GET /v2/stocks/bars?symbols&timeframe=1Day&start&end&adjustment=raw` (pages of
 *   `pageSize` bars with `next_page_token`) and `GET /v1/corporate-actions`; both need the
 *   `APCA-API-KEY-ID` / `APCA-API-SECRET-KEY` headers (401 otherwise).
 *
 * `availableUntil` hides later bars (history that grows week by week); `revise` changes a
 * served value (a vendor revision); `fail` makes the data endpoint misbehave: `404`,
 * `empty` (no bars), `429` (with `Retry-After`), `500` (503), `truncated` (the connection
 * closes before the promised Content-Length), `cut` (a complete answer whose content
 * stops mid-way), `html` (a maintenance page), `columns` (renamed fields), `timeout`.
 */

/** One as-traded daily bar. */
export interface FakeBar {
  date: string;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** One symbol of the fake market. */
export interface FakeSymbol {
  bars: FakeBar[];
  /** Splits: new shares per old share, effective on `exDate`. */
  splits: { exDate: string; ratio: number }[];
  /** Cash dividends as paid on `exDate`. */
  dividends: { exDate: string; amount: number }[];
}

/** How the data endpoint misbehaves. */
export type FailMode =
  | "404"
  | "empty"
  | "429"
  | "500"
  | "truncated"
  | "cut"
  | "html"
  | "columns"
  | "timeout";

export interface FakeOptions {
  /** Alpaca credentials the server accepts. */
  keyId?: string;
  secret?: string;
  /** Bars per Alpaca page. @default 10 */
  pageSize?: number;
}

export interface FakeProviders {
  readonly baseUrl: string;
  /** Every request, `METHOD /path?query`. */
  readonly requests: string[];
  /** Data requests (bars/chart/history/CSV), the ones `fail` applies to. */
  dataRequests(): number;
  /** Serve bars dated on or before `date` only (undefined: all). */
  availableUntil(date: string | undefined): void;
  /** Serve `value` as the as-traded `field` of `symbol` on `date`. */
  revise(
    symbol: string,
    date: string,
    field: keyof FakeBar,
    value: number,
  ): void;
  /** The next `times` data requests fail with `mode` (`Retry-After` for 429). */
  fail(mode: FailMode, times?: number, retryAfter?: string): void;
  close(): Promise<void>;
}

/** Weekdays from `start`, `n` of them. */
export function weekdays(start: string, n: number): string[] {
  const out: string[] = [];
  for (
    let t = Date.parse(`${start}T00:00:00Z`);
    out.length < n;
    t += 86_400_000
  ) {
    const d = new Date(t);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) {
      out.push(d.toISOString().slice(0, 10));
    }
  }
  return out;
}

/**
 * A deterministic as-traded market: `ACME` over 30 weekdays from 2024-01-02 with a 4:1
 * split on the 13th bar's date and a 0.5 dividend on the 20th's, and `BETA` (no actions).
 */
export function fakeMarket(): Record<string, FakeSymbol> {
  const dates = weekdays("2024-01-02", 30);
  const series = (p0: number, splitAt: number) =>
    dates.map((date, t) => {
      const f = t >= splitAt ? 4 : 1;
      const close = (p0 + t * 0.5 + 2 * Math.sin(t)) / f;
      const open = (p0 + t * 0.5 + 2 * Math.sin(t - 0.5)) / f;
      return {
        date,
        open,
        high: Math.max(open, close) * 1.01,
        low: Math.min(open, close) * 0.99,
        close,
        volume: 1_000_000 * f + t * 100,
      };
    });
  return {
    ACME: {
      bars: series(400, 12),
      splits: [{ exDate: dates[12], ratio: 4 }],
      dividends: [{ exDate: dates[19], amount: 0.5 }],
    },
    BETA: { bars: series(50, 999), splits: [], dividends: [] },
  };
}

const day = (sec: number) => new Date(sec * 1000).toISOString().slice(0, 10);
const enc = new TextEncoder();

/** Start the fake on a free loopback port. */
export function startFakeProviders(
  market: Record<string, FakeSymbol> = fakeMarket(),
  options: FakeOptions = {},
): FakeProviders {
  const requests: string[] = [];
  let data = 0, until: string | undefined;
  let failing:
    | { mode: FailMode; times: number; retryAfter?: string }
    | undefined;
  const keyId = options.keyId ?? "fake-key-id",
    secret = options.secret ?? "fake-secret";
  const pageSize = options.pageSize ?? 10;

  const visible = (s: FakeSymbol) =>
    s.bars.filter((b) => until === undefined || b.date <= until);
  /** Factor dividing prices of `date` in split-adjusted series (later splits). */
  const later = (s: FakeSymbol, date: string) =>
    s.splits.reduce(
      (f, x) => (x.exDate > date && (until === undefined || x.exDate <= until)
        ? f * x.ratio
        : f),
      1,
    );
  const adjusted = (s: FakeSymbol) =>
    visible(s).map((b) => {
      const f = later(s, b.date);
      return {
        ...b,
        open: b.open / f,
        high: b.high / f,
        low: b.low / f,
        close: b.close / f,
        volume: b.volume * f,
      };
    });
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { "content-type": "application/json" },
    });

  /** The failure of the current data request (set per request, before answering). */
  let now: FailMode | undefined;

  function misbehave(
    kind: "csv" | "json",
  ): Response | Promise<Response> | undefined {
    now = undefined;
    if (failing === undefined || failing.times <= 0) return undefined;
    failing.times--;
    const m = now = failing.mode;
    if (m === "404") return new Response("Not Found", { status: 404 });
    if (m === "429") {
      return new Response("Too Many Requests", {
        status: 429,
        headers: failing.retryAfter === undefined
          ? {}
          : { "retry-after": failing.retryAfter },
      });
    }
    if (m === "500") return new Response("upstream error", { status: 503 });
    if (m === "html") {
      return new Response(
        "<!DOCTYPE html><html><head><title>Service Unavailable - Maintenance</title></head><body>Back soon</body></html>",
        { headers: { "content-type": "text/html; charset=utf-8" } },
      );
    }
    if (m === "truncated") {
      const part = kind === "csv"
        ? "Date,Open,High,Low,Close,Volume\n2024-01-02,1,2,0.5,1.5,100\n2024-01-03,1"
        : '{"chart":{"result":[{"meta":{"currency":"USD"';
      const body = new ReadableStream({
        start(c) {
          c.enqueue(enc.encode(part));
          c.close();
        },
      });
      // the header promises more than is sent: the connection closes mid-body
      return new Response(body, {
        headers: { "content-length": String(part.length + 400) },
      });
    }
    if (m === "cut") {
      // a complete HTTP answer whose content stops mid-way
      return new Response(
        kind === "csv"
          ? "Date,Open,High,Low,Close,Volume\r\n2024-01-02,400,404,396,401,1000000\r\n2024-01-03,401,40"
          : '{"chart":{"result":[{"meta":{"currency":"USD"},"timestamp":[1704205800,',
        {
          headers: {
            "content-type": kind === "csv" ? "text/csv" : "application/json",
          },
        },
      );
    }
    if (m === "timeout") {
      // answer after the client's timeout (tests use 200 ms)
      return new Promise((resolve) =>
        setTimeout(() => resolve(new Response("late")), 1000)
      );
    }
    return undefined; // "columns" and "empty" are answered by each provider
  }

  function stooq(u: URL): Response {
    const t = u.searchParams.get("s") ?? "";
    const sym = Object.keys(market).find((k) => `${k.toLowerCase()}.us` === t);
    if (now === "empty" || sym === undefined) return new Response("No data");
    const d1 = u.searchParams.get("d1") ?? "00000000",
      d2 = u.searchParams.get("d2") ?? "99999999";
    const rows = adjusted(market[sym]).filter((b) => {
      const c = b.date.replaceAll("-", "");
      return c >= d1 && c <= d2;
    });
    const header = now === "columns"
      ? "Data,Otwarcie,Najwyzszy,Najnizszy,Zamkniecie,Wolumen"
      : "Date,Open,High,Low,Close,Volume";
    if (rows.length === 0) return new Response("No data");
    return new Response(
      [
        header,
        ...rows.map((b) =>
          `${b.date},${b.open},${b.high},${b.low},${b.close},${b.volume}`
        ),
      ].join("\r\n") + "\r\n",
      { headers: { "content-type": "text/csv" } },
    );
  }

  function yahoo(sym: string, u: URL): Response {
    const s = market[sym];
    if (s === undefined || now === "404") {
      return json({
        chart: {
          result: null,
          error: {
            code: "Not Found",
            description: "No data found, symbol may be delisted",
          },
        },
      }, 404);
    }
    const p1 = day(Number(u.searchParams.get("period1"))),
      p2 = day(Number(u.searchParams.get("period2")));
    const rows = adjusted(s).filter((b) => b.date >= p1 && b.date < p2);
    const ts = rows.map((b) => Date.parse(`${b.date}T14:30:00Z`) / 1000);
    const inRange = (d: string) =>
      d >= p1 && d < p2 && (until === undefined || d <= until);
    const divs = Object.fromEntries(
      s.dividends.filter((d) => inRange(d.exDate)).map((d) => {
        const t = Date.parse(`${d.exDate}T14:30:00Z`) / 1000;
        return [String(t), { amount: d.amount / later(s, d.exDate), date: t }];
      }),
    );
    const splits = Object.fromEntries(
      s.splits.filter((x) => inRange(x.exDate)).map((x) => {
        const t = Date.parse(`${x.exDate}T14:30:00Z`) / 1000;
        return [String(t), {
          date: t,
          numerator: x.ratio,
          denominator: 1,
          splitRatio: `${x.ratio}:1`,
        }];
      }),
    );
    // adjclose: split-adjusted close times the dividend factors (1 - D/P_prev) after t
    const adjclose = rows.map((b, i) => {
      let f = 1;
      for (const d of s.dividends) {
        if (!inRange(d.exDate) || d.exDate <= b.date) continue;
        const k = rows.findLastIndex((r) => r.date < d.exDate);
        if (k >= 0) f *= 1 - (d.amount / later(s, d.exDate)) / rows[k].close;
      }
      return rows[i].close * f;
    });
    const quote = now === "columns"
      ? { o: rows.map((b) => b.open), c: rows.map((b) => b.close) }
      : {
        open: rows.map((b) => b.open),
        high: rows.map((b) => b.high),
        low: rows.map((b) => b.low),
        close: rows.map((b) => b.close),
        volume: rows.map((b) => b.volume),
      };
    const meta = {
      currency: "USD",
      symbol: sym,
      exchangeName: "NMS",
      instrumentType: "EQUITY",
      gmtoffset: -18000,
      timezone: "EST",
      exchangeTimezoneName: "America/New_York",
    };
    if (rows.length === 0 || now === "empty") {
      return json({
        chart: {
          result: [{ meta, indicators: { quote: [{}], adjclose: [{}] } }],
          error: null,
        },
      });
    }
    return json({
      chart: {
        result: [{
          meta,
          timestamp: ts,
          events: { dividends: divs, splits },
          indicators: { quote: [quote], adjclose: [{ adjclose }] },
        }],
        error: null,
      },
    });
  }

  const CONIDS: Record<string, number> = {};
  Object.keys(market).forEach((k, i) => (CONIDS[k] = 1000 + i));

  function ibkr(path: string, u: URL): Response {
    if (path === "/iserver/secdef/search") {
      const sym = u.searchParams.get("symbol") ?? "";
      return json(
        CONIDS[sym]
          ? [{
            conid: String(CONIDS[sym]),
            companyHeader: `${sym} - NASDAQ`,
            symbol: sym,
          }]
          : [],
      );
    }
    const sym = Object.keys(CONIDS).find((k) =>
      String(CONIDS[k]) === u.searchParams.get("conid")
    );
    if (sym === undefined) return json({ error: "no contract" }, 500);
    const st = u.searchParams.get("startTime") ?? "99991231-23:59:59";
    const end = `${st.slice(0, 4)}-${st.slice(4, 6)}-${st.slice(6, 8)}`;
    const days = Number(
      /^(\d+)d$/.exec(u.searchParams.get("period") ?? "")?.[1] ?? 1000,
    );
    const start = new Date(
      Date.parse(`${end}T00:00:00Z`) - (days - 1) * 86_400_000,
    ).toISOString().slice(0, 10);
    const rows = now === "empty"
      ? []
      : adjusted(market[sym]).filter((b) => b.date >= start && b.date <= end);
    const bars = rows.map((b) => ({
      o: b.open,
      c: b.close,
      h: b.high,
      l: b.low,
      v: b.volume,
      t: Date.parse(`${b.date}T14:30:00Z`),
    }));
    return json({
      serverId: "1",
      symbol: sym,
      text: sym,
      priceFactor: 100,
      startTime: "",
      high: "",
      low: "",
      timePeriod: `${days}d`,
      barLength: 86400,
      mdAvailability: "S",
      mktDataDelay: 0,
      outsideRth: false,
      volumeFactor: 1,
      priceDisplayRule: 1,
      priceDisplayValue: "2",
      negativeCapable: false,
      messageVersion: 2,
      ...(now === "columns" ? { bars } : { data: bars }),
      points: bars.length,
      travelTime: 10,
    });
  }

  function alpacaAuth(req: Request): Response | undefined {
    if (
      req.headers.get("apca-api-key-id") !== keyId ||
      req.headers.get("apca-api-secret-key") !== secret
    ) {
      return json({ message: "forbidden." }, 401);
    }
    return undefined;
  }

  function alpacaBars(u: URL): Response {
    const sym = u.searchParams.get("symbols") ?? "";
    const s = market[sym];
    const start = u.searchParams.get("start") ?? "0000",
      end = u.searchParams.get("end") ?? "9999";
    const rows = s === undefined || now === "empty"
      ? []
      : visible(s).filter((b) =>
        b.date >= start.slice(0, 10) &&
        `${b.date}T04:00:00Z` <= (end.length === 10 ? `${end}T00:00:00Z` : end)
      );
    const from = Number(u.searchParams.get("page_token") ?? 0);
    const page = rows.slice(from, from + pageSize);
    const next = from + pageSize < rows.length ? String(from + pageSize) : null;
    const bars = page.map((b) => ({
      t: `${b.date}T05:00:00Z`,
      o: b.open,
      h: b.high,
      l: b.low,
      c: b.close,
      v: b.volume,
      n: 1000,
      vw: b.close,
    }));
    if (now === "columns") {
      return json({ data: { [sym]: bars }, next_page_token: next });
    }
    return json({
      bars: page.length || next ? { [sym]: bars } : {},
      next_page_token: next,
      currency: "USD",
    });
  }

  function alpacaActions(u: URL): Response {
    const sym = u.searchParams.get("symbols") ?? "";
    const s = market[sym];
    const start = u.searchParams.get("start") ?? "0000",
      end = u.searchParams.get("end") ?? "9999";
    const ok = (d: string) =>
      d >= start && d <= end && (until === undefined || d <= until);
    const splits = (s?.splits ?? []).filter((x) => ok(x.exDate)).map((x) => ({
      corporate_action_type: "forward_split",
      symbol: sym,
      cusip: "000000000",
      new_rate: x.ratio,
      old_rate: 1,
      process_date: x.exDate,
      ex_date: x.exDate,
      record_date: x.exDate,
      payable_date: x.exDate,
    }));
    const dividends = (s?.dividends ?? []).filter((d) => ok(d.exDate)).map((
      d,
    ) => ({
      corporate_action_type: "cash_dividend",
      symbol: sym,
      cusip: "000000000",
      rate: d.amount,
      special: false,
      foreign: false,
      process_date: d.exDate,
      ex_date: d.exDate,
      record_date: d.exDate,
      payable_date: d.exDate,
    }));
    return json({
      corporate_actions: { forward_splits: splits, cash_dividends: dividends },
      next_page_token: null,
    });
  }

  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (req) => {
      const u = new URL(req.url);
      requests.push(`${req.method} ${u.pathname}${u.search}`);
      const isData = u.pathname === "/q/d/l/" ||
        u.pathname.startsWith("/v8/finance/chart/") ||
        u.pathname === "/v1/api/iserver/marketdata/history" ||
        u.pathname === "/v2/stocks/bars";
      now = undefined;
      if (isData) {
        data++;
        const bad = misbehave(u.pathname === "/q/d/l/" ? "csv" : "json");
        if (bad !== undefined) return bad;
      }
      if (u.pathname === "/q/d/l/") return stooq(u);
      if (u.pathname.startsWith("/v8/finance/chart/")) {
        return yahoo(
          decodeURIComponent(u.pathname.slice("/v8/finance/chart/".length)),
          u,
        );
      }
      if (u.pathname.startsWith("/v1/api/")) {
        return ibkr(
          u.pathname.slice("/v1/api".length),
          u,
        );
      }
      if (
        u.pathname === "/v2/stocks/bars" ||
        u.pathname === "/v1/corporate-actions"
      ) {
        const denied = alpacaAuth(req);
        if (denied) return denied;
        return u.pathname === "/v2/stocks/bars"
          ? alpacaBars(u)
          : alpacaActions(u);
      }
      return new Response("not found", { status: 404 });
    },
  );
  return {
    baseUrl: `http://127.0.0.1:${server.addr.port}`,
    requests,
    dataRequests: () => data,
    availableUntil(date) {
      until = date;
    },
    revise(symbol, date, field, value) {
      const b = market[symbol].bars.find((x) => x.date === date);
      if (b === undefined) {
        throw new RangeError(`no bar of ${symbol} on ${date}`);
      }
      (b as unknown as Record<string, number>)[field] = value;
    },
    fail(mode, times = Infinity, retryAfter) {
      failing = { mode, times, retryAfter };
    },
    async close() {
      await server.shutdown();
    },
  };
}
