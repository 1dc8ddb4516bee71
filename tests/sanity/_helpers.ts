/**
 * Test helpers: both engines, real sample bars staged into a TEMP table `t` (staged-file
 * layout, `line` = 1-based position) where faults are injected with SQL.
 */
import type { DbEngine, EngineKind } from "../../lib/data/engine.ts";
import { openDb } from "../../lib/data/mod.ts";
import { readSampleBars } from "../../lib/data/mod.ts";
import type { Bars } from "../../lib/_shared/types.ts";
import { stageBars } from "../../lib/sanity/_stage_bars.ts";

export const ENGINES: readonly EngineKind[] = ["native", "wasm"];

/** Fixed `now` so results do not depend on the day the tests run. */
export const NOW = "2026-01-01";

const cache = new Map<string, Bars>();

/** A built-in sample, read once per process. */
export async function sample(name: "SP500" | "AAPL"): Promise<Bars> {
  if (!cache.has(name)) cache.set(name, await readSampleBars(name));
  return cache.get(name)!;
}

/** Open an in-memory engine, stage the samples as table `t`, run `fn`, close. */
export async function withSample<T>(
  engine: EngineKind,
  names: readonly ("SP500" | "AAPL")[],
  fn: (db: DbEngine) => Promise<T>,
): Promise<T> {
  const db = await openDb({ engine, path: ":memory:" });
  try {
    await stageBars(db, "t", await Promise.all(names.map(sample)));
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** Register one test per engine. */
export function bothEngines(
  name: string,
  fn: (engine: EngineKind) => Promise<void>,
): void {
  for (const engine of ENGINES) {
    Deno.test(`${name} [${engine}]`, () => fn(engine));
  }
}
