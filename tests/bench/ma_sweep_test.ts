import assert from "node:assert/strict";
import { createRng } from "../../lib/_shared/seed.ts";
import { readSampleBars } from "../../lib/data/samples.ts";
import { maGrid, smaBlock, sweepMaCrossover } from "../../lib/bench/mod.ts";

const golden = JSON.parse(
  await Deno.readTextFile(new URL("../golden/w2.json", import.meta.url)),
);
const sp = await readSampleBars("SP500");

const near = (a: number, b: number, rel: number, what: string) =>
  assert.ok(
    Math.abs(a - b) <= rel * Math.max(1, Math.abs(b)),
    `${what}: ${a} vs ${b}`,
  );

Deno.test("sweepMaCrossover() matches the plain-python W2 golden to 1e-9", () => {
  const r = sweepMaCrossover(sp.close);
  assert.equal(r.pairs, golden.pairs);
  assert.equal(r.days, golden.days);
  assert.equal(r.best.fast, golden.best_fast);
  assert.equal(r.best.slow, golden.best_slow);
  near(r.best.sharpe, golden.best_sharpe, 1e-9, "best sharpe");
  near(r.best.totalReturn, golden.best_total_return, 1e-9, "best total return");
  near(r.best.maxDrawdown, golden.best_max_drawdown, 1e-9, "best max drawdown");
  near(r.sharpeSum, golden.sharpe_sum, 1e-9, "sharpe sum");
  golden.sharpe.forEach((s: number, i: number) =>
    near(r.sharpe[i], s, 1e-9, `sharpe of pair ${i}`)
  );
  for (const [fast, slow, sharpe, tr, mdd] of golden.sample) {
    const i = [...r.fast].findIndex((f, k) => f === fast && r.slow[k] === slow);
    near(r.sharpe[i], sharpe, 1e-9, `${fast}/${slow} sharpe`);
    near(r.totalReturn[i], tr, 1e-9, `${fast}/${slow} total return`);
    near(r.maxDrawdown[i], mdd, 1e-9, `${fast}/${slow} max drawdown`);
  }
});

Deno.test("smaBlock() keeps SMA40 < SMA45 on 2005-04-06 (the SPEC's 2.9e-10 near-tie)", () => {
  const t = sp.dates.indexOf("2005-04-06");
  const { block, row, n } = smaBlock(sp.close, Int32Array.of(40, 45));
  const direct = (k: number) => {
    let s = 0, c = 0; // Neumaier: a sum independent of the prefix-sum path
    for (let i = t - k + 1; i <= t; i++) {
      const x = sp.close[i], u = s + x;
      c += Math.abs(s) >= Math.abs(x) ? s - u + x : x - u + s;
      s = u;
    }
    return (s + c) / k;
  };
  const a = block[row[40] * n + t], b = block[row[45] * n + t];
  const rel = (x: number, y: number) => Math.abs(x - y) / y;
  assert.ok(rel(a, direct(40)) < 1e-13, `SMA40 off by ${rel(a, direct(40))}`);
  assert.ok(rel(b, direct(45)) < 1e-13, `SMA45 off by ${rel(b, direct(45))}`);
  assert.equal(Math.sign(a - b), Math.sign(direct(40) - direct(45)));
  const gap = Math.abs(direct(40) - direct(45)) / direct(45);
  assert.ok(gap > 1e-10 && gap < 1e-9, `relative gap ${gap}`);
});

Deno.test("sweepMaCrossover() computes a hand-worked pair exactly", () => {
  // SMA2 = [., 1, 1.5, 2.5, 2.5]; p = [0, 0, 1, 1, 0]; ret = [0, 1, .5, -1/3, -.5]
  const r = sweepMaCrossover(new Float64Array([1, 1, 2, 3, 2, 1]), {
    fast: [1],
    slow: [2],
  });
  const s = [0, 0, 0.5 - 0.0001, -1 / 3, -0.0001];
  const m = s.reduce((a, b) => a + b) / 5;
  const sd = Math.sqrt(s.reduce((a, x) => a + (x - m) ** 2, 0) / 4);
  near(r.sharpe[0], (m / sd) * Math.sqrt(252), 1e-14, "sharpe");
  near(r.totalReturn[0], 1.4999 * (2 / 3) * 0.9999 - 1, 1e-15, "total return");
  near(r.maxDrawdown[0], 1 - (2 / 3) * 0.9999, 1e-15, "max drawdown");
  assert.equal(r.days, 5);
});

