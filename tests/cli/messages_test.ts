/**
 * Messages in the user's words: every error names the flag, field, file or line and what
 * was expected, in plain English, once, on one short line; zod's own wording ("Invalid
 * enum value", "Number must be ...", "Expected integer, received float", "Required"),
 * raw bytes and DuckDB's sniffer errors never reach the user. Each case asserts the
 * whole message.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import type { CliIo } from "../../lib/cli/_cli.ts";
import { main as bench } from "../../lib/cli/bench.ts";
import { main as ingest } from "../../lib/cli/ingest.ts";
import { main as pairs } from "../../lib/cli/pairs.ts";
import { main as paper } from "../../lib/cli/paper.ts";
import { main as preflight } from "../../lib/cli/preflight.ts";
import { main as sanity } from "../../lib/cli/sanity.ts";
import { main as stress } from "../../lib/cli/stress.ts";
import { main as train } from "../../lib/cli/train.ts";
import { main as walkforward } from "../../lib/cli/walkforward.ts";
import { capture } from "./_capture.ts";

type Main = (args: string[], io: CliIo) => Promise<number>;

/** zod's wording, raw DuckDB errors, stack frames: none may reach the user. */
const LEAKS =
  /Invalid enum value|Number must be|Expected \w+, received|Required|Invalid input|a integer|String must contain|Error when sniffing|os error|^\s+at |\\u00|\\x/m;

/** Run `main` and return its one-line stderr, after checking the exit code and shape. */
async function message(
  main: Main,
  args: string[],
  longest = 300,
): Promise<string> {
  const r = await capture(main, args);
  assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
  assert.equal(r.stderr.split("\n").length, 1, r.stderr);
  assert.ok(r.stderr.length <= longest, r.stderr);
  assert.doesNotMatch(r.stderr, LEAKS);
  return r.stderr;
}

const WF = ["--symbol", "SP500", "--db", ":memory:"];

Deno.test("flags: bad enum, bad number, non-integer, out of range, each in plain words", async () => {
  const cases: [Main, string[], string][] = [
    [
      walkforward,
      [...WF, "--model", "xgboost"],
      'Invalid flag --model: expected one of ridge, lasso, elasticnet, logistic, rf, gbt, mlp, got "xgboost"',
    ],
    [
      walkforward,
      [...WF, "--perf-mode", "lenient"],
      'Invalid flag --perf-mode: expected strict or relaxed (either case), got "lenient"',
    ],
    [
      walkforward,
      [...WF, "--train-len", "abc"],
      'Invalid flag --train-len: expected a whole number at least 2, got "abc"',
    ],
    [
      walkforward,
      [...WF, "--train-len", "1.5"],
      "Invalid flag --train-len: expected a whole number at least 2, got 1.5",
    ],
    [
      walkforward,
      [...WF, "--train-len", "1"],
      "Invalid flag --train-len: expected a whole number at least 2, got 1",
    ],
    [
      walkforward,
      [...WF, "--cost-bps", "-1"],
      "Invalid flag --cost-bps: expected a number at least 0, got -1",
    ],
    [
      bench,
      ["--workers", "999"],
      "Invalid flag --workers: expected a whole number from 0 to 256, got 999",
    ],
    [
      bench,
      ["--only", "W1,W9"],
      'Invalid flag --only: expected a comma-separated list of W1, W2, W3, U1, U2, U3, got "W1,W9"',
    ],
    [
      pairs,
      ["--symbols", "SP500,AAPL", "--alpha", "2", "--db", ":memory:"],
      "Invalid flag --alpha: expected a number greater than 0 and less than 1, got 2",
    ],
    [
      walkforward,
      [...WF, "--start-date", "2019-02-30"],
      'Invalid flag --start-date: expected a calendar date YYYY-MM-DD, got "2019-02-30"',
    ],
    [
      walkforward,
      [...WF, "--features", "ret_1,foo"],
      'Invalid flag --features: expected comma-separated feature names ("foo" is not one; --help lists them), got "ret_1,foo"',
    ],
    [
      walkforward,
      [...WF, "--features", "ret1,vol_20"],
      'Invalid flag --features: expected comma-separated feature names ("ret1" is not one; did you mean ret_1?), got "ret1,vol_20"',
    ],
    [
      train,
      ["--model-options", "{lambda: 1}", "--db", ":memory:"],
      'Invalid flag --model-options: expected a JSON object such as {"lambda":10}, got "{lambda: 1}"',
    ],
  ];
  for (const [main, args, says] of cases) {
    assert.equal(await message(main, args), says);
  }
});

