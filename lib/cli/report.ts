/**
 * `deno task report`: build reports from what the pipeline stored in DuckDB.
 *
 *   deno task report phase1|phase2|phase3|phase4|phase5|weekly|universe|index|all
 *     [--db P] [--out reports] [--week 2020-W12] [--run ID] [--symbol SP500]
 *     [--session ID] [--last-weeks N] [--json]
 *
 * Phase reports go to `<out>/<phase>.html`, weekly reports to `<out>/weekly/`, and every
 * command refreshes `<out>/index.html`. `--run` picks the walk-forward run (phases) or the
 * run / paper session (weekly). Exit codes: 0 ok, 2 bad flags, 1 any other failure.
 *
 * @module
 */
import { z } from "zod";
import { expects } from "../_shared/expected.ts";
import type { DbEngine } from "../data/mod.ts";
import {
  type Phase,
  PHASES,
  writeIndex,
  writePhaseReport,
  writeUniverseReport,
  writeWeeklyReports,
} from "../report/mod.ts";
import { jsonText, withStore } from "../store/mod.ts";
import { writtenLines } from "./_written.ts";
import { type CliIo, consoleIo, runAsScript, runTask } from "./_cli.ts";
import { dbPathFlag, userPathFlag } from "./_paths.ts";

const TARGETS = [...PHASES, "weekly", "universe", "index", "all"] as const;

/** Flags of `deno task report`; the target positional is `target`. */
export const ReportFlagsSchema = z.strictObject({
  target: z.enum(TARGETS),
  db: dbPathFlag(),
  out: userPathFlag("reports").describe("the reports folder"),
  week: expects(
    z.string().regex(/^\d{4}-W\d{2}$/, "an ISO week YYYY-Www"),
    { text: "an ISO week YYYY-Www", placeholder: "YYYY-Www" },
  ).optional().describe("weekly: the week (default the latest)"),
  run: z.string().min(1).optional().describe(
    "walk-forward run id (phases), multi-symbol run id (universe) or run / paper session id (weekly); default the latest",
  ),
  symbol: z.string().min(1).optional().describe(
    "phases: the symbol whose latest run is shown",
  ),
  session: z.string().min(1).optional().describe(
    "the paper session id (phase2, phase3, weekly); default the latest",
  ),
  lastWeeks: z.number().int().positive().optional().describe(
    "weekly: one report for each of the last N weeks",
  ),
  json: z.boolean().default(false).describe(
    "print the files written as one JSON object",
  ),
});
type Flags = z.output<typeof ReportFlagsSchema>;

async function writeTarget(db: DbEngine, f: Flags): Promise<string[]> {
  const written: string[] = [];
  const phases: Phase[] = f.target === "all"
    ? [...PHASES]
    : (PHASES as readonly string[]).includes(f.target)
    ? [f.target as Phase]
    : [];
  for (const p of phases) {
    written.push(
      await writePhaseReport(db, p, f.out, {
        runId: f.run,
        symbol: f.symbol,
        ...(f.session ? { sessionId: f.session } : {}),
      }),
    );
  }
  if (f.target === "universe" || f.target === "all") {
    written.push(
      await writeUniverseReport(db, f.out, {
        runId: f.target === "universe" ? f.run : undefined,
      }),
    );
  }
  if (f.target === "weekly" || f.target === "all") {
    written.push(
      ...(await writeWeeklyReports(db, f.out, {
        week: f.week,
        runId: f.session ?? f.run,
        lastWeeks: f.lastWeeks,
      })),
    );
  }
  return written;
}

/**
 * Write the target's reports and refresh the index.
 *
 * @param db The store.
 * @param f Parsed flags.
 * @returns The files written.
 */
export async function writeReports(db: DbEngine, f: Flags): Promise<string[]> {
  const written = await writeTarget(db, f);
  written.push(await writeIndex(f.out));
  return written;
}

/**
 * Run the task.
 *
 * @param args The target and flags.
 * @param io Output sink. @default the console
 * @returns Exit code: 0 ok, 1 failure, 2 bad flags.
 */
export function main(args: string[], io: CliIo = consoleIo): Promise<number> {
  return runTask(args, io, {
    name: "report",
    summary:
      "Write reports from what the pipeline stored: a phase report, the weekly reports, the index, or all of them.",
    about:
      "Phase reports go to <out>/<phase>.html, weekly reports to <out>/weekly/, and every command refreshes <out>/index.html.",
    examples: ["phase1 --out reports"],
    flags: ReportFlagsSchema,
    positional: {
      key: "target",
      arity: "one",
      name: "TARGET",
      description: `which report: ${TARGETS.join(", ")}`,
    },
    run: async (f) => {
      let written: string[];
      try {
        written = await withStore(f.db, (db) => writeReports(db, f));
      } catch (e) {
        io.err(`report ${f.target} failed: ${(e as Error).message}`);
        return 1;
      }
      if (f.json) io.out(jsonText({ written }));
      else for (const line of writtenLines(written)) io.out(line);
      return 0;
    },
  });
}

if (import.meta.main) await runAsScript(main);
