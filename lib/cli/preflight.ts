/**
 * `deno task preflight [--config F] [--db P] [--reports DIR] [--json]`: the checklist
 * before a paper or live session: config valid, data present and fresh, DataSanity
 * STRICT clean over the session's period, limits set and sane, no kill request pending,
 * broker reachable (or simulated), reports folder writable, clock sane. Exit 1 when any
 * check fails; every check runs so the list is complete.
 *
 * @module
 */
import { z } from "zod";
import { DEFAULT_DB_PATH, ensureSampleData, openDb } from "../data/mod.ts";
import {
  checkStore,
  DataSanityError,
  type SanityReport,
} from "../sanity/mod.ts";
import {
  type PaperConfig,
  type PreflightCheck,
  readKill,
  runPreflight,
} from "../paper/mod.ts";
import {
  type CliIo,
  consoleIo,
  insertRows,
  parseFlags,
  reportError,
  runAsScript,
  toJson,
} from "./_cli.ts";
import {
  DEFAULT_PAPER_CONFIG,
  ibkrFromEnv,
  loadPaperConfig,
} from "./_paper_common.ts";

/** Flags of the preflight task. */
export const PreflightFlagsSchema = z.strictObject({
  config: z.string().min(1).default(DEFAULT_PAPER_CONFIG),
  db: z.string().min(1).default(DEFAULT_DB_PATH),
  reports: z.string().min(1).default("reports"),
  json: z.boolean().default(false),
});

/** Where each preflight's checklist is kept (the Phase 3 report shows the newest). */
export const PREFLIGHT_DDL =
  `CREATE TABLE IF NOT EXISTS preflight_checks (checked_at VARCHAR, name VARCHAR, ok BOOLEAN, detail VARCHAR)`;

/** The checklist as text, one line per check. */
export function formatChecklist(checks: readonly PreflightCheck[]): string {
  const failed = checks.filter((c) => !c.ok).length;
  return [
    ...checks.map((c) =>
      `${c.ok ? "PASS" : "FAIL"}  ${c.name.padEnd(18)} ${c.detail}`
    ),
    failed
      ? `${failed} check(s) failed: do not start the session`
      : "all checks passed",
  ].join("\n");
}

/**
 * Run the task.
 *
 * @returns Exit code: 0 all pass, 1 a check failed, 2 bad flags.
 */
export async function main(
  args: string[],
  io: CliIo = consoleIo,
): Promise<number> {
  let f: z.output<typeof PreflightFlagsSchema>;
  try {
    f = parseFlags(args, PreflightFlagsSchema, {
      strings: ["config", "db", "reports"],
      booleans: ["json"],
    });
  } catch (e) {
    return reportError(e, io);
  }
  const db = await openDb({ path: f.db });
  try {
    await ensureSampleData(db);
    let period: { from?: string; to?: string } = {};
    const checks = await runPreflight({
      loadConfig: async () => {
        const c: PaperConfig = await loadPaperConfig(f.config);
        period = { from: c.feed.from, to: c.feed.to };
        return c;
      },
      coverage: async (symbol) => {
        const [r] = await db.query<
          { first: string; last: string; rows: number }
        >(
          `SELECT strftime(min(ts), '%Y-%m-%d') AS "first",
                  strftime(max(ts), '%Y-%m-%d') AS "last", count(*) AS "rows"
           FROM bars WHERE symbol = $s`,
          { s: symbol },
        );
        return r && Number(r.rows) > 0
          ? { ...r, rows: Number(r.rows) }
          : undefined;
      },
      sanity: async (symbols) => {
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
          `${v.rule} ${v.symbol}: ${v.count} (${
            v.dates.slice(0, 3).join(", ")
          })`
        );
      },
      killPending: async () =>
        f.db !== ":memory:" && (await readKill(f.db)) !== undefined,
      broker: async (c) => {
        if (c.broker.kind === "simulated") {
          return `simulated broker (slippage ${c.broker.slippageBps} bps, commission ${c.broker.commissionBps} bps)`;
        }
        const ib = await ibkrFromEnv(c);
        const st = await ib.authStatus();
        if (!st.authenticated) {
          throw new Error("IBKR gateway reachable but not authenticated");
        }
        return "IBKR gateway authenticated";
      },
      reportsWritable: async () => {
        await Deno.mkdir(f.reports, { recursive: true });
        const probe = `${f.reports}/.preflight-${crypto.randomUUID()}`;
        await Deno.writeTextFile(probe, "ok");
        await Deno.remove(probe);
        return `${f.reports}/ writable`;
      },
      dbNow: async () => {
        const [r] = await db.query<{ now: string }>(
          "SELECT strftime(now() AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%gZ') AS now",
        );
        return r.now;
      },
    });
    const at = new Date().toISOString();
    await insertRows(
      db,
      "preflight_checks",
      PREFLIGHT_DDL,
      checks.map((c) => ({
        checked_at: at,
        name: c.name,
        ok: c.ok,
        detail: c.detail,
      })),
    );
    io.out(
      f.json
        ? toJson({ ok: checks.every((c) => c.ok), checks })
        : formatChecklist(checks),
    );
    return checks.every((c) => c.ok) ? 0 : 1;
  } catch (e) {
    return reportError(e, io);
  } finally {
    await db.close();
  }
}

if (import.meta.main) await runAsScript(main);
