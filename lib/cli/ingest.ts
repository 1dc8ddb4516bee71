// deno-lint-ignore-file no-console
/**
 * `deno task ingest FILE.. [--symbol S] [--db P] [--mode strict|relaxed] [--tz Z]
 * [--map date=Day,close=Last] [--engine native|wasm] [--json]`
 *
 * Loads bar files into the store, one transaction per file: stage, DataSanity (STRICT by
 * default; RELAXED repairs and lists every repair), upsert, log. Exit codes: 0 ok, 1 a
 * file failed DataSanity (the store is unchanged for that file), 2 bad flags or an
 * unreadable file (the message names file, line, column and value).
 *
 * @module
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { parseConfig } from "../_shared/config.ts";
import { ConfigError, IngestError } from "../_shared/errors.ts";
import {
  type ColumnMapping,
  DEFAULT_DB_PATH,
  ingestFile,
  openDb,
} from "../data/mod.ts";
import { DataSanityError, sanityHook } from "../sanity/mod.ts";

const FlagsSchema = z.strictObject({
  files: z.array(z.string().min(1)).min(1, "at least one FILE"),
  symbol: z.string().min(1).optional(),
  db: z.string().min(1).optional(),
  mode: z.enum(["strict", "relaxed", "STRICT", "RELAXED"]).default("strict")
    .transform((m) => m.toLowerCase() as "strict" | "relaxed"),
  tz: z.string().min(1).default("UTC"),
  map: z.record(z.string()).default({}),
  engine: z.enum(["native", "wasm"]).optional(),
  json: z.boolean().default(false),
});

function parseMap(s: string | undefined): Record<string, string> | undefined {
  if (s === undefined) return undefined;
  return Object.fromEntries(
    s.split(",").map((kv) => {
      const [k, v] = kv.split("=");
      return [k?.trim() ?? "", v?.trim() ?? ""];
    }),
  );
}

function flagsOf(args: string[]): z.infer<typeof FlagsSchema> {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      symbol: { type: "string" },
      db: { type: "string" },
      mode: { type: "string" },
      tz: { type: "string" },
      map: { type: "string" },
      engine: { type: "string" },
      json: { type: "boolean" },
    },
  });
  return parseConfig(FlagsSchema, {
    ...values,
    map: parseMap(values.map),
    files: positionals,
  }, "--flags");
}

/** Run the task; returns the exit code. */
export async function main(args: string[]): Promise<number> {
  let flags;
  try {
    flags = flagsOf(args);
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    return 2;
  }
  const db = await openDb({
    engine: flags.engine,
    path: flags.db ?? (flags.engine === "wasm" ? ":memory:" : DEFAULT_DB_PATH),
  });
  const results: unknown[] = [];
  let code = 0;
  try {
    for (const file of flags.files) {
      let report: unknown;
      try {
        const r = await ingestFile(db, file, {
          symbol: flags.symbol,
          tz: flags.tz,
          mapping: flags.map as ColumnMapping,
          validate: sanityHook({ mode: flags.mode }, (rep) => (report = rep)),
        });
        results.push({ ...r, validation: report });
        if (!flags.json) {
          console.log(
            `${file}: ${r.rows} rows (${
              r.symbols.join(", ")
            }), layout ${r.layout}, tz ${r.tz}`,
          );
        }
      } catch (e) {
        const exit = e instanceof DataSanityError
          ? 1
          : e instanceof IngestError || e instanceof ConfigError ||
              e instanceof RangeError
          ? 2
          : 1;
        code = Math.max(code, exit);
        results.push({
          file,
          error: e instanceof Error ? e.message : String(e),
          validation: report,
        });
        if (!flags.json) {
          console.error(e instanceof Error ? e.message : String(e));
        }
      }
    }
  } finally {
    await db.close();
  }
  if (flags.json) {
    console.log(JSON.stringify({ ok: code === 0, files: results }));
  }
  return code;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
