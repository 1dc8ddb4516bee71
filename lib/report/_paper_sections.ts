/**
 * Sections over a paper session's journal: paper vs backtest, data quality, risk
 * compliance against the session's limits, alerts.
 *
 * @module
 */
import type { DbEngine } from "../data/mod.ts";
import { annualVolatility, cumReturnsFinal } from "../metrics/mod.ts";
import type { StoredRun } from "../store/mod.ts";
import { cell, ddPct, fixed, pct, pctCell } from "./_format.ts";
import { linesFigure } from "./lines_figure.ts";
import type { ReportSection } from "./model.ts";
import {
  readLatestReconciliation,
  type ReconciliationRow,
} from "../store/mod.ts";
import {
  type PaperEquity,
  type PaperSessionInfo,
  readJournal,
} from "../store/mod.ts";

/** Paper vs backtest over their common dates. */
export interface PaperVsBacktest {
  readonly dates: string[];
  readonly paper: Float64Array;
  readonly backtest: Float64Array;
  /** Compounded returns over the common dates. */
  readonly paperReturn: number;
  readonly backtestReturn: number;
  /** Annualised std(n-1) of the daily return difference. */
  readonly trackingError: number;
}

/**
 * Align the paper session's daily returns with the backtest's out-of-sample returns on
 * common dates (null when they share no date).
 */
export function comparePaperBacktest(
  paper: PaperEquity,
  run: StoredRun,
): PaperVsBacktest | null {
  const bt = new Map<string, number>();
  run.oos.dates.forEach((d, i) => bt.set(d, run.oos.returns[i]));
  const dates: string[] = [], p: number[] = [], b: number[] = [];
  paper.dates.forEach((d, i) => {
    const x = bt.get(d);
    if (x === undefined || !Number.isFinite(paper.ret[i])) return;
    dates.push(d);
    p.push(paper.ret[i]);
    b.push(x);
  });
  if (dates.length === 0) return null;
  const paperR = Float64Array.from(p), btR = Float64Array.from(b);
  return {
    dates,
    paper: paperR,
    backtest: btR,
    paperReturn: cumReturnsFinal(paperR),
    backtestReturn: cumReturnsFinal(btR),
    trackingError: annualVolatility(paperR.map((x, i) => x - btR[i])),
  };
}

function rebased(r: Float64Array): Float64Array {
  const out = new Float64Array(r.length);
  let e = 1;
  r.forEach((x, i) => (out[i] = e *= 1 + x));
  return out;
}

/**
 * Paper vs the backtest of the same rules: the newest reconciliation stored by
 * `deno task reconcile` (the backtest variants and the causes of the difference), or a
 * missing note naming that command.
 */
export async function reconciliationSections(
  db: DbEngine,
  session: PaperSessionInfo,
): Promise<ReportSection[]> {
  const r = await readLatestReconciliation(db, session.sessionId);
  const title = "Paper vs backtest of the same rules";
  if (!r) {
    return [{
      kind: "missing",
      title,
      text: `No reconciliation stored for session ${session.sessionId}.`,
      command: `deno task reconcile --session ${session.sessionId}`,
    }];
  }
  const n = (k: keyof ReconciliationRow) => Number(r[k]);
  const halt = r.backtest_halt_date
    ? ` (backtest halted ${String(r.backtest_halt_date)})`
    : " (the backtest never halted)";
  const differ = (r.halt_date ?? null) !== (r.backtest_halt_date ?? null);
  // rows stored before the halt cause was recorded have no session_halt
  const haltCause = r.cause_halt === null || r.cause_halt === undefined
    ? []
    : [[
      `+ halting where the session did (${
        r.halt_date ? String(r.halt_date) : "never"
      })${differ ? ": the halts differ" : ""}`,
      pct(n("session_halt")),
      pct(n("cause_halt")),
    ]];
  return [{
    kind: "table",
    title: `${title}: session ${session.sessionId}, ${String(r.from_date)} – ${
      String(r.to_date)
    }`,
    columns: ["measure", "total return", "cause of the difference"],
    rows: [
      ["paper session", pct(n("paper_return")), ""],
      ["backtest: fills at the close, no costs", pct(n("research")), ""],
      ["+ fills at the next open", pct(n("timing")), pct(n("cause_timing"))],
      ["+ slippage", pct(n("slippage")), pct(n("cause_slippage"))],
      ["+ commission", pct(n("costs")), pct(n("cause_commission"))],
      [
        `+ risk limits and kill switch${halt}`,
        pct(n("kill_switch")),
        pct(n("cause_kill_switch")),
      ],
      ...haltCause,
      [
        "fills / other (partial fills, rejected bars, rounding)",
        "",
        pct(n("cause_fills_other")),
      ],
      [
        `difference to the backtest with limits (target ${pct(n("target"))})`,
        pct(n("relative_difference")),
        r.within_target === true ? "PASS" : "FAIL",
      ],
      ["largest daily deviation", pct(n("max_daily_deviation")), ""],
    ],
    caption: `Reconciled ${
      String(r.checked_at)
    }. Each backtest adds one real-world effect to the previous one; the causes sum to paper minus the first backtest.`,
  }];
}

