/** Shared fixtures of the paper-session tests: config, real bars, journal snapshots. */
import { parseConfig } from "../../lib/_shared/config.ts";
import type { Bars } from "../../lib/_shared/types.ts";
import { openDb } from "../../lib/data/open_db.ts";
import type { DbEngine } from "../../lib/data/engine.ts";
import { readSampleBars } from "../../lib/data/samples.ts";
import { type PaperConfig, PaperConfigSchema } from "../../lib/paper/mod.ts";

/** The shipped example config's rules, with quiet console alerts. */
export function testConfig(over: Record<string, unknown> = {}): PaperConfig {
  const raw = exampleConfig() as Record<string, Record<string, unknown>>;
  return parseConfig(
    PaperConfigSchema,
    { ...raw, alerts: { ...raw.alerts, console: false }, ...over },
    "test config",
  );
}

let sp500: Bars | undefined;
/** Real S&P 500 daily bars (vega-datasets). */
export async function sp500Bars(): Promise<Bars[]> {
  sp500 ??= await readSampleBars("SP500");
  return [sp500];
}

/** A fresh in-memory journal. */
export function memoryDb(): Promise<DbEngine> {
  return openDb({ path: ":memory:" });
}

/** Every journal table of a session as sorted JSON rows, without wall-clock columns. */
export async function snapshot(
  db: DbEngine,
  session: string,
): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  const tables: Record<string, string> = {
    orders: "client_order_id",
    fills: "fill_id",
    positions: "date, symbol",
    equity: "date",
    events: "seq",
    alerts: "seq",
  };
  for (const [t, order] of Object.entries(tables)) {
    const rows = await db.query<Record<string, unknown>>(
      `SELECT * EXCLUDE (session_id) FROM ${t} WHERE session_id = $s ORDER BY ${order}`,
      { s: session },
    );
    out[t] = rows.map((r) => {
      const { latency_ms: _l, wall_ts: _w, ...rest } = r;
      return rest;
    });
  }
  return out;
}

/** The shipped example config as raw JSON (a fresh copy each call). */
export function exampleConfig(): Record<string, unknown> {
  return JSON.parse(
    Deno.readTextFileSync(
      new URL(
        "../../config/enhanced_paper_trading_config.json",
        import.meta.url,
      ),
    ),
  );
}

/**
 * Write the example config, changed by `over`, as `dir/name` (console alerts off).
 *
 * @returns The file's path.
 */
export async function writeConfig(
  dir: string,
  over: (raw: Record<string, unknown>) => Record<string, unknown> = (r) => r,
  name = "config.json",
): Promise<string> {
  const raw = exampleConfig();
  const path = `${dir}/${name}`;
  await Deno.writeTextFile(
    path,
    JSON.stringify(
      over({ ...raw, alerts: { ...(raw.alerts as object), console: false } }),
    ),
  );
  return path;
}

/** Rows of the `sessions` table (0 when the journal does not exist). */
export async function sessionRows(db: DbEngine): Promise<number> {
  const [{ n }] = await db.query<{ n: number }>(
    "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'sessions'",
  );
  if (Number(n) === 0) return 0;
  const [{ c }] = await db.query<{ c: number }>(
    "SELECT count(*) AS c FROM sessions",
  );
  return Number(c);
}
