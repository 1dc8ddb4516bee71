/**
 * A session's strategy as the config names it, resolved against the registry
 * (`lib/strategies`) and checked before anything runs: the name is known, every
 * parameter is one the strategy has and a number (or true/false for a 0/1 flag), the
 * combination is one the strategy accepts (the kernel's own rule, e.g. "1 <= fastDays <
 * slowDays"), the symbols fit (a pair needs two), and the warm-up history covers the
 * strategy's lookback. Preflight shows the problems as a check; the session refuses to
 * start on any of them.
 *
 * @module
 */
import { crExp } from "../_shared/cr_math.ts";
import type { Bars } from "../_shared/types.ts";
import {
  STRATEGIES,
  type Strategy,
  type StrategyParams,
} from "../strategies/mod.ts";

/** A strategy with its parameters resolved (defaults overlaid by the config's). */
export interface ResolvedStrategy {
  readonly strategy: Strategy;
  readonly params: StrategyParams;
  /** Bars of history the strategy needs before its first non-flat target. */
  readonly lookback: number;
}

/** The strategy part of a session config. */
export interface StrategySpec {
  readonly name: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/** Longest lookback a session accepts (40 years of daily bars). */
const MAX_LOOKBACK = 10_000;

/** One problem, starting with the config field it is about. */
type Problems = string[];

function paramValues(
  s: Strategy,
  spec: StrategySpec,
  problems: Problems,
): Record<string, number> {
  const p: Record<string, number> = { ...s.defaults };
  const known = Object.keys(s.defaults).join(", ");
  for (const [k, v] of Object.entries(spec.params)) {
    if (!(k in s.defaults)) {
      problems.push(
        `strategy.params.${k}: ${s.name} has no parameter "${k}" (its parameters: ${known})`,
      );
    } else if (typeof v === "boolean") p[k] = v ? 1 : 0;
    else if (typeof v === "number" && Number.isFinite(v)) p[k] = v;
    else {
      problems.push(
        `strategy.params.${k}: expected a finite number, got ${
          JSON.stringify(v)
        }`,
      );
    }
  }
  return p;
}

/** Deterministic, gently moving closes: enough to run a strategy's kernel once. */
function probeBars(n: number, count: number): Bars[] {
  return Array.from({ length: count }, (_, j) => {
    const close = Float64Array.from(
      { length: n },
      (_, i) => 100 * crExp(0.02 * Math.sin((i + 3 * j) / 5) + 0.0002 * i),
    );
    return {
      symbol: `P${j}`,
      dates: Array.from({ length: n }, (_, i) => `d${i}`),
      open: close,
      high: close.map((c) => c * 1.01),
      low: close.map((c) => c * 0.99),
      close,
      volume: new Float64Array(n).fill(1e6),
    };
  });
}

/** The kernel's verdict on the parameters (its RangeError says why), or "". */
function kernelVerdict(s: Strategy, p: StrategyParams, lookback: number) {
  const count = s.symbols === "many" ? 3 : s.symbols;
  try {
    s.weights(probeBars(lookback + 10, count), p);
    return "";
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

function shown(p: StrategyParams): string {
  return Object.entries(p).map(([k, v]) => `${k} ${v}`).join(", ");
}

/**
 * Resolve and check a session's strategy.
 *
 * @param spec The config's `strategy` (name and parameter overrides).
 * @param symbols The session's symbols, in order.
 * @param warmupBars Bars of history handed to the strategy before the session starts
 *   (omitted: not checked, e.g. for a backtest of the rules).
 * @returns The resolved strategy (when the name is known) and every problem found,
 *   each starting with the config field it is about; no problem means it can run.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkStrategy } from "./resolve_strategy.ts";
 * const ok = checkStrategy({ name: "ma_crossover", params: { fastDays: 20, slowDays: 100 } }, ["SP500"], 260);
 * assert.deepEqual(ok.problems, []);
 * assert.equal(ok.resolved?.lookback, 100);
 * const bad = checkStrategy({ name: "ma_crossover", params: { fastDays: 100, slowDays: 20 } }, ["SP500"], 260);
 * assert.match(bad.problems[0], /^strategy\.params: .*fastDays < slowDays/);
 * ```
 */
export function checkStrategy(
  spec: StrategySpec,
  symbols: readonly string[],
  warmupBars?: number,
): { resolved?: ResolvedStrategy; problems: string[] } {
  const s = STRATEGIES[spec.name];
  if (!s) {
    return {
      problems: [
        `strategy.name: expected one of ${
          Object.keys(STRATEGIES).join(", ")
        }, got ${JSON.stringify(spec.name)}`,
      ],
    };
  }
  const problems: Problems = [];
  const params = paramValues(s, spec, problems);
  if (s.symbols === 2 && symbols.length !== 2) {
    problems.push(
      `symbols: ${s.name} trades a pair: expected 2 symbols, got ${symbols.length}`,
    );
  }
  if (problems.length) return { problems };
  const lookback = s.lookback(params);
  if (!(Number.isInteger(lookback) && lookback >= 0)) {
    problems.push(
      `strategy.params: ${s.name} with ${
        shown(params)
      } needs a lookback of ${lookback} bars: expected whole, non-negative windows`,
    );
  } else if (lookback > MAX_LOOKBACK) {
    problems.push(
      `strategy.params: ${s.name} with ${
        shown(params)
      } looks back ${lookback} bars: at most ${MAX_LOOKBACK} supported`,
    );
  } else {
    const why = kernelVerdict(s, params, lookback);
    if (why || !s.valid(params)) {
      problems.push(
        `strategy.params: ${s.name} cannot run with ${shown(params)}: ${
          why || "the combination breaks its rule (see lib/strategies)"
        }`,
      );
    } else if (warmupBars !== undefined && warmupBars < lookback) {
      problems.push(
        `feed.warmupBars: ${warmupBars} bars of history are fewer than the ${lookback} ${s.name} needs: it would stay flat for the session's first ${
          lookback - warmupBars
        } bars; set feed.warmupBars to at least ${lookback}`,
      );
    }
  }
  return problems.length
    ? { problems }
    : { resolved: { strategy: s, params, lookback }, problems };
}

/**
 * {@linkcode checkStrategy}, throwing on the first problem (the session's guard: a
 * config that preflight passed never fails here).
 *
 * @param spec The config's `strategy`.
 * @param symbols The session's symbols.
 * @param warmupBars Bars of warm-up history (omitted: not checked).
 * @returns The resolved strategy.
 * @throws RangeError naming the field and what was expected.
 */
export function resolveStrategy(
  spec: StrategySpec,
  symbols: readonly string[],
  warmupBars?: number,
): ResolvedStrategy {
  const { resolved, problems } = checkStrategy(spec, symbols, warmupBars);
  if (!resolved) throw new RangeError(problems.join("; "));
  return resolved;
}
