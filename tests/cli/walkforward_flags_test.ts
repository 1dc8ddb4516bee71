import assert from "node:assert/strict";
import { ConfigError } from "../../lib/_shared/errors.ts";
import { parseFlags } from "../../lib/cli/_flags.ts";
import {
  configFromFlags,
  MultiSymbolFlagsSchema,
  WalkForwardFlagsSchema,
} from "../../lib/cli/_walkforward_flags.ts";
import { w1Config } from "../../lib/walkforward/mod.ts";

const parse = (args: string[]) => parseFlags(args, WalkForwardFlagsSchema);

Deno.test("walkforward flag defaults reproduce the W1 config", () => {
  const c = configFromFlags(parse(["--symbol", "SP500"]));
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

Deno.test("walkforward flags convert numbers, spell the mode once and map position flags", () => {
  const f = parse([
    "--symbol",
    "AAPL",
    "--train-len",
    "100",
    "--test-len",
    "20",
    "--perf-mode",
    "STRICT",
    "--anchored",
    "--gap",
    "2",
    "--features",
    "ret_1, vol_20",
    "--position",
    "vol-target",
    "--target-vol",
    "0.15",
    "--cap",
    "2",
  ]);
  assert.equal(f.perfMode, "strict");
  const c = configFromFlags(f);
  assert.deepEqual(c.features, ["ret_1", "vol_20"]);
  assert.equal(c.stride, 20);
  assert.equal(c.anchored, true);
  assert.deepEqual(c.position, {
    kind: "volTarget",
    targetVolAnnual: 0.15,
    windowDays: 20,
    cap: 2,
  });
});

Deno.test("walkforward flags name the bad or unknown flag in a ConfigError", () => {
  const cases: [string[], RegExp][] = [
    [["--symbol", "X", "--train-len", "abc"], /flag --train-len\b/],
    [
      ["--symbol", "X", "--start-date", "2020/01/01"],
      /flag --start-date: expected a calendar date YYYY-MM-DD/,
    ],
    [
      ["--symbol", "X", "--start-date", "2019-02-30"],
      /flag --start-date: expected a calendar date YYYY-MM-DD, got "2019-02-30"/,
    ],
    [
      ["--symbol", "X", "--end-date", "2020-13-45"],
      /flag --end-date: expected a calendar date/,
    ],
    [
      [
        "--symbol",
        "X",
        "--start-date",
        "2020-02-01",
        "--end-date",
        "2020-01-31",
      ],
      /flag --end-date: expected a date on or after the start date 2020-02-01, got "2020-01-31"/,
    ],
    [["--symbol", "X", "--model", "xgboost"], /flag --model\b/],
    [["--symbol", "X", "--bogus", "1"], /Unknown flag --bogus/],
    [["--symbol", "../x"], /flag --symbol: expected a symbol such as SP500/],
    [["--symbol", " "], /flag --symbol\b/],
    [[], /flag --symbol\b/],
  ];
  for (const [args, re] of cases) {
    assert.throws(
      () => parse(args),
      (e: unknown) => e instanceof ConfigError && re.test(e.message),
      args.join(" "),
    );
  }
  const m = parseFlags(["--symbols", "A, B"], MultiSymbolFlagsSchema);
  assert.deepEqual(m.symbols, ["A", "B"]);
});
