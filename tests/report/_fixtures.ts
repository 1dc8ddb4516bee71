/**
 * Fixed data written into an in-memory store for the report tests: walk-forward runs,
 * an ML run, stress results, portfolio and optimize rows (lib/store tables), bars, and a
 * paper journal (lib/paper journal).
 */
import type { DbEngine } from "../../lib/data/mod.ts";
import { openDb, upsertBars } from "../../lib/data/mod.ts";
import { buildManifest } from "../../lib/_shared/manifest.ts";
import {
  createPaperJournal,
  ensureMlSchema,
  PORTFOLIO_RUNS_DDL,
  saveRun,
  STRESS_RESULTS_DDL,
} from "../../lib/store/mod.ts";
import type { WalkForwardResult } from "../../lib/walkforward/mod.ts";

/** A symbol name that must never reach the HTML unescaped. */
export const XSS = "<script>alert(1)</script>";

/** Open an empty in-memory store. */
export async function memoryDb(): Promise<DbEngine> {
  return await openDb({ path: ":memory:" });
}

/** `n` weekdays from `from` (UTC). */
export function weekdays(from: string, n: number): string[] {
  const out: string[] = [];
  for (let t = Date.parse(from + "T00:00:00Z"); out.length < n; t += 86400000) {
    const d = new Date(t);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) {
      out.push(d.toISOString().slice(0, 10));
    }
  }
  return out;
}

/** Deterministic small daily returns: a sine pattern plus drift. */
export function fixedReturns(n: number, drift = 0.0004): Float64Array {
  return Float64Array.from(
    { length: n },
    (_, i) => drift + 0.008 * Math.sin(i * 1.3),
  );
}

const span = (r: Float64Array, sharpe: number, maxDrawdown: number) => ({
  days: r.length,
  sharpe,
  totalReturn: r.reduce((e, x) => e * (1 + x), 1) - 1,
  maxDrawdown,
  annualReturn: 0.1,
  annualVolatility: 0.12,
  hitRate: 0.56,
});

/** Options of {@link seedWalkForward}. */
export interface SeedRun {
  symbol: string;
  from?: string;
  days?: number;
  foldSharpes: number[];
  maxDrawdown: number;
  sharpe: number;
  winRate: number;
  startedAt?: string;
}

/** Store one walk-forward run with fixed metrics; returns its id. */
export async function seedWalkForward(
  db: DbEngine,
  s: SeedRun,
): Promise<string> {
  const n = s.days ?? 140;
  const dates = weekdays(s.from ?? "2019-11-01", n);
  const returns = fixedReturns(n);
  const equity = new Float64Array(n);
  let e = 1;
  returns.forEach((r, i) => (equity[i] = e *= 1 + r));
  const k = s.foldSharpes.length, per = Math.floor(n / k);
  const folds = s.foldSharpes.map((sh, i) => {
    const a = i * per, b = i === k - 1 ? n : (i + 1) * per;
    return {
      index: i,
      trainStart: 0,
      trainEnd: 0,
      testStart: a,
      testEnd: b,
      trainStartDate: "2010-01-04",
      trainEndDate: dates[a],
      testStartDate: dates[a],
      testEndDate: dates[b - 1],
      purged: 0,
      metrics: span(returns.subarray(a, b), sh, -0.01 * (i + 1)),
      coefficients: [0.1],
      intercept: 0,
      importance: [1],
      signs: [1],
      ms: { fit: 1, predict: 1 },
    };
  });
  const result = {
    symbol: s.symbol,
    features: ["ret_1"],
    folds,
    oos: {
      rows: new Int32Array(n),
      dates,
      predictions: returns,
      positions: new Float64Array(n).fill(1),
      returns,
      equity,
    },
    metrics: {
      ...span(returns, s.sharpe, s.maxDrawdown),
      winRate: s.winRate,
      profitFactor: 1.5,
      payoffRatio: 1.2,
      trades: 40,
      exposure: 1,
      turnover: 0.05,
      folds: k,
    },
  } as unknown as WalkForwardResult;
  const startedAt = s.startedAt ?? "2026-01-01T00:00:00.000Z";
  const manifest = buildManifest({
    kind: "walkforward",
    config: {
      symbol: s.symbol,
      train: 252,
      test: 63,
      stride: 63,
      features: ["ret_1"],
    },
    dataHash: "00ff00ff00ff00ff",
    codeVersion: "0.1.0+test",
    seed: 42,
    startedAt,
    endedAt: startedAt,
    timings: { total: 0.5 },
  });
  await saveRun(db, manifest, result);
  return manifest.runId;
}

