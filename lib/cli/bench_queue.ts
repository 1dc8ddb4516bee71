/**
 * `deno task bench:queue [--symbols N] [--days N]`
 *
 * Workload Q1 (README "Scaling out"): one synthetic universe walked forward (W1
 * configuration) on the local backend with 1 and 2 threads and on the queue backend with
 * 1, 2 and 3 worker processes, against a redis-server it starts on a free loopback port
 * (redis-server must be on PATH). One JSON line per setting: seconds, shards and symbols
 * per second.
 *
 * @module
 */
import { z } from "zod";
import { benchQueueScaling } from "../bench/mod.ts";
import { type CliIo, consoleIo, runAsScript, runTask } from "./_cli.ts";
import { intFlag } from "./_flags.ts";

/** Flags of `deno task bench:queue`. */
export const BenchQueueFlagsSchema = z.strictObject({
  symbols: intFlag(1).max(20_000).default(200).describe("synthetic symbols"),
  days: intFlag(300).max(20_000).default(2520).describe("days per symbol"),
});

/**
 * Run the task.
 *
 * @param args Command-line flags.
 * @param io Output sink. @default the console
 * @returns Exit code: 0 ok, 1 when a setting failed, 2 bad flags.
 */
export function main(args: string[], io: CliIo = consoleIo): Promise<number> {
  return runTask(args, io, {
    name: "bench:queue",
    summary:
      "Q1: shards per second of the local backend (1, 2 threads) and the queue backend (1, 2, 3 worker processes) on one synthetic universe.",
    about:
      "Starts its own redis-server on a free loopback port (redis-server on PATH) and deno task worker processes; prints one JSON line per setting.",
    examples: ["", "--symbols 500 --days 5040"],
    flags: BenchQueueFlagsSchema,
    run: async (flags) => {
      await benchQueueScaling({
        symbols: flags.symbols,
        days: flags.days,
        onResult: (r) => io.out(JSON.stringify(r)),
      });
      return 0;
    },
  });
}

if (import.meta.main) await runAsScript(main);
