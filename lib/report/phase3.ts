/**
 * Phase 3 report, "live preparation": capital allocation plan (paper config capital x
 * the newest portfolio run's weights), the limits in force, and the go-live checklist
 * (stored preflight checks plus readiness gates measured from the store, failing closed).
 *
 * @module
 */
import type { DbEngine } from "../data/mod.ts";
import { conventions } from "./conventions.ts";
import { cell, pctCell } from "./_format.ts";
import type { ReportModel, ReportSection } from "./model.ts";
import {
  PAPER_COMMAND,
  type PaperPhaseOptions,
  pickSession,
  sessionManifest,
} from "./phase2.ts";
import { phase1Scorecard } from "./phase1_scorecard.ts";
import { measurePhase1 } from "./phase1.ts";
import { loadRunContext } from "./_run_context.ts";
import {
  countCriticalAlerts,
  parseJson,
  readLatestPortfolio,
  readLatestPreflight,
  readLatestReconciliation,
  type StoredPortfolioRow,
} from "../store/mod.ts";
import { missing, mlStabilitySections } from "./_store_sections.ts";
import { weightsFigure, type WeightsPoint } from "./weights_figure.ts";

/**
 * Build the Phase 3 report.
 *
 * @param db The store.
 * @param options Session id, symbol / run id, generation time.
 * @returns The report model.
 */
export async function buildPhase3(
  db: DbEngine,
  options: PaperPhaseOptions = {},
): Promise<ReportModel> {
  const t0 = performance.now();
  const session = await pickSession(db, options.sessionId);
  // the allocation of what the session trades: the newest run including its symbol
  const traded = (session?.config?.symbols as string[] | undefined)?.[0] ??
    options.symbol;
  const portfolio = await readLatestPortfolio(
    db,
    traded ? { symbol: traded } : {},
  );
  const capital = typeof session?.config?.capital === "number"
    ? session.config.capital
    : NaN;
  const sections: ReportSection[] = [];
  sections.push(...allocationSections(portfolio, capital));
  sections.push(
    session ? limitsSection(session.config) : missing(
      "Limits",
      "No paper session config in the journal to read limits from.",
      PAPER_COMMAND,
    ),
  );
  sections.push(...(await checklistSections(db, options, session)));
  sections.unshift(headline(sections, capital));
  return {
    title: "Phase 3: live preparation",
    subtitle: session
      ? `session ${session.sessionId}, capital ${capital}`
      : "no paper session in the journal",
    generatedAt: options.generatedAt ?? new Date().toISOString(),
    kind: "phase3",
    conventions: conventions({ backtest: true, paper: true }),
    sections,
    manifest: {
      report: "phase3",
      session: session ? sessionManifest(session) : null,
      portfolioRun: portfolio[0]?.run_id ?? null,
      timings: { reportSeconds: (performance.now() - t0) / 1000 },
    },
  };
}

/** "passed/total" of the PASS/FAIL column of the section titled `prefix...`. */
function passCount(sections: readonly ReportSection[], prefix: string): string {
  const s = sections.find((x) => x.title.startsWith(prefix));
  if (s?.kind !== "table") return "not stored";
  const verdicts = s.rows.map((r) => r[1]).filter((v) =>
    v === "PASS" || v === "FAIL"
  );
  return `${
    verdicts.filter((v) => v === "PASS").length
  }/${verdicts.length} pass`;
}

function headline(
  sections: readonly ReportSection[],
  capital: number,
): ReportSection {
  return {
    kind: "headline",
    title: "Go-live readiness",
    cards: [
      {
        label: "Readiness gates",
        value: passCount(sections, "Go-live checklist: readiness"),
      },
      {
        label: "Preflight",
        value: passCount(sections, "Go-live checklist: preflight"),
      },
      {
        label: "Capital",
        value: Number.isFinite(capital) ? String(capital) : "no session",
      },
    ],
  };
}

