/**
 * `deno task bench`: the workloads of the bench SPEC, one JSON object per line.
 *
 *   deno task bench [--only W1,W2,W3,U1,U2,U3] [--workers N] [--quick]
 *     [--engine native|wasm] [--symbols N] [--days N] [--runs N] [--numpy]
 *
 * - W1: walk-forward ridge on the S&P 500 (`runW1` from lib/walkforward).
 * - W2: moving-average crossover sweep on the S&P 500 (lib/bench). `--workers N` (default
 *   1) runs it on a persistent pool of N workers plus the main thread, started and warmed
 *   before timing; `--workers 0` runs the single-thread kernel only. `single_thread_seconds`
 *   is always reported. `--quick` sweeps a 4-pair grid (for smoke tests).
 * - W3: ingest/validate/query of `synth-<symbols>-<days>` (lib/bench) on the
 *   chosen engine.
 * - U1, U2: `deno task multi-symbol` with the W1 configuration (STRICT, stored) on
 *   `synth-500-5040` and `synth-3000-5040`, ingested into an on-disk store: best of
 *   `--runs` (3) in this process, then once end to end in its own process (`cli_seconds`,
 *   `peak_rss_bytes`); `--workers` threads (default every core); `--numpy` adds the
 *   numpy reference's time on the same CSV (U1). U2 also times the CSV's ingest.
 * - U3: the allocation walk-forward of four methods on 500 assets (lib/bench).
 *
 * `seconds` = best of 3 wall times in this process with the data loaded, after one
 * untimed warm-up run. `evals_per_second`: W2 pairs x days, W1 bars, per second. A
 * workload that cannot run prints `{"workload", "error"}`; the exit code is then 1
 * (2 for bad flags).
 *
 * @module
 */
import { z } from "zod";
import {
  benchU3,
  benchUniverse,
  benchW1,
  benchW2,
  benchW3,
} from "../bench/mod.ts";
import { type CliIo, consoleIo, runAsScript, runTask } from "./_cli.ts";

const WORKLOADS = ["W1", "W2", "W3", "U1", "U2", "U3"] as const;

/** Flags of `deno task bench`. */
export const BenchFlagsSchema = z.strictObject({
  only: z.string().transform((s) =>
    s.split(",").map((x) => x.trim().toUpperCase())
  )
    .pipe(z.array(z.enum(WORKLOADS)).min(1))
    .default(WORKLOADS.join(",")).describe("the workloads to run"),
  workers: z.number().int().min(0).max(256).optional().describe(
    "pool workers: W2 (default 1; 0 = the single-thread kernel only), U1-U3 (default every core)",
  ),
  quick: z.boolean().default(false).describe(
    "W2 on a 4-pair grid (a smoke test)",
  ),
  engine: z.enum(["native", "wasm"]).default("native").describe(
    "W3: the DuckDB engine",
  ),
  symbols: z.number().int().min(1).default(500).describe(
    "W3: synthetic symbols",
  ),
  days: z.number().int().min(2).default(2520).describe(
    "W3: days per symbol",
  ),
  runs: z.number().int().min(1).default(3).describe("U1-U3: timed runs"),
  numpy: z.boolean().default(false).describe(
    "U1: also time the numpy reference (python3 with numpy and scipy)",
  ),
});
type Flags = z.output<typeof BenchFlagsSchema>;

async function runWorkload(
  w: (typeof WORKLOADS)[number],
  f: Flags,
): Promise<Record<string, unknown>> {
  if (w === "W1") return { ...(await benchW1()) };
  if (w === "W2") {
    return await benchW2({ workers: f.workers ?? 1, quick: f.quick });
  }
  if (w === "U1" || w === "U2") {
    const r = await benchUniverse({
      symbols: w === "U1" ? 500 : 3000,
      workers: f.workers,
      runs: f.runs,
      numpy: f.numpy && w === "U1",
    });
    return { workload: w, ...r };
  }
  if (w === "U3") {
    return { workload: w, ...benchU3({ runs: f.runs }) };
  }
  const r = await benchW3({
    engine: f.engine,
    symbols: f.symbols,
    days: f.days,
  });
  return { workload: "W3", ...r, engine: f.engine };
}

/**
 * Run the task.
 *
 * @param args Command-line flags.
 * @param io Output sink (one JSON line per workload). @default the console
 * @returns Exit code: 0 ok, 1 a workload failed, 2 bad flags.
 */
export function main(args: string[], io: CliIo = consoleIo): Promise<number> {
  return runTask(args, io, {
    name: "bench",
    summary:
      "Time the benchmark workloads (W1 walk-forward, W2 parameter sweep, W3 ingest/validate/query, U1-U3 universe scale), one JSON line each.",
    about:
      "seconds = best of 3 wall times after one untimed warm-up, data loaded. A workload that cannot run prints {workload, error} and makes the exit code 1.",
    examples: ["--only W2 --quick --workers 0", "--only U1 --numpy"],
    flags: BenchFlagsSchema,
    run: async (f) => {
      let code = 0;
      for (const w of WORKLOADS) {
        if (!f.only.includes(w)) continue;
        try {
          io.out(JSON.stringify(await runWorkload(w, f)));
        } catch (err) {
          code = 1;
          const error = err instanceof Error ? err.message : String(err);
          io.out(JSON.stringify({ workload: w, error }));
        }
      }
      return code;
    },
  });
}

if (import.meta.main) await runAsScript(main);
