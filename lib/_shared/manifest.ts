/**
 * Run manifests: the run id (kind, start stamp, hash of config and data), the content
 * hash of bars, and the frozen manifest every stored run carries.
 *
 * @module
 */
import type { Bars, RunManifest } from "./types.ts";
import { hashColumns } from "./hash.ts";

/**
 * FNV-1a 64 hash of the bars (symbol, dates, OHLCV bytes): equal bars, equal hash.
 *
 * @param bars Bars of one symbol.
 * @returns 16 hex digits.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hashBars } from "./manifest.ts";
 * const c = new Float64Array([1, 2]);
 * const b = { symbol: "X", dates: ["2020-01-01", "2020-01-02"], open: c, high: c, low: c, close: c, volume: c };
 * assert.equal(hashBars(b), hashBars({ ...b, close: c.slice() }));
 * assert.notEqual(hashBars(b), hashBars({ ...b, close: new Float64Array([1, 3]) }));
 * ```
 */
export function hashBars(bars: Bars): string {
  return hashColumns([
    bars.symbol,
    bars.dates,
    bars.open,
    bars.high,
    bars.low,
    bars.close,
    bars.volume,
  ]);
}

/** JSON with sorted object keys, so equal configs give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_k, v) =>
      v && typeof v === "object" && !Array.isArray(v)
        ? Object.fromEntries(
          Object.keys(v).sort().map((
            k,
          ) => [k, (v as Record<string, unknown>)[k]]),
        )
        : v,
  );
}

/**
 * The hash that ties a run id to what ran: FNV-1a 64 of the canonical config JSON and
 * the data hash.
 *
 * @param config The validated config.
 * @param dataHash Hash of the input data.
 * @returns 16 hex digits.
 */
export function runKey(config: unknown, dataHash: string): string {
  return hashColumns([canonicalJson(config), dataHash]);
}

/**
 * Run id `<kind>-<yyyymmddThhmmssSSS>-<8 hex>`: the stamp is the start time (UTC) to the
 * millisecond, so two runs of one config started within a second get different ids;
 * the hex is the first 8 digits of `key` (see {@linkcode runKey}).
 *
 * @param kind What ran (`"walkforward"`, `"optimize"`).
 * @param startedAt ISO instant the run started.
 * @param key A hash of the config and data.
 * @returns The run id.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { makeRunId, runKey } from "./manifest.ts";
 * const id = makeRunId("walkforward", "2026-01-02T03:04:05.678Z", runKey({ a: 1 }, "00ff"));
 * assert.match(id, /^walkforward-20260102T030405678-[0-9a-f]{8}$/);
 * ```
 */
export function makeRunId(
  kind: string,
  startedAt: string,
  key: string,
): string {
  return `${kind}-${startedAt.replace(/[-:.]/g, "").slice(0, 18)}-${
    key.slice(0, 8)
  }`;
}

/** Inputs of {@linkcode buildManifest}. */
export type ManifestInput = Omit<RunManifest, "runId">;

/**
 * A frozen {@linkcode RunManifest} with its run id.
 *
 * @param input Everything but the run id.
 * @returns The manifest.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildManifest } from "./manifest.ts";
 * const m = buildManifest({ kind: "walkforward", config: {}, dataHash: "ab", codeVersion: "0.1.0+abc", seed: 42, startedAt: "2026-01-01T00:00:00.000Z", endedAt: "2026-01-01T00:00:01.000Z", timings: { total: 1 } });
 * assert.ok(m.runId.startsWith("walkforward-20260101T000000000-"));
 * ```
 */
export function buildManifest(input: ManifestInput): RunManifest {
  return Object.freeze({
    runId: makeRunId(
      input.kind,
      input.startedAt,
      runKey(input.config, input.dataHash),
    ),
    ...input,
  });
}
