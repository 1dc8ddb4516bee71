import assert from "node:assert/strict";
import { ConfigError } from "../../lib/_shared/errors.ts";
import {
  parseSanityOptions,
  RULE_IDS,
  sanityHook,
} from "../../lib/sanity/mod.ts";

Deno.test("parseSanityOptions() fills documented defaults and today's UTC date", () => {
  const o = parseSanityOptions();
  assert.deepEqual({ ...o, now: "x" }, {
    mode: "strict",
    now: "x",
    maxMove: 0.25,
    maxGapDays: 5,
    staleDays: 5,
    splitTolerance: 0.05,
    splitRevertDays: 5,
    lookaheadColumns: ["returns", "label", "target"],
    lookaheadZ: 4,
    skip: [],
  });
  assert.equal(o.now, new Date().toISOString().slice(0, 10));
  assert.equal(parseSanityOptions({ mode: "RELAXED" }).mode, "relaxed");
});

Deno.test("parseSanityOptions() errors name the field, expected and received values", () => {
  const bad: [unknown, RegExp][] = [
    [{ mode: "lenient" }, /field "mode".*got "lenient"/],
    [{ now: "01/02/2024" }, /field "now": expected a calendar date YYYY-MM-DD/],
    [{ maxMove: 0 }, /field "maxMove"/],
    [{ staleDays: 1 }, /field "staleDays"/],
    [{ skip: ["gaps"] }, /field "skip.0"/],
    [{ maxGap: 3 }, /unknown keys \(maxGap\)/],
  ];
  for (const [raw, re] of bad) {
    assert.throws(() => parseSanityOptions(raw, "--flags"), (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.match(e.message, /^Invalid config in --flags/);
      assert.match(e.message, re);
      return true;
    });
  }
});

Deno.test("RULE_IDS lists the 16 rules once each", () => {
  assert.equal(new Set(RULE_IDS).size, 16);
});

Deno.test("sanityHook() validates its options before any table is seen", () => {
  assert.throws(() => sanityHook({ maxMove: -1 }), /maxMove/);
});
