/**
 * `deno task sanity`: validate a file of bars WITHOUT storing it.
 *
 *   deno task sanity FILE [--symbol S] [--mode strict|relaxed] [--json]
 *     [--max-move X] [--max-gap-days N] [--tz ZONE] [--now YYYY-MM-DD]
 *
 * The file is staged into a private in-memory database (lib/data `stageFile`: CSV,
 * Parquet or JSON, common layouts recognised) and checked with every DataSanity rule
 * (lib/sanity `validateTable`); RELAXED repairs the staged copy only.
 * `--json` prints one object `{ok, mode, rows, violations[], repairs[]}`.
 * Exit codes: 0 clean (or repaired in RELAXED), 1 violations, 2 unreadable input
 * (missing file or column, unparsable number or date: the message names file, line,
 * column and value) or bad flags.
 *
 * @module
 */
import { z } from "zod";
import { ConfigError, IngestError } from "../_shared/errors.ts";
import {
  IsoDateSchema,
  SanityModeSchema,
  SymbolSchema,
} from "../_shared/schemas.ts";
import { type DbEngine, stageFile } from "../data/mod.ts";
import {
  DataSanityError,
  formatViolations,
  type SanityReport,
  validateTable,
} from "../sanity/mod.ts";
import { jsonText, withStore } from "../store/mod.ts";
import { type CliIo, consoleIo, runAsScript, runTask } from "./_cli.ts";
import { UserPathSchema } from "./_paths.ts";

/** Flags of `deno task sanity`; the FILE positional is `file`. */
const SanityFlagsSchema = z.strictObject({
  file: UserPathSchema,
  symbol: SymbolSchema.optional().describe(
    "the symbol of a one-symbol file (default from the file name)",
  ),
  mode: SanityModeSchema.default("strict").describe(
    "STRICT reports every violation, RELAXED repairs what it can (causally) and lists it",
  ),
  json: z.boolean().default(false).describe(
    "print one JSON object {ok, mode, rows, violations, repairs}",
  ),
  maxMove: z.number().positive().optional().describe(
    "largest accepted one-day |log| move (default the rule's)",
  ),
  maxGapDays: z.number().int().nonnegative().optional().describe(
    "longest accepted gap in calendar days (default the rule's)",
  ),
  tz: z.string().min(1).optional().describe(
    "IANA time zone of naive timestamps, e.g. America/New_York (default UTC)",
  ),
  now: IsoDateSchema.optional().describe(
    "dates after it are in the future (default today)",
  ),
});
type SanityFlags = z.output<typeof SanityFlagsSchema>;

function summary(file: string, r: SanityReport): string {
  const head = `${file}: ${r.rows} rows, ${r.mode.toUpperCase()}: ${
    r.ok ? "clean" : `${r.violations.length} violation(s)`
  }`;
  const repairs = r.repairs.map((x) =>
    `- repaired ${x.rule} ${x.symbol}: ${x.count} ${x.action} (e.g. ${
      x.dates.join(", ")
    })`
  );
  return [head, ...repairs, formatViolations(r.violations)].filter((s) => s)
    .join("\n");
}

async function check(
  db: DbEngine,
  file: string,
  f: SanityFlags,
): Promise<SanityReport> {
  const staged = await stageFile(db, file, { symbol: f.symbol, tz: f.tz });
  const opts = {
    mode: f.mode,
    ...(f.maxMove !== undefined ? { maxMove: f.maxMove } : {}),
    ...(f.maxGapDays !== undefined ? { maxGapDays: f.maxGapDays } : {}),
    ...(f.now !== undefined ? { now: f.now } : {}),
  };
  try {
    return await validateTable(db, staged.table, opts);
  } catch (e) {
    if (e instanceof DataSanityError) return e.report;
    throw e;
  }
}

/**
 * Run the task.
 *
 * @param args FILE and flags.
 * @param io Output sinks. @default the console
 * @returns Exit code: 0 clean, 1 violations, 2 unreadable input or bad flags.
 */
export function main(args: string[], io: CliIo = consoleIo): Promise<number> {
  return runTask(args, io, {
    name: "sanity",
    summary:
      "Check a file of bars with every DataSanity rule without storing it: exit 0 clean, 1 violations, 2 unreadable.",
    about:
      "CSV, Parquet or JSON; Yahoo, Stooq, lower-case and multi-symbol layouts are recognised. RELAXED repairs a private copy only.",
    examples: ["data/example-aapl-2018q1.csv --symbol AAPL18 --mode relaxed"],
    flags: SanityFlagsSchema,
    positional: {
      key: "file",
      arity: "one",
      name: "FILE",
      description: "the bar file to check (CSV, Parquet or JSON)",
    },
    run: (flags) =>
      withStore(":memory:", async (db) => {
        try {
          const r = await check(db, flags.file, flags);
          const { ok, mode, rows, violations, repairs } = r;
          io.out(
            flags.json
              ? jsonText({ ok, mode, rows, violations, repairs })
              : summary(flags.file, r),
          );
          return ok ? 0 : 1;
        } catch (e) {
          io.err(e instanceof Error ? e.message : String(e));
          return e instanceof IngestError || e instanceof ConfigError ? 2 : 1;
        }
      }),
  });
}

if (import.meta.main) await runAsScript(main);
