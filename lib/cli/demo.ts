/**
 * `deno task demo [--db P] [--out reports] [--verbose]`: the main job. Runs the roadmap
 * pipeline on the built-in real data through the same jobs (lib/jobs) as the individual
 * tasks, with configs resolved by the same flag schemas, on one open store, then writes
 * every report and prints where the index is:
 *
 * 1. data: load the samples into the store, DataSanity STRICT over every symbol;
 * 2. walk-forward SP500 (2000-2020, with the adversarial controls) and AAPL;
 * 3. multi-asset comparison;
 * 4. universe: 100 seeded synthetic symbols, the walk-forward on every core, the
 *    universe report (Sharpe distribution against the multiple-testing null);
 * 5. ML training with feature-importance persistence and warm start, stability analysis;
 * 6. risk: stress scenarios and VaR; portfolio allocation walk-forward; parameter search
 *    with deflated Sharpe and PBO; ensembles and regime-aware strategies;
 * 7. paper trading: preflight, a replay session of the example config (a second demo
 *    run on the same store resumes it and shows the stored session's figures: the same
 *    numbers), reconciliation;
 * 8. reports: every phase, weekly, universe, index.
 *
 * Exit code: 0 when every step ran (a strategy failing its scorecard is a finding, not
 * an error), 1 when a step failed.
 *
 * @module
 */
import { z } from "zod";
import { DEFAULT_SEED } from "../_shared/seed.ts";
import {
  type DbEngine,
  ensureSampleData,
  generateSynthetic,
  listSymbols,
  upsertBars,
} from "../data/mod.ts";
import {
  runModelComparisonJob,
  runMultiSymbolJob,
  runOptimizeJob,
  runPaperJob,
  runPortfolioJob,
  runPreflightJob,
  runReconcileJob,
  runStrategiesJob,
  runStressJob,
  runTrainingJob,
  runWalkForwardJob,
  sessionIdFor,
} from "../jobs/mod.ts";
import { loadPaperConfig } from "../paper/mod.ts";
import {
  writePersistenceDashboard,
  writeUniverseReport,
} from "../report/mod.ts";
import {
  checkStore,
  DataSanityError,
  type SanityReport,
} from "../sanity/mod.ts";
import { saveUniverse, withStore } from "../store/mod.ts";
import { type CliIo, consoleIo, runAsScript, runTask } from "./_cli.ts";
import { formatAnalysis } from "./_analysis_text.ts";
import {
  AnalysisFlagsSchema,
  analysisJobFromFlags,
  TrainFlagsSchema,
  trainingJobFromFlags,
} from "./_ml_flags.ts";
import {
  OptimizeFlagsSchema,
  optimizeJobFromFlags,
} from "./_optimize_flags.ts";
import { formatOptimize, optimizeReport } from "./_optimize_report.ts";
import { DEFAULT_PAPER_CONFIG } from "./_paper_common.ts";
import { dbPathFlag, userPathFlag } from "./_paths.ts";
import {
  conventionsText,
  formatPortfolio,
  methodSummary,
} from "./_portfolio_text.ts";
import { StressFlagsSchema, stressJobFromFlags } from "./_stress_flags.ts";
import { formatStress } from "./_stress_table.ts";
import { formatTrainSummary } from "./_train_text.ts";
import {
  jobFromFlags,
  MultiSymbolFlagsSchema,
  WalkForwardFlagsSchema,
} from "./_walkforward_flags.ts";
import { formatComparison, formatWalkForward } from "./_walkforward_text.ts";
import { formatChecklist } from "./preflight.ts";
import { formatSummary } from "./paper.ts";
import { PortfolioFlagsSchema, portfolioJobFromFlags } from "./portfolio.ts";
import { formatReconciliation } from "./reconcile.ts";
import { ReportFlagsSchema, writeReports } from "./report.ts";
import { writtenLines } from "./_written.ts";
import { StrategiesFlagsSchema, strategiesJobFromFlags } from "./strategies.ts";
import { formatStrategies } from "./_strategies_text.ts";
import { terminalProgress } from "./_progress.ts";
import { formatUniverseSummary } from "./_universe_text.ts";

