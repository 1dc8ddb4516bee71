/**
 * Preflight: the checklist run before a paper (or live) session starts. Every check
 * answers pass/fail with a detail line; any failure means "do not start".
 *
 * Checks: config valid (the schema), then the session's own validation
 * (`checkPaperConfig`: strategy and parameters, capital, limits sane, components, broker
 * reachable: the same function `runPaper` refuses a config with), data present for every
 * symbol and period, data fresh (covers the requested end, or for a live feed is at most
 * `maxStaleWeekdays` old), DataSanity clean (STRICT), no pending kill request, reports
 * folder writable, clock sane (system clock after the last bar and agreeing with the
 * database clock).
 *
 * The checks are plain async functions over injected probes, so tests can drive each one
 * to fail; the CLI wires the real probes.
 *
 * @module
 */
import type { PaperConfig } from "./config.ts";
import { checkPaperConfig, CONFIG_CHECKS } from "./validate_config.ts";

/** One line of the checklist. */
export interface PreflightCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** What preflight needs to look at. */
export interface PreflightProbes {
  /** Parse the config; throw a `ConfigError` when invalid. */
  readonly loadConfig: () => Promise<PaperConfig>;
  /** First and last bar date and count per symbol (undefined when absent). */
  readonly coverage: (
    symbol: string,
  ) => Promise<{ first: string; last: string; rows: number } | undefined>;
  /** DataSanity STRICT over the symbols: problems as text (empty = clean). */
  readonly sanity: (symbols: readonly string[]) => Promise<string[]>;
  /** True when a kill request is waiting. */
  readonly killPending: () => Promise<boolean>;
  /** Broker reachability: resolves to a detail line, rejects when unreachable. @default `brokerReachable` */
  readonly broker?: (config: PaperConfig) => Promise<string>;
  /** Write and remove a probe file in the reports folder. */
  readonly reportsWritable: () => Promise<string>;
  /** The database's idea of now (ISO instant). */
  readonly dbNow: () => Promise<string>;
  /** The system clock. @default new Date() */
  readonly now?: () => Date;
  /** Largest acceptable age of the last bar for a live (poll) feed. @default 5 */
  readonly maxStaleWeekdays?: number;
}

function weekdaysBetween(a: string, b: string): number {
  let n = 0;
  const end = Date.parse(b.slice(0, 10) + "T00:00:00Z");
  for (
    let t = Date.parse(a.slice(0, 10) + "T00:00:00Z") + 86400000;
    t <= end;
    t += 86400000
  ) {
    const d = new Date(t).getUTCDay();
    if (d !== 0 && d !== 6) n++;
  }
  return n;
}

async function attempt(
  name: string,
  fn: () => Promise<string | PreflightCheck>,
): Promise<PreflightCheck> {
  try {
    const r = await fn();
    return typeof r === "string" ? { name, ok: true, detail: r } : r;
  } catch (e) {
    return { name, ok: false, detail: (e as Error).message };
  }
}

/**
 * Run every check (all of them, even after a failure, so the list is complete).
 *
 * @param p The probes (the CLI wires `storePreflightProbes`).
 * @returns The checklist in a fixed order.
 */
export async function runPreflight(
  p: PreflightProbes,
): Promise<PreflightCheck[]> {
  let config: PaperConfig | undefined;
  const checks: PreflightCheck[] = [
    await attempt("config valid", async () => {
      config = await p.loadConfig();
      return `strategy ${config.strategy.name} on ${
        config.symbols.join(", ")
      }, capital ${config.capital}`;
    }),
  ];
  checks.push(...(config ? await configChecks(p, config) : notChecked()));
  checks.push(await killCheck(p));
  checks.push(await attempt("reports writable", () => p.reportsWritable()));
  checks.push(await clockCheck(p));
  return checks;
}

type Coverage = Map<
  string,
  { first: string; last: string; rows: number } | undefined
>;

