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
import { parseArgs } from "node:util";
import { z } from "zod";
import { ConfigError, IngestError } from "../_shared/errors.ts";
import { type DbEngine, openDb, stageFile } from "../data/mod.ts";
import {
  DataSanityError,
  formatViolations,
  type SanityReport,
  validateTable,
} from "../sanity/mod.ts";
import {
  type CliIo,
  consoleIo,
  parseFlags,
  runAsScript,
  toJson,
} from "./_cli.ts";

/** Flags of `deno task sanity` (keys are the flag names). */
const SanityFlagsSchema = z.strictObject({
  symbol: z.string().min(1).optional(),
  mode: z.enum(["strict", "relaxed", "STRICT", "RELAXED"]).default("strict"),
  json: z.boolean().default(false),
  "max-move": z.number().positive().optional(),
  "max-gap-days": z.number().int().nonnegative().optional(),
  tz: z.string().min(1).optional(),
  now: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD").optional(),
});
type SanityFlags = z.infer<typeof SanityFlagsSchema>;

const SPEC = {
  strings: ["symbol", "mode", "tz", "now"],
  numbers: ["max-move", "max-gap-days"],
  booleans: ["json"],
};

/** Split `args` into the FILE positional and the flags. */
function splitArgs(args: readonly string[]): { file: string; flags: string[] } {
  const { tokens } = parseArgs({
    args: [...args],
    options: Object.fromEntries([
      ...[...SPEC.strings, ...SPEC.numbers].map((
        f,
      ) => [f, { type: "string" as const }]),
      ...SPEC.booleans.map((f) => [f, { type: "boolean" as const }]),
    ]),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const files = tokens.filter((t) => t.kind === "positional");
  if (files.length !== 1) {
    throw new ConfigError(
      "--flags",
      "FILE",
      "exactly one file to check",
      `${files.length} files`,
    );
  }
  const skip = new Set(files.map((t) => t.index));
  return { file: files[0].value, flags: args.filter((_, i) => !skip.has(i)) };
}

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
    ...(f["max-move"] !== undefined ? { maxMove: f["max-move"] } : {}),
    ...(f["max-gap-days"] !== undefined
      ? { maxGapDays: f["max-gap-days"] }
      : {}),
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
 * @param args Command-line arguments (FILE and flags).
 * @param io Output sinks. @default the console
 * @returns The exit code: 0 clean or repaired, 1 violations, 2 unreadable input or bad flags.
 */
export async function main(
  args: string[],
  io: CliIo = consoleIo,
): Promise<number> {
  let file: string, flags: SanityFlags;
  try {
    const split = splitArgs(args);
    file = split.file;
    flags = parseFlags(split.flags, SanityFlagsSchema, SPEC);
  } catch (e) {
    io.err(e instanceof Error ? e.message : String(e));
    return 2;
  }
  const db = await openDb({ path: ":memory:" });
  try {
    const r = await check(db, file, flags);
    const { ok, mode, rows, violations, repairs } = r;
    io.out(
      flags.json
        ? toJson({ ok, mode, rows, violations, repairs })
        : summary(file, r),
    );
    return ok ? 0 : 1;
  } catch (e) {
    io.err(e instanceof Error ? e.message : String(e));
    return e instanceof IngestError || e instanceof ConfigError ? 2 : 1;
  } finally {
    await db.close();
  }
}

if (import.meta.main) await runAsScript(main);