/** Flags of the demo. */
export const DemoFlagsSchema = z.strictObject({
  db: dbPathFlag({ create: true }),
  out: userPathFlag("reports").describe("the reports folder"),
  verbose: z.boolean().default(false).describe("show each step's stderr"),
});

/** Where a step runs: the open store, the reports folder and the step's output. */
interface StepContext {
  readonly db: DbEngine;
  readonly dbPath: string;
  readonly out: string;
  readonly io: CliIo;
}

/** One pipeline step: a label and the job it runs. */
interface Step {
  readonly label: string;
  readonly run: (ctx: StepContext) => Promise<number>;
  /** Exit codes that mean "ran, and reported a finding" (e.g. reconcile outside target). */
  readonly findings?: readonly number[];
}

async function dataStep({ db, io }: StepContext): Promise<number> {
  await ensureSampleData(db);
  const symbols = await listSymbols(db);
  let report: SanityReport;
  try {
    report = await checkStore(db, { mode: "strict" });
  } catch (e) {
    if (!(e instanceof DataSanityError)) throw e;
    report = e.report;
    io.out(e.message);
  }
  for (const s of symbols) {
    io.out(`${s.symbol.padEnd(8)} ${s.first}..${s.last} ${s.rows} bars`);
  }
  io.out(
    `DataSanity STRICT: ${
      report.ok ? "clean" : "VIOLATIONS"
    } over ${report.rows} rows`,
  );
  return report.ok ? 0 : 1;
}

/** A walk-forward step: the flags as the task takes them, parsed by its schema. */
function walkForward(
  label: string,
  flags: Record<string, unknown>,
): Step {
  return {
    label,
    run: async ({ db, io }) => {
      const f = WalkForwardFlagsSchema.parse({ perfMode: "STRICT", ...flags });
      const job = await runWalkForwardJob(db, jobFromFlags(f, f.symbol));
      for (const note of job.notes) io.err(note);
      io.out(formatWalkForward(job));
      return 0;
    },
  };
}

const DATA_STEPS: Step[] = [
  { label: "data: samples in the store, DataSanity STRICT", run: dataStep },
  walkForward(
    "walk-forward SP500 through the 2020 stress window (test 21 / stride 21)",
    {
      symbol: "SP500",
      startDate: "2018-01-02",
      endDate: "2020-04-17",
      testLen: 21,
      stride: 21,
    },
  ),
  walkForward(
    "walk-forward SP500 2000-2020 (W1 config, adversarial controls)",
    {
      symbol: "SP500",
      startDate: "2000-01-03",
      endDate: "2020-04-17",
      controls: true,
    },
  ),
  walkForward("walk-forward AAPL 2013-2018", { symbol: "AAPL" }),
  {
    label: "multi-asset comparison",
    run: async ({ db, io }) => {
      const f = MultiSymbolFlagsSchema.parse({
        symbols: "SP500,AAPL",
        perfMode: "STRICT",
      });
      const { symbol: _, ...job } = jobFromFlags(f, "");
      const r = await runMultiSymbolJob(db, { ...job, symbols: f.symbols! });
      for (const e of r.errors) io.err(`${e.symbol}: ${e.error}`);
      io.out(formatComparison(r.rows));
      return r.errors.length > 0 ? 1 : 0;
    },
  },
];

/** The demo's synthetic universe: 100 symbols, 5 years, seeded. */
const DEMO_UNIVERSE = { name: "demo100", symbols: 100, days: 1260 };

/**
 * The universe step: a seeded synthetic universe stored and named, the W1 walk-forward on
 * every symbol on every core (progress on the terminal), its universe report.
 */
async function universeStep({ db, out, io }: StepContext): Promise<number> {
  const t0 = performance.now();
  const bars = generateSynthetic({
    symbols: Array.from(
      { length: DEMO_UNIVERSE.symbols },
      (_, i) => `U${String(i + 1).padStart(3, "0")}`,
    ),
    days: DEMO_UNIVERSE.days,
    seed: DEFAULT_SEED,
    start: "2015-01-05",
    fatTails: false,
    gapProbability: 0,
  });
  await upsertBars(db, bars, { source: "demo synthetic universe" });
  const symbols = bars.map((b) => b.symbol);
  await saveUniverse(db, DEMO_UNIVERSE.name, symbols, {
    source: "demo (lib/data generateSynthetic, seed 42)",
    at: new Date().toISOString(),
  });
  const f = MultiSymbolFlagsSchema.parse({
    universe: DEMO_UNIVERSE.name,
    perfMode: "STRICT",
  });
  const { symbol: _, ...job } = jobFromFlags(f, "");
  const r = await runMultiSymbolJob(db, { ...job, symbols }, {
    onProgress: terminalProgress(true),
  });
  io.out(formatUniverseSummary(r, (performance.now() - t0) / 1000));
  io.out(await writeUniverseReport(db, out, { runId: r.manifest.runId }));
  return r.errors.length > 0 ? 1 : 0;
}

