/**
 * `deno task ingest FILE.. [--symbol S] [--db P] [--mode strict|relaxed] [--tz ZONE]
 * [--map date=Day,close=Last] [--engine native|wasm] [--json]`
 *
 * Loads bar files into the store, one transaction per file: stage, merge with the stored
 * bars around the file's rows, DataSanity over the merged series (STRICT by default;
 * RELAXED repairs causally and lists every repair), write, log. Daily bars are stored
 * under their exchange date (from `--tz` or the file's offsets), intraday bars as UTC
 * instants. Exit codes: 0 ok, 1 a file failed DataSanity (the store is unchanged for that
 * file) or the store is held by another process, 2 bad flags or an unreadable file (the
 * message names file, line, column and value).
 *
 * @module
 */
import { z } from "zod";
import { ConfigError, IngestError } from "../_shared/errors.ts";
import { SanityModeSchema } from "../_shared/schemas.ts";
import {
  type ColumnMapping,
  DEFAULT_DB_PATH,
  ingestFile,
  type IngestResult,
  openDb,
} from "../data/mod.ts";
import {
  DataSanityError,
  sanityHook,
  type SanityReport,
} from "../sanity/mod.ts";
import { jsonText as toJson } from "../store/mod.ts";
import { type CliIo, consoleIo, reportError, runAsScript } from "./_cli.ts";
import { parseFlags } from "./_flags.ts";

const HELP =
  `Usage: deno task ingest FILE.. [--symbol S] [--db data/warehouse.duckdb] [--mode strict|relaxed]
  [--tz America/New_York] [--map date=Day,close=Last] [--engine native|wasm] [--json]
Each file is validated merged with the stored bars around it (STRICT: any violation rolls
the file back; RELAXED: causal repairs, listed). Daily bars are stored under their exchange
date (--tz, else the file's own offsets); intraday bars as UTC instants.`;

const MapSchema = z.string().transform((s, ctx) => {
  const out: Record<string, string> = {};
  for (const kv of s.split(",")) {
    const [k, v, ...rest] = kv.split("=").map((x) => x.trim());
    if (!k || !v || rest.length > 0) {
      ctx.addIssue({
        code: "custom",
        message: "field=column pairs such as date=Day,close=Last",
      });
      return z.NEVER;
    }
    out[k] = v;
  }
  return out;
});

const FlagsSchema = z.strictObject({
  files: z.array(z.string().min(1)).min(1, "at least one FILE"),
  symbol: z.string().min(1).optional(),
  db: z.string().min(1).optional(),
  mode: SanityModeSchema.default("strict"),
  tz: z.string().min(1).optional(),
  map: MapSchema.optional(),
  engine: z.enum(["native", "wasm"]).optional(),
  json: z.boolean().default(false),
});

const SPEC = {
  positional: { key: "files", arity: "many", label: "FILE.." },
} as const;

/** One line per file, plus one per repair. */
function summary(file: string, r: IngestResult, report?: SanityReport): string {
  const kind = r.intraday.length === 0
    ? "daily bars"
    : r.intraday.length === r.symbols.length
    ? "intraday bars"
    : `intraday bars of ${r.intraday.join(", ")}, daily bars of the others`;
  const merged = r.storedContext > 0
    ? `; validated with ${r.storedContext} stored bars around them`
    : "";
  const lines = [
    `${file}: ${r.rows} rows (${
      r.symbols.join(", ")
    }), layout ${r.layout}, ${kind}, tz ${r.tz}${merged}`,
  ];
  for (const x of report?.repairs ?? []) {
    lines.push(
      `  repaired ${x.rule} ${x.symbol}: ${x.count} ${x.action} (e.g. ${
        x.dates.join(", ")
      })`,
    );
  }
  return lines.join("\n");
}

/** Exit code of a file's failure: 2 unreadable input, 1 data rejected. */
function exitOf(e: unknown): number {
  return e instanceof IngestError || e instanceof ConfigError ||
      e instanceof RangeError || e instanceof TypeError
    ? 2
    : 1;
}

/**
 * Run the task.
 *
 * @param args Command-line arguments.
 * @param io Output sink. @default the console
 * @returns Exit code: 0 ok, 1 a file failed DataSanity or the store is held, 2 bad flags
 *   or an unreadable file.
 */
export async function main(
  args: string[],
  io: CliIo = consoleIo,
): Promise<number> {
  if (args.includes("--help")) {
    io.out(HELP);
    return 0;
  }
  let flags;
  try {
    flags = parseFlags(args, FlagsSchema, SPEC);
  } catch (e) {
    return reportError(e, io);
  }
  let db;
  try {
    db = await openDb({
      engine: flags.engine,
      path: flags.db ??
        (flags.engine === "wasm" ? ":memory:" : DEFAULT_DB_PATH),
    });
  } catch (e) {
    return reportError(e, io);
  }
  const results: unknown[] = [];
  let code = 0;
  try {
    for (const file of flags.files) {
      let report: SanityReport | undefined;
      try {
        const r = await ingestFile(db, file, {
          symbol: flags.symbol,
          tz: flags.tz,
          mapping: flags.map as ColumnMapping | undefined,
          validate: sanityHook({ mode: flags.mode }, (rep) => (report = rep)),
        });
        results.push({ ...r, validation: report });
        if (!flags.json) io.out(summary(file, r, report));
      } catch (e) {
        code = Math.max(code, exitOf(e));
        const error = e instanceof Error ? e.message : String(e);
        results.push({ file, error, validation: report });
        if (!flags.json) {
          io.err(e instanceof DataSanityError ? `${file}: ${error}` : error);
        }
      }
    }
  } finally {
    await db.close();
  }
  if (flags.json) io.out(toJson({ ok: code === 0, files: results }));
  return code;
}

if (import.meta.main) await runAsScript(main);
