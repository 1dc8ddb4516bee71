/**
 * The weekly cycle's reconciliation: stored whenever the session's newest bar is not
 * covered yet, and sent to the session's alert sinks when it is off target or when the
 * session and the backtest of its rules halted on different bars.
 *
 * @module
 */
import type { Bars } from "../_shared/types.ts";
import type { DbEngine } from "../data/mod.ts";
import {
  type Alert,
  createAlertSinks,
  type PaperConfig,
  reconcilePaper,
} from "../paper/mod.ts";
import {
  createPaperJournal,
  readLatestReconciliation,
  reconciliationRow,
  saveReconciliation,
  tableExists,
} from "../store/mod.ts";

/**
 * Reconcile and store when the session's newest journaled bar is not yet covered by a
 * stored reconciliation (after an advance, or after a crash between the two); alert
 * through the session's sinks when off target or when the halts differ.
 */
export async function reconcileIfDue(
  db: DbEngine,
  config: PaperConfig,
  bars: readonly Bars[],
  o: { readonly target?: number; readonly log?: (line: string) => void },
): Promise<Awaited<ReturnType<typeof reconcilePaper>> | null> {
  if (!(await tableExists(db, "equity"))) return null;
  const journal = createPaperJournal(db);
  const { dates } = await journal.readEquity(config.name);
  const last = dates.at(-1);
  if (last === undefined) return null;
  const stored = await readLatestReconciliation(db, config.name);
  if (stored !== null && String(stored.to_date) >= last) return null;
  const r = await reconcilePaper(journal, config, bars, {
    target: o.target ?? 0.05,
  });
  await saveReconciliation(db, reconciliationRow(r, new Date().toISOString()));
  const alerts = reconciliationAlerts(r);
  if (alerts.length > 0) {
    await createAlertSinks({
      sessionId: config.name,
      console: config.alerts.console,
      jsonl: config.alerts.jsonl,
      webhook: config.alerts.webhook,
      log: o.log,
    })(alerts);
  }
  return r;
}

function reconciliationAlerts(
  r: Awaited<ReturnType<typeof reconcilePaper>>,
): Alert[] {
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  const out: Alert[] = [];
  if (!r.withinTarget) {
    out.push({
      date: r.to,
      rule: "reconciliation",
      severity: "warning",
      message: `paper ${pct(r.paperReturn)} vs ${
        pct(r.backtest.killSwitch)
      } for the backtest of the same rules since ${r.from}: ${
        pct(r.relativeDifference)
      } apart, beyond the ${pct(r.target)} target`,
      value: r.relativeDifference,
      threshold: r.target,
    });
  }
  if (r.haltsDiffer) {
    out.push({
      date: r.to,
      rule: "halt_mismatch",
      severity: "warning",
      message: `the session halted ${
        r.halt ? `on ${r.halt.date} (${r.halt.rule})` : "never"
      }, the backtest of its rules ${
        r.backtestHalt
          ? `on ${r.backtestHalt.date} (${r.backtestHalt.rule})`
          : "never"
      }: ${pct(r.breakdown.halt)} of the difference`,
      value: r.breakdown.halt,
      threshold: 0,
    });
  }
  return out;
}
