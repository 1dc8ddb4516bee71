/**
 * The store side of a symbol's fetch: what is stored, and writing a fetch through
 * `ingestFile` (the normalised CSV, the actions in the same transaction).
 *
 * @module
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import { makeTempDir } from "../../_shared/runtime.ts";
import type { DbEngine } from "../engine.ts";
import {
  ingestFile,
  type MergeInfo,
  type ValidateHook,
} from "../ingest_file.ts";
import {
  type CorporateAction,
  upsertCorporateActions,
} from "../corporate_actions.ts";
import { symbolSlug } from "./_context.ts";
import type { ProviderBar } from "./types.ts";

/** Stored as-traded bars of `symbol` from `from` (all when undefined) to `to`. */
export async function storedBars(
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
export async function updateFrom(
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
  await mkdir(path.slice(0, path.lastIndexOf("/")), { recursive: true });
  await writeFile(
    path,
    `date,open,high,low,close,volume\n${lines.join("\n")}\n`,
  );
}

/** Where and how a fetch is ingested. */
export interface IngestTarget {
  readonly provider: string;
  readonly validate: ValidateHook;
  /** The cache directory (the CSV is kept under it), else a temp dir that is removed. */
  readonly cacheDir?: string;
}

/**
 * `validate` that first writes `actions` (in the ingest's transaction, before the file
 * check, so the split rule sees the provider's splits), then checks; the merged check
 * and the hook's `contextBars` pass through unchanged.
 */
function withActions(
  validate: ValidateHook,
  actions: readonly CorporateAction[],
  source: string,
): ValidateHook {
  const hook = async (tx: DbEngine, table: string, merge?: MergeInfo) => {
    if (merge === undefined) {
      await upsertCorporateActions(tx, actions, { source, transaction: false });
    }
    return await validate(tx, table, merge);
  };
  return validate.contextBars === undefined
    ? hook
    : Object.assign(hook, { contextBars: validate.contextBars });
}

/**
 * Store `bars` and `actions` of `symbol` in one ingest transaction (the CSV written for
 * it is ingested like any file; the actions are upserted inside the validate hook so
 * they commit or roll back with the bars). Returns the hook's report.
 */
export async function ingestFetched(
  db: DbEngine,
  symbol: string,
  target: IngestTarget,
  bars: readonly ProviderBar[],
  actions: readonly CorporateAction[],
  source: string,
): Promise<unknown> {
  const cache = target.cacheDir;
  const dir = cache === undefined
    ? await makeTempDir("tradelab-fetch-")
    : `${cache}/${target.provider}/ingested`;
  const path = `${dir}/${symbolSlug(symbol)}-${bars[0].date}-${
    bars[bars.length - 1].date
  }.csv`;
  try {
    await writeCsv(path, bars);
    const r = await ingestFile(db, path, {
      symbol,
      source,
      validate: withActions(target.validate, actions, source),
    });
    return r.validation;
  } finally {
    if (cache === undefined) await rm(dir, { recursive: true });
  }
}
