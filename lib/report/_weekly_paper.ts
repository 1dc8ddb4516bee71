/**
 * Sections of one paper-session week: P&L, positions at week end, fills, limit usage,
 * alerts and the same week of the backtest of the session's rules.
 *
 * @module
 */
import type { DbEngine } from "../data/mod.ts";
import type { PaperWeeks, WeekReconciliation } from "../paper/mod.ts";
import { foldBarFigure } from "./fold_figure.ts";
import { cell, pct } from "./_format.ts";
import type { ReportSection } from "./model.ts";
import {
  alertSection,
  LIMIT_COLUMNS,
  limitUsageRows,
} from "./_paper_sections.ts";
import {
  type PaperEquity,
  type PaperSessionInfo,
  readJournal,
} from "../store/mod.ts";
import { sameRulesCards, sameRulesSection } from "./_weekly_same_rules.ts";

/** The week against the backtest of the session's rules, or why it is missing. */
export interface SameRulesContext {
  readonly ret: number;
  readonly same: PaperWeeks | string;
  readonly sameWeek: WeekReconciliation | string | undefined;
}

function slice(eq: PaperEquity, from: number, to: number): PaperEquity {
  return {
    dates: eq.dates.slice(from, to),
    equity: eq.equity.slice(from, to),
    ret: eq.ret.slice(from, to),
    gross: eq.gross.slice(from, to),
    net: eq.net.slice(from, to),
    drawdown: eq.drawdown.slice(from, to),
    halted: eq.halted.slice(from, to),
    latencyMs: eq.latencyMs.slice(from, to),
  };
}

/** The week's sections (headline first). */
export async function weeklyPaperSections(
  db: DbEngine,
  session: PaperSessionInfo,
  eq: PaperEquity,
  w: { week: string; from: number; to: number },
  ctx: SameRulesContext,
): Promise<ReportSection[]> {
  const range = { from: eq.dates[w.from], to: eq.dates[w.to - 1] };
  const wk = slice(eq, w.from, w.to);
  const fills = await readJournal(db, "fills", session.sessionId, range);
  const positions =
    (await readJournal(db, "positions", session.sessionId, range))
      .filter((p) => String(p.date) === range.to);
  const headline = weekHeadline(session, eq, w, ctx.ret, fills.length);
  if (typeof ctx.same !== "string" && typeof ctx.sameWeek !== "string") {
    headline.cards.push(...sameRulesCards(ctx.sameWeek, ctx.same));
  }
  return [
    headline,
    againstSameRules(ctx, session.sessionId),
    {
      kind: "figure",
      title: "Daily returns (%)",
      svg: foldBarFigure(
        wk.dates.map((d, k) => ({ fold: d, value: wk.ret[k] * 100 })),
        { label: "Return (%)", xLabel: "Date" },
      ),
    },
    positionsSection(positions, range.to),
    tradesSection(fills),
    {
      kind: "table",
      title: "Risk-limit usage this week",
      columns: LIMIT_COLUMNS,
      rows: limitUsageRows(session, wk),
    },
    await alertSection(db, session, range),
  ];
}

/** The week's P&L (equity change from the day before the week, or the capital). */
function weekHeadline(
  session: PaperSessionInfo,
  eq: PaperEquity,
  w: { week: string; from: number; to: number },
  ret: number,
  fills: number,
): Extract<ReportSection, { kind: "headline" }> {
  const capital = Number(session.config?.capital);
  const start = w.from > 0
    ? eq.equity[w.from - 1]
    : Number.isFinite(capital)
    ? capital
    : eq.equity[0] / (1 + (eq.ret[0] || 0));
  const pnl = eq.equity[w.to - 1] - start;
  return {
    kind: "headline",
    title: `Paper session ${session.sessionId}, week ${w.week}`,
    cards: [
      { label: "Week P&L", value: (Math.round(pnl * 100) / 100).toFixed(2) },
      { label: "Week return", value: pct(ret) },
      {
        label: "Equity at week end",
        value: (Math.round(eq.equity[w.to - 1] * 100) / 100).toFixed(2),
      },
      { label: "Days", value: String(w.to - w.from) },
      { label: "Fills", value: String(fills) },
    ],
  };
}

function positionsSection(
  positions: readonly Record<string, unknown>[],
  date: string,
): ReportSection {
  if (!positions.length) {
    return {
      kind: "text",
      title: "Positions",
      text: `No open position at ${date}.`,
    };
  }
  return {
    kind: "table",
    title: `Positions at ${date}`,
    columns: ["symbol", "quantity", "average price", "mark", "market value"],
    rows: positions.map((p) => [
      String(p.symbol),
      cell(p.quantity, 4),
      cell(p.avg_price, 4),
      cell(p.mark, 4),
      cell(p.market_value, 2),
    ]),
  };
}

function tradesSection(
  fills: readonly Record<string, unknown>[],
): ReportSection {
  if (!fills.length) {
    return { kind: "text", title: "Trades", text: "No fill this week." };
  }
  return {
    kind: "table",
    title: `Trades (${fills.length} fills)`,
    columns: [
      "time",
      "symbol",
      "side",
      "quantity",
      "price",
      "commission",
      "slippage",
    ],
    rows: fills.map((f) => [
      String(f.ts),
      String(f.symbol),
      String(f.side),
      cell(f.quantity, 4),
      cell(f.price, 4),
      cell(f.commission, 4),
      cell(f.slippage, 4),
    ]),
  };
}

function againstSameRules(
  ctx: SameRulesContext,
  sessionId: string,
): ReportSection {
  if (typeof ctx.same === "string" || typeof ctx.sameWeek === "string") {
    return {
      kind: "missing",
      title: "Paper vs the backtest of the same rules, this week",
      text: `No comparison: ${
        typeof ctx.same === "string" ? ctx.same : ctx.sameWeek
      }.`,
      command: `deno task reconcile --session ${sessionId}`,
    };
  }
  return sameRulesSection(ctx.sameWeek, ctx.same);
}
