import assert from "node:assert/strict";
import { parseConfig } from "../../lib/_shared/config.ts";
import { ConfigError } from "../../lib/_shared/errors.ts";
import {
  configFromFlags,
  MultiSymbolFlagsSchema,
  w1Config,
  WalkForwardFlagsSchema,
} from "../../lib/walkforward/mod.ts";

const parse = (raw: Record<string, unknown>) =>
  parseConfig(WalkForwardFlagsSchema, raw, "--flags");

Deno.test("WalkForwardFlagsSchema defaults reproduce the W1 config", () => {
  const c = configFromFlags(parse({ symbol: "SP500" }));
  assert.deepEqual(
    { ...c, features: [...c.features] },
    {
      ...w1Config,
      features: [...w1Config.features],
      modelOptions: { lambda: 1 },
      position: { kind: "sign" },
    },
  );
});

Deno.test("WalkForwardFlagsSchema coerces strings and maps position flags", () => {
  const f = parse({
    symbol: "AAPL",
    "train-len": "100",
    "test-len": "20",
    "perf-mode": "strict",
    anchored: true,
    gap: "2",
    features: "ret_1, vol_20",
    position: "vol-target",
    "target-vol": "0.15",
    cap: "2",
  });
  assert.equal(f["perf-mode"], "STRICT");
  const c = configFromFlags(f);
  assert.deepEqual(c.features, ["ret_1", "vol_20"]);
  assert.equal(c.stride, 20);
  assert.deepEqual(c.position, {
    kind: "volTarget",
    targetVolAnnual: 0.15,
    windowDays: 20,
    cap: 2,
  });
});

Deno.test("WalkForwardFlagsSchema names the bad or unknown flag in a ConfigError", () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ symbol: "X", "train-len": "abc" }, /field "train-len"/],
    [
      { symbol: "X", "start-date": "2020/01/01" },
      /field "start-date": expected a date YYYY-MM-DD/,
    ],
    [{ symbol: "X", model: "xgboost" }, /field "model"/],
    [{ symbol: "X", bogus: "1" }, /no unknown keys \(bogus\)/],
    [{}, /field "symbol"/],
  ];
  for (const [raw, re] of cases) {
    assert.throws(
      () => parse(raw),
      (e: unknown) => e instanceof ConfigError && re.test(e.message),
    );
  }
  const m = parseConfig(MultiSymbolFlagsSchema, { symbols: "A, B" }, "--flags");
  assert.deepEqual(m.symbols, ["A", "B"]);
});
