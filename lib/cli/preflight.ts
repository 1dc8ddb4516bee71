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
  loadPaperConfig,
  type PreflightCheck,
  runPreflight,
  storePreflightProbes,
} from "../paper/mod.ts";
import {
  type CliIo,
  consoleIo,
  parseFlags,
  reportError,
  runAsScript,
  toJson,
} from "./_cli.ts";
import { DEFAULT_PAPER_CONFIG } from "./_paper_common.ts";
import { writePreflightChecks } from "../store/mod.ts";

/** Flags of the preflight task. */
export const PreflightFlagsSchema = z.strictObject({
  config: z.string().min(1).default(DEFAULT_PAPER_CONFIG),
  db: z.string().min(1).default(DEFAULT_DB_PATH),
  reports: z.string().min(1).default("reports"),
  json: z.boolean().default(false),
});

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
    const checks = await runPreflight(
      storePreflightProbes(db, {
        loadConfig: () => loadPaperConfig(f.config),
        dbPath: f.db === ":memory:" ? undefined : f.db,
        reportsDir: f.reports,
      }),
    );
    await writePreflightChecks(db, checks, new Date().toISOString());
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
