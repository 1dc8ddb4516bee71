/**
 * The weekly cycle's checks before a session advances: which period it trades, that the
 * bars it already traded are still the bars in the store (no late bar, no bar gone, no
 * price rewritten: dates against the journal, values against the last cycle's
 * fingerprints), that no split falls inside the bars it trades as traded, and, for a
 * session fed from the store, that the store holds its symbols.
 *
 * @module
 */
import type { Bars } from "../_shared/types.ts";
import {
  type DbEngine,
  DEFAULT_DB_PATH,
  type LastCompleteWeek,
  loadCorporateActions,
  SAMPLE_SYMBOLS,
} from "../data/mod.ts";
import { hashColumns } from "../_shared/hash.ts";
import type { PaperConfig } from "../paper/mod.ts";
import { type BarsFingerprint, tableExists } from "../store/mod.ts";

/** A weekly cycle that cannot go on (the message says why and what to do). */
export class WeeklyCycleError extends Error {
  override name = "WeeklyCycleError";
}

/** What the session trades in this cycle. */
export interface CyclePeriod {
  /** The session's first trading date (its first journaled bar, or where it starts). */
  readonly from: string;
  /** The last day this cycle may trade: the last complete week's Sunday (or feed.to). */
  readonly to: string;
  /** Dates of the bars this cycle trades (after the last journaled one), ascending. */
  readonly dates: readonly string[];
}

/** Every date holding a bar of any of the session's symbols, ascending. */
export function barDates(bars: readonly Bars[]): string[] {
  return [...new Set(bars.flatMap((b) => b.dates))].sort();
}

/**
 * The period of this cycle: a resumed session trades from its first journaled date, a
 * new one from `feed.from`, else from the first bar of the last complete week; all up
 * to the last complete week (never after `feed.to`).
 */
export function cyclePeriod(
  config: PaperConfig,
  dates: readonly string[],
  complete: LastCompleteWeek,
  journaled: { first?: string; last?: string },
): CyclePeriod | null {
  if (complete.through === null || complete.week === null) return null;
  const to = config.feed.to !== undefined && config.feed.to < complete.through
    ? config.feed.to
    : complete.through;
  const from = journaled.first ?? config.feed.from ??
    dates.find((d) => d >= weekStart(complete.through!));
  if (from === undefined) return null;
  const after = journaled.last ?? "";
  const todo = dates.filter((d) => d >= from && d > after && d <= to);
  return { from, to, dates: todo };
}

function weekStart(sunday: string): string {
  return new Date(Date.parse(`${sunday}T00:00:00Z`) - 6 * 86_400_000)
    .toISOString().slice(0, 10);
}

/**
 * The dates the session journaled must be exactly the stored dates of its period (a
 * bar that arrived late, or one that disappeared, would shift every resumed bar).
 */
export function checkTradedDates(
  sessionId: string,
  stored: readonly string[],
  journaled: readonly string[],
): void {
  const first = journaled[0], last = journaled.at(-1);
  if (first === undefined || last === undefined) return;
  const inPeriod = stored.filter((d) => d >= first && d <= last);
  const seen = new Set(journaled), have = new Set(inPeriod);
  const late = inPeriod.filter((d) => !seen.has(d));
  const gone = journaled.filter((d) => !have.has(d));
  if (late.length === 0 && gone.length === 0) return;
  throw new WeeklyCycleError(
    `Cannot advance session "${sessionId}": the stored bars of the weeks it already traded (${first}..${last}) changed: ${
      [
        late.length ? `${late.join(", ")} stored but never traded` : "",
        gone.length ? `${gone.join(", ")} traded but no longer stored` : "",
      ].filter(Boolean).join("; ")
    }. Restore those bars, or start a new session under another name`,
  );
}

/**
 * The fingerprint of one symbol's bars from `firstDate` to `through` (the bars a cycle
 * traded on and warmed up with).
 */
export function fingerprint(
  b: Bars,
  firstDate: string,
  through: string,
): BarsFingerprint {
  let i0 = 0, i1 = b.dates.length;
  while (i0 < i1 && b.dates[i0] < firstDate) i0++;
  while (i1 > i0 && b.dates[i1 - 1] > through) i1--;
  return {
    symbol: b.symbol,
    firstDate,
    through,
    bars: i1 - i0,
    dataHash: hashColumns([
      b.dates.slice(i0, i1),
      ...[b.open, b.high, b.low, b.close, b.volume].map((c) =>
        c.subarray(i0, i1)
      ),
    ]),
  };
}

