/**
 * The kill switch as a job: find the session a request would reach, write the request
 * for it, and (on request) wait until that session reports HALTED. What
 * `deno task kill-switch` and notebooks call.
 *
 * A running session holds its store (DuckDB lets no other process open it), so it is
 * found through its beacon (`<db>.session`, lib/paper) and the store's lock: the beacon's
 * process must be the one holding the store. A store nobody holds is read for its
 * sessions: a request for a session that is not running halts its next start. A store
 * with no session, a missing store or `:memory:` get no request at all (exit 2).
 *
 * @module
 */
import { stat } from "node:fs/promises";
import { UsageError } from "../_shared/errors.ts";
import { openDb, StoreLockedError } from "../data/mod.ts";
import {
  type KillRequest,
  readBeacon,
  requestKill,
  type SessionBeacon,
} from "../paper/mod.ts";
import {
  createPaperJournal,
  type PaperSessionRow,
  readPaperSessionRows,
} from "../store/mod.ts";

/** Options of {@linkcode armKillSwitch}. */
export interface ArmKillOptions {
  /** Close every position too. */
  readonly flatten: boolean;
  /** Why, journaled with the halt. */
  readonly reason: string;
  /** The session to stop. @default the running one, else the one with the latest heartbeat */
  readonly sessionId?: string;
  /** The caller will wait for the halt: refuse a session that is not running. */
  readonly wait?: boolean;
}