Deno.test("flags: unknown, missing, missing value, a value after a switch, a stray argument", async () => {
  const cases: [Main, string[], string][] = [
    [
      walkforward,
      [...WF, "--trian-len", "5"],
      "Unknown flag --trian-len (did you mean --train-len?); deno task walkforward --help lists the flags",
    ],
    [
      walkforward,
      [...WF, "--zzz"],
      "Unknown flag --zzz; deno task walkforward --help lists the flags",
    ],
    [
      pairs,
      ["--db", ":memory:"],
      "Missing flag --symbols: expected at least 2 comma-separated symbols",
    ],
    [
      walkforward,
      ["--db", ":memory:"],
      "Missing flag --symbol: expected a ticker such as SP500, BRK.B or ^GSPC",
    ],
    [
      walkforward,
      [...WF, "--train-len"],
      "Missing value after --train-len: expected a whole number at least 2",
    ],
    [
      walkforward,
      [...WF, "--json", "1"],
      'Invalid flag --json: expected no value (it is a switch), got "1"',
    ],
    [
      walkforward,
      [...WF, "extra"],
      'Invalid arguments: expected only flags (--name value), got "extra"',
    ],
    [
      sanity,
      ["a.csv", "b.csv"],
      'Invalid argument FILE: expected one FILE (the bar file to check (CSV, Parquet or JSON)), got "a.csv b.csv"',
    ],
  ];
  for (const [main, args, says] of cases) {
    assert.equal(await message(main, args), says);
  }
});

const dir = await Deno.makeTempDir({ prefix: "tradelab_messages_" });
const file = (name: string, content: string | Uint8Array) => {
  const p = join(dir, name);
  if (typeof content === "string") Deno.writeTextFileSync(p, content);
  else Deno.writeFileSync(p, content);
  return p;
};
/** The first 4 KiB of the Deno binary: real binary input. */
const binary = file(
  "prices.csv",
  (() => {
    const f = Deno.openSync(Deno.execPath());
    const b = new Uint8Array(4096);
    f.readSync(b);
    f.close();
    return b;
  })(),
);
const binaryJson = file("config.json", Deno.readFileSync(binary));
const ragged = file(
  "ragged.csv",
  "date,open,high,low,close,volume\n2020-01-02,1,2,0.5,1.5,100\n2020-01-03,1,2,0.5\n",
);

Deno.test("files: binary input, a ragged CSV, a broken JSON or Parquet file get one plain line, never the bytes", async () => {
  const nul = Deno.readFileSync(binary).indexOf(0);
  assert.ok(nul >= 0, "the sample is binary");
  const binarySays =
    `Cannot load bars from ${binary}: column "(file)": expected a text CSV file (UTF-8), got "binary data (a NUL byte at byte ${nul})"`;
  assert.equal(await message(sanity, [binary, "--symbol", "X"]), binarySays);
  assert.equal(
    await message(ingest, [binary, "--symbol", "X", "--db", ":memory:"]),
    binarySays,
  );
  const raggedSays =
    `Cannot load bars from ${ragged}: line 3, column "(row)": expected 6 comma-separated fields like the header (date,open,high,low,close,volume); this row has 4, got "2020-01-03,1,2,0.5"`;
  assert.equal(await message(sanity, [ragged, "--symbol", "X"]), raggedSays);
  assert.equal(
    await message(ingest, [ragged, "--symbol", "X", "--db", ":memory:"]),
    raggedSays,
  );
  assert.equal(
    await message(sanity, [dir, "--symbol", "X"]),
    `Cannot load bars from ${dir}: column "(file)": expected an existing readable file, got "a directory"`,
  );
  assert.equal(
    await message(sanity, [join(dir, "nope.csv"), "--symbol", "X"]),
    `Cannot load bars from ${
      join(dir, "nope.csv")
    }: column "(file)": expected an existing readable file, got "no such file"`,
  );
  const parquet = file("fake.parquet", Deno.readFileSync(binary));
  assert.equal(
    await message(sanity, [parquet, "--symbol", "X"]),
    `Cannot load bars from ${parquet}: column "(file)": expected a readable PARQUET file, got "not a Parquet file"`,
  );
  const ndjson = file(
    "bars.json",
    '{"date":"2020-01-02","close":1}\n{"date":"2020-01-03","close":}\n',
  );
  assert.equal(
    await message(sanity, [ndjson, "--symbol", "X"]),
    `Cannot load bars from ${ndjson}: line 2, column "(character 30)": expected valid JSON: a value (a string, number, object, array, true, false or null), got "}"`,
  );
  const array = file(
    "array.json",
    '[{"date":"2020-01-02","close":1},\n {"date":"2020-01-03" "close":2}]',
  );
  assert.equal(
    await message(ingest, [array, "--symbol", "X", "--db", ":memory:"]),
    `Cannot load bars from ${array}: line 2, column "(character 23)": expected valid JSON: ',' or '}' after a value, got "\\""`,
  );
  const binaryConfig =
    `Invalid JSON in ${binaryJson}: expected a JSON text file, got binary data (a NUL byte at byte ${nul})`;
  assert.equal(
    await message(paper, ["--config", binaryJson, "--db", ":memory:"]),
    binaryConfig,
  );
  assert.equal(
    await message(stress, ["--limits", binaryJson, "--db", ":memory:"]),
    binaryConfig,
  );
});

