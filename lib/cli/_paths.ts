/**
 * Paths in flags, resolved at the edge: a relative path means "relative to the directory
 * the user ran the command from" (`INIT_CWD`, which `deno task` sets, else the working
 * directory), never the project root `deno task` switches to. Defaults stay relative to
 * the project (they name the project's own files).
 *
 * @module
 */
import { statSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { z } from "zod";
import { expects } from "../_shared/expected.ts";
import { cwd, env } from "../_shared/runtime.ts";
import { DEFAULT_DB_PATH } from "../data/mod.ts";

/** The directory the user ran the command from. */
export function userDirectory(): string {
  const init = env("INIT_CWD"); // undefined without env permission
  return init && init !== "" ? init : cwd();
}

/**
 * `path` as the user meant it: absolute paths unchanged, relative ones against
 * {@linkcode userDirectory}.
 *
 * @param path A path from a flag.
 * @returns An absolute path.
 */
export function resolveUserPath(path: string): string {
  return isAbsolute(path) ? path : resolve(userDirectory(), path);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A path given in a flag (file or directory), resolved with {@linkcode resolveUserPath}. */
export const UserPathSchema: z.ZodType<string, z.ZodTypeDef, string> = expects(
  z.string().refine((s) => s.trim() !== "", "a path").transform(
    resolveUserPath,
  ),
  { text: "a path", placeholder: "PATH" },
);

/** Options of {@linkcode dbPathFlag}. */
export interface DbPathOptions {
  /**
   * The task creates a store (ingest, demo): a missing directory is created by
   * `openDb`. Other tasks need the directory to exist. @default false
   */
  readonly create?: boolean;
  /**
   * The flag must be given (no default store), with what it is for, e.g. "the store the
   * session runs on". @default optional, `data/warehouse.duckdb`
   */
  readonly required?: string;
}

/**
 * The `--db` flag: `:memory:` or a store file. Relative paths resolve against the
 * user's directory; without `create`, the file's directory must exist (a typo must not
 * create directories). Absent, it is the project's `data/warehouse.duckdb`.
 *
 * @param options Whether the task creates a store.
 * @returns The flag's schema.
 */
export function dbPathFlag(
  options: DbPathOptions = {},
): z.ZodType<string, z.ZodTypeDef, string | undefined> {
  const schema = z.string().optional().transform((raw, ctx) => {
    if (raw === undefined) {
      if (options.required === undefined) return DEFAULT_DB_PATH;
      ctx.addIssue({
        code: "custom",
        message: `${options.required} (e.g. --db ${DEFAULT_DB_PATH})`,
      });
      return z.NEVER;
    }
    if (raw === ":memory:") return raw;
    if (raw.trim() === "") {
      ctx.addIssue({ code: "custom", message: "a store path or :memory:" });
      return z.NEVER;
    }
    const path = resolveUserPath(raw);
    if (!options.create && !isDirectory(dirname(path))) {
      ctx.addIssue({
        code: "custom",
        message:
          `a store in an existing directory (${
            dirname(path)
          } does not exist; ` +
          "create it first, or use --db :memory:)",
      });
      return z.NEVER;
    }
    return path;
  });
  return expects(schema, {
    text: "a DuckDB file or :memory:",
    placeholder: "PATH",
    defaultText: options.required === undefined ? DEFAULT_DB_PATH : undefined,
  }).describe(options.required ?? "the store");
}

/**
 * The store of a task that picks its engine (ingest, sql): `--db` as the user meant it
 * ({@linkcode resolveUserPath}; `:memory:` as is), else the project's store with the
 * native engine and an in-memory one with the wasm engine.
 *
 * @param db The `--db` flag, if given.
 * @param engine The `--engine` flag, if given.
 * @returns The path to open.
 */
export function enginePath(
  db: string | undefined,
  engine: "native" | "wasm" | undefined,
): string {
  if (db === undefined) return engine === "wasm" ? ":memory:" : DEFAULT_DB_PATH;
  return db === ":memory:" ? db : resolveUserPath(db);
}

/**
 * A path flag with a project-relative default: a given path resolves against the user's
 * directory ({@linkcode resolveUserPath}); the default is kept as written (relative to
 * the project, where `deno task` runs).
 *
 * @param defaultPath The project's default (e.g. `reports`).
 * @returns The flag's schema.
 */
export function userPathFlag(
  defaultPath: string,
): z.ZodType<string, z.ZodTypeDef, string | undefined> {
  const schema = z.string().optional().transform((raw, ctx) => {
    if (raw === undefined) return defaultPath;
    if (raw.trim() === "") {
      ctx.addIssue({ code: "custom", message: "a path" });
      return z.NEVER;
    }
    return resolveUserPath(raw);
  });
  return expects(schema, {
    text: "a path",
    placeholder: "PATH",
    defaultText: defaultPath,
  });
}

/**
 * Where a fetch keeps raw provider responses: `cache/` next to the store (none for an
 * in-memory store).
 *
 * @param db The `--db` value.
 * @returns The cache directory, or undefined.
 */
export function cacheDirOf(db: string): string | undefined {
  if (db === ":memory:") return undefined;
  const slash = db.lastIndexOf("/");
  return `${slash < 0 ? "." : db.slice(0, slash)}/cache`;
}
