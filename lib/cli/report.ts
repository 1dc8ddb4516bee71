// deno-lint-ignore-file no-console
/**
 * `deno task report`: build reports from what the pipeline stored in DuckDB.
 *
 *   deno task report phase1|phase2|phase3|phase4|phase5|weekly|index|all
 *     [--db P] [--out reports] [--week 2020-W12] [--run ID] [--symbol SP500]
 *     [--session ID] [--last-weeks N] [--json]
 *
 * Phase reports go to `<out>/<phase>.html`, weekly reports to `<out>/weekly/`, and every
 * command refreshes `<out>/index.html`. `--run` picks the walk-forward run (phases) or the
 * run / paper session (weekly). Exit codes: 0 ok, 2 bad flags, 1 any other failure.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { parseConfig } from "../_shared/config.ts";
import { ConfigError } from "../_shared/errors.ts";
import { openDb } from "../data/mod.ts";
import {
  type Phase,
  PHASES,
  writeIndex,
  writePhaseReport,
  writeWeeklyReports,
} from "../report/mod.ts";

const TARGETS = [...PHASES, "weekly", "index", "all"] as const;

const FlagsSchema = z.strictObject({
  target: z.enum(TARGETS),
  db: z.string().min(1).optional(),
  out: z.string().min(1).default("reports"),
  week: z.string().regex(/^\d{4}-W\d{2}$/, "an ISO week YYYY-Www").optional(),
  run: z.string().min(1).optional(),
  symbol: z.string().min(1).optional(),
  session: z.string().min(1).optional(),
  lastWeeks: z.number().int().positive().optional(),
  json: z.boolean().default(false),
});
type Flags = z.infer<typeof FlagsSchema>;

function parseFlags(args: string[]): Flags {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        db: { type: "string" },
        out: { type: "string" },
        week: { type: "string" },
        run: { type: "string" },
        symbol: { type: "string" },
        session: { type: "string" },
        "last-weeks": { type: "string" },
        json: { type: "boolean" },
      },
    });
  } catch (e) {
    throw new ConfigError("--flags", "", "known flags", (e as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    throw new ConfigError(
      "--flags",
      "target",
      `exactly one of ${TARGETS.join("|")}`,
      positionals.join(" ") || "nothing",
    );
  }
  const lw = values["last-weeks"];
  return parseConfig(FlagsSchema, {
    target: positionals[0],
    db: values.db,
    out: values.out,
    week: values.week,
    run: values.run,
    symbol: values.symbol,
    session: values.session,
    lastWeeks: lw === undefined ? undefined : Number(lw),
    json: values.json,
  }, "--flags");
}

async function run(f: Flags): Promise<string[]> {
  const db = await openDb(f.db);
  const written: string[] = [];
  try {
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
    if (f.target === "weekly" || f.target === "all") {
      written.push(
        ...(await writeWeeklyReports(db, f.out, {
          week: f.week,
          runId: f.session ?? f.run,
          lastWeeks: f.lastWeeks,
        })),
      );
    }
  } finally {
    await db.close();
  }
  written.push(await writeIndex(f.out));
  return written;
}

/**
 * Run the task.
 *
 * @param args Command-line arguments (target first or anywhere, then flags).
 * @returns Exit code: 0 ok, 1 failure, 2 bad flags.
 */
export async function main(args: string[]): Promise<number> {
  let f: Flags;
  try {
    f = parseFlags(args);
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  try {
    const written = await run(f);
    if (f.json) console.log(JSON.stringify({ written }));
    else for (const p of written) console.log(p);
    return 0;
  } catch (e) {
    console.error(`report ${f.target} failed: ${(e as Error).message}`);
    return 1;
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