const PAPER = JSON.parse(
  await Deno.readTextFile(
    new URL("../../config/enhanced_paper_trading_config.json", import.meta.url),
  ),
);

/** The shipped paper config, changed by `edit`, written as indented JSON. */
function paperConfig(name: string, edit: (c: typeof PAPER) => void): string {
  const c = structuredClone(PAPER);
  edit(c);
  return file(name, JSON.stringify(c, null, 2));
}

Deno.test("config files: bad JSON names line and column; fields name what they take", async () => {
  const trailing = file("trailing.json", '{\n  "name": "x",\n}\n');
  const cases: [string, string][] = [
    [
      trailing,
      `Invalid JSON in ${trailing}: line 3, column 1: expected a property name in double quotes (no comma after the last one), got "}"`,
    ],
    [
      file("unclosed.json", '{\n  "name": "x"'),
      `Invalid JSON in ${
        join(dir, "unclosed.json")
      }: line 2, column 14: expected ',' or '}' after a value, got the end of the file`,
    ],
    [
      file("quotes.json", "{'name': 'x'}"),
      `Invalid JSON in ${
        join(dir, "quotes.json")
      }: line 1, column 2: expected a property name in double quotes, got "'"`,
    ],
    [
      file("empty.json", "\n"),
      `Invalid JSON in ${
        join(dir, "empty.json")
      }: expected a JSON value, got an empty file`,
    ],
    [
      join(dir, "missing.json"),
      `Invalid config in ${
        join(dir, "missing.json")
      }: expected a readable JSON file, got no such file`,
    ],
    [
      paperConfig("enum.json", (c) => (c.feed.kind = "stream")),
      `Invalid config in ${
        join(dir, "enum.json")
      }: field "feed.kind": expected one of replay, poll, got "stream"`,
    ],
    [
      paperConfig("number.json", (c) => (c.capital = "lots")),
      `Invalid config in ${
        join(dir, "number.json")
      }: field "capital": expected a number greater than 0, got "lots"`,
    ],
    [
      paperConfig("range.json", (c) => (c.limits.maxDrawdown = 5)),
      `Invalid config in ${
        join(dir, "range.json")
      }: field "limits.maxDrawdown": expected a number greater than 0 and at most 1, got 5`,
    ],
    [
      paperConfig("missing_field.json", (c) => delete c.capital),
      `Invalid config in ${
        join(dir, "missing_field.json")
      }: missing field "capital": expected a number greater than 0`,
    ],
    [
      paperConfig("date.json", (c) => (c.feed.from = "2019-02-30")),
      `Invalid config in ${
        join(dir, "date.json")
      }: field "feed.from": expected a calendar date YYYY-MM-DD, got "2019-02-30"`,
    ],
  ];
  for (const [path, says] of cases) {
    assert.equal(
      await message(paper, ["--config", path, "--db", ":memory:"]),
      says,
    );
  }
});

Deno.test("config files: a misspelt field is named with the allowed ones (not as a missing field)", async () => {
  const path = paperConfig("typo.json", (c) => {
    c.limits.maxDrawDown = c.limits.maxDrawdown;
    delete c.limits.maxDrawdown;
  });
  // every allowed field is listed: the one line may be long
  const says = await message(
    paper,
    ["--config", path, "--db", ":memory:"],
    400,
  );
  assert.match(
    says,
    /^Invalid config in .*typo\.json: unknown field "limits\.maxDrawDown" \(did you mean "maxDrawdown"\?\); allowed: maxDrawdown, dailyLossLimit, .*, flattenOnKill$/,
  );
});

Deno.test("preflight lists the bad config in plain words in its checklist (exit 1)", async () => {
  const trailing = file("preflight.json", '{\n  "name": "x",\n}\n');
  const r = await capture(preflight, [
    "--config",
    trailing,
    "--db",
    ":memory:",
  ]);
  assert.equal(r.code, 1);
  assert.ok(
    r.stdout.includes(
      `FAIL  config valid       Invalid JSON in ${trailing}: line 3, column 1: expected a property name in double quotes (no comma after the last one), got "}"`,
    ),
    r.stdout,
  );
  assert.doesNotMatch(r.stdout, LEAKS);
});

globalThis.addEventListener(
  "unload",
  () => Deno.removeSync(dir, { recursive: true }),
);