/** Store an ML run whose 4 features are 3 stable + 1 unstable (75% stable). */
export async function seedMl(db: DbEngine, symbol = "SP500"): Promise<void> {
  await ensureMlSchema(db);
  await db.exec(
    `INSERT INTO ml_runs VALUES ('ml-1', $s, 'ridge', '{}', 'h', 'v', 1,
      TIMESTAMP '2026-01-01 00:00:00', TIMESTAMP '2026-01-01 00:00:01', NULL, NULL)`,
    { s: symbol },
  );
  const imp: Record<string, [number[], number[]]> = {
    a: [[1, 1, 1], [1, 1, 1]],
    b: [[1, 1, 1], [1, 1, 1]],
    c: [[1, 1, 1], [1, 1, 1]],
    d: [[0.1, 0.5, 0.01], [1, -1, 1]],
  };
  for (const [f, [v, s]] of Object.entries(imp)) {
    for (let fold = 0; fold < 3; fold++) {
      await db.exec(
        `INSERT INTO feature_importance VALUES ('ml-1', $fold, $f, $v, NULL, 1, $s)`,
        { fold, f, v: v[fold], s: s[fold] },
      );
    }
  }
}

/** Store two stress scenarios of one run. */
export async function seedStress(
  db: DbEngine,
  symbol = "SP500",
): Promise<void> {
  await db.exec(STRESS_RESULTS_DDL);
  for (
    const [scenario, pnl, dd] of [["covid-2020", -0.3391, 0.3392], [
      "gfc-2008",
      -0.45,
      0.5,
    ]] as const
  ) {
    await db.exec(
      `INSERT INTO stress_results VALUES ('stress-1', TIMESTAMP '2026-01-01 00:00:00', $sym, '[1]',
        $scenario, 'historical', '2020-02-19', '2020-03-23', 23, $pnl, $dd, -0.1198, '2020-03-16',
        0.0312, 0.99, 5, 2, 'maxDrawdown', '2020-03-12', '', NULL)`,
      { sym: symbol, scenario, pnl, dd },
    );
  }
}

/** Store one portfolio run with two methods. */
export async function seedPortfolio(db: DbEngine): Promise<void> {
  await db.exec(PORTFOLIO_RUNS_DDL);
  const hist = JSON.stringify([
    { date: "2019-01-02", weights: [0.6, 0.4], traded: true },
    { date: "2019-07-01", weights: [0.3, 0.7], traded: true },
  ]);
  for (
    const [method, sharpe] of [["min_variance", 0.71], ["hrp", 0.64]] as const
  ) {
    await db.exec(
      `INSERT INTO portfolio_runs VALUES ('pf-1', TIMESTAMP '2026-01-01 00:00:00', $m, 'SP500,AAPL',
        '{}', 'h', '2019-01-02', '2020-04-17', 330, 0.08, 0.11, $sh, -0.0734, 0.11, 2.5, 1.9, 2,
        '[0.3,0.7]', $hist)`,
      { m: method, sh: sharpe, hist },
    );
  }
}

/** Store bars through lib/data (a calm first half, a volatile second half). */
export async function seedBars(
  db: DbEngine,
  symbol: string,
  dates: string[],
): Promise<void> {
  const close = new Float64Array(dates.length);
  let c = 100;
  for (let i = 0; i < dates.length; i++) {
    c *= 1 + 0.01 * Math.sin(i / 7) * (i > dates.length / 2 ? 3 : 1);
    close[i] = c;
  }
  await upsertBars(db, [{
    symbol,
    dates,
    open: close,
    high: close,
    low: close,
    close,
    volume: close,
  }], {
    source: "report-test",
  });
}

