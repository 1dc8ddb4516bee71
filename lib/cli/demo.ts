/**
 * `deno task demo [--db P] [--out reports] [--verbose]`: the main job. Runs the roadmap
 * pipeline on the built-in real data through the same entry points as the individual
 * tasks, then writes every report and prints where the index is:
 *
 * 1. data: load the samples into the store, DataSanity STRICT over every symbol;
 * 2. walk-forward SP500 (2000-2020, with the adversarial controls) and AAPL;
 * 3. multi-asset comparison;
 * 4. ML training with feature-importance persistence and warm start, stability analysis;
 * 5. risk: stress scenarios and VaR; portfolio allocation walk-forward; parameter search
 *    with deflated Sharpe and PBO; ensembles and regime-aware strategies;
 * 6. paper trading: preflight, a replay session of the example config, reconciliation;
 * 7. reports: every phase, weekly, index.
 *
 * Exit code: 0 when every step ran (a strategy failing its scorecard is a finding, not
 * an error), 1 when a step failed.
 *
 * @module
 */
import { z } from "zod";
import {
  DEFAULT_DB_PATH,
  ensureSampleData,
  listSymbols,
  openDb,
} from "../data/mod.ts";
import {
  checkStore,
  DataSanityError,
  type SanityReport,
} from "../sanity/mod.ts";
import {
  type CliIo,
  consoleIo,
  parseFlags,
  reportError,
  runAsScript,
} from "./_cli.ts";
import { main as walkforward } from "./walkforward.ts";
import { main as multiSymbol } from "./multi_symbol.ts";
import { main as train } from "./train.ts";
import { main as mlAnalysis } from "./ml_analysis.ts";
import { main as persistenceDashboard } from "./persistence_dashboard.ts";
import { main as stress } from "./stress.ts";
import { main as portfolio } from "./portfolio.ts";
import { main as optimize } from "./optimize.ts";
import { main as strategies } from "./strategies.ts";
import { main as preflight } from "./preflight.ts";
import { main as paper } from "./paper.ts";
import { main as reconcile } from "./reconcile.ts";
import { main as report } from "./report.ts";

/** Flags of the demo. */
export const DemoFlagsSchema = z.strictObject({
  db: z.string().min(1).default(DEFAULT_DB_PATH),
  out: z.string().min(1).default("reports"),
  verbose: z.boolean().default(false),
});

/** One pipeline step: a label and the task call. */
interface Step {
  readonly label: string;
  readonly run: (io: CliIo) => Promise<number>;
  /** Exit codes that mean "ran, and reported a finding" (e.g. reconcile outside target). */
  readonly findings?: readonly number[];
}