/**
 * The bars the session traded, as fingerprinted by its last cycle, must be the stored
 * ones: a late bar, a lost one or a rewritten price (a revision taken in relaxed mode, a
 * back-adjustment) in weeks already traded is refused.
 */
export function checkFingerprints(
  sessionId: string,
  bars: readonly Bars[],
  prints: readonly BarsFingerprint[],
): void {
  const changed = prints.flatMap((p) => {
    const b = bars.find((x) => x.symbol === p.symbol);
    const now = b ? fingerprint(b, p.firstDate, p.through) : undefined;
    if (now && now.bars === p.bars && now.dataHash === p.dataHash) return [];
    return [
      `${p.symbol}: ${p.bars} bars ${p.firstDate}..${p.through} when traded, ${
        now
          ? `${now.bars} now${now.bars === p.bars ? " with other values" : ""}`
          : "none now"
      }`,
    ];
  });
  if (changed.length === 0) return;
  throw new WeeklyCycleError(
    `Cannot advance session "${sessionId}": the stored bars of the weeks it already traded changed (${
      changed.join("; ")
    }). A late, lost or revised bar is never merged into a running session: restore the bars, or start a new session under another name`,
  );
}

/**
 * No split inside the bars a session trades as traded (`data` section): the sim broker
 * does not split positions, and the strategy's history would show the split as a price
 * jump. Dividends are price moves of an account that receives no cash.
 */
export async function checkNoSplit(
  db: DbEngine,
  config: PaperConfig,
  window: { first: string; to: string },
): Promise<void> {
  if (config.data === undefined) return;
  for (const s of config.symbols) {
    const split = (await loadCorporateActions(db, s)).find((a) =>
      a.kind === "split" && a.exDate > window.first && a.exDate <= window.to
    );
    if (split === undefined) continue;
    throw new WeeklyCycleError(
      `Cannot advance session "${config.name}": ${s} split ${split.value}:1 on ${split.exDate}, inside the bars the session trades as traded (${window.first}..${window.to}); the paper broker does not split positions or history. Start a new session whose history (feed.from minus feed.warmupBars bars) begins on or after ${split.exDate}`,
    );
  }
}

/** How the output and the report say where a store-fed cycle's bars came from. */
export const STORE_BARS = "bars from the store, no update";

/**
 * The one error of a store-fed cycle (`data.provider` "store") whose store lacks the
 * session's bars: what is missing and what to run first (the demo for the built-in
 * samples, else an ingest or a fetch), with the store's `--db` when it is not the
 * default.
 *
 * @param config The session config.
 * @param missing What is missing, e.g. "there is no store at data/x.duckdb".
 * @param dbPath The store file (undefined: in memory or the default).
 * @returns The error.
 */
export function noStoredBars(
  config: PaperConfig,
  missing: string,
  dbPath?: string,
): WeeklyCycleError {
  const db = dbPath === undefined || dbPath === DEFAULT_DB_PATH
    ? ""
    : ` --db ${dbPath}`;
  const samples = config.symbols.every((s) => SAMPLE_SYMBOLS.includes(s));
  const first = samples
    ? `\`deno task demo${db}\` first (it loads the built-in samples into the store)`
    : `\`deno task ingest FILE --symbol SYMBOL${db}\` or \`deno task fetch ${
      config.symbols.join(" ")
    } --provider yahoo${db}\` first`;
  return new WeeklyCycleError(
    `Cannot run the weekly cycle of session "${config.name}" from the store (provider "store": no update, the stored bars only): ${missing}. Run ${first}.`,
  );
}

/**
 * A store-fed cycle's check: every symbol of the session has bars in the store. Reads
 * only (an empty store stays as it is).
 *
 * @throws {WeeklyCycleError} naming the symbols without bars ({@linkcode noStoredBars}).
 */
export async function checkStoredBars(
  db: DbEngine,
  config: PaperConfig,
  dbPath?: string,
): Promise<void> {
  const have = new Set(
    (await tableExists(db, "bars"))
      ? (await db.query<{ symbol: string }>(
        "SELECT DISTINCT symbol FROM bars",
      )).map((r) => r.symbol)
      : [],
  );
  const missing = config.symbols.filter((s) => !have.has(s));
  if (missing.length === 0) return;
  throw noStoredBars(
    config,
    have.size === 0
      ? "the store holds no bars"
      : `the store holds no bars of ${missing.join(", ")}`,
    dbPath,
  );
}
