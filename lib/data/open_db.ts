/**
 * Choosing and opening an engine.
 *
 * @module
 */
import { mkdir } from "node:fs/promises";
import { env } from "../_shared/runtime.ts";
import type { DbEngine, EngineKind } from "./engine.ts";
import { openNative } from "./native.ts";
import { openWasm } from "./wasm.ts";

/** Default on-disk store of the native engine (relative to the working directory). */
export const DEFAULT_DB_PATH = "data/warehouse.duckdb";

/** Options of {@linkcode openDb}. */
export interface OpenDbOptions {
  /** Engine; when absent, `TRADELAB_DB_ENGINE` (`native`|`wasm`), else `"native"`. */
  readonly engine?: EngineKind;
  /**
   * `":memory:"` or a database file. @default `"data/warehouse.duckdb"` for native,
   * `":memory:"` for wasm (the wasm engine is in-memory only and rejects file paths).
   */
  readonly path?: string;
  /**
   * Open an on-disk store read-only (native engine): statements that write fail, and
   * several read-only processes may share the file (but none while another process has
   * it open for writing). Ignored for `":memory:"` and the wasm engine. @default false
   */
  readonly readOnly?: boolean;
}

function envEngine(): EngineKind | undefined {
  const v = env("TRADELAB_DB_ENGINE"); // undefined without env permission: the default
  if (v === undefined || v === "") return undefined;
  if (v !== "native" && v !== "wasm") {
    throw new TypeError(
      `Invalid TRADELAB_DB_ENGINE: expected "native" or "wasm", got "${v}"`,
    );
  }
  return v;
}

/**
 * Open the store. A string argument is the path (engine from `TRADELAB_DB_ENGINE`, else
 * native). The native engine creates the parent directory of an on-disk path (not when
 * read-only). Close the engine with `await db.close()` when done. When another process
 * holds the file, throws a `StoreLockedError` whose one-line message names the holder
 * (PID, and its command line where `/proc` has it: `another TradeLab task (pid 4242:
 * deno task paper --config c.json)`) and what to do; every task prints it and exits 1.
 *
 * @param options A path, or {@linkcode OpenDbOptions}.
 * @returns An open {@linkcode DbEngine}.
 * @example
 * ```ts
 * import { openDb } from "./open_db.ts";
 * import assert from "node:assert/strict";
 * const db = await openDb({ path: ":memory:" });
 * assert.deepEqual(await db.query("select 1 as one"), [{ one: 1 }]);
 * await db.close();
 * ```
 */
export async function openDb(
  options: string | OpenDbOptions = {},
): Promise<DbEngine> {
  const o: OpenDbOptions = typeof options === "string"
    ? { path: options }
    : options;
  const engine = o.engine ?? envEngine() ?? "native";
  if (engine === "wasm") return await openWasm(o.path ?? ":memory:");
  if (engine !== "native") {
    throw new TypeError(
      `Invalid engine: expected "native" or "wasm", got "${engine}"`,
    );
  }
  const path = o.path ?? DEFAULT_DB_PATH;
  if (path !== ":memory:" && o.readOnly !== true) {
    const slash = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
    if (slash > 0) await mkdir(path.slice(0, slash), { recursive: true });
  }
  return await openNative({ path, readOnly: o.readOnly });
}
