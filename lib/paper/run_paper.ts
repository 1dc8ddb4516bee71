/**
 * A paper session from a validated config and stored bars: plans the period (warm-up
 * history, trading window, the backtest's expectation), wires the strategy, the shared
 * risk limits, the kill switch and the alert sinks, and keeps the `sessions` row's
 * heartbeat (`reconcile_paper.ts` reconciles the journal with the same rules).
 *
 * Fill timing: orders are decided at the close of bar t and fill at the open of t+1
 * (market) or within t+1's range (limit/stop), with the config's slippage and commission.
 *
 * @module
 */
import { pid } from "../_shared/runtime.ts";
import type { Bars } from "../_shared/types.ts";
import { hashColumns } from "../_shared/hash.ts";
import type { RiskDecision } from "../risk/mod.ts";
import type { PaperConfig } from "./config.ts";
import { groupBarsByDate, pollingFeed, replayFeed } from "./feed.ts";
import { ibkrFromEnv, needsIbkr } from "./ibkr_from_env.ts";
import { brokerRouter, type OrderRouter } from "./order_router.ts";
import { type SessionBeacon, writeBeacon } from "./session_beacon.ts";
import {
  chooseSession,
  identityHash,
  type SessionNaming,
} from "./session_identity.ts";
import { type ConfigProbes, validatePaperConfig } from "./validate_config.ts";
import type { BarGroup } from "../backtest/mod.ts";
import type { PaperJournal } from "./journal.ts";
import type { Expectation } from "./monitor.ts";
import { type ReconcileOptions, sessionBacktest } from "./reconcile.ts";
import {
  runSession,
  type SessionOptions,
  type SessionSummary,
} from "./session.ts";
import { strategyDecider } from "./decide.ts";
import { clearKill, readKill } from "./kill_switch.ts";
import { createAlertSinks } from "./sinks.ts";

/** The period a session covers. */
export interface PaperPlan {
  /** Warm-up groups (the strategy's history) followed by the trading groups. */
  readonly groups: readonly BarGroup[];
  /** Every group before `from` (for the expectation backtest). */
  readonly before: readonly BarGroup[];
  readonly from: string;
  readonly to: string;
  /** FNV-1a hash of the bars the session trades on (symbols, dates, OHLCV). */
  readonly dataHash: string;
}

/** Overrides of the config's feed period. */
export interface PeriodOverrides {
  readonly from?: string;
  readonly to?: string;
}

/**
 * Plan a session: trading window from the overrides, else the config's feed period,
 * else the last year of data; `feed.warmupBars` groups before it as history. (The
 * session's expectation is backtested from `before` only when a session runs.) A
 * session whose orders go to IBKR (`broker.kind: "ibkr"`) trades live bars only: every
 * stored bar is history, and trading starts the day after the last one.
 *
 * @throws RangeError when the window holds no bar.
 */
export function planPaper(
  config: PaperConfig,
  bars: readonly Bars[],
  period: PeriodOverrides = {},
): PaperPlan {
  const all = groupBarsByDate(bars);
  if (all.length === 0) {
    throw new RangeError("No bars for the session's symbols");
  }
  const dataHash = hashColumns(
    bars.flatMap((
      b,
    ) => [b.symbol, b.dates, b.open, b.high, b.low, b.close, b.volume]),
  );
  const last = all[all.length - 1].date;
  if (config.broker.kind === "ibkr") {
    return {
      groups: all.slice(Math.max(0, all.length - config.feed.warmupBars)),
      before: all,
      from: nextDay(last),
      to: "9999-12-31",
      dataHash,
    };
  }
  const from = period.from ?? config.feed.from ??
    all[Math.max(0, all.length - 252)].date;
  const to = period.to ?? config.feed.to ?? last;
  const start = all.findIndex((g) => g.date >= from);
  if (start < 0 || all[start].date > to) {
    throw new RangeError(
      `No bars between ${from} and ${to}: the data covers ${
        all[0].date
      }..${last}`,
    );
  }
  const before = all.slice(0, start);
  const groups = all.slice(Math.max(0, start - config.feed.warmupBars))
    .filter((g) => g.date <= to);
  return { groups, before, from, to, dataHash };
}

