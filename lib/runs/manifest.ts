/**
 * Run manifests: a deterministic run id from the config and the data hash, and the
 * content hash of the bars.
 *
 * @module
 */
import type { Bars, RunManifest } from "../_shared/types.ts";
import { hashColumns } from "../_shared/hash.ts";

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
 * Run id `<kind>-<yyyymmddThhmmss>-<8 hex>`: the stamp is the start time (UTC), the hex the
 * first 8 digits of the hash of the canonical config JSON and the data hash. Equal config
 * and data give the same hex; only the stamp tells reruns apart.
 *
 * @param kind What ran (`"walkforward"`).
 * @param config The validated config.
 * @param dataHash Hash of the input data.
 * @param startedAt ISO instant the run started.
 * @returns The run id.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { makeRunId } from "./manifest.ts";
 * const id = makeRunId("walkforward", { a: 1 }, "00ff", "2026-01-02T03:04:05.678Z");
 * assert.match(id, /^walkforward-20260102T030405-[0-9a-f]{8}$/);
 * assert.equal(id, makeRunId("walkforward", { a: 1 }, "00ff", "2026-01-02T03:04:05.678Z"));
 * ```
 */
export function makeRunId(
  kind: string,
  config: unknown,
  dataHash: string,
  startedAt: string,
): string {
  const stamp = startedAt.slice(0, 19).replace(/[-:]/g, "");
  const h = hashColumns([canonicalJson(config), dataHash]).slice(0, 8);
  return `${kind}-${stamp}-${h}`;
}

/** Inputs of {@linkcode buildManifest}. */
export interface ManifestInput {
  readonly kind: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly dataHash: string;
  readonly codeVersion: string;
  readonly seed: number;
  readonly startedAt: string;
  readonly endedAt: string;
  readonly timings: Readonly<Record<string, number>>;
}

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
 * assert.ok(m.runId.startsWith("walkforward-20260101T000000-"));
 * ```
 */
export function buildManifest(input: ManifestInput): RunManifest {
  return Object.freeze({
    runId: makeRunId(input.kind, input.config, input.dataHash, input.startedAt),
    ...input,
  });
}
