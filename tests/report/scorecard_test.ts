import assert from "node:assert/strict";
import { scorecard, type ScorecardCheck } from "../../lib/report/mod.ts";

const base: ScorecardCheck = {
  name: "Sharpe",
  measured: 1,
  threshold: 0.8,
  comparator: ">",
  unit: "",
  note: "",
};

Deno.test("scorecard() fails closed on null, NaN and infinite measurements", () => {
  const rows = scorecard([
    { ...base, measured: null },
    { ...base, measured: NaN },
    { ...base, measured: Infinity },
    { ...base, measured: undefined as unknown as null },
  ]);
  assert.deepEqual(rows.map((r) => r.pass), [false, false, false, false]);
  assert.ok(rows.every((r) => r.reason === "not measured"));
});

Deno.test("scorecard() applies each comparator strictly at the threshold", () => {
  const at = (comparator: ScorecardCheck["comparator"]) =>
    scorecard([{ ...base, measured: 0.8, comparator }])[0].pass;
  assert.equal(at(">"), false);
  assert.equal(at(">="), true);
  assert.equal(at("<"), false);
  assert.equal(at("<="), true);
  assert.equal(
    scorecard([{
      ...base,
      measured: 0.07,
      threshold: 0.08,
      comparator: "<",
    }])[0].pass,
    true,
  );
});

Deno.test("scorecard() keeps order, does not mutate input, rejects unknown comparator", () => {
  const checks = [{ ...base, name: "a" }, {
    ...base,
    name: "b",
    measured: 0.1,
  }];
  const copy = structuredClone(checks);
  const rows = scorecard(checks);
  assert.deepEqual(rows.map((r) => [r.name, r.pass]), [["a", true], [
    "b",
    false,
  ]]);
  assert.deepEqual(checks, copy);
  assert.throws(
    () => scorecard([{ ...base, comparator: "==" as ">" }]),
    RangeError,
  );
  assert.deepEqual(scorecard([]), []);
});
