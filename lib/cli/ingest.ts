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
import { expects } from "../_shared/expected.ts";
import {
  type ColumnMapping,
  type DbEngine,
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
import { type CliIo, consoleIo, runAsScript, runTask } from "./_cli.ts";
import { enginePath, UserPathSchema } from "./_paths.ts";

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
  files: z.array(UserPathSchema).min(1, "at least one FILE"),
  symbol: z.string().min(1).optional().describe(
    "the symbol of a one-symbol file without a symbol column",
  ),
  db: expects(z.string().min(1), {
    text: "a DuckDB file or :memory:",
    placeholder: "PATH",
  }).optional().describe(
    `the store (default ${DEFAULT_DB_PATH}; with --engine wasm, :memory:)`,
  ),
  mode: SanityModeSchema.default("strict").describe(
    "STRICT rolls a file back on any violation; RELAXED repairs causally and lists each repair",
  ),
  tz: z.string().min(1).optional().describe(
    "IANA time zone of the exchange, e.g. America/New_York (default the file's own offsets, else UTC)",
  ),
  map: expects(MapSchema, {
    text: "field=column pairs such as date=Day,close=Last",
    placeholder: "FIELD=COL,..",
  }).optional().describe("which file column holds each field"),
  engine: z.enum(["native", "wasm"]).optional().describe(
    "the DuckDB engine (default native, or TRADELAB_DB_ENGINE)",
  ),
  json: z.boolean().default(false).describe(
    "print one JSON object {ok, files}",
  ),
});

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
export function main(args: string[], io: CliIo = consoleIo): Promise<number> {
  return runTask(args, io, {
    name: "ingest",
    summary:
      "Load bar files into the store, each validated merged with the stored bars around it, one transaction per file (idempotent).",
    about:
      "STRICT (the default): any violation rolls the file back, naming rule, symbol and dates. RELAXED: causal repairs, each listed. Daily bars are stored under their exchange date (--tz, else the file's own offsets), intraday bars as UTC instants. Exit 1 when a file fails DataSanity or the store is held by another process, 2 when a file cannot be read.",
    examples: ["data/example-aapl-2018q1.csv --symbol AAPL18 --db :memory:"],
    flags: FlagsSchema,
    positional: {
      key: "files",
      arity: "many",
      name: "FILE",
      description: "bar files to load: CSV, Parquet or JSON",
    },
    run: async (flags) => {
      const db = await openDb({
        engine: flags.engine,
        path: enginePath(flags.db, flags.engine),
      });
      const results: unknown[] = [];
      let code = 0;
      try {
        for (const file of flags.files) {
          const r = await ingestOne(db, file, flags, io);
          code = Math.max(code, r.code);
          results.push(r.result);
        }
      } finally {
        await db.close();
      }
      if (flags.json) io.out(toJson({ ok: code === 0, files: results }));
      return code;
    },
  });
}

/** One file: its result (or error) and exit code; the summary printed unless --json. */
async function ingestOne(
  db: DbEngine,
  file: string,
  flags: z.output<typeof FlagsSchema>,
  io: CliIo,
): Promise<{ code: number; result: unknown }> {
  let report: SanityReport | undefined;
  try {
    const r = await ingestFile(db, file, {
      symbol: flags.symbol,
      tz: flags.tz,
      mapping: flags.map as ColumnMapping | undefined,
      validate: sanityHook({ mode: flags.mode }, (rep) => (report = rep)),
    });
    if (!flags.json) io.out(summary(file, r, report));
    return { code: 0, result: { ...r, validation: report } };
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    if (!flags.json) {
      io.err(e instanceof DataSanityError ? `${file}: ${error}` : error);
    }
    return { code: exitOf(e), result: { file, error, validation: report } };
  }
}

if (import.meta.main) await runAsScript(main);