const RESEARCH_STEPS: Step[] = [
  {
    label:
      `universe: ${DEMO_UNIVERSE.symbols} synthetic symbols x ${DEMO_UNIVERSE.days} days, W1 walk-forward on every core, universe report`,
    run: universeStep,
  },
  {
    label: "ML training with persistence and warm start (SP500)",
    run: async ({ db, io }) => {
      const f = TrainFlagsSchema.parse({
        symbol: "SP500",
        enablePersistence: true,
        enableWarmStart: true,
      });
      await runTrainingJob(
        db,
        trainingJobFromFlags(f),
        (s) => io.out(formatTrainSummary(s)),
      );
      return 0;
    },
  },
  {
    label: "ML: algorithm comparison and feature stability",
    run: async ({ db, io }) => {
      const cfg = analysisJobFromFlags(
        AnalysisFlagsSchema.parse({ symbol: "SP500" }),
      );
      io.out(formatAnalysis(await runModelComparisonJob(db, cfg)));
      return 0;
    },
  },
  {
    label: "ML: persistence dashboard",
    run: async ({ db, out, io }) => {
      const o = await writePersistenceDashboard(
        db,
        `${out}/persistence-dashboard.html`,
      );
      io.out(
        `Wrote ${o.report} (${o.runs} runs), ${o.featureImportanceCsv.path} (${o.featureImportanceCsv.rows} rows), ${o.checkpointIndexCsv.path} (${o.checkpointIndexCsv.rows} rows)`,
      );
      return 0;
    },
  },
  {
    label: "risk: stress scenarios and VaR (SP500 + AAPL)",
    run: async ({ db, io }) => {
      const cfg = await stressJobFromFlags(
        StressFlagsSchema.parse({ symbols: "SP500,AAPL" }),
      );
      const r = await runStressJob(db, cfg);
      io.out(formatStress({ runId: r.runId, ...cfg }, r.results));
      return 0;
    },
  },
  {
    label: "portfolio: allocation walk-forward",
    run: async ({ db, io }) => {
      const cfg = portfolioJobFromFlags(PortfolioFlagsSchema.parse({
        symbols: "SP500,AAPL",
        method: "all",
      }));
      const r = await runPortfolioJob(db, cfg);
      const oos = {
        start: r.rows[0].oos_start,
        end: r.rows[0].oos_end,
        days: r.rows[0].days,
      };
      io.out(formatPortfolio(
        r.runId,
        r.symbols,
        oos,
        r.methods.map((m) => methodSummary(m.method, m.result)),
      ));
      io.out(`conventions: ${conventionsText(cfg)}`);
      return 0;
    },
  },
  {
    label: "strategy search: walk-forward optimisation with DSR and PBO",
    run: async ({ db, io }) => {
      const cfg = optimizeJobFromFlags(
        OptimizeFlagsSchema.parse({
          symbol: "SP500",
          strategy: "ma_crossover",
        }),
      );
      const job = await runOptimizeJob(db, cfg);
      io.out(
        formatOptimize(optimizeReport(cfg, job.runId, job.result, job.inputs)),
      );
      return 0;
    },
  },
  {
    label: "strategies: ensembles and regime-aware variants, walk-forward",
    run: async ({ db, io }) => {
      const cfg = strategiesJobFromFlags(
        StrategiesFlagsSchema.parse({ symbol: "SP500" }),
      );
      const r = await runStrategiesJob(db, cfg);
      io.out(formatStrategies(r.runId, cfg.symbol, r.summaries, r.components));
      return 0;
    },
  },
];

