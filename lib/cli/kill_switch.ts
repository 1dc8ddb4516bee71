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
import { DEFAULT_DB_PATH } from "../data/mod.ts";
import {
  clearKill,
  killFilePath,
  readKill,
  requestKill,
} from "../paper/mod.ts";
import {
  type CliIo,
  consoleIo,
  parseFlags,
  reportError,
  runAsScript,
} from "./_cli.ts";

/** Flags of the kill-switch task. */
export const KillFlagsSchema = z.strictObject({
  db: z.string().min(1).default(DEFAULT_DB_PATH),
  flatten: z.boolean().default(false),
  reason: z.string().min(1).default("manual kill switch"),
  clear: z.boolean().default(false),
});

/**
 * Run the task.
 *
 * @returns Exit code: 0 done, 2 bad flags.
 */
export async function main(
  args: string[],
  io: CliIo = consoleIo,
): Promise<number> {
  try {
    const f = parseFlags(args, KillFlagsSchema, {
      strings: ["db", "reason"],
      booleans: ["flatten", "clear"],
    });
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
  } catch (e) {
    return reportError(e, io);
  }
}

if (import.meta.main) await runAsScript(main);
