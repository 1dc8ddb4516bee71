/**
 * Fixtures of the weekly-cycle tests: a fake market on the NYSE's 2023-2024 trading days
 * (served by the fake providers week by week), a session config that trades it, and a
 * dump of every table of a store.
 */
import { openDb } from "../../lib/data/mod.ts";
import type { FakeBar, FakeSymbol } from "../data/providers/_fake_providers.ts";

/** NYSE holidays of the fixture's span, written out by hand (not from lib/data). */
const HOLIDAYS = new Set([
  "2023-01-02",
  "2023-01-16",
  "2023-02-20",
  "2023-04-07",
  "2023-05-29",
  "2023-06-19",
  "2023-07-04",
  "2023-09-04",
  "2023-11-23",
  "2023-12-25",
  "2024-01-01",
  "2024-01-15",
  "2024-02-19",
  "2024-03-29", // Good Friday: 2024-W13 ends on Thursday 2024-03-28
  "2024-05-27",
]);

/** Trading days from 2023-01-03 to 2024-05-31. */
export function tradingDays(): string[] {
  const out: string[] = [];
  for (
    let t = Date.parse("2023-01-03T00:00:00Z");
    t <= Date.parse("2024-05-31T00:00:00Z");
    t += 86_400_000
  ) {
    const d = new Date(t), iso = d.toISOString().slice(0, 10);
    if (d.getUTCDay() % 6 !== 0 && !HOLIDAYS.has(iso)) out.push(iso);
  }
  return out;
}

function series(p0: number, drift: number, period: number, amp: number) {
  const days = tradingDays();
  let prev = p0;
  return days.map((date, t): FakeBar => {
    const close = p0 * Math.exp(drift * t + amp * Math.sin(t / period));
    const open = prev * (1 + 0.002 * Math.sin(1.7 * t));
    prev = close;
    return {
      date,
      open,
      high: Math.max(open, close) * 1.004,
      low: Math.min(open, close) * 0.996,
      close,
      volume: 1_000_000 + 1000 * t,
    };
  });
}

/** Two symbols whose moving averages cross every few weeks; no splits or dividends. */
export function weeklyMarket(): Record<string, FakeSymbol> {
  return {
    ACME: {
      bars: series(100, 0.0008, 7, 0.08),
      splits: [],
      dividends: [],
    },
    BETA: {
      bars: series(50, -0.0003, 5, 0.06),
      splits: [],
      dividends: [],
    },
  };
}

/** A session config over the fixture's symbols (quiet alerts, wide drawdown limit). */
export function weeklyConfig(
  over: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    name: "weekly-test",
    strategy: {
      name: "ma_crossover",
      params: { fastDays: 5, slowDays: 20 },
    },
    symbols: ["ACME", "BETA"],
    capital: 100000,
    sizing: { fraction: 0.5, fractionalShares: true, minTradeFraction: 0.001 },
    limits: { maxDrawdown: 0.5, dailyLossLimit: 0.2 },
    broker: { kind: "simulated", slippageBps: 2, commissionBps: 1 },
    feed: { kind: "replay", warmupBars: 60 },
    data: { provider: "yahoo" },
    alerts: { console: false },
    ...over,
  };
}

/** Write a config file into `dir`; returns its path. */
export async function writeConfig(
  dir: string,
  config: Record<string, unknown>,
  name = "config.json",
): Promise<string> {
  const path = `${dir}/${name}`;
  await Deno.writeTextFile(path, JSON.stringify(config, null, 2));
  return path;
}

/** Every row of every table of a store (ordered), as JSON text: equal means unchanged. */
export async function dumpStore(path: string): Promise<string> {
  try {
    await Deno.stat(path);
  } catch {
    return "(no store)";
  }
  const db = await openDb({ path });
  try {
    const tables = (await db.query<{ name: string }>(
      "SELECT table_name AS name FROM duckdb_tables() WHERE NOT temporary ORDER BY 1",
    )).map((r) => r.name);
    const out: Record<string, unknown> = {};
    for (const t of tables) {
      out[t] = await db.query(`SELECT * FROM "${t}" ORDER BY ALL`);
    }
    return JSON.stringify(out);
  } finally {
    await db.close();
  }
}

/** Name, size, content and modification time of every file under `dir`. */
export async function filesOf(
  dir: string,
): Promise<Record<string, { text: string; mtime: number }>> {
  const out: Record<string, { text: string; mtime: number }> = {};
  async function walk(d: string) {
    let entries;
    try {
      entries = [...Deno.readDirSync(d)];
    } catch {
      return;
    }
    for (const e of entries) {
      const p = `${d}/${e.name}`;
      if (e.isDirectory) await walk(p);
      else {
        out[p.slice(dir.length + 1)] = {
          text: await Deno.readTextFile(p),
          mtime: (await Deno.stat(p)).mtime?.getTime() ?? 0,
        };
      }
    }
  }
  await walk(dir);
  return out;
}
