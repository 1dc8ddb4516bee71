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
import { runPreflightJob } from "../jobs/mod.ts";
import { loadPaperConfig, type PreflightCheck } from "../paper/mod.ts";
import { jsonText, withStore } from "../store/mod.ts";
import { type CliIo, consoleIo, runAsScript, runTask } from "./_cli.ts";
import { paperConfigFlag } from "./_paper_common.ts";
import { dbPathFlag, userPathFlag } from "./_paths.ts";

/** Flags of the preflight task. */
export const PreflightFlagsSchema = z.strictObject({
  config: paperConfigFlag(),
  db: dbPathFlag(),
  reports: userPathFlag("reports").describe(
    "the reports folder that must be writable",
  ),
  json: z.boolean().default(false).describe("print one JSON object"),
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
 * @param args Command-line flags.
 * @param io Output sink. @default the console
 * @returns Exit code: 0 all checks pass, 1 a check failed, 2 bad flags.
 */
export function main(args: string[], io: CliIo = consoleIo): Promise<number> {
  return runTask(args, io, {
    name: "preflight",
    summary:
      "The go/no-go checklist before a paper session: config, data present, fresh and clean, limits, kill switch, broker, reports folder, clock.",
    about:
      "Every check runs, so the list is complete; exit 1 when any check fails. The checklist is kept in the store (preflight_checks).",
    examples: ["--config config/enhanced_paper_trading_config.json"],
    flags: PreflightFlagsSchema,
    run: async (f) => {
      const checks = await withStore(f.db, (db) =>
        runPreflightJob(db, {
          loadConfig: () => loadPaperConfig(f.config),
          dbPath: f.db === ":memory:" ? undefined : f.db,
          reportsDir: f.reports,
        }));
      io.out(
        f.json
          ? jsonText({ ok: checks.every((c) => c.ok), checks })
          : formatChecklist(checks),
      );
      return checks.every((c) => c.ok) ? 0 : 1;
    },
  });
}

if (import.meta.main) await runAsScript(main);