const PAPER_STEPS: Step[] = [
  {
    label: "paper trading: preflight",
    run: async ({ db, dbPath, out, io }) => {
      const checks = await runPreflightJob(db, {
        loadConfig: () => loadPaperConfig(DEFAULT_PAPER_CONFIG),
        dbPath: dbPath === ":memory:" ? undefined : dbPath,
        reportsDir: out,
      });
      io.out(formatChecklist(checks));
      return checks.every((c) => c.ok) ? 0 : 1;
    },
    findings: [1],
  },
  {
    label: "paper trading: replay session of the example config",
    run: async ({ db, dbPath, io }) => {
      // A second demo run resumes the stored session and shows its figures.
      const config = await loadPaperConfig(DEFAULT_PAPER_CONFIG);
      const summary = await runPaperJob(db, config, {
        source: DEFAULT_PAPER_CONFIG,
        sessionId: await sessionIdFor(db, config),
        dbPath: dbPath === ":memory:" ? undefined : dbPath,
        log: (line) => io.err(line),
      });
      io.out(formatSummary(summary));
      return 0;
    },
  },
  {
    label: "paper trading: reconciliation against the backtest",
    run: async ({ db, io }) => {
      const config = await loadPaperConfig(DEFAULT_PAPER_CONFIG);
      const r = await runReconcileJob(db, config, {
        sessionId: await sessionIdFor(db, config),
        target: 0.05,
      });
      io.out(formatReconciliation(r));
      return r.withinTarget ? 0 : 1;
    },
    findings: [1],
  },
  {
    label: "reports: every phase, weekly, index",
    run: async ({ db, out, io }) => {
      const f = ReportFlagsSchema.parse({ target: "all", out });
      for (const line of writtenLines(await writeReports(db, f))) {
        io.out(line);
      }
      return 0;
    },
  },
];

const STEPS: readonly Step[] = [
  ...DATA_STEPS,
  ...RESEARCH_STEPS,
  ...PAPER_STEPS,
];

/** Run one step with its output indented; returns its exit code (1 on a throw). */
async function runStep(
  step: Step,
  ctx: Omit<StepContext, "io">,
  io: CliIo,
  verbose: boolean,
): Promise<number> {
  const sub: CliIo = {
    out: (text) => io.out(text.replace(/^/gm, "    ")),
    err: (text) => {
      if (verbose) io.err(text.replace(/^/gm, "    "));
    },
  };
  try {
    return await step.run({ ...ctx, io: sub });
  } catch (e) {
    io.err(`    ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

/**
 * Run the pipeline.
 *
 * @param args Command-line flags.
 * @param io Output sink.
 * @returns Exit code.
 */
export function main(args: string[], io: CliIo = consoleIo): Promise<number> {
  return runTask(args, io, {
    name: "demo",
    summary:
      "The main job: load the built-in real data, run the roadmap pipeline on it and write every report, reports/index.html.",
    about:
      "Steps: samples -> DataSanity -> walk-forward SP500 and AAPL -> ML with persistence -> risk, stress, portfolio -> paper session and reconciliation -> reports. It creates the store (and its folder) if needed.",
    examples: ["", "--db :memory: --out reports/demo"],
    flags: DemoFlagsSchema,
    run: (f) =>
      withStore(f.db, async (db) => {
        const t0 = performance.now();
        const failed: string[] = [];
        for (const [i, step] of STEPS.entries()) {
          const t = performance.now();
          io.out(`[${i + 1}/${STEPS.length}] ${step.label}`);
          const code = await runStep(
            step,
            { db, dbPath: f.db, out: f.out },
            io,
            f.verbose,
          );
          const secs = ((performance.now() - t) / 1000).toFixed(1);
          if (code !== 0 && !step.findings?.includes(code)) {
            failed.push(step.label);
            io.out(`    FAILED (exit ${code}, ${secs} s)`);
          } else {
            io.out(
              `    done in ${secs} s${
                code !== 0 ? " (see findings above)" : ""
              }`,
            );
          }
        }
        const total = ((performance.now() - t0) / 1000).toFixed(1);
        if (failed.length) {
          io.out(
            `${failed.length} step(s) failed in ${total} s: ${
              failed.join("; ")
            }`,
          );
          return 1;
        }
        io.out(`pipeline finished in ${total} s; open ${f.out}/index.html`);
        return 0;
      }),
  });
}

if (import.meta.main) await runAsScript(main);
