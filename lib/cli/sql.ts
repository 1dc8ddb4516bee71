// deno-lint-ignore-file no-console
/**
 * `deno task sql "SQL" [--db P] [--engine native|wasm]`: run one query against the store
 * and print the result rows as a JSON array. Exit codes: 0 ok, 1 the query failed, 2 bad
 * flags.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { parseConfig } from "../_shared/config.ts";
import { DEFAULT_DB_PATH, ensureSchema, openDb } from "../data/mod.ts";

const FlagsSchema = z.strictObject({
  sql: z.array(z.string().min(1)).length(
    1,
    "exactly one SQL argument (quote it)",
  ),
  db: z.string().min(1).optional(),
  engine: z.enum(["native", "wasm"]).optional(),
});

/** Run the task; returns the exit code. */
export async function main(args: string[]): Promise<number> {
  let flags;
  try {
    const { values, positionals } = parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: { db: { type: "string" }, engine: { type: "string" } },
    });
    flags = parseConfig(
      FlagsSchema,
      { ...values, sql: positionals },
      "--flags",
    );
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    return 2;
  }
  const db = await openDb({
    engine: flags.engine,
    path: flags.db ?? (flags.engine === "wasm" ? ":memory:" : DEFAULT_DB_PATH),
  });
  try {
    await ensureSchema(db);
    const rows = await db.query(flags.sql[0]);
    console.log(
      JSON.stringify(
        rows,
        (
          _k,
          v,
        ) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v),
      ),
    );
    return 0;
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    return 1;
  } finally {
    await db.close();
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