/** The checks that need a valid config, in order. */
async function configChecks(
  p: PreflightProbes,
  c: PaperConfig,
): Promise<PreflightCheck[]> {
  const cov: Coverage = new Map();
  for (const s of c.symbols) {
    cov.set(s, await p.coverage(s).catch(() => undefined));
  }
  const missing = c.symbols.filter((s) => !cov.get(s)?.rows);
  return [
    ...await checkPaperConfig(c, { broker: p.broker }),
    presentCheck(c, cov, missing),
    freshCheck(p, c, cov, missing),
    await sanityCheck(p, c, missing),
  ];
}

function notChecked(): PreflightCheck[] {
  return [
    ...CONFIG_CHECKS,
    "data present",
    "data fresh",
    "data sanity",
  ].map((name) => ({
    name,
    ok: false,
    detail: "not checked: the config is invalid",
  }));
}

function presentCheck(
  c: PaperConfig,
  cov: Coverage,
  missing: string[],
): PreflightCheck {
  return {
    name: "data present",
    ok: missing.length === 0,
    detail: missing.length
      ? `no bars stored for ${
        missing.join(", ")
      }: run deno task ingest FILE --symbol S`
      : c.symbols.map((s) =>
        `${s} ${cov.get(s)!.first}..${cov.get(s)!.last} (${
          cov.get(s)!.rows
        } bars)`
      ).join("; "),
  };
}

/** Replay: the data covers the session period; live (poll): the last bar is recent. */
function freshCheck(
  p: PreflightProbes,
  c: PaperConfig,
  cov: Coverage,
  missing: string[],
): PreflightCheck {
  const today = (p.now ?? (() => new Date()))().toISOString().slice(0, 10);
  const stale: string[] = [];
  for (const s of c.symbols) {
    const k = cov.get(s);
    if (!k) continue;
    if (c.feed.kind === "poll") {
      const age = weekdaysBetween(k.last, today);
      if (age > (p.maxStaleWeekdays ?? 5)) {
        stale.push(`${s} last bar ${k.last} is ${age} weekdays old`);
      }
      continue;
    }
    if (c.feed.from && k.last < c.feed.from) {
      stale.push(
        `${s} ends ${k.last}, before the session starts ${c.feed.from}`,
      );
    }
    if (c.feed.to && k.last < c.feed.to) {
      stale.push(
        `${s} ends ${k.last}; the session will stop there, not at ${c.feed.to}`,
      );
    }
  }
  return {
    name: "data fresh",
    ok: stale.length === 0 && missing.length === 0,
    detail: stale.length
      ? stale.join("; ")
      : missing.length
      ? "not checked: data missing"
      : "covers the session period",
  };
}

function sanityCheck(
  p: PreflightProbes,
  c: PaperConfig,
  missing: string[],
): Promise<PreflightCheck> {
  return attempt("data sanity", async () => {
    const problems = missing.length
      ? ["not checked: data missing"]
      : await p.sanity(c.symbols);
    return problems.length
      ? { name: "data sanity", ok: false, detail: problems.join("; ") }
      : "STRICT DataSanity clean";
  });
}

function killCheck(p: PreflightProbes): Promise<PreflightCheck> {
  return attempt("no pending kill", async () =>
    (await p.killPending())
      ? {
        name: "no pending kill",
        ok: false,
        detail: "a kill request is pending: remove <db>.kill deliberately",
      }
      : "no kill request");
}

/** The system clock is after 2020 and agrees with the database's within 5 s. */
function clockCheck(p: PreflightProbes): Promise<PreflightCheck> {
  return attempt("clock sane", async () => {
    const sys = (p.now ?? (() => new Date()))();
    const db = Date.parse(await p.dbNow());
    const skew = Math.abs(sys.getTime() - db) / 1000;
    if (!(skew < 5)) {
      return {
        name: "clock sane",
        ok: false,
        detail: `system and database clocks differ by ${skew.toFixed(1)} s`,
      };
    }
    if (sys.getUTCFullYear() < 2020) {
      return {
        name: "clock sane",
        ok: false,
        detail: `system clock says ${sys.toISOString()}`,
      };
    }
    return `UTC ${sys.toISOString()}, database agrees within ${
      skew.toFixed(2)
    } s`;
  });
}
