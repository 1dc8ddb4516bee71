/**
 * The manual kill switch. DuckDB lets one process write a database file, so a running
 * session cannot be told through its own database: the request is a small JSON file next
 * to it (`<db>.kill`) naming the session it is for. That session checks it once per bar,
 * halts within that bar (cancels open orders, optionally flattens), journals the event
 * and removes the file after the commit; other sessions ignore it. A request for a
 * session that is not running stays until that session's next start, which halts at
 * once. `deno task kill-switch` (lib/jobs `armKillSwitch`) only writes a request for a
 * session the store has.
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
  /** The session it is for (requests written before sessions were named reach any). */
  readonly sessionId?: string;
}

/** Path of the kill-request file for a journal database. */
export function killFilePath(dbPath: string): string {
  return `${dbPath}.kill`;
}

/** Write a kill request for a session (atomically: temp file then rename). */
export async function requestKill(
  dbPath: string,
  options: { flatten: boolean; reason?: string; sessionId: string },
): Promise<KillRequest> {
  const req: KillRequest = {
    flatten: options.flatten,
    reason: options.reason ?? "manual kill switch",
    requestedAt: new Date().toISOString(),
    sessionId: options.sessionId,
  };
  const path = killFilePath(dbPath);
  await writeFile(`${path}.tmp`, JSON.stringify(req));
  await rename(`${path}.tmp`, path);
  return req;
}

/**
 * Read a pending kill request, if any: with `sessionId`, only one for that session.
 *
 * @param dbPath The store file.
 * @param sessionId The session asking (omitted: any request).
 * @returns The request, or undefined.
 */
export async function readKill(
  dbPath: string,
  sessionId?: string,
): Promise<KillRequest | undefined> {
  let req: KillRequest;
  try {
    req = JSON.parse(await readFile(killFilePath(dbPath), "utf8"));
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
  const mine = sessionId === undefined || req.sessionId === undefined ||
    req.sessionId === sessionId;
  return mine ? req : undefined;
}

/** Remove a handled kill request. */
export async function clearKill(dbPath: string): Promise<void> {
  await rm(killFilePath(dbPath)).catch((e) => {
    if (!isNotFound(e)) throw e;
  });
}
