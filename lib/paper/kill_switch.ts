/**
 * The manual kill switch. DuckDB lets one process write a database file, so a running
 * session cannot be told through its own database: the request is a small JSON file next
 * to it (`<db>.kill`). The session checks it once per bar, halts within that bar (cancels
 * open orders, optionally flattens), journals the event and removes the file after the
 * commit. Without a running session the request stays until the next start, which halts
 * at once.
 *
 * @module
 */
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { isNotFound } from "../_shared/runtime.ts";

/** A kill request. */
export interface KillRequest {
  readonly flatten: boolean;
  readonly reason: string;
  readonly requestedAt: string;
}

/** Path of the kill-request file for a journal database. */
export function killFilePath(dbPath: string): string {
  return `${dbPath}.kill`;
}

/** Write a kill request (atomically: temp file then rename). */
export async function requestKill(
  dbPath: string,
  options: { flatten: boolean; reason?: string },
): Promise<KillRequest> {
  const req: KillRequest = {
    flatten: options.flatten,
    reason: options.reason ?? "manual kill switch",
    requestedAt: new Date().toISOString(),
  };
  const path = killFilePath(dbPath);
  await writeFile(`${path}.tmp`, JSON.stringify(req));
  await rename(`${path}.tmp`, path);
  return req;
}

/** Read a pending kill request, if any. */
export async function readKill(
  dbPath: string,
): Promise<KillRequest | undefined> {
  try {
    return JSON.parse(
      await readFile(killFilePath(dbPath), "utf8"),
    ) as KillRequest;
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

/** Remove a handled kill request. */
export async function clearKill(dbPath: string): Promise<void> {
  await rm(killFilePath(dbPath)).catch((e) => {
    if (!isNotFound(e)) throw e;
  });
}
