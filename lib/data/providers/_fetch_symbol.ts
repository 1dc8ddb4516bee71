/**
 * One symbol of a fetch: plan the range, download, compare with the store, ingest.
 *
 * @module
 */
import type { DbEngine } from "../engine.ts";
import { ingestFile, type ValidateHook } from "../ingest_file.ts";
import {
  type CorporateAction,
  loadCorporateActions,
  upsertCorporateActions,
} from "../corporate_actions.ts";
import { type ContextSettings, makeContext, symbolSlug } from "./_context.ts";
import {
  actionRevisions,
  barRevisions,
  describeRevisions,
  type Revision,
} from "./_revisions.ts";
import type { FetchOptions } from "./config.ts";
import type { SymbolFetchResult } from "./fetch_bars.ts";
import { ProviderError } from "./provider_error.ts";
import type { Provider, ProviderBar } from "./types.ts";

/** Everything shared by the symbols of one fetch. */
export interface SymbolPlan {
  readonly opts: FetchOptions & { readonly to: string };
  readonly provider: Provider;
  readonly validate: ValidateHook;
  readonly settings: ContextSettings;
}

/** Stored as-traded bars of `symbol` from `from` (all when undefined) to `to`. */
async function storedBars(
  db: DbEngine,
  symbol: string,
  from: string | undefined,
  to: string,
): Promise<ProviderBar[]> {
  const rows = await db.query<
    Record<"open" | "high" | "low" | "close" | "volume", number | null> & {
      d: string;
    }
  >(
    `SELECT strftime(ts, '%Y-%m-%d') AS d, open, high, low, close, volume FROM bars
     WHERE symbol = $symbol AND ts >= CAST($from AS TIMESTAMP)
       AND ts < CAST($to AS TIMESTAMP) + INTERVAL 1 DAY ORDER BY ts`,
    { symbol, from: from ?? "0001-01-01", to },
  );
  const n = (v: number | null) => v ?? NaN;
  return rows.map((r) => ({
    date: r.d,
    open: n(r.open),
    high: n(r.high),
    low: n(r.low),
    close: n(r.close),
    volume: n(r.volume),
  }));
}

/** Where an update starts: the date of the `overlap`-th last stored bar, if any. */
async function updateFrom(
  db: DbEngine,
  symbol: string,
  overlap: number,
): Promise<string | undefined> {
  const rows = await db.query<{ d: string }>(
    `SELECT strftime(min(ts), '%Y-%m-%d') AS d FROM (SELECT ts FROM bars
       WHERE symbol = $symbol ORDER BY ts DESC LIMIT ${overlap})`,
    { symbol },
  );
  return rows[0]?.d ?? undefined;
}

const num = (v: number) => (Number.isNaN(v) ? "" : String(v));

async function writeCsv(path: string, bars: readonly ProviderBar[]) {
  const lines = bars.map((b) =>
    `${b.date},${num(b.open)},${num(b.high)},${num(b.low)},${num(b.close)},${
      num(b.volume)
    }`
  );
  await Deno.mkdir(path.slice(0, path.lastIndexOf("/")), { recursive: true });
  await Deno.writeTextFile(
    path,
    `date,open,high,low,close,volume\n${lines.join("\n")}\n`,
  );
}

/** Store `bars` and `actions` in one ingest transaction; returns the hook's report. */
async function ingest(
  db: DbEngine,
  symbol: string,
  plan: SymbolPlan,
  bars: readonly ProviderBar[],
  actions: readonly CorporateAction[],
  source: string,
): Promise<unknown> {
  const cache = plan.settings.cache?.dir;
  const dir = cache === undefined
    ? await Deno.makeTempDir({ prefix: "tradelab-fetch-" })
    : `${cache}/${plan.provider.name}/ingested`;
  const path = `${dir}/${symbolSlug(symbol)}-${bars[0].date}-${
    bars[bars.length - 1].date
  }.csv`;
  try {
    await writeCsv(path, bars);
    const r = await ingestFile(db, path, {
      symbol,
      source,
      validate: async (tx, table) => {
        await upsertCorporateActions(tx, actions, {
          source,
          transaction: false,
        });
        return await plan.validate(tx, table);
      },
    });
    return r.validation;
  } finally {
    if (cache === undefined) await Deno.remove(dir, { recursive: true });
  }
}

