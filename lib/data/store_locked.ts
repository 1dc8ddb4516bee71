/**
 * The error of a store another process holds: DuckDB lets one process open a database
 * file for writing, and while it does no other process may open it at all (not even
 * read-only). Built from DuckDB's lock message, which names the holder's PID; the
 * holder's command line comes from `/proc` where the system has one.
 *
 * @module
 */
import { readFileSync } from "node:fs";

/** Who holds a store. */
export interface LockHolder {
  /** Process id from DuckDB's message, when it has one. */
  readonly pid?: number;
  /**
   * `"task"`: a TradeLab task (`deno task <name>`), `"jupyter"`: a Jupyter kernel (a
   * notebook), `"process"`: anything else or unknown.
   */
  readonly kind: "task" | "jupyter" | "process";
  /** The holder's command line, shortened (`deno task paper --config c.json`), when known. */
  readonly command?: string;
}

const MAX_COMMAND = 120;

function commandLine(pid: number): string[] | undefined {
  try {
    const raw = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    const args = raw.split("\0").filter((a) => a.length > 0);
    return args.length > 0 ? args : undefined;
  } catch {
    return undefined; // no /proc (macOS, Windows), no permission, or the process ended
  }
}

function shorten(text: string): string {
  const s = text.replace(/\s+/g, " ").trim();
  return s.length > MAX_COMMAND ? s.slice(0, MAX_COMMAND - 3) + "..." : s;
}

/** The holder described by `argv`: a task file `lib/cli/<name>.ts` means `deno task <name>`. */
export function describeHolder(
  pid: number,
  argv?: readonly string[],
): LockHolder {
  if (argv === undefined) return { pid, kind: "process" };
  const i = argv.findIndex((a) =>
    /(^|[\\/])lib[\\/]cli[\\/][a-z_]+\.ts$/.test(a)
  );
  if (i >= 0) {
    const name = /([a-z_]+)\.ts$/.exec(argv[i])![1].replaceAll("_", "-");
    const rest = argv.slice(i + 1).join(" ");
    return {
      pid,
      kind: "task",
      command: shorten(`deno task ${name}${rest ? " " + rest : ""}`),
    };
  }
  const base = argv.map((a, k) => k === 0 ? a.replace(/^.*[\\/]/, "") : a);
  const kind = base.some((a) => /jupyter|ipykernel|tslab/.test(a))
    ? "jupyter"
    : "process";
  return { pid, kind, command: shorten(base.join(" ")) };
}

/** What to do, by holder kind. */
function advice(h: LockHolder, path: string): string {
  switch (h.kind) {
    case "task":
      return /^deno task paper\b/.test(h.command ?? "")
        ? `wait for the session to finish or stop it (deno task kill-switch --db ${path}), or pass another --db`
        : "wait for it to finish or stop it, or pass another --db";
    case "jupyter":
      return "close the store in the notebook (await db.close()) or shut its kernel down, or pass another --db";
    default:
      return "close the database in that process or stop it, or pass another --db";
  }
}

/**
 * Another process holds the store (DuckDB's file lock). The message is one line: which
 * kind of process holds it, its PID and command line, and what to do.
 *
 * @example
 * ```ts
 * import { StoreLockedError } from "./store_locked.ts";
 * import assert from "node:assert/strict";
 * const e = new StoreLockedError("w.duckdb", { pid: 7, kind: "task", command: "deno task paper" }, false);
 * assert.match(e.message, /another TradeLab task holds it \(pid 7: deno task paper\)/);
 * assert.match(e.message, /kill-switch --db w\.duckdb/);
 * ```
 */
export class StoreLockedError extends Error {
  override name = "StoreLockedError";
  /** The store's path. */
  readonly path: string;
  /** Who holds it. */
  readonly holder: LockHolder;
  constructor(
    path: string,
    holder: LockHolder,
    readOnly: boolean,
    options?: ErrorOptions,
  ) {
    const who = holder.kind === "task"
      ? "another TradeLab task"
      : holder.kind === "jupyter"
      ? "a Jupyter kernel"
      : "another process";
    const what = holder.pid === undefined
      ? ""
      : holder.command
      ? ` (pid ${holder.pid}: ${holder.command})`
      : ` (pid ${holder.pid})`;
    const why = readOnly
      ? " for writing, and DuckDB lets no other process open a store then, not even to read"
      : "";
    super(
      `Cannot open ${path}: ${who} holds it${what}${why}; ${
        advice(holder, path)
      }`,
      options,
    );
    this.path = path;
    this.holder = holder;
  }
}

/**
 * The {@linkcode StoreLockedError} for DuckDB's error `e` when it is a lock conflict
 * (`Could not set lock on file ... (PID n)`), else undefined.
 *
 * @param path The store's path.
 * @param e What DuckDB threw when opening it.
 * @param readOnly The open asked for read-only access.
 * @returns The error to throw instead, or undefined.
 */
export function storeLockedError(
  path: string,
  e: unknown,
  readOnly: boolean,
): StoreLockedError | undefined {
  const msg = e instanceof Error ? e.message : String(e);
  if (!/Could not set lock on file/i.test(msg)) return undefined;
  const pid = Number(/\(PID (\d+)\)/.exec(msg)?.[1] ?? NaN);
  const holder: LockHolder = Number.isInteger(pid)
    ? describeHolder(pid, commandLine(pid))
    : { kind: "process" };
  return new StoreLockedError(path, holder, readOnly, { cause: e });
}
