/**
 * Phase 2 report, "paper-trading setup": paper vs backtest, data quality, risk compliance
 * and alerts of the newest paper session in the journal.
 *
 * @module
 */
import type { DbEngine } from "../data/mod.ts";
import { conventions } from "./conventions.ts";
import { fixed, pct } from "./_format.ts";
import type { ReportModel, ReportSection } from "./model.ts";
import {
  alertSection,
  eventSections,
  LIMIT_COLUMNS,
  limitUsageRows,
  paperVsBacktestSections,
  reconciliationSections,
} from "./_paper_sections.ts";
import {
  listPaperSessions,
  type PaperEquity,
  type PaperSessionInfo,
  readPaperEquity,
} from "../store/mod.ts";
import {
  performanceSections,
  summarizePerformance,
  summaryCards,
} from "./performance.ts";
import type { PhaseOptions } from "./phase1.ts";
import { checkReportScope, loadRunContext } from "./_run_context.ts";
import { heldBenchmark } from "./_closes.ts";
import { missing } from "./_store_sections.ts";

/** Options of {@link buildPhase2}: the phase options plus a session id. */
export interface PaperPhaseOptions extends PhaseOptions {
  /** Paper session to report. @default the session with the newest bar */
  sessionId?: string;
}

/** The command that produces a paper session. */
export const PAPER_COMMAND =
  "deno task paper --config config/enhanced_paper_trading_config.json";

/** Pick the requested session or the newest; null when the journal is empty. */
export async function pickSession(
  db: DbEngine,
  sessionId?: string,
): Promise<PaperSessionInfo | null> {
  const all = await listPaperSessions(db);
  if (sessionId === undefined) return all[0] ?? null;
  const s = all.find((x) => x.sessionId === sessionId);
  if (!s) {
    throw new RangeError(
      `Cannot report paper session "${sessionId}": not in the journal (have ${
        all.map((x) => x.sessionId).join(", ") || "none"
      })`,
    );
  }
  return s;
}

/** Manifest of a paper session. */
export function sessionManifest(s: PaperSessionInfo): Record<string, unknown> {
  return {
    sessionId: s.sessionId,
    config: s.config,
    dataHash: s.dataHash,
    codeVersion: s.codeVersion,
    startedAt: s.startedAt,
    status: s.status,
    first: s.first,
    last: s.last,
    bars: s.bars,
  };
}

/** The sections the report would show, each named as missing without a session. */
const NO_SESSION_SECTIONS = [
  "Paper session",
  "Paper vs backtest",
  "Data quality",
  "Risk compliance",
  "Alerts",
];

/** Return, drawdown, days, halted days and decision latency of a session. */
function sessionHeadline(
  session: PaperSessionInfo,
  eq: PaperEquity,
): ReportSection {
  const s = summarizePerformance(eq.ret);
  const lat = [...eq.latencyMs].filter(Number.isFinite).sort((a, b) => a - b);
  const q = (p: number) =>
    lat.length
      ? lat[Math.min(lat.length - 1, Math.floor(p * lat.length))]
      : NaN;
  const halted = eq.halted.filter(Boolean).length;
  return {
    kind: "headline",
    title: `Paper session ${session.sessionId}`,
    cards: [
      ...summaryCards(s).slice(0, 2),
      {
        label: "Max drawdown",
        value: pct(Math.max(0, ...eq.drawdown.filter(Number.isFinite))),
      },
      { label: "Days", value: String(eq.dates.length) },
      { label: "Halted days", value: String(halted) },
      {
        label: "Decision latency p50 / p99 (ms)",
        value: `${fixed(q(0.5), 2)} / ${fixed(q(0.99), 2)}`,
      },
    ],
  };
}

/**
 * Build the Phase 2 report from the paper journal and the run store.
 *
 * @param db The store.
 * @param options Session id, symbol / run id of the backtest, generation time.
 * @returns The report model.
 */
export async function buildPhase2(
  db: DbEngine,
  options: PaperPhaseOptions = {},
): Promise<ReportModel> {
  const t0 = performance.now();
  await checkReportScope(db, {
    symbol: options.symbol,
    runId: options.runId,
    benchmark: options.benchmark,
  });
  const session = await pickSession(db, options.sessionId);
  const base = {
    title: "Phase 2: paper-trading setup",
    generatedAt: options.generatedAt ?? new Date().toISOString(),
    kind: "phase2",
    conventions: conventions({ backtest: true, paper: true }),
  };
  if (!session) {
    return {
      ...base,
      subtitle: "no paper session in the journal",
      sections: NO_SESSION_SECTIONS.map((t) =>
        missing(t, "No paper session in the journal yet.", PAPER_COMMAND)
      ),
      manifest: {
        report: "phase2",
        timings: { reportSeconds: (performance.now() - t0) / 1000 },
      },
    };
  }
  const eq = await readPaperEquity(db, session.sessionId);
  const symbols = (session.config?.symbols ?? []) as string[];
  const ctx = await loadRunContext(db, {
    symbol: options.symbol ?? symbols[0],
    runId: options.runId,
    checked: true,
  });
  const held = options.benchmark ?? symbols[0];
  const benchmark = held
    ? await heldBenchmark(db, held, eq.dates, "trailing")
    : null;
  const sections: ReportSection[] = [
    sessionHeadline(session, eq),
    ...performanceSections(`Paper ${session.sessionId}`, {
      dates: eq.dates,
      returns: eq.ret,
      equity: eq.equity,
    }, { benchmark: benchmark ?? undefined, logScale: options.logScale }),
    ...(await reconciliationSections(db, session)),
    ...paperVsBacktestSections(session, eq, ctx.main),
    ...(await eventSections(db, session)),
    {
      kind: "table",
      title: "Risk compliance: limit usage",
      columns: LIMIT_COLUMNS,
      rows: limitUsageRows(session, eq),
      caption:
        "Limits from the session config (positive fractions of equity); usage = worst observed / limit.",
    },
    await alertSection(db, session),
  ];
  return {
    ...base,
    subtitle:
      `session ${session.sessionId}, ${session.first} – ${session.last}`,
    sections,
    manifest: {
      report: "phase2",
      session: sessionManifest(session),
      backtestRun: ctx.main?.manifest ?? null,
      timings: { reportSeconds: (performance.now() - t0) / 1000 },
    },
  };
}
