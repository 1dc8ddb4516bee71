/**
 * The real preflight probes over a store: coverage and DataSanity STRICT from the `bars`
 * table, the kill-request file next to the database, the broker (simulated, or the IBKR
 * gateway's auth status with settings from the environment / `.env`), a write probe in
 * the reports folder and the database clock. `deno task preflight` and the Phase 3
 * notebook both use them.
 *
 * @module
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import type { DbEngine } from "../data/mod.ts";
import {
  checkStore,
  DataSanityError,
  type SanityReport,
} from "../sanity/mod.ts";
import type { PaperConfig } from "./config.ts";
import type { PreflightProbes } from "./preflight.ts";
import { readKill } from "./kill_switch.ts";
import { brokerReachable } from "./ibkr_from_env.ts";

/** Options of {@linkcode storePreflightProbes}. */
export interface StoreProbeOptions {
  /** Load and validate the session config (throws a ConfigError when invalid). */
  readonly loadConfig: () => Promise<PaperConfig>;
  /** The database file (for its `<db>.kill` request); omit for in-memory stores. */
  readonly dbPath?: string;
  /** Folder the reports are written to. @default "reports" */
  readonly reportsDir?: string;
}

/**
 * Probes for {@linkcode runPreflight} over an open store. DataSanity runs STRICT over the
 * config's feed period (`feed.from`..`feed.to`) of the session's symbols.
 */
export function storePreflightProbes(
  db: DbEngine,
  options: StoreProbeOptions,
): PreflightProbes {
  const reports = options.reportsDir ?? "reports";
  let period: { from?: string; to?: string } = {};
  return {
    loadConfig: async () => {
      const c = await options.loadConfig();
      period = { from: c.feed.from, to: c.feed.to };
      return c;
    },
    coverage: async (symbol) => {
      const [r] = await db.query<{ first: string; last: string; rows: number }>(
        `SELECT strftime(min(ts), '%Y-%m-%d') AS "first",
                strftime(max(ts), '%Y-%m-%d') AS "last", count(*) AS "rows"
         FROM bars WHERE symbol = $s`,
        { s: symbol },
      );
      return r && Number(r.rows) > 0
        ? { ...r, rows: Number(r.rows) }
        : undefined;
    },
    sanity: (symbols) => sanityProbe(db, symbols, period),
    killPending: async () =>
      options.dbPath !== undefined &&
      (await readKill(options.dbPath)) !== undefined,
    broker: brokerReachable,
    reportsWritable: async () => {
      await mkdir(reports, { recursive: true });
      const probe = `${reports}/.preflight-${crypto.randomUUID()}`;
      await writeFile(probe, "ok");
      await rm(probe);
      return `${reports}/ writable`;
    },
    dbNow: async () => {
      const [r] = await db.query<{ now: string }>(
        "SELECT strftime(now() AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%gZ') AS now",
      );
      return r.now;
    },
  };
}

/** DataSanity STRICT over the session's period: one line per violated rule and symbol. */
async function sanityProbe(
  db: DbEngine,
  symbols: readonly string[],
  period: { from?: string; to?: string },
): Promise<string[]> {
  let report: SanityReport;
  try {
    report = await checkStore(db, {
      symbols: [...symbols],
      start: period.from,
      end: period.to,
      mode: "strict",
    });
  } catch (e) {
    if (!(e instanceof DataSanityError)) throw e;
    report = e.report;
  }
  return report.violations.map((v) =>
    `${v.rule} ${v.symbol}: ${v.count} (${v.dates.slice(0, 3).join(", ")})`
  );
}
