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
import { expects } from "../_shared/expected.ts";
import {
  type DbEngine,
  DbError,
  DEFAULT_DB_PATH,
  ensureSchema,
  openDb,
} from "../data/mod.ts";
import {
  type CliIo,
  consoleIo,
  reportError,
  runAsScript,
  runTask,
} from "./_cli.ts";
import { enginePath } from "./_paths.ts";
import { splitStatements } from "./_sql_statements.ts";

const FlagsSchema = z.strictObject({
  sql: z.string(),
  db: expects(z.string().min(1), {
    text: "a DuckDB file or :memory:",
    placeholder: "PATH",
  }).optional().describe(
    `the store (default ${DEFAULT_DB_PATH}; with --engine wasm, :memory:)`,
  ),
  write: z.boolean().default(false).describe(
    "open the store read-write; several statements then run in order in one transaction",
  ),
  engine: z.enum(["native", "wasm"]).optional().describe(
    "the DuckDB engine (default native, or TRADELAB_DB_ENGINE)",
  ),
});

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
export function main(args: string[], io: CliIo = consoleIo): Promise<number> {
  return runTask(args, io, {
    name: "sql",
    summary: "Run SQL against the store and print the result rows as JSON.",
    about:
      "Read-only and one statement unless --write: a statement that writes is refused and the store is unchanged. With --write the statements run in order in one transaction (any failure rolls them all back) and the last one's rows are printed.",
    examples: [
      `"SELECT symbol, count(*) AS bars FROM bars GROUP BY symbol" --db :memory:`,
    ],
    flags: FlagsSchema,
    positional: {
      key: "sql",
      arity: "one",
      name: "SQL",
      label: '"SQL"',
      description: "the SQL, quoted as one argument",
    },
    run: (flags) => runSql(flags, io),
  });
}

async function runSql(
  flags: z.output<typeof FlagsSchema>,
  io: CliIo,
): Promise<number> {
  let db: DbEngine | undefined;
  try {
    const statements = statementsOf(flags.sql, flags.write);
    const path = enginePath(flags.db, flags.engine);
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