function nextDay(date: string): string {
  const t = Date.parse(`${date.slice(0, 10)}T00:00:00Z`) + 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Per-bar mean/std of the costed backtest over the history before the session. */
function expectationOf(
  config: PaperConfig,
  before: readonly BarGroup[],
): Expectation | undefined {
  if (before.length < config.feed.warmupBars + 60) return undefined;
  const path = sessionBacktest(
    before,
    {
      ...sessionSettings(config),
      from: before[Math.min(before.length - 1, config.feed.warmupBars)].date,
      to: before[before.length - 1].date,
    },
    { fill: "open", slippage: true, commission: true, limits: false },
  );
  const e = path.equity;
  const r: number[] = [];
  for (let i = 1; i < e.length; i++) r.push(e[i] / e[i - 1] - 1);
  if (r.length < 30) return undefined;
  const mean = r.reduce((a, x) => a + x, 0) / r.length;
  const v = r.reduce((a, x) => a + (x - mean) ** 2, 0) / (r.length - 1);
  return { meanReturn: mean, stdReturn: Math.sqrt(v) };
}

/**
 * A config's rules as the execution backtest takes them (strategy, sizing, costs, limits),
 * for `sessionBacktest` over a period.
 *
 * @param config The validated paper config.
 * @returns Everything but the period.
 */
export function sessionSettings(
  config: PaperConfig,
): Omit<ReconcileOptions, "from" | "to"> {
  return {
    symbols: config.symbols,
    capital: config.capital,
    broker: config.broker,
    sizing: config.sizing,
    limits: config.limits,
    decide: strategyDecider(
      config.strategy.name,
      config.strategy.params,
      config.symbols,
    ),
  };
}

function prevDate(plan: PaperPlan, date: string): string | undefined {
  let prev: string | undefined;
  for (const g of plan.groups) {
    if (g.date >= date) break;
    prev = g.date;
  }
  return prev;
}

/** Options of {@linkcode runPaper}. */
export interface PaperRunOptions extends PeriodOverrides, SessionNaming {
  /** Replay pace in bars per second; 0 = as fast as possible. @default config.feed.speed */
  readonly speed?: number;
  /**
   * Path of the journal database: enables the manual kill switch (`<db>.kill`) and the
   * session's beacon (`<db>.session`).
   */
  readonly dbPath?: string;
  /** Code version recorded with the session. */
  readonly codeVersion?: string;
  /** Where console alerts go. @default console.error */
  readonly log?: (line: string) => void;
  /** Progress after each committed bar, with the bar's risk decisions. */
  readonly onBar?: SessionOptions["onBar"];
  /** Stops the replay between bars. */
  readonly signal?: AbortSignal;
  /**
   * Live bars after the stored history: the stored groups up to `to` are replayed first
   * as warm-up/catch-up, then this feed. @default for `feed.kind: "poll"`, the IBKR
   * gateway's quotes (`pollingFeed` over `ibkrFromEnv`); none for a replay. With
   * `broker.kind: "ibkr"` the session's orders go to the same gateway
   * (`brokerRouter`): it never falls back to the simulated broker
   */
  readonly live?: AsyncIterable<BarGroup>;
  /** Broker reachability and folder probes of the config's validation. @default the real ones */
  readonly probes?: ConfigProbes;
}

async function* concatFeeds(
  first: AsyncIterable<BarGroup>,
  then?: AsyncIterable<BarGroup>,
): AsyncGenerator<BarGroup> {
  let last = "";
  for await (const g of first) {
    last = g.date;
    yield g;
  }
  if (!then) return;
  for await (const g of then) if (g.date > last) yield g;
}

/** The live feed and the order router the config names (IBKR's quotes and orders). */
async function liveParts(
  config: PaperConfig,
  options: PaperRunOptions,
): Promise<{ live?: AsyncIterable<BarGroup>; router?: OrderRouter }> {
  if (!needsIbkr(config)) return { live: options.live };
  const ib = await ibkrFromEnv(config);
  const live = options.live ?? pollingFeed(ib, config.symbols, {
    intervalMs: config.feed.pollSeconds * 1000,
    signal: options.signal,
  });
  const router = config.broker.kind === "ibkr"
    ? brokerRouter(ib, config.broker)
    : undefined;
  return { live, router };
}

/**
 * Run (or resume) a session over stored bars, then the live feed if the config has one.
 *
 * Before anything is written, the config passes the validation preflight runs
 * (`validatePaperConfig`: a failure is a config error) and the session to run is chosen
 * (`chooseSession`: a stored session is resumed only under the config it started
 * with; `newSession` starts another).
 *
 * @param journal Where the session is journaled (lib/store `createPaperJournal(db)`).
 * @param config The validated paper config.
 * @param bars Every stored bar of the config's symbols.
 * @param options Session naming, pace, kill-switch file, period, hooks.
 * @returns The session summary over the whole session (equity, counts, the halt and
 *   its rule, decision latency p50/p99).
 */
export async function runPaper(
  journal: PaperJournal,
  config: PaperConfig,
  bars: readonly Bars[],
  options: PaperRunOptions = {},
): Promise<SessionSummary> {
  await validatePaperConfig(
    config,
    options.source ?? "the session config",
    options.probes,
  );
  const plan = planPaper(config, bars, options);
  await journal.ensure();
  const choice = await chooseSession(journal, config, plan.from, options);
  const sessionId = choice.sessionId;
  const { live, router } = await liveParts(config, options);
  const wall = () => new Date().toISOString();
  const startedAt = wall();
  await journal.startSession({
    sessionId,
    config: JSON.stringify(config),
    identity: JSON.stringify(choice.identity),
    configHash: identityHash(choice.identity),
    dataHash: plan.dataHash,
    codeVersion: options.codeVersion ?? "unknown",
    at: startedAt,
  });
  const beacon = beaconWriter(options.dbPath, sessionId, startedAt);
  await beacon.running();
  const done = await journal.readCheckpoint(sessionId);
  // Warm-up and bars already journaled (on resume) replay unpaced.
  const paceAfter = done?.date ?? prevDate(plan, plan.from);
  const feed = concatFeeds(
    replayFeed(plan.groups, {
      speed: options.speed ?? config.feed.speed,
      signal: options.signal,
      paceAfter,
    }),
    live,
  );
  let summary: SessionSummary;
  try {
    summary = await runSession(journal, feed, {
      ...sessionOptions(config, plan, sessionId, { ...options, live }),
      router,
      onBar: async (info) => {
        if (info.halted) await beacon.halted(info.decisions);
        await options.onBar?.(info);
      },
    });
  } catch (e) {
    await beacon.end("failed");
    throw e;
  }
  const status = options.signal?.aborted
    ? "stopped"
    : summary.halted
    ? "halted"
    : "finished";
  await journal.finishSession(sessionId, status, wall());
  await beacon.end(status === "halted" ? "halted" : status);
  return summary;
}

/** The beacon a session keeps next to its store (nothing for an in-memory store). */
function beaconWriter(
  dbPath: string | undefined,
  sessionId: string,
  startedAt: string,
) {
  let halt: SessionBeacon["halt"];
  const write = async (status: SessionBeacon["status"]) => {
    if (dbPath === undefined) return;
    await writeBeacon(dbPath, {
      sessionId,
      pid: pid(),
      status,
      startedAt,
      updatedAt: new Date().toISOString(),
      ...(halt ? { halt } : {}),
    });
  };
  return {
    running: () => write("running"),
    halted: async (decisions: readonly RiskDecision[]) => {
      if (halt) return;
      const d = decisions.find((x) => x.action === "HALT");
      halt = {
        date: d?.date ?? "",
        rule: d?.rule ?? "",
        reason: d?.reason ?? "",
      };
      await write("halted");
    },
    end: (status: SessionBeacon["status"]) => write(status),
  };
}

function sessionOptions(
  config: PaperConfig,
  plan: PaperPlan,
  sessionId: string,
  options: PaperRunOptions,
): SessionOptions {
  const dbPath = options.dbPath;
  return {
    sessionId,
    symbols: config.symbols,
    capital: config.capital,
    from: plan.from,
    to: options.live ? "9999-12-31" : plan.to,
    broker: config.broker,
    sizing: config.sizing,
    limits: config.limits,
    alertRules: config.alerts.rules,
    expectation: expectationOf(config, plan.before),
    decide: strategyDecider(
      config.strategy.name,
      config.strategy.params,
      config.symbols,
    ),
    pollKill: dbPath ? () => readKill(dbPath, sessionId) : undefined,
    ackKill: dbPath ? () => clearKill(dbPath) : undefined,
    onAlerts: createAlertSinks({
      sessionId,
      console: config.alerts.console,
      jsonl: config.alerts.jsonl,
      webhook: config.alerts.webhook,
      log: options.log,
    }),
    onBar: options.onBar,
  };
}