function allocationSections(
  rows: readonly StoredPortfolioRow[],
  capital: number,
): ReportSection[] {
  const title = "Capital allocation plan";
  if (rows.length === 0) {
    return [missing(
      title,
      "No portfolio run stored yet (table portfolio_runs).",
      "deno task portfolio --symbols SP500,AAPL",
    )];
  }
  const best =
    [...rows].sort((a, b) =>
      Number(b.sharpe ?? -Infinity) - Number(a.sharpe ?? -Infinity)
    )[0];
  const symbols = String(best.symbols).split(",");
  const w = parseJson<number[]>(best.final_weights_json) ?? [];
  const hist = parseJson<WeightsPoint[]>(best.weights_history_json) ?? [];
  const table: ReportSection = {
    kind: "table",
    title: `${title}: ${
      String(best.method)
    } weights (best out-of-sample Sharpe ${cell(best.sharpe, 2)} of run ${
      String(best.run_id)
    })`,
    columns: ["symbol", "weight %", "capital"],
    rows: symbols.map((s, j) => [
      s,
      pctCell(w[j]),
      Number.isFinite(capital) && Number.isFinite(w[j])
        ? Math.round(capital * w[j] * 100) / 100
        : null,
    ]),
    caption: Number.isFinite(capital)
      ? `Capital ${capital} from the paper session config.`
      : "No paper session config: capital amounts need a session (weights only).",
  };
  return [table, {
    kind: "figure",
    title: `${String(best.method)}: allocation weights over time`,
    svg: weightsFigure(symbols, hist, { endDate: String(best.oos_end) }),
    caption:
      "How the planned weights moved in the allocation walk-forward (percent of capital per symbol).",
  }];
}

function limitsSection(config: Record<string, unknown> | null): ReportSection {
  const l = (config?.limits ?? {}) as Record<string, unknown>;
  const keys = Object.keys(l);
  if (keys.length === 0) {
    return missing(
      "Limits",
      "The session config stores no limits.",
      PAPER_COMMAND,
    );
  }
  return {
    kind: "table",
    title: "Limits in force (session config)",
    columns: ["limit", "value"],
    rows: keys.map((k) => [k, l[k] === null ? "disabled" : String(l[k])]),
    caption: "Drawdown and loss limits are positive fractions of equity.",
  };
}

async function checklistSections(
  db: DbEngine,
  options: PaperPhaseOptions,
  session: Awaited<ReturnType<typeof pickSession>>,
): Promise<ReportSection[]> {
  const pre = await readLatestPreflight(db);
  const preflight: ReportSection = pre.length
    ? {
      kind: "table",
      title: `Go-live checklist: preflight of ${pre[0].checkedAt}`,
      columns: ["check", "result", "detail"],
      rows: pre.map((c) => [c.name, c.ok ? "PASS" : "FAIL", c.detail]),
    }
    : missing(
      "Go-live checklist: preflight",
      "No preflight result stored (table preflight_checks).",
      "deno task preflight --config config/enhanced_paper_trading_config.json",
    );
  const ctx = await loadRunContext(db, options);
  const ml = await mlStabilitySections(db, ctx.symbol);
  const score = phase1Scorecard(measurePhase1(ctx, ml));
  const passed = score.filter((r) => r.pass).length;
  const recon = await reconciliationGate(db, session);
  const critical = session
    ? await countCriticalAlerts(db, session.sessionId)
    : NaN;
  return [preflight, {
    kind: "table",
    title: "Go-live checklist: readiness gates measured from the store",
    columns: ["gate", "result", "detail"],
    rows: [
      [
        "Phase 1 scorecard all pass",
        passed === score.length ? "PASS" : "FAIL",
        `${passed}/${score.length} criteria pass`,
      ],
      [
        "Paper session journaled",
        session ? "PASS" : "FAIL",
        session ? `${session.sessionId}: ${session.bars} bars` : "none",
      ],
      [
        "Paper within 5% of the same-rules backtest",
        recon.ok ? "PASS" : "FAIL",
        recon.detail,
      ],
      [
        "No critical alert",
        critical === 0 ? "PASS" : "FAIL",
        Number.isFinite(critical)
          ? `${critical} critical alert(s)`
          : "not measured",
      ],
    ],
    caption: "Gates fail closed: anything not measured is a FAIL.",
  }];
}

/** The reconciliation gate: the session's newest stored reconciliation, else a FAIL. */
async function reconciliationGate(
  db: DbEngine,
  session: Awaited<ReturnType<typeof pickSession>>,
): Promise<{ ok: boolean; detail: string }> {
  if (!session) {
    return {
      ok: false,
      detail: "no paper session stored: run deno task paper",
    };
  }
  const stored = await readLatestReconciliation(db, session.sessionId);
  if (!stored) {
    return {
      ok: false,
      detail:
        `no reconciliation stored: run deno task reconcile --session ${session.sessionId}`,
    };
  }
  return {
    ok: stored.within_target === true,
    detail: `${
      (Number(stored.relative_difference) * 100).toFixed(3)
    }% from the same-rules backtest (target ${
      (Number(stored.target) * 100).toFixed(1)
    }%)`,
  };
}