/** Day-by-day reference straight from the SPEC text (direct window sums, two-pass std). */
function reference(close: Float64Array, fast: number, slow: number) {
  const sma = (k: number, t: number) => {
    let s = 0;
    for (let i = t - k + 1; i <= t; i++) s += close[i];
    return s / k;
  };
  const s: number[] = [];
  let prev = 0;
  for (let t = 0; t + 1 < close.length; t++) {
    const p = t >= slow - 1 && sma(fast, t) > sma(slow, t) ? 1 : 0;
    s.push(p * (close[t + 1] / close[t] - 1) - 0.0001 * Math.abs(p - prev));
    prev = p;
  }
  const m = s.reduce((a, b) => a + b) / s.length;
  const sd = Math.sqrt(
    s.reduce((a, x) => a + (x - m) ** 2, 0) / (s.length - 1),
  );
  let eq = 1, peak = 1, mdd = 0;
  for (const x of s) {
    eq *= 1 + x;
    peak = Math.max(peak, eq);
    mdd = Math.max(mdd, 1 - eq / peak);
  }
  return { sharpe: (m / sd) * Math.sqrt(252), totalReturn: eq - 1, mdd };
}

Deno.test("sweepMaCrossover() equals a day-by-day SPEC reference on seeded random walks", () => {
  for (const seed of [1, 2, 3]) {
    const rng = createRng(seed);
    const close = new Float64Array(700);
    close[0] = 100;
    for (let t = 1; t < close.length; t++) {
      close[t] = close[t - 1] * (1 + 0.02 * (rng() - 0.5));
    }
    const r = sweepMaCrossover(close, { fast: [2, 5, 13], slow: [5, 20, 60] });
    assert.equal(r.pairs, 7);
    for (let i = 0; i < r.pairs; i++) {
      const ref = reference(close, r.fast[i], r.slow[i]);
      near(r.sharpe[i], ref.sharpe, 1e-12, `seed ${seed} pair ${i} sharpe`);
      near(
        r.totalReturn[i],
        ref.totalReturn,
        1e-12,
        `seed ${seed} pair ${i} tr`,
      );
      near(r.maxDrawdown[i], ref.mdd, 1e-12, `seed ${seed} pair ${i} mdd`);
    }
  }
});

Deno.test("sweepMaCrossover() never trades when slow exceeds the data, and rejects bad closes", () => {
  const r = sweepMaCrossover(new Float64Array([1, 2, 3]), {
    fast: [2],
    slow: [5],
  });
  assert.ok(Number.isNaN(r.sharpe[0]), "0/0 Sharpe is undefined");
  assert.equal(r.totalReturn[0], 0);
  assert.equal(r.maxDrawdown[0], 0);
  assert.ok(Number.isNaN(r.best.fast));
  assert.throws(() => sweepMaCrossover(new Float64Array([1])), RangeError);
  assert.throws(
    () => sweepMaCrossover(new Float64Array([1, NaN, 2])),
    /non-finite/,
  );
});

Deno.test("sweepMaCrossover() does not mutate its input and repeats bit for bit", () => {
  const before = sp.close.slice();
  const a = sweepMaCrossover(sp.close, { fast: [5, 10], slow: [50, 100] });
  const b = sweepMaCrossover(sp.close, { fast: [5, 10], slow: [50, 100] });
  assert.deepEqual(sp.close, before);
  assert.deepEqual(a.sharpe, b.sharpe);
});

Deno.test("maGrid() builds the SPEC's 2,191 fast < slow pairs in fast-major order", () => {
  const g = maGrid();
  assert.equal(g.fast.length, 2191);
  assert.ok(g.fast.every((f, i) => f < g.slow[i]));
  assert.deepEqual([g.fast[0], g.slow[0]], [2, 20]);
  assert.deepEqual([g.fast[2190], g.slow[2190]], [50, 250]);
  assert.throws(() => maGrid({ fast: [0] }), /expected an integer >= 1, got 0/);
});
