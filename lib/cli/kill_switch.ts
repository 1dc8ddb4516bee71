/**
 * `deno task kill-switch --db P [--flatten] [--reason TEXT] [--clear]`: emergency stop.
 * Writes a kill request next to the session's database (`<db>.kill`); the running
 * session reads it at the next bar, cancels open orders, optionally flattens, journals
 * the event and stops trading. Without a running session, the next start halts at once.
 * `--clear` withdraws a pending request.
 *
 * @module
 */
import { z } from "zod";
import {
  clearKill,
  killFilePath,
  readKill,
  requestKill,
} from "../paper/mod.ts";
import { type CliIo, consoleIo, runAsScript, runTask } from "./_cli.ts";
import { dbPathFlag } from "./_paths.ts";

/** Flags of the kill-switch task. */
export const KillFlagsSchema = z.strictObject({
  db: dbPathFlag(),
  flatten: z.boolean().default(false).describe("also close every position"),
  reason: z.string().min(1).default("manual kill switch").describe(
    "why, journaled with the halt",
  ),
  clear: z.boolean().default(false).describe("withdraw a pending request"),
});

/**
 * Run the task.
 *
 * @param args Command-line flags.
 * @param io Output sink. @default the console
 * @returns Exit code: 0 ok, 1 failure, 2 bad flags.
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
            ? `kill request withdrawn (${pending.reason})`
            : "no kill request pending",
        );
        return 0;
      }
      const req = await requestKill(f.db, {
        flatten: f.flatten,
        reason: f.reason,
      });
      io.out(
        `kill requested at ${req.requestedAt}${
          f.flatten ? " with flatten" : ""
        }: ${killFilePath(f.db)} (the session stops at its next bar)`,
      );
      return 0;
    },
  });
}

if (import.meta.main) await runAsScript(main);