/** What {@linkcode armKillSwitch} did. */
export interface ArmedKill {
  readonly sessionId: string;
  /** The session is running now (its process holds the store). */
  readonly running: boolean;
  /** Its status: `running`, or the last one stored (`finished`, `halted`, ...). */
  readonly status: string;
  /** Process id of the running session. */
  readonly pid?: number;
  /** The request written; null when the session had halted already. */
  readonly request: KillRequest | null;
  /** How it halted, when it had already. */
  readonly halt?: SessionBeacon["halt"];
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** The session to arm in a store nobody holds, or the process holding it. */
async function inspect(
  dbPath: string,
  o: ArmKillOptions,
): Promise<Omit<ArmedKill, "request"> | { held: StoreLockedError }> {
  let db;
  try {
    db = await openDb({ path: dbPath, engine: "native", readOnly: true });
  } catch (e) {
    if (e instanceof StoreLockedError) return { held: e };
    throw e;
  }
  try {
    const target = storedTarget(dbPath, await readPaperSessionRows(db), o);
    // the halt is sticky: a session that halted once (then stopped or finished) stays so
    const kill = await createPaperJournal(db).firstKill(target.sessionId);
    if (kill) {
      const rule = kill.manual ? "manual" : "max-drawdown";
      return {
        ...target,
        halt: { date: kill.date, rule, reason: kill.reason },
      };
    }
    if (o.wait) {
      throw new UsageError(
        "--wait",
        `Session "${target.sessionId}" is ${target.status}, so there is no halt to wait for; without --wait the request halts its next start`,
      );
    }
    return target;
  } finally {
    await db.close();
  }
}

function runningTarget(
  beacon: SessionBeacon,
  o: ArmKillOptions,
): Omit<ArmedKill, "request"> {
  if (o.sessionId !== undefined && o.sessionId !== beacon.sessionId) {
    throw new UsageError(
      "--session",
      `The session running on this store is "${beacon.sessionId}" (pid ${beacon.pid}), not "${o.sessionId}"; stop it with --session ${beacon.sessionId}, or wait for it to end`,
    );
  }
  return {
    sessionId: beacon.sessionId,
    running: true,
    status: beacon.status,
    pid: beacon.pid,
    ...(beacon.halt ? { halt: beacon.halt } : {}),
  };
}

function storedTarget(
  dbPath: string,
  rows: readonly PaperSessionRow[],
  o: ArmKillOptions,
): Omit<ArmedKill, "request"> {
  if (rows.length === 0) {
    throw new UsageError(
      "--db",
      `No paper session in ${dbPath}: a kill request there would reach nobody; pass the --db a session runs on (deno task paper --db ${dbPath} starts one)`,
    );
  }
  const row = o.sessionId === undefined
    ? rows[0]
    : rows.find((r) => r.sessionId === o.sessionId);
  if (!row) {
    throw new UsageError(
      "--session",
      `No session "${o.sessionId}" in ${dbPath} (it has ${
        rows.map((r) => r.sessionId).join(", ")
      })`,
    );
  }
  // A "running" row nobody holds the store for is a run that crashed.
  const status = row.status === "running"
    ? "not running (crashed)"
    : row.status;
  return { sessionId: row.sessionId, running: false, status };
}

/**
 * Write a kill request for the session on `dbPath` (see the module doc for how the
 * session is found).
 *
 * @param dbPath The store file the session runs on.
 * @param o Flatten, reason, which session, whether the caller will wait.
 * @returns The session armed and the request (none when it had halted already).
 * @throws UsageError (exit 2) for `:memory:`, a missing store, a store without
 *   sessions, an unknown `sessionId`, or `wait` for a session that is not running;
 *   `StoreLockedError` (exit 1) when another process holds the store.
 */
export async function armKillSwitch(
  dbPath: string,
  o: ArmKillOptions,
): Promise<ArmedKill> {
  if (dbPath === ":memory:") {
    throw new UsageError(
      "--db",
      "--db :memory: is a private store: no session in another process can read a request there; pass the store file the session runs on",
    );
  }
  if (!(await exists(dbPath))) {
    throw new UsageError(
      "--db",
      `No store at ${dbPath}: no session to stop; pass the --db the session runs on`,
    );
  }
  const beacon = await readBeacon(dbPath);
  const found = await inspect(dbPath, o);
  let target: Omit<ArmedKill, "request">;
  if ("held" in found) {
    const live = beacon && beacon.pid === found.held.holder.pid &&
      (beacon.status === "running" || beacon.status === "halted");
    if (!live) throw found.held;
    target = runningTarget(beacon, o);
  } else target = found;
  if (target.halt) return { ...target, request: null };
  const request = await requestKill(dbPath, {
    flatten: o.flatten,
    reason: o.reason,
    sessionId: target.sessionId,
  });
  return { ...target, request };
}

/** Options of {@linkcode waitForHalt}. */
export interface WaitOptions {
  /** Give up after this many milliseconds. */
  readonly timeoutMs: number;
  /** Look at the beacon this often. @default 100 */
  readonly pollMs?: number;
}

/**
 * Wait until the session reports HALTED through its beacon.
 *
 * @param dbPath The store file.
 * @param sessionId The session armed.
 * @param o Timeout and polling interval.
 * @returns How it halted (date, rule, reason).
 * @throws Error (exit 1) on timeout, or when the session ended without halting.
 */
export async function waitForHalt(
  dbPath: string,
  sessionId: string,
  o: WaitOptions,
): Promise<NonNullable<SessionBeacon["halt"]>> {
  const until = performance.now() + o.timeoutMs;
  for (;;) {
    const b = await readBeacon(dbPath);
    if (b?.sessionId === sessionId && b.halt) return b.halt;
    if (
      b?.sessionId === sessionId &&
      (b.status === "finished" || b.status === "stopped" ||
        b.status === "failed")
    ) {
      throw new Error(
        `Session "${sessionId}" ended (${b.status}) before it read the kill request; the request stays pending and halts its next start`,
      );
    }
    if (performance.now() >= until) {
      throw new Error(
        `Session "${sessionId}" did not report HALTED within ${
          o.timeoutMs / 1000
        } s: it reads the request at its next bar (a live feed's next poll); the request stays pending`,
      );
    }
    await new Promise((r) => setTimeout(r, o.pollMs ?? 100));
  }
}
