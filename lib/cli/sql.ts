/**
 * `deno task sql "SQL" [--db P] [--write] [--engine native|wasm]`: run SQL against the
 * store and print the result rows as a JSON array.
 *
 * The store is opened READ-ONLY unless `--write` is given: a statement that writes is
 * refused (the store is unchanged), and the input must be one statement. With `--write`
 * the store is opened read-write and the input may hold several statements, run in
 * order in one transaction (any failure rolls them all back); the rows of the last one
 * are printed. DuckDB lets no other process open a store while one has it open for
 * writing (a paper session, an ingest), not even read-only: the task then says which
 * process holds it. Exit codes: 0 ok, 1 the query failed or the store is held, 2 bad
 * flags (including a write or several statements without `--write`).
 *
 * @module
 */
import { stat } from "node:fs/promises";
import { z } from "zod";
import { ConfigError } from "../_shared/errors.ts";
import {
  type DbEngine,
  DbError,
  DEFAULT_DB_PATH,
  ensureSchema,
  openDb,
} from "../data/mod.ts";
import { type CliIo, consoleIo, reportError, runAsScript } from "./_cli.ts";
import { parseFlags } from "./_flags.ts";
import { splitStatements } from "./_sql_statements.ts";

const HELP =
  `Usage: deno task sql "SQL" [--db data/warehouse.duckdb] [--write] [--engine native|wasm]
Prints the rows as JSON. Read-only and one statement unless --write (then several
statements run in order in one transaction; the last one's rows are printed).`;

const FlagsSchema = z.strictObject({
  sql: z.array(z.string()).length(1, "exactly one SQL argument (quote it)"),
  db: z.string().min(1).optional(),
  write: z.boolean().default(false),
  engine: z.enum(["native", "wasm"]).optional(),
});

const SPEC = {
  positional: { key: "sql", arity: "many", label: '"SQL"' },
} as const;

const READ_ONLY = /read-only mode|read-only database|in read.only/i;

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Statements to run, or a flag error saying why they cannot run as given. */
function statementsOf(sql: string, write: boolean): string[] {
  const statements = splitStatements(sql);
  if (statements.length === 0) {
    throw new ConfigError(
      "--flags",
      "SQL",
      "a SQL statement",
      JSON.stringify(sql),
    );
  }
  if (statements.length > 1 && !write) {
    throw new ConfigError(
      "--flags",
      "SQL",
      "one statement (several run only with --write, in one transaction)",
      `${statements.length} statements`,
    );
  }
  return statements;
}

async function run(
  db: DbEngine,
  statements: readonly string[],
  write: boolean,
): Promise<Record<string, unknown>[]> {
  if (!write) return await db.query(statements[0]);
  await ensureSchema(db);
  return await db.transaction(async (tx) => {
    let rows: Record<string, unknown>[] = [];
    for (const s of statements) rows = await tx.query(s);
    return rows;
  });
}

/**
 * Run the task.
 *
 * @param args Command-line arguments.
 * @param io Output sink. @default the console
 * @returns Exit code: 0 ok, 1 the query failed or the store is held, 2 bad flags.
 */
export async function main(
  args: string[],
  io: CliIo = consoleIo,
): Promise<number> {
  if (args.includes("--help")) {
    io.out(HELP);
    return 0;
  }
  let db: DbEngine | undefined;
  try {
    const flags = parseFlags(args, FlagsSchema, SPEC);
    const statements = statementsOf(flags.sql[0], flags.write);
    const path = flags.db ??
      (flags.engine === "wasm" ? ":memory:" : DEFAULT_DB_PATH);
    if (!flags.write && path !== ":memory:" && !(await exists(path))) {
      throw new ConfigError(
        "--flags",
        "db",
        "an existing store (deno task sql opens it read-only; --write creates one)",
        JSON.stringify(path),
      );
    }
    db = await openDb({ engine: flags.engine, path, readOnly: !flags.write });
    const rows = await run(db, statements, flags.write);
    io.out(JSON.stringify(
      rows,
      (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v),
    ));
    return 0;
  } catch (e) {
    if (e instanceof DbError && READ_ONLY.test(e.message)) {
      io.err(
        "The store is open read-only (the default of deno task sql) and this statement writes: nothing was changed; pass --write to run it",
      );
      return 2;
    }
    return reportError(e, io);
  } finally {
    await db?.close();
  }
}

if (import.meta.main) await runAsScript(main);
