import assert from "node:assert/strict";
import { readSampleBars } from "../../lib/data/samples.ts";
import {
  drawdownPeriods,
  drawdownSeries,
  maxDrawdown,
  ulcerIndex,
  ulcerPerformanceIndex,
} from "../../lib/metrics/mod.ts";

interface Case {
  name: string;
  returns: number[] | null;
  top: number;
  pyfolio: {
    peak: number;
    valley: number;
    recovery: number | null;
    netDrawdownPct: number;
  }[];
  ffn: { start: number; end: number; drawdown: number }[];
  ulcerIndex: number;
  ulcerPerformanceIndex: number;
  ulcerPerformanceIndexRf3: number;
}
const golden: { cases: Case[] } = JSON.parse(
  await Deno.readTextFile(new URL("../golden/drawdowns.json", import.meta.url)),
);
const sp = (await readSampleBars("SP500")).close;
const spReturns = Float64Array.from(
  { length: sp.length - 1 },
  (_, i) => sp[i + 1] / sp[i] - 1,
);
const returnsOf = (c: Case) =>
  c.returns === null ? spReturns.subarray(1) : Float64Array.from(c.returns);

function close(a: number, b: number, tol: number, what: string): void {
  assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs golden ${b}`);
}

for (const c of golden.cases) {
  Deno.test(`drawdownPeriods() reproduces pyfolio's top-${c.top} table: ${c.name}`, () => {
    const got = drawdownPeriods(returnsOf(c), { top: c.top });
    assert.equal(got.length, c.pyfolio.length);
    got.forEach((p, i) => {
      const g = c.pyfolio[i];
      assert.deepEqual(
        [p.peakIndex, p.valleyIndex, p.recoveryIndex],
        [g.peak, g.valley, g.recovery],
        `period ${i}`,
      );
      close(-100 * p.depth, g.netDrawdownPct, 1e-10, `depth ${i}`);
      assert.equal(p.recovered, g.recovery !== null);
    });
  });

  Deno.test(`drawdownPeriods() maps onto ffn's drawdown_details: ${c.name}`, () => {
    const r = returnsOf(c);
    const all = [...drawdownPeriods(r, { top: Infinity })].sort((a, b) =>
      a.startIndex - b.startIndex
    );
    assert.equal(all.length, c.ffn.length);
    all.forEach((p, i) => {
      const g = c.ffn[i];
      assert.equal(p.startIndex, g.start);
      assert.equal(p.recoveryIndex ?? r.length - 1, g.end);
      close(p.depth, g.drawdown, 1e-12, `drawdown ${i}`);
    });
  });

  Deno.test(`ulcerIndex() and ulcerPerformanceIndex() match numpy: ${c.name}`, () => {
    const r = returnsOf(c);
    close(ulcerIndex(r), c.ulcerIndex, 1e-14, "UI");
    close(ulcerPerformanceIndex(r), c.ulcerPerformanceIndex, 1e-12, "UPI");
    close(
      ulcerPerformanceIndex(r, { riskFreeAnnual: 0.03 }),
      c.ulcerPerformanceIndexRf3,
      1e-12,
      "UPI rf 3%",
    );
  });
}

Deno.test("drawdownPeriods() agrees with maxDrawdown and drawdownSeries on the S&P 500", () => {
  const [worst] = drawdownPeriods(spReturns, { top: 1 });
  assert.equal(worst.depth, maxDrawdown(spReturns));
  assert.equal(worst.depth.toFixed(10), "-0.5677538775");
  const dd = drawdownSeries(spReturns);
  assert.equal(dd[worst.peakIndex], 0);
  assert.equal(dd[worst.recoveryIndex!], 0);
  for (let t = worst.startIndex; t < worst.recoveryIndex!; t++) {
    assert.ok(dd[t] < 0);
  }
  assert.equal(worst.lengthDays, worst.daysToValley + worst.daysToRecovery!);
});

Deno.test("drawdownPeriods() counts the start as a peak, reports open drawdowns and dates", () => {
  const r = new Float64Array([-0.1, 0.05, 0.2, -0.1, 0.01]);
  const dates = [
    "2020-01-01",
    "2020-01-02",
    "2020-01-03",
    "2020-01-06",
    "2020-01-07",
  ];
  const [first, open] = drawdownPeriods(r, { dates });
  assert.deepEqual(
    { ...first },
    {
      peakIndex: -1,
      startIndex: 0,
      valleyIndex: 0,
      recoveryIndex: 2,
      recovered: true,
      depth: first.depth,
      daysToValley: 1,
      daysToRecovery: 2,
      lengthDays: 3,
      peakDate: null,
      valleyDate: "2020-01-01",
      recoveryDate: "2020-01-03",
    },
  );
  close(first.depth, -0.1, 1e-15, "depth");
  assert.equal(open.recovered, false);
  assert.equal(open.recoveryIndex, null);
  assert.equal(open.recoveryDate, null);
  assert.equal(open.daysToRecovery, null);
  assert.equal(open.lengthDays, 2);
  assert.ok(Object.isFrozen(open));
  assert.deepEqual(drawdownPeriods(new Float64Array([0.1, 0, 0.2])), []);
  assert.deepEqual(drawdownPeriods(new Float64Array(0)), []);
  assert.ok(Number.isNaN(ulcerIndex(new Float64Array(0))));
  assert.equal(ulcerIndex(new Float64Array([0.1, 0.2])), 0);
  assert.ok(Number.isNaN(ulcerPerformanceIndex(new Float64Array([0.1, 0.2]))));
});

Deno.test("drawdownPeriods() and the ulcer functions name bad arguments", () => {
  const r = new Float64Array([0.1, -0.1]);
  assert.throws(
    () => drawdownPeriods(r, { top: 0 }),
    /"top" expected an integer >= 1/,
  );
  assert.throws(
    () => drawdownPeriods(r, { dates: ["2020-01-01"] }),
    /"dates" expected 2 dates/,
  );
  assert.throws(() => ulcerIndex([0.1] as unknown as Float64Array), TypeError);
  assert.throws(
    () => ulcerPerformanceIndex(r, { riskFreeAnnual: NaN }),
    /"riskFreeAnnual" expected a finite number/,
  );
});
