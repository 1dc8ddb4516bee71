/**
 * `deno task bench:queue [--symbols N] [--days N] [--only Q0,Q1,Q2]`
 *
 * Workloads (README "Scaling out"): Q0, BullMQ's no-op job rate; Q1, one synthetic
 * universe walked forward (W1 configuration) on the local backend with 1 and 2 threads
 * and on the queue backend with 1, 2 and 3 worker processes; Q2, an optimize search per
 * symbol (20 symbols) locally and on the queue by configurations a shard. A redis-server
 * of its own on a free loopback port (redis-server must be on PATH). One JSON line per
 * setting.
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
  only: z.string().regex(
    /^Q[0-2](,Q[0-2])*$/,
    "a comma-separated list of Q0, Q1, Q2",
  ).transform((s) => s.split(",") as ("Q0" | "Q1" | "Q2")[])
    .optional().describe("measure only these workloads, e.g. Q1,Q2"),
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
      "Q0-Q2: BullMQ's no-op job rate; shards per second of the local backend (1, 2 threads) and the queue backend (1, 2, 3 worker processes) on one synthetic universe; an optimize search per symbol by configurations a shard.",
    about:
      "Starts its own redis-server on a free loopback port (redis-server on PATH) and deno task worker processes; prints one JSON line per setting.",
    examples: ["", "--symbols 500 --days 5040"],
    flags: BenchQueueFlagsSchema,
    run: async (flags) => {
      await benchQueueScaling({
        symbols: flags.symbols,
        days: flags.days,
        only: flags.only,
        onResult: (r) => io.out(JSON.stringify(r)),
      });
      return 0;
    },
  });
}

if (import.meta.main) await runAsScript(main);
