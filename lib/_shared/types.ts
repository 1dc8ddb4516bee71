/**
 * Shared value types of the numeric core.
 *
 * Conventions (fixed here, used everywhere):
 * - A date is an ISO string `YYYY-MM-DD` (UTC trading day) for daily bars, or an ISO
 *   instant `YYYY-MM-DDTHH:MM:SS.sssZ` for intraday bars. Strings compare in time order.
 * - Missing numbers are `NaN`. Columns are `Float64Array`s of equal length, ascending by date.
 * - Index t means "the bar of `dates[t]`"; a value at t uses data up to and including t.
 *
 * @module
 */

/** Daily (or intraday) OHLCV bars of one symbol as typed columns, ascending by date. */
export interface Bars {
  /** Ticker as stored (e.g. `"SP500"`). */
  readonly symbol: string;
  /** ISO dates, ascending, unique. */
  readonly dates: readonly string[];
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  /** Close used for returns (already split/dividend adjusted where the source had it). */
  readonly close: Float64Array;
  /** Volume in shares (or index units); `NaN` when the source has none. */
  readonly volume: Float64Array;
}

/** A dense row-major matrix: value of row r, column c is `data[r * cols + c]`. */
export interface Matrix {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

/** Everything needed to reproduce a run; stored in DuckDB and printed in every report. */
export interface RunManifest {
  /** Unique id, `<kind>-<yyyymmddThhmmss>-<8 hex of config+data hash>`. */
  readonly runId: string;
  /** What ran: `"walkforward"`, `"train"`, `"paper"`, ... */
  readonly kind: string;
  /** The validated config, as plain JSON. */
  readonly config: Readonly<Record<string, unknown>>;
  /** FNV-1a 64-bit hex hash of the input data (see `hashColumns`). */
  readonly dataHash: string;
  /** Version of this code (`deno.json` version plus git commit when available). */
  readonly codeVersion: string;
  /** Seed of every random generator in the run. */
  readonly seed: number;
  /** ISO instant the run started / ended. */
  readonly startedAt: string;
  readonly endedAt: string;
  /** Named wall-clock timings in seconds. */
  readonly timings: Readonly<Record<string, number>>;
}
