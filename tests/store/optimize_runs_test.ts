import assert from "node:assert/strict";
import { optimizeWalkForward } from "../../lib/optimize/mod.ts";
import { optimizeRecords } from "../../lib/store/mod.ts";
import { OptimizeFlagsSchema } from "../../lib/cli/_optimize_flags.ts";
import { parseConfig } from "../../lib/_shared/config.ts";
import { randomWalkBars } from "../strategies/_fixtures.ts";

Deno.test("optimizeRecords() gives one run row and one row per trial, with the selected flags", () => {
  const r = optimizeWalkForward(randomWalkBars(900, 3), {
    strategy: "breakout",
    train: 300,
    test: 150,
    partitions: 4,
  });
  const rows = optimizeRecords(r, {
    runId: "optimize-t",
    symbols: ["RW"],
    config: { a: 1 },
    dataHash: "ab",
  });
  assert.equal(rows.trials.length, r.configs.length * r.folds.length);
  assert.equal(rows.trials.filter((t) => t.selected).length, r.folds.length);
  assert.equal(rows.run.n_trials, rows.trials.length);
  assert.equal(rows.run.config_json, '{"a":1}');
  assert.equal(rows.run.oos_start, r.oos.dates[0]);
  const t0 = r.trials[0];
  const total = t0.testReturns.reduce((a, x) => a * (1 + x), 1) - 1;
  assert.ok(Math.abs(rows.trials[0].test_total_return - total) < 1e-12);
  assert.equal(rows.trials[0].params_json, JSON.stringify(t0.params));
  assert.deepEqual(
    JSON.parse(rows.trials[0].test_returns_json),
    Array.from(t0.testReturns),
  );
});

Deno.test("OptimizeFlagsSchema applies defaults and rejects bad flags", () => {
  const c = parseConfig(OptimizeFlagsSchema, {
    strategy: "pairs",
    symbols: "A,B",
  }, "--flags");
  assert.equal(c.trainLen, 504);
  assert.equal(c.testLen, 126);
  assert.equal(c.search, "grid");
  assert.throws(
    () => parseConfig(OptimizeFlagsSchema, { strategy: "magic" }, "--flags"),
    /strategy/,
  );
  assert.throws(
    () => parseConfig(OptimizeFlagsSchema, { partitions: 5 }, "--flags"),
    /partitions/,
  );
  assert.throws(
    () => parseConfig(OptimizeFlagsSchema, { symbols: "A" }, "--flags"),
    /symbols/,
  );
  assert.throws(
    () =>
      parseConfig(OptimizeFlagsSchema, { startDate: "2020/01/01" }, "--flags"),
    /startDate/,
  );
  assert.throws(
    () => parseConfig(OptimizeFlagsSchema, { extra: true }, "--flags"),
    /unknown field "extra"; allowed: symbol, /,
  );
});
