import assert from "node:assert/strict";
import { readSampleBars } from "../../lib/data/samples.ts";
import { createSweepPool, sweepMaCrossover } from "../../lib/bench/mod.ts";

const sp = await readSampleBars("SP500");

Deno.test("createSweepPool() gives the single-thread sweep's bits on the full W2 grid", async () => {
  const pool = await createSweepPool({ workers: 1 });
  try {
    const a = await pool.sweep(sp.close);
    const b = sweepMaCrossover(sp.close);
    assert.deepEqual(a.sharpe, b.sharpe);
    assert.deepEqual(a.totalReturn, b.totalReturn);
    assert.deepEqual(a.maxDrawdown, b.maxDrawdown);
    assert.deepEqual(a.best, b.best);
    assert.equal(a.sharpeSum, b.sharpeSum);
  } finally {
    pool.close();
  }
});

Deno.test("createSweepPool() with two workers splits the grid without gaps", async () => {
  const pool = await createSweepPool({ workers: 2 });
  try {
    const opts = { fast: [3, 7, 11], slow: [20, 30, 40, 50] };
    const a = await pool.sweep(sp.close, opts);
    assert.deepEqual(a.sharpe, sweepMaCrossover(sp.close, opts).sharpe);
  } finally {
    pool.close();
  }
});

Deno.test("createSweepPool() rejects a bad pool size", async () => {
  await assert.rejects(() => createSweepPool({ workers: 0 }), RangeError);
});
