/**
 * `deno task reconcile [--config F] [--db P] [--session S] [--target 0.05] [--json]`:
 * run the session's strategy as a backtest over the paper session's period and report
 * the difference with its causes (timing, slippage, commission, limits, a halt on
 * another bar than the backtest's own, fills/other) and both halts.
 * Exit 1 when the difference exceeds the target (the roadmap's 5%).
 *
 * @module
 */
import { z } from "zod";
import { runReconcileJob } from "../jobs/mod.ts";
import { loadPaperConfig, type SessionHalt } from "../paper/mod.ts";
import { jsonText, withStore } from "../store/mod.ts";
import { type CliIo, consoleIo, runAsScript, runTask } from "./_cli.ts";
import { paperConfigFlag } from "./_paper_common.ts";
import { dbPathFlag } from "./_paths.ts";

/** Flags of the reconcile task. */
export const ReconcileFlagsSchema = z.strictObject({
  config: paperConfigFlag(),
  db: dbPathFlag(),
  session: z.string().min(1).optional().describe(
    "session id (default the config's name)",
  ),
  target: z.number().positive().max(1).default(0.05).describe(
    "allowed relative difference to the backtest, as a fraction of equity",
  ),
  json: z.boolean().default(false).describe("print one JSON object"),
});

/** A halt in words: date, rule and reason (or "no halt"). */
export function describeHalt(h: SessionHalt | null): string {
  if (!h) return "no halt";
  return `${h.date} (${h.rule ?? (h.manual ? "manual" : "max-drawdown")}${
    h.reason ? `: ${h.reason}` : ""
  }${h.flatten ? ", flattened" : ""})`;
}

/** The reconciliation as text lines. */
export function formatReconciliation(
  r: Awaited<ReturnType<typeof runReconcileJob>>,
): string {
  const pct = (x: number) => `${(x * 100).toFixed(3)}%`;
  return [
    `reconcile ${r.sessionId} ${r.from}..${r.to}`,
    `  paper return            ${pct(r.paperReturn)}`,
    `  backtest (close fills)  ${pct(r.backtest.research)}`,
    `  backtest (costed, open) ${pct(r.backtest.costs)}`,
    `  backtest (+ limits)     ${pct(r.backtest.killSwitch)}`,
    `  halts: session ${describeHalt(r.halt)}; backtest ${
      describeHalt(r.backtestHalt)
    }${r.haltsDiffer ? " -- DIFFERENT BARS, a cause of its own" : ""}`,
    ...(r.haltsDiffer
      ? [`  backtest (+ session's halt) ${pct(r.backtest.sessionHalt)}`]
      : []),
    `  difference              ${pct(r.relativeDifference)} of equity (target ${
      pct(r.target)
    }: ${r.withinTarget ? "PASS" : "FAIL"})`,
    `  causes: timing ${pct(r.breakdown.timing)}, slippage ${
      pct(r.breakdown.slippage)
    }, commission ${pct(r.breakdown.commission)}, limits ${
      pct(r.breakdown.killSwitch)
    }, halt ${pct(r.breakdown.halt)}, fills/other ${
      pct(r.breakdown.fillsAndOther)
    }`,
    `  largest daily deviation ${pct(r.maxDailyDeviation)}`,
  ].join("\n");
}

/**
 * Run the task.
 *
 * @param args Command-line flags.
 * @param io Output sink. @default the console
 * @returns Exit code: 0 within the target, 1 outside it or a failure, 2 bad flags.
 */
export function main(args: string[], io: CliIo = consoleIo): Promise<number> {
  return runTask(args, io, {
    name: "reconcile",
    summary:
      "Compare a paper session with a backtest of the same rules over its period, and split the difference into its causes.",
    about:
      "Causes: fill timing, slippage, commission, the kill switch, fills and other. Exit 1 when the difference exceeds --target (the roadmap's 5%). Run a session first (deno task paper).",
    examples: [
      "--config config/enhanced_paper_trading_config.json --target 0.05",
    ],
    flags: ReconcileFlagsSchema,
    run: async (f) => {
      const config = await loadPaperConfig(f.config);
      const r = await withStore(
        f.db,
        (db) =>
          runReconcileJob(db, config, {
            sessionId: f.session,
            target: f.target,
          }),
      );
      io.out(f.json ? jsonText(r) : formatReconciliation(r));
      return r.withinTarget ? 0 : 1;
    },
  });
}

if (import.meta.main) await runAsScript(main);