/**
 * Fetch and store one symbol. Never throws: a failure is a `failed` result whose error
 * names the provider and the symbol (and the store is unchanged for it).
 */
export async function fetchSymbol(
  db: DbEngine,
  symbol: string,
  plan: SymbolPlan,
): Promise<SymbolFetchResult> {
  const { opts, provider } = plan;
  const from = opts.update
    ? (await updateFrom(db, symbol, opts.overlapBars)) ?? opts.from
    : opts.from;
  const { ctx, requests, commit } = makeContext(symbol, plan.settings);
  const base = { symbol, from, to: opts.to, requests };
  let revisions: Revision[] = [];
  let validation: unknown;
  try {
    const series = await provider.fetchSeries({ from, to: opts.to }, ctx);
    const bars = series.bars.filter((b) =>
      (from === undefined || b.date >= from) && b.date <= opts.to
    );
    const stored = await storedBars(db, symbol, from ?? bars[0]?.date, opts.to);
    const storedActions = await loadCorporateActions(db, symbol);
    revisions = [
      // an update whose overlap comes back empty: the provider lost stored bars
      ...(bars.length === 0 && opts.update
        ? stored.map((b) => ({
          date: b.date,
          field: "bar",
          stored: b.close,
          provider: null,
        }))
        : barRevisions(stored, bars)),
      ...actionRevisions(storedActions, series.actions),
    ];
    if (revisions.length > 0 && opts.mode === "strict") {
      throw ctx.fail(
        "revision",
        `the provider revised ${revisions.length} stored value${
          revisions.length === 1 ? "" : "s"
        } (${
          describeRevisions(revisions)
        }); nothing was stored: check the vendor's change, then re-run with --mode relaxed to take its values`,
      );
    }
    const storedDates = new Set(stored.map((b) => b.date));
    const revised = new Set(revisions.map((r) => r.date));
    const write = bars.filter((b) =>
      !storedDates.has(b.date) || revised.has(b.date)
    );
    const known = new Set(
      storedActions.map((a) => `${a.exDate}/${a.kind}/${a.value}`),
    );
    const actions = series.actions.filter((a) =>
      !known.has(`${a.exDate}/${a.kind}/${a.value}`)
    );
    const url = requests[0]?.url ?? "(cache)";
    const source = `${provider.name} ${symbol} ${
      from ?? "start"
    }..${opts.to} GET ${url}${
      requests.length > 1 ? ` (+${requests.length - 1} more)` : ""
    }`;
    if (bars.length === 0 && !(opts.update && stored.length > 0)) {
      throw ctx.fail(
        "unknown_symbol",
        `no bars between ${
          from ?? "the start"
        } and ${opts.to} (unknown symbol, or no trading in that range)`,
      );
    }
    if (write.length === 0) {
      if (actions.length > 0) {
        await upsertCorporateActions(db, actions, { source });
      }
      await commit();
      return {
        ...base,
        status: "up-to-date",
        fetched: bars.length,
        rows: 0,
        actions: actions.length,
        revisions,
      };
    }
    validation = await ingest(db, symbol, plan, write, actions, source);
    await commit();
    return {
      ...base,
      status: "stored",
      fetched: bars.length,
      rows: write.length,
      first: write[0].date,
      last: write[write.length - 1].date,
      actions: actions.length,
      revisions,
      validation,
    };
  } catch (e) {
    const report = (e as { report?: unknown }).report;
    const pe = e instanceof ProviderError
      ? e
      : ctx.fail("invalid_data", e instanceof Error ? e.message : String(e));
    return {
      ...base,
      status: "failed",
      fetched: 0,
      rows: 0,
      actions: 0,
      revisions,
      ...(report === undefined ? {} : { validation: report }),
      error: pe.message,
      errorKind: pe.kind,
    };
  }
}
