/**
 * `deno task reconcile [--config F] [--db P] [--session S] [--target 0.05] [--json]`:
 * run the session's strategy as a backtest over the paper session's period and report
 * the difference with its causes (timing, slippage, commission, fills/other).
 * Exit 1 when the difference exceeds the target (the roadmap's 5%).
 *
 * @module
 */
import { z } from "zod";
import { DEFAULT_DB_PATH } from "../data/mod.ts";
import { loadPaperConfig, reconcilePaper } from "../paper/mod.ts";
import { createPaperJournal, writeReconciliation } from "../store/mod.ts";
import {
  type CliIo,
  consoleIo,
  parseFlags,
  reportError,
  runAsScript,
  toJson,
} from "./_cli.ts";
import { DEFAULT_PAPER_CONFIG, openSessionData } from "./_paper_common.ts";

/** Flags of the reconcile task. */
export const ReconcileFlagsSchema = z.strictObject({
  config: z.string().min(1).default(DEFAULT_PAPER_CONFIG),
  db: z.string().min(1).default(DEFAULT_DB_PATH),
  session: z.string().min(1).optional(),
  target: z.number().positive().max(1).default(0.05),
  json: z.boolean().default(false),
});

/**
 * Run the task.
 *
 * @returns Exit code: 0 within target, 1 outside or error, 2 bad flags.
 */
export async function main(
  args: string[],
  io: CliIo = consoleIo,
): Promise<number> {
  try {
    const f = parseFlags(args, ReconcileFlagsSchema, {
      strings: ["config", "db", "session"],
      numbers: ["target"],
      booleans: ["json"],
    });
    const config = await loadPaperConfig(f.config);
    const { db, bars } = await openSessionData(f.db, config);
    try {
      const r = await reconcilePaper(createPaperJournal(db), config, bars, {
        sessionId: f.session,
        target: f.target,
      });
      await writeReconciliation(db, r, new Date().toISOString());
      if (f.json) io.out(toJson(r));
      else {
        const pct = (x: number) => `${(x * 100).toFixed(3)}%`;
        io.out(
          [
            `reconcile ${r.sessionId} ${r.from}..${r.to}`,
            `  paper return            ${pct(r.paperReturn)}`,
            `  backtest (close fills)  ${pct(r.backtest.research)}`,
            `  backtest (costed, open) ${pct(r.backtest.costs)}`,
            ...(r.halt
              ? [
                `  backtest (+ halt ${r.halt.date}${
                  r.halt.flatten ? ", flattened" : ""
                }) ${pct(r.backtest.killSwitch)}`,
              ]
              : []),
            `  difference              ${
              pct(r.relativeDifference)
            } of equity (target ${pct(r.target)}: ${
              r.withinTarget ? "PASS" : "FAIL"
            })`,
            `  causes: timing ${pct(r.breakdown.timing)}, slippage ${
              pct(r.breakdown.slippage)
            }, commission ${pct(r.breakdown.commission)}, kill switch ${
              pct(r.breakdown.killSwitch)
            }, fills/other ${pct(r.breakdown.fillsAndOther)}`,
            `  largest daily deviation ${pct(r.maxDailyDeviation)}`,
          ].join("\n"),
        );
      }
      return r.withinTarget ? 0 : 1;
    } finally {
      await db.close();
    }
  } catch (e) {
    return reportError(e, io);
  }
}

if (import.meta.main) await runAsScript(main);
