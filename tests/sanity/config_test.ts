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
    [
      { mode: "lenient" },
      /field "mode": expected strict or relaxed \(either case\), got "lenient"$/,
    ],
    [{ now: "01/02/2024" }, /field "now": expected a calendar date YYYY-MM-DD/],
    [
      { maxMove: 0 },
      /field "maxMove": expected a number greater than 0, got 0$/,
    ],
    [
      { staleDays: 1 },
      /field "staleDays": expected a whole number at least 2, got 1$/,
    ],
    [
      { skip: ["gaps"] },
      /field "skip.0": expected one of missing_value, .*, got "gaps"$/,
    ],
    [{ maxGap: 3 }, /unknown field "maxGap"; allowed: mode, /],
  ];
  for (const [raw, re] of bad) {
    assert.throws(
      () => parseSanityOptions(raw, "sanity options"),
      (e: unknown) => {
        assert.ok(e instanceof ConfigError);
        assert.match(e.message, /^Invalid config in sanity options: /);
        assert.match(e.message, re);
        return true;
      },
    );
  }
});

Deno.test("RULE_IDS lists the 16 rules once each", () => {
  assert.equal(new Set(RULE_IDS).size, 16);
});

Deno.test("sanityHook() validates its options before any table is seen", () => {
  assert.throws(() => sanityHook({ maxMove: -1 }), /maxMove/);
});
