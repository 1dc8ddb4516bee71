/**
 * A paper week against the backtest of the session's own rules (lib/paper's
 * reconciliation, week by week), never against another strategy's run; and the HALTED
 * banner of the weeks after a halt.
 *
 * @module
 */
import type { DbEngine } from "../data/mod.ts";
import { loadSessionBars } from "../jobs/mod.ts";
import {
  PaperConfigSchema,
  type PaperWeeks,
  reconcilePaperWeeks,
  type SessionHalt,
  VARIANTS,
  type WeekReconciliation,
} from "../paper/mod.ts";
import { createPaperJournal, type PaperSessionInfo } from "../store/mod.ts";
import { fixed, pct } from "./_format.ts";
import type { HeadlineCard, ReportSection } from "./model.ts";

/**
 * The session reconciled week by week with the backtest of its rules, or why not (a
 * config that is not a complete session config, bars missing from the store...).
 */
export async function sameRulesWeeks(
  db: DbEngine,
  session: PaperSessionInfo,
): Promise<PaperWeeks | string> {
  const parsed = PaperConfigSchema.safeParse(session.config ?? undefined);
  if (!parsed.success) {
    return `the session's stored config is not a complete paper config (${
      parsed.error.issues[0]?.path.join(".") || "missing"
    }), so its rules cannot be backtested`;
  }
  try {
    const bars = await loadSessionBars(db, parsed.data, { samples: false });
    return await reconcilePaperWeeks(
      createPaperJournal(db),
      parsed.data,
      bars,
      {
        sessionId: session.sessionId,
      },
    );
  } catch (e) {
    return `the backtest of the session's rules could not run: ${
      (e as Error).message
    }`;
  }
}

/** "2024-02-05 (max-drawdown: drawdown 8.30% reached the 8.00% limit)". */
export function haltText(h: SessionHalt | null): string {
  if (!h) return "never halted";
  return `${h.date} (${h.rule ?? (h.manual ? "manual" : "max-drawdown")}${
    h.reason ? `: ${h.reason}` : ""
  })`;
}

/** The banner of a week on or after the session's halt (null before it). */
export function haltBanner(
  halt: SessionHalt | null,
  weekEnd: string,
): ReportSection | null {
  if (!halt || halt.date > weekEnd) return null;
  return {
    kind: "headline",
    title: `HALTED on ${halt.date}: ${
      halt.rule ?? (halt.manual ? "manual" : "max-drawdown")
    }`,
    cards: [
      { label: "Halted on", value: halt.date },
      {
        label: "Rule",
        value: halt.rule ?? (halt.manual ? "manual" : "max-drawdown"),
      },
      { label: "Reason", value: halt.reason || "not recorded" },
      { label: "Positions", value: halt.flatten ? "flattened" : "kept" },
    ],
  };
}

/** Headline cards: the week of the backtest of the same rules and the z of the week. */
export function sameRulesCards(
  week: WeekReconciliation | undefined,
  weeks: PaperWeeks,
): HeadlineCard[] {
  if (!week) return [];
  const e = weeks.expectation;
  return [
    {
      label: "Same rules, backtest week",
      value: pct(week.backtest.killSwitch),
    },
    { label: "Paper minus backtest", value: pct(week.difference) },
    ...(e
      ? [{
        label: "Week vs the rules' weekly history (z)",
        value: fixed((week.paper - e.mean) / e.std),
      }]
      : []),
  ];
}

/** The table: paper vs each backtest variant this week, and the causes. */
export function sameRulesSection(
  week: WeekReconciliation | undefined,
  weeks: PaperWeeks,
): ReportSection {
  const title = "Paper vs the backtest of the same rules, this week";
  if (!week) {
    return {
      kind: "missing",
      title,
      text: "This week has no bar of the session.",
      command: `deno task reconcile --session ${weeks.sessionId}`,
    };
  }
  const t = weeks.total;
  const keys = Object.keys(VARIANTS) as (keyof typeof VARIANTS)[];
  const causes = [
    "",
    week.breakdown.timing,
    week.breakdown.slippage,
    week.breakdown.commission,
    week.breakdown.killSwitch,
    week.breakdown.halt,
  ];
  return {
    kind: "table",
    title: `${title} (${week.from} – ${week.to})`,
    columns: ["measure", "week return", "cause of the difference"],
    rows: [
      ["paper session", pct(week.paper), ""],
      ...keys.map((k, i) => [
        VARIANTS[k],
        pct(week.backtest[k]),
        i === 0 ? "" : pct(causes[i] as number),
      ]),
      [
        "fills / other (partial fills, rejected bars, rounding)",
        "",
        pct(week.breakdown.fillsAndOther),
      ],
      [
        `since ${weeks.from}: paper vs the backtest with limits (target ${
          pct(t.target)
        })`,
        `${pct(t.paperReturn)} vs ${pct(t.backtest.killSwitch)}`,
        `${pct(t.relativeDifference)} apart: ${
          t.withinTarget ? "PASS" : "FAIL"
        }`,
      ],
      [
        "halts",
        `session ${haltText(t.halt)}; backtest ${haltText(t.backtestHalt)}`,
        t.haltsDiffer ? "on different bars: a cause of its own" : "agree",
      ],
    ],
    caption:
      `The same strategy, sizing, costs and limits as the session, run by the execution backtest from the session's first bar (${weeks.from}); each backtest adds one effect to the one before, so the causes sum to paper minus the first. The backtest's halt comes from the limits applied to its own equity.${
        weeks.expectation
          ? ` The rules' weekly history: mean ${
            pct(weeks.expectation.mean)
          }, std ${
            pct(weeks.expectation.std)
          } over ${weeks.expectation.weeks} weeks (${weeks.expectation.from} – ${weeks.expectation.to}, costed, before the session).`
          : " Too little history before the session for the rules' weekly distribution."
      }`,
  };
}
