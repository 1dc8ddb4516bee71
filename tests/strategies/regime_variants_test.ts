import assert from "node:assert/strict";
import type { Bars } from "../../lib/_shared/types.ts";
import { readSampleBars } from "../../lib/data/mod.ts";
import { foldsFor, runRegimeVariants } from "../../lib/strategies/mod.ts";
import { scalePrices } from "./_fixtures.ts";

/** The bars with every close (and open/high/low) from `from` on multiplied by `factor`. */
function jumpFrom(b: Bars, from: number, factor: number): Bars {
  return scalePrices(b, (t) => (t >= from ? factor : 1));
}

Deno.test("regime switch variants learn their choices from the training window only: a jump on the first test bar changes no choice", async () => {
  const bars = await readSampleBars("SP500");
  const walk = { train: 504, test: 252, costBps: 1 };
  const folds = foldsFor(bars.dates.length, walk);
  const base = runRegimeVariants(bars, folds, walk.costBps);
  const switches = base.filter((o) => o.name.endsWith("_switch"));
  assert.equal(switches.length, 2);
  for (const k of [0, 3, 7, 12]) {
    const f = folds[k];
    for (const factor of [0.3, 3]) {
      const moved = runRegimeVariants(
        jumpFrom(bars, f.trainEnd, factor),
        folds,
        walk.costBps,
      );
      for (const o of switches) {
        const m = moved.find((x) => x.name === o.name)!;
        assert.deepEqual(
          m.folds[k].choices,
          o.folds[k].choices,
          `${o.name} fold ${k} x${factor}`,
        );
      }
    }
  }
});