/** A paper session over 8 weekdays from 2020-03-16 (weeks 2020-W12 and W13). */
export async function seedPaper(
  db: DbEngine,
  session = "paper-test",
): Promise<string[]> {
  const journal = createPaperJournal(db);
  await journal.ensure();
  await db.exec(
    `INSERT INTO sessions (session_id, config, data_hash, code_version, started_at, status)
      VALUES ($s, $c, 'h', 'v', '2026-01-01T00:00:00Z', 'done')`,
    {
      s: session,
      c: JSON.stringify({
        symbols: ["SP500"],
        capital: 100000,
        limits: {
          maxDrawdown: 0.2,
          dailyLossLimit: 0.05,
          maxGrossExposure: 1.5,
        },
      }),
    },
  );
  const dates = weekdays("2020-03-16", 8);
  let eq = 100000, peak = eq;
  const seq = { events: 0, alerts: 0 };
  for (let i = 0; i < dates.length; i++) {
    const ret = i === 0 ? 0 : (i % 2 ? 0.01 : -0.02);
    eq *= 1 + ret;
    peak = Math.max(peak, eq);
    {
      await journal.writeBar({
        sessionId: session,
        date: dates[i],
        orders: i === 1
          ? [{
            clientOrderId: `o${i}`,
            symbol: "SP500",
            side: "BUY",
            quantity: 10,
            type: "MARKET",
            tif: "DAY",
            status: "FILLED",
            filledQuantity: 10,
            avgFillPrice: 2400,
            submittedAt: dates[i - 1],
          }]
          : [],
        fills: i === 1
          ? [{
            fillId: `o${i}#1`,
            clientOrderId: `o${i}`,
            symbol: "SP500",
            ts: dates[i],
            side: "BUY",
            quantity: 10,
            price: 2400,
            commission: 1,
            slippage: 0.24,
          }]
          : [],
        positions: i >= 1
          ? [{
            symbol: "SP500",
            quantity: 10,
            avgPrice: 2400,
            mark: 2400 * (1 + ret),
          }]
          : [],
        equity: {
          cash: eq - 24000,
          equity: eq,
          ret,
          gross: 0.24,
          net: 0.24,
          drawdown: 1 - eq / peak,
          halted: false,
          latencyMs: 0.5,
        },
        events: i === 3
          ? [{
            seq: ++seq.events,
            kind: "risk_clip",
            detail: { rule: "maxGrossExposure" },
          }]
          : [],
        alerts: i === 4
          ? [{
            seq: ++seq.alerts,
            date: dates[i],
            rule: "drawdown",
            severity: "warning",
            message: `drawdown ${XSS}`,
            value: 0.031,
            threshold: 0.03,
          }]
          : [],
        checkpoint: { barIndex: i, state: {} },
      });
    }
  }
  return dates;
}

/** Store three optimize_runs rows: pairs on A,B and two rsi searches (the newer one wins). */
export async function seedOptimize(db: DbEngine): Promise<void> {
  await db.exec(
    `CREATE TABLE optimize_runs (run_id VARCHAR PRIMARY KEY, created_at TIMESTAMP,
    strategy VARCHAR, symbols VARCHAR, config_json VARCHAR, data_hash VARCHAR, n_configs INTEGER,
    n_folds INTEGER, n_trials INTEGER, oos_start VARCHAR, oos_end VARCHAR, oos_sharpe DOUBLE,
    oos_total_return DOUBLE, oos_max_drawdown DOUBLE, is_sharpe DOUBLE, oos_fold_sharpe DOUBLE,
    dsr DOUBLE, dsr_best_sharpe_ann DOUBLE, dsr_expected_max_sharpe_ann DOUBLE, pbo DOUBLE,
    pbo_partitions INTEGER)`,
  );
  for (
    const [id, strat, sym, sharpe, at] of [
      ["o1", "pairs", "A,B", 1.234, "2026-01-01"],
      ["o2", "rsi", "SP500", -0.3, "2026-01-01"],
      ["o3", "rsi", "SP500", 0.4, "2026-01-02"],
    ] as const
  ) {
    await db.exec(
      `INSERT INTO optimize_runs VALUES ($id, CAST($at AS TIMESTAMP), $s, $sym, '{}', 'h', 10, 4, 40,
        '2015-01-02', '2020-04-17', $sh, 0.25, -0.123, 1.5, 0.3, 0.42, 2, 1.8, 0.61, 16)`,
      { id, at, s: strat, sym, sh: sharpe },
    );
  }
}
