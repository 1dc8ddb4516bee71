/**
 * `deno task kill-switch --db P [--session ID] [--flatten] [--reason TEXT] [--wait]
 * [--timeout 60] [--clear]`: emergency stop of a paper session.
 *
 * Writes a kill request for the session on the store (`<db>.kill`, naming the session;
 * lib/jobs `armKillSwitch`): the running session reads it at its next bar, cancels open
 * orders, optionally flattens, journals the event and stops trading; a session that is
 * not running halts at its next start. The task prints the session it armed. `--wait`
 * then waits until the session reports HALTED (exit 1 after `--timeout` seconds).
 * `--clear` withdraws a pending request.
 *
 * Exit codes: 0 armed (and, with --wait, halted); 1 timeout, the session ended without
 * halting, or another process holds the store; 2 bad flags: no --db, :memory:, a store
 * that does not exist or has no session, an unknown --session, --wait for a session
 * that is not running.
 *
 * @module
 */
import { z } from "zod";
import { type ArmedKill, armKillSwitch, waitForHalt } from "../jobs/mod.ts";
import { clearKill, killFilePath, readKill } from "../paper/mod.ts";
import { type CliIo, consoleIo, runAsScript, runTask } from "./_cli.ts";
import { intFlag } from "./_flags.ts";
import { dbPathFlag } from "./_paths.ts";

/** Flags of the kill-switch task. */
export const KillFlagsSchema = z.strictObject({
  db: dbPathFlag({ required: "the store the session runs on" }),
  session: z.string().min(1).optional().describe(
    "the session to stop (default the running one, else the latest)",
  ),
  flatten: z.boolean().default(false).describe("also close every position"),
  reason: z.string().min(1).default("manual kill switch").describe(
    "why, journaled with the halt",
  ),
  wait: z.boolean().default(false).describe(
    "wait until the session reports HALTED",
  ),
  timeout: intFlag(1).default(60).describe("seconds --wait waits"),
  clear: z.boolean().default(false).describe("withdraw a pending request"),
});

function armedLine(a: ArmedKill, db: string, flatten: boolean): string {
  const who = a.running
    ? `session ${a.sessionId} (running, pid ${a.pid})`
    : `session ${a.sessionId} (${a.status})`;
  if (a.halt) {
    return `${who} already HALTED on ${a.halt.date}: ${a.halt.reason}; nothing to arm`;
  }
  return `kill armed for ${who} at ${a.request!.requestedAt}${
    flatten ? " with flatten" : ""
  }: ${killFilePath(db)}; ${
    a.running
      ? "it stops at its next bar"
      : "it halts as soon as it starts again"
  }`;
}

/**
 * Run the task.
 *
 * @param args Command-line flags.
 * @param io Output sink. @default the console
 * @returns Exit code: 0 ok, 1 failure or timeout, 2 bad flags.
 */
export function main(args: string[], io: CliIo = consoleIo): Promise<number> {
  return runTask(args, io, {
    name: "kill-switch",
    summary:
      "Emergency stop: the session on --db cancels its open orders at its next bar (and with --flatten closes every position) and stops trading.",
    about:
      "The request is a file next to the store (<db>.kill), since DuckDB allows one writing process. Without a running session, the next start on that store halts at once; --clear withdraws the request.",
    examples: ['--db data/warehouse.duckdb --flatten --reason "broker outage"'],
    flags: KillFlagsSchema,
    run: async (f) => {
      if (f.clear) {
        const pending = await readKill(f.db);
        await clearKill(f.db);
        io.out(
          pending
            ? `kill request withdrawn (${pending.reason}${
              pending.sessionId ? `, session ${pending.sessionId}` : ""
            })`
            : "no kill request pending",
        );
        return 0;
      }
      const armed = await armKillSwitch(f.db, {
        flatten: f.flatten,
        reason: f.reason,
        sessionId: f.session,
        wait: f.wait,
      });
      io.out(armedLine(armed, f.db, f.flatten));
      if (!f.wait || armed.halt) return 0;
      const halt = await waitForHalt(f.db, armed.sessionId, {
        timeoutMs: f.timeout * 1000,
      });
      io.out(
        `session ${armed.sessionId} HALTED on ${halt.date} (${halt.rule}): ${halt.reason}`,
      );
      return 0;
    },
  });
}

if (import.meta.main) await runAsScript(main);
