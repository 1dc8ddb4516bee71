/**
 * The runtime half of `noUncheckedIndexedAccess` (see lib/README.md): every exported
 * function of the pure numeric domains that takes typed columns is called on inputs that
 * throw on any read outside their bounds, for many lengths (0, 1, 2, ... , 300) and
 * seeds. A kernel that reads `x[i]` past the end (which TypeScript lets through as a
 * `number`, and which silently becomes `undefined` -> NaN) fails here with its name.
 */
import assert from "node:assert/strict";
import { createNormal, createRng } from "../lib/_shared/seed.ts";
import * as metrics from "../lib/metrics/mod.ts";
import * as features from "../lib/features/mod.ts";
import * as regime from "../lib/regime/mod.ts";
import * as strategies from "../lib/strategies/mod.ts";
import * as backtest from "../lib/backtest/mod.ts";

/** Thrown by a bounds-checked column when a kernel reads outside it. */
class OutOfBounds extends Error {
  override name = "OutOfBounds";
}

/**
 * A `Float64Array` whose element reads are checked: an integer index outside
 * `[0, length)` throws {@linkcode OutOfBounds}; everything else behaves as the array.
 */
function checked(values: Float64Array): Float64Array {
  return new Proxy(values, {
    get(target, key) {
      if (typeof key === "string" && /^-?\d+$/.test(key)) {
        const i = Number(key);
        if (i < 0 || i >= target.length) {
          throw new OutOfBounds(
            `read index ${i} of a column of length ${target.length}`,
          );
        }
        return target[i];
      }
      const v = Reflect.get(target, key, target);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}

function series(n: number, seed: number, level = 0): Float64Array {
  const z = createNormal(createRng(seed));
  const out = new Float64Array(n);
  let p = 100;
  for (let i = 0; i < n; i++) {
    const r = 0.0003 + 0.01 * z();
    out[i] = level ? (p *= Math.exp(r)) : r;
  }
  return out;
}

const LENGTHS = [0, 1, 2, 3, 5, 20, 64, 300];

/** Options most kernels understand (windows, thresholds, sizes), for the second call shape. */
const OPTIONS = {
  window: 10,
  period: 10,
  windowDays: 10,
  lookbackDays: 10,
  fastDays: 5,
  slowDays: 20,
  threshold: 0.5,
  scale: 10,
  cap: 1,
  targetVolAnnual: 0.1,
  nObs: 300,
  trials: 5,
  seed: 1,
};

/** Any exported kernel, called with whatever the probe passes. */
type Kernel = (...args: unknown[]) => unknown;

/** Every exported function of a module namespace. */
function functionsOf(ns: Record<string, unknown>): [string, Kernel][] {
  return Object.entries(ns).filter((e): e is [string, Kernel] =>
    typeof e[1] === "function" && !/^[A-Z]/.test(e[0])
  );
}

/** Names of the kernels a probe ran to completion (so the test is not vacuous). */
const ran = new Set<string>();

/** Call `fn` with checked columns; only an out-of-bounds read is a failure. */
function probe(name: string, call: () => unknown, bad: string[]): void {
  try {
    call();
    ran.add(name.split("(")[0]);
  } catch (e) {
    if (e instanceof OutOfBounds) bad.push(`${name}: ${e.message}`);
  }
}

Deno.test("metrics kernels never read a return series out of bounds", () => {
  const bad: string[] = [];
  for (const [name, fn] of functionsOf(metrics)) {
    for (const n of LENGTHS) {
      for (const seed of [1, 2]) {
        const r = checked(series(n, seed)), f = checked(series(n, seed + 10));
        probe(`${name}(n=${n})`, () => fn(r), bad);
        probe(`${name}(n=${n}, factor)`, () => fn(r, f), bad);
        probe(`${name}(n=${n}, 5)`, () => fn(r, 5), bad);
      }
    }
  }
  assert.deepEqual(bad, []);
  const kernels = functionsOf(metrics).map(([name]) => name);
  const exercised = kernels.filter((k) => ran.has(k));
  assert.ok(
    exercised.length >= 0.8 * kernels.length,
    `only ${exercised.length} of ${kernels.length} metrics ran`,
  );
});

Deno.test("features, regime, strategy and backtest kernels never read a column out of bounds", () => {
  const bad: string[] = [];
  const namespaces = { features, regime, strategies, backtest };
  for (const [ns, mod] of Object.entries(namespaces)) {
    for (const [name, fn] of functionsOf(mod)) {
      for (const n of LENGTHS) {
        const close = checked(series(n, 3, 100));
        const ret = checked(series(n, 4));
        const bars = {
          symbol: "X",
          dates: Array.from({ length: n }, (_, i) => `d${10000 + i}`),
          open: close,
          high: close,
          low: close,
          close,
          volume: checked(series(n, 5, 1e6)),
        };
        const calls: unknown[][] = [
          [close],
          [ret],
          [close, 10],
          [close, ret],
          [close, ret, 10],
          [bars],
          [close, OPTIONS],
          [close, ret, OPTIONS],
          [bars, OPTIONS],
          [{ forwardReturns: ret }, close, OPTIONS],
          [close, 0.5, OPTIONS],
        ];
        for (const args of calls) {
          probe(
            `${ns}.${name}(n=${n}, ${args.length} args)`,
            () => fn(...args),
            bad,
          );
        }
      }
    }
  }
  assert.deepEqual(bad, []);
  // most of them took one of the call shapes (the rest need other inputs, e.g. HMM
  // parameters): the check is not vacuous
  const kernels = Object.entries(namespaces).flatMap(([ns, mod]) =>
    functionsOf(mod).map(([name]) => `${ns}.${name}`)
  );
  const exercised = kernels.filter((k) => ran.has(k));
  assert.ok(
    exercised.length >= 0.5 * kernels.length,
    `only ${exercised.length} of ${kernels.length} kernels ran`,
  );
});

Deno.test("the bounds check itself fails on a read past the end", () => {
  const x = checked(new Float64Array([1, 2, 3]));
  assert.equal(x.length, 3);
  assert.equal(x[2], 3);
  assert.equal(x.reduce((a, b) => a + b, 0), 6);
  assert.throws(() => x[3], OutOfBounds);
  assert.throws(() => x[-1], OutOfBounds);
  const bad: string[] = [];
  probe("sumTooFar", () => {
    let s = 0;
    for (let i = 0; i <= x.length; i++) s += x[i];
    return s;
  }, bad);
  assert.deepEqual(bad, ["sumTooFar: read index 3 of a column of length 3"]);
});