function steps(db: string, out: string): Step[] {
  const wf = ["--db", db, "--perf-mode", "STRICT"];
  return [
    {
      label: "data: samples in the store, DataSanity STRICT",
      run: async (io) => {
        const h = await openDb({ path: db });
        try {
          await ensureSampleData(h);
          const symbols = await listSymbols(h);
          let report: SanityReport;
          try {
            report = await checkStore(h, { mode: "strict" });
          } catch (e) {
            if (!(e instanceof DataSanityError)) throw e;
            report = e.report;
            io.out(e.message);
          }
          for (const s of symbols) {
            io.out(
              `${s.symbol.padEnd(8)} ${s.first}..${s.last} ${s.rows} bars`,
            );
          }
          io.out(
            `DataSanity STRICT: ${
              report.ok ? "clean" : "VIOLATIONS"
            } over ${report.rows} rows`,
          );
          return report.ok ? 0 : 1;
        } finally {
          await h.close();
        }
      },
    },
    {
      label:
        "walk-forward SP500 through the 2020 stress window (test 21 / stride 21)",
      run: (io) =>
        walkforward([
          "--symbol",
          "SP500",
          "--start-date",
          "2018-01-02",
          "--end-date",
          "2020-04-17",
          "--test-len",
          "21",
          "--stride",
          "21",
          ...wf,
        ], io),
    },
    {
      label: "walk-forward SP500 2000-2020 (W1 config, adversarial controls)",
      run: (io) =>
        walkforward([
          "--symbol",
          "SP500",
          "--start-date",
          "2000-01-03",
          "--end-date",
          "2020-04-17",
          "--controls",
          ...wf,
        ], io),
    },
    {
      label: "walk-forward AAPL 2013-2018",
      run: (io) => walkforward(["--symbol", "AAPL", ...wf], io),
    },
    {
      label: "multi-asset comparison",
      run: (io) => multiSymbol(["--symbols", "SP500,AAPL", ...wf], io),
    },
    {
      label: "ML training with persistence and warm start (SP500)",
      run: (io) =>
        train([
          "--symbol",
          "SP500",
          "--enable-persistence",
          "--enable-warm-start",
          "--db",
          db,
        ], io),
    },
    {
      label: "ML: algorithm comparison and feature stability",
      run: (io) => mlAnalysis(["--symbol", "SP500", "--db", db], io),
    },
    {
      label: "ML: persistence dashboard",
      run: (io) =>
        persistenceDashboard([
          "--db",
          db,
          "--out",
          `${out}/persistence-dashboard.html`,
        ], io),
    },
    {
      label: "risk: stress scenarios and VaR (SP500 + AAPL)",
      run: (io) => stress(["--symbols", "SP500,AAPL", "--db", db], io),
    },
    {
      label: "portfolio: allocation walk-forward",
      run: (io) =>
        portfolio(
          ["--symbols", "SP500,AAPL", "--method", "all", "--db", db],
          io,
        ),
    },
    {
      label: "strategy search: walk-forward optimisation with DSR and PBO",
      run: (io) =>
        optimize([
          "--symbol",
          "SP500",
          "--strategy",
          "ma_crossover",
          "--db",
          db,
        ], io),
    },
    {
      label: "strategies: ensembles and regime-aware variants, walk-forward",
      run: (io) => strategies(["--symbol", "SP500", "--db", db], io),
    },
    {
      label: "paper trading: preflight",
      run: (io) => preflight(["--db", db, "--reports", out], io),
      findings: [1],
    },
    {
      label: "paper trading: replay session of the example config",
      run: (io) => paper(["--db", db, "--quiet"], io),
    },
    {
      label: "paper trading: reconciliation against the backtest",
      run: (io) => reconcile(["--db", db], io),
      findings: [1],
    },
    {
      label: "reports: every phase, weekly, index",
      run: () => report(["all", "--db", db, "--out", out]),
    },
  ];
}

/**
 * Run the pipeline.
 *
 * @param args Command-line flags.
 * @param io Output sink.
 * @returns Exit code.
 */
export async function main(
  args: string[],
  io: CliIo = consoleIo,
): Promise<number> {
  let f: z.output<typeof DemoFlagsSchema>;
  try {
    f = parseFlags(args, DemoFlagsSchema, {
      strings: ["db", "out"],
      booleans: ["verbose"],
    });
  } catch (e) {
    return reportError(e, io);
  }
  const all = steps(f.db, f.out);
  const t0 = performance.now();
  const failed: string[] = [];
  for (const [i, step] of all.entries()) {
    const t = performance.now();
    io.out(`[${i + 1}/${all.length}] ${step.label}`);
    const sub: CliIo = {
      out: (text) => io.out(text.replace(/^/gm, "    ")),
      err: (text) => {
        if (f.verbose) io.err(text.replace(/^/gm, "    "));
      },
    };
    let code: number;
    try {
      code = await step.run(sub);
    } catch (e) {
      io.err(`    ${e instanceof Error ? e.message : String(e)}`);
      code = 1;
    }
    const secs = ((performance.now() - t) / 1000).toFixed(1);
    if (code !== 0 && !step.findings?.includes(code)) {
      failed.push(step.label);
      io.out(`    FAILED (exit ${code}, ${secs} s)`);
    } else {io.out(
        `    done in ${secs} s${code !== 0 ? " (see findings above)" : ""}`,
      );}
  }
  const total = ((performance.now() - t0) / 1000).toFixed(1);
  if (failed.length) {
    io.out(
      `${failed.length} step(s) failed in ${total} s: ${failed.join("; ")}`,
    );
    return 1;
  }
  io.out(`pipeline finished in ${total} s; open ${f.out}/index.html`);
  return 0;
}

if (import.meta.main) await runAsScript(main);
