/**
 * The beacon of a running session: DuckDB lets one process open a store while it
 * writes, so nothing outside the session can read its `sessions` row while it runs. The
 * session therefore also keeps a small JSON file next to its store (`<db>.session`):
 * its id and process id when it starts, the rule, date and reason when it halts, and
 * its final status when it ends. `deno task kill-switch` reads it to know which session
 * a request reaches and, with `--wait`, when that session has halted.
 *
 * @module
 */
import { readFile, rename, writeFile } from "node:fs/promises";
import { isNotFound } from "../_shared/runtime.ts";

/** What a running (or ended) session says about itself. */
export interface SessionBeacon {
  readonly sessionId: string;
  /** Process id of the session (the one holding the store). */
  readonly pid: number;
  /** `running`, `halted` (still running, trading stopped), or the final `finished` / `stopped` / `failed`. */
  readonly status: "running" | "halted" | "finished" | "stopped" | "failed";
  /** ISO instants. */
  readonly startedAt: string;
  readonly updatedAt: string;
  /** Set once the session halted. */
  readonly halt?: {
    readonly date: string;
    readonly rule: string;
    readonly reason: string;
  };
}

/**
 * Path of the beacon file of a store.
 *
 * @param dbPath The store file.
 * @returns `<dbPath>.session`.
 */
export function beaconPath(dbPath: string): string {
  return `${dbPath}.session`;
}

/**
 * Write the beacon (atomically: temp file, then rename).
 *
 * @param dbPath The store file.
 * @param beacon What to write.
 */
export async function writeBeacon(
  dbPath: string,
  beacon: SessionBeacon,
): Promise<void> {
  const path = beaconPath(dbPath);
  await writeFile(`${path}.tmp`, JSON.stringify(beacon));
  await rename(`${path}.tmp`, path);
}

/**
 * Read the beacon of a store, if a session ever wrote one.
 *
 * @param dbPath The store file.
 * @returns The beacon, or undefined.
 */
export async function readBeacon(
  dbPath: string,
): Promise<SessionBeacon | undefined> {
  try {
    return JSON.parse(await readFile(beaconPath(dbPath), "utf8"));
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}
