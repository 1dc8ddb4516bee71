/**
 * The one validation of a session config, shared by preflight and the session: the
 * strategy and its parameters, the capital, the limits, the components the config names
 * (broker, feed, alert sinks) and whether the broker they need can be reached.
 * `deno task preflight` shows each as a line of its checklist (a failure exits 1);
 * `runPaper` refuses a config with any failure as a config error (exit 2) before a
 * session row exists. So a config preflight passes never fails at the session's start.
 *
 * @module
 */
import { rm, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { ConfigError } from "../_shared/errors.ts";
import type { PaperConfig } from "./config.ts";
import { brokerReachable } from "./ibkr_from_env.ts";
import type { PreflightCheck } from "./preflight.ts";
import { checkStrategy } from "./resolve_strategy.ts";

/**
 * Largest starting capital a session accepts (one trillion in account currency): far
 * above any account, and far below where sums of prices times shares lose whole units.
 */
export const MAX_CAPITAL = 1e12;

/** Names of the checks of {@linkcode checkPaperConfig}, in order. */
export const CONFIG_CHECKS: readonly string[] = [
  "strategy",
  "capital",
  "limits sane",
  "components",
  "broker reachable",
];

/** What the checks may look at outside the config. */
export interface ConfigProbes {
  /**
   * Whether the broker (and quote source) the config names can be used now: a detail
   * line, or a rejection saying why. @default `brokerReachable` (IBKR gateway from the
   * environment; the simulated broker needs nothing)
   */
  readonly broker?: (config: PaperConfig) => Promise<string>;
  /** Throws when a folder does not exist or cannot be written. @default a probe file */
  readonly writableDir?: (dir: string) => Promise<void>;
}

function check(name: string, problems: string[], ok: string): PreflightCheck {
  return problems.length
    ? { name, ok: false, detail: problems.join("; ") }
    : { name, ok: true, detail: ok };
}

function strategyCheck(c: PaperConfig): PreflightCheck {
  const { resolved, problems } = checkStrategy(
    c.strategy,
    c.symbols,
    c.feed.warmupBars,
  );
  const p = resolved
    ? Object.entries(resolved.params).map(([k, v]) => `${k} ${v}`).join(", ")
    : "";
  return check(
    "strategy",
    problems,
    `${c.strategy.name} (${p}; lookback ${resolved?.lookback} bars)`,
  );
}

function capitalCheck(c: PaperConfig): PreflightCheck {
  const ok = Number.isFinite(c.capital) && c.capital > 0 &&
    c.capital <= MAX_CAPITAL;
  return check(
    "capital",
    ok ? [] : [
      `capital: expected a positive amount up to ${MAX_CAPITAL.toExponential()} (one trillion), got ${c.capital}`,
    ],
    `${c.capital} in account currency`,
  );
}

/**
 * Limits must be sane: drawdown at most 50%, daily loss not above the drawdown limit,
 * gross and leverage at most 5x, and the sizing must fit the position cap (otherwise
 * every full signal would be clipped).
 */
function limitsCheck(c: PaperConfig): PreflightCheck {
  const L = c.limits;
  const bad: string[] = [];
  if (L.maxDrawdown > 0.5) bad.push(`maxDrawdown ${L.maxDrawdown} above 0.5`);
  if (L.dailyLossLimit > L.maxDrawdown) {
    bad.push(
      `dailyLossLimit ${L.dailyLossLimit} above maxDrawdown ${L.maxDrawdown}`,
    );
  }
  if (L.maxGrossExposure > 5) {
    bad.push(`maxGrossExposure ${L.maxGrossExposure} above 5`);
  }
  if (L.maxLeverage > 5) bad.push(`maxLeverage ${L.maxLeverage} above 5`);
  if (c.sizing.fraction > L.maxPositionWeight * 1.0000001) {
    bad.push(
      `sizing.fraction ${c.sizing.fraction} exceeds maxPositionWeight ${L.maxPositionWeight}: every full signal would be clipped`,
    );
  }
  return check(
    "limits sane",
    bad,
    `max drawdown ${(L.maxDrawdown * 100).toFixed(1)}%, daily loss ${
      (L.dailyLossLimit * 100).toFixed(1)
    }%, gross ${L.maxGrossExposure}, leverage ${L.maxLeverage}`,
  );
}

async function probeDir(dir: string): Promise<void> {
  const probe = `${dir}/.tradelab-probe-${crypto.randomUUID()}`;
  await writeFile(probe, "");
  await rm(probe);
}

/** The broker, feed and alert sinks the config names exist and fit together. */
async function componentsCheck(
  c: PaperConfig,
  probes: ConfigProbes,
): Promise<PreflightCheck> {
  const bad: string[] = [];
  if (c.broker.kind === "ibkr" && c.feed.kind === "replay") {
    bad.push(
      'broker.kind: "ibkr" sends orders to IBKR, which cannot fill a replay of stored bars: use feed.kind "poll" for a live session, or broker.kind "simulated" to replay',
    );
  }
  if (c.feed.from && c.feed.to && c.feed.to < c.feed.from) {
    bad.push(`feed.to: ${c.feed.to} is before feed.from ${c.feed.from}`);
  }
  if (c.alerts.webhook && !/^https?:\/\//i.test(c.alerts.webhook)) {
    bad.push(
      `alerts.webhook: expected an http:// or https:// URL, got ${c.alerts.webhook}`,
    );
  }
  if (c.alerts.jsonl) {
    const dir = dirname(c.alerts.jsonl);
    try {
      await (probes.writableDir ?? probeDir)(dir);
    } catch (e) {
      bad.push(
        `alerts.jsonl: cannot write into ${dir} (${(e as Error).message})`,
      );
    }
  }
  const sinks = [
    c.alerts.console && "console",
    c.alerts.jsonl && `file ${c.alerts.jsonl}`,
    c.alerts.webhook && "webhook",
  ].filter(Boolean).join(", ") || "journal only";
  return check(
    "components",
    bad,
    `broker ${c.broker.kind}, feed ${c.feed.kind}, alerts to ${sinks}`,
  );
}

/**
 * Check a parsed session config: one line per check, every check run.
 *
 * @param config The config (already parsed by `PaperConfigSchema`).
 * @param probes Broker reachability and folder checks (defaults: the real ones).
 * @returns The checks `strategy`, `capital`, `limits sane`, `components`,
 *   `broker reachable`, in that order.
 */
export async function checkPaperConfig(
  config: PaperConfig,
  probes: ConfigProbes = {},
): Promise<PreflightCheck[]> {
  const checks = [
    strategyCheck(config),
    capitalCheck(config),
    limitsCheck(config),
    await componentsCheck(config, probes),
  ];
  let broker: PreflightCheck;
  try {
    const detail = await (probes.broker ?? brokerReachable)(config);
    broker = { name: "broker reachable", ok: true, detail };
  } catch (e) {
    broker = {
      name: "broker reachable",
      ok: false,
      detail: (e as Error).message,
    };
  }
  return [...checks, broker];
}

/** A session config that fails {@linkcode checkPaperConfig} (exit 2 in every task). */
export class PaperConfigError extends ConfigError {
  override name = "PaperConfigError";
  /** The failed checks. */
  readonly failed: readonly PreflightCheck[];
  constructor(source: string, failed: readonly PreflightCheck[]) {
    const first = failed[0];
    super(source, first.name, first.name, first.detail);
    this.message = `Invalid config in ${source}: ${
      failed.map((c) => c.detail).join("; ")
    }`;
    this.failed = failed;
  }
}

/**
 * {@linkcode checkPaperConfig}, throwing when any check fails: what a session runs
 * before it creates its `sessions` row. A broker that cannot be reached is a plain
 * `Error` (exit 1: the config may be right, the gateway is not there).
 *
 * @param config The config.
 * @param source Where it came from (a file path), for the message.
 * @param probes As for {@linkcode checkPaperConfig}.
 * @returns The checks, all passed.
 * @throws PaperConfigError listing every failed config check (exit 2), else an
 *   `Error` when only the broker cannot be reached (exit 1).
 */
export async function validatePaperConfig(
  config: PaperConfig,
  source: string,
  probes: ConfigProbes = {},
): Promise<PreflightCheck[]> {
  const checks = await checkPaperConfig(config, probes);
  const failed = checks.filter((c) => !c.ok);
  const invalid = failed.filter((c) => c.name !== "broker reachable");
  if (invalid.length) throw new PaperConfigError(source, invalid);
  if (failed.length) {
    throw new Error(`Cannot start the session: ${failed[0].detail}`);
  }
  return checks;
}