/** The paper-vs-backtest sections (or a missing note). */
export function paperVsBacktestSections(
  session: PaperSessionInfo,
  paper: PaperEquity,
  run: StoredRun | null,
): ReportSection[] {
  const title = "Paper vs walk-forward";
  const cmp = run ? comparePaperBacktest(paper, run) : null;
  if (!run || !cmp) {
    return [{
      kind: "missing",
      title,
      text: run
        ? `The backtest run ${run.manifest.runId} shares no date with session ${session.sessionId}.`
        : "No walk-forward run stored to compare the paper session with.",
      command: `deno task reconcile --session ${session.sessionId}`,
    }];
  }
  const diff = cmp.paperReturn - cmp.backtestReturn;
  return [
    {
      kind: "table",
      title:
        `${title}: session ${session.sessionId} vs run ${run.manifest.runId} (${cmp.dates.length} common days)`,
      columns: ["measure", "value"],
      rows: [
        ["paper return", pct(cmp.paperReturn)],
        ["backtest return", pct(cmp.backtestReturn)],
        ["difference (percentage points)", fixed(diff * 100)],
        ["tracking error (ann.)", pct(cmp.trackingError)],
      ],
      caption:
        "Context only: the walk-forward run may trade other rules than the session (see the same-rules reconciliation above). Paper fills at the next open, the walk-forward at the close.",
    },
    {
      kind: "figure",
      title: `${title}: equity rebased to 1 on the common days`,
      svg: linesFigure(cmp.dates, [
        { name: "paper", values: rebased(cmp.paper) },
        { name: "backtest", values: rebased(cmp.backtest) },
      ], { label: "Equity (rebased)" }),
    },
  ];
}

/** Limits of the session config (`limits` object; null = disabled). */
function limitsOf(session: PaperSessionInfo): Record<string, number | null> {
  const l = (session.config?.limits ?? {}) as Record<string, unknown>;
  const out: Record<string, number | null> = {};
  for (const [k, v] of Object.entries(l)) {
    out[k] = typeof v === "number" ? v : null;
  }
  return out;
}

function maxOf(
  xs: ArrayLike<number>,
  f: (x: number) => number = (x) => x,
): number {
  let m = NaN;
  for (let i = 0; i < xs.length; i++) {
    const v = f(xs[i]);
    if (Number.isFinite(v) && !(v <= m)) m = v;
  }
  return m;
}

/**
 * Risk-limit usage of the equity rows against the session's limits: observed maximum,
 * limit, usage and PASS/FAIL (a disabled limit shows "no limit").
 */
export function limitUsageRows(
  session: PaperSessionInfo,
  eq: PaperEquity,
): (string | number | null)[][] {
  const lim = limitsOf(session);
  const rows: [
    string,
    number,
    number | null | undefined,
    (x: number) => string,
  ][] = [
    [
      "drawdown (positive)",
      maxOf(eq.drawdown),
      lim.maxDrawdown,
      (x) => ddPct(x),
    ],
    [
      "daily loss (positive)",
      maxOf(eq.ret, (r) => -r),
      lim.dailyLossLimit,
      (x) => pct(x),
    ],
    [
      "gross exposure (x equity)",
      maxOf(eq.gross),
      lim.maxGrossExposure,
      (x) => fixed(x, 3),
    ],
    [
      "net exposure |x equity|",
      maxOf(eq.net, Math.abs),
      lim.maxNetExposure,
      (x) => fixed(x, 3),
    ],
  ];
  return rows.map(([name, obs, limit, f]) => [
    name,
    f(obs),
    typeof limit === "number" ? f(limit) : "no limit",
    typeof limit === "number" && Number.isFinite(obs)
      ? pctCell(obs / limit)
      : null,
    typeof limit === "number"
      ? (Number.isFinite(obs) && obs <= limit ? "PASS" : "FAIL")
      : "n/a",
  ]);
}

/** Columns of {@link limitUsageRows}. */
export const LIMIT_COLUMNS = [
  "limit",
  "worst observed",
  "limit value",
  "usage %",
  "within",
];

/** Event counts by kind (data rejections, risk clips/denials, kill switch...). */
export async function eventSections(
  db: DbEngine,
  session: PaperSessionInfo,
  range: { from?: string; to?: string } = {},
): Promise<ReportSection[]> {
  const events = await readJournal(db, "events", session.sessionId, range);
  const counts = new Map<string, number>();
  for (const e of events) {
    counts.set(String(e.kind), (counts.get(String(e.kind)) ?? 0) + 1);
  }
  const dq = events.filter((e) => String(e.kind) === "data_rejected");
  return [
    {
      kind: "table",
      title: "Data quality",
      columns: ["check", "value"],
      rows: [
        ["bars rejected by the live data check", dq.length],
        [
          "dates with rejected data",
          dq.map((e) => String(e.date)).join(", ") || "none",
        ],
      ],
    },
    {
      kind: "table",
      title: "Journal events by kind",
      columns: ["event", "count"],
      rows: [...counts.entries()].sort().map(([k, n]) => [k, n]),
      caption: counts.size ? undefined : "No events journaled in this period.",
    },
  ];
}

/** The alerts table of a session (or a plain "no alerts" text). */
export async function alertSection(
  db: DbEngine,
  session: PaperSessionInfo,
  range: { from?: string; to?: string } = {},
): Promise<ReportSection> {
  const alerts = await readJournal(db, "alerts", session.sessionId, range);
  if (alerts.length === 0) {
    return {
      kind: "text",
      title: "Alerts",
      text: "No alert was raised in this period.",
    };
  }
  return {
    kind: "table",
    title: `Alerts (${alerts.length})`,
    columns: ["date", "rule", "severity", "message", "value", "threshold"],
    rows: alerts.map((a) => [
      String(a.date),
      String(a.rule),
      String(a.severity),
      String(a.message),
      cell(a.value, 4),
      cell(a.threshold, 4),
    ]),
  };
}
