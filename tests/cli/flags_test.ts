/**
 * The flag layer every task shares: calendar dates and date order (exit 2 naming the
 * flag), symbols, `--db` paths (relative to where the user ran the command; a missing
 * directory is an error unless the task creates a store), and the `main(args, io)` shape of
 * every task. `--help` of every task: help_test.ts.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { capture } from "./_capture.ts";
import { runCommand } from "../../lib/_shared/runtime.ts";
import type { CliIo } from "../../lib/cli/_cli.ts";
import { main as walkforward } from "../../lib/cli/walkforward.ts";
import { main as multiSymbol } from "../../lib/cli/multi_symbol.ts";
import { main as train } from "../../lib/cli/train.ts";
import { main as mlAnalysis } from "../../lib/cli/ml_analysis.ts";
import { main as dashboard } from "../../lib/cli/persistence_dashboard.ts";
import { main as optimize } from "../../lib/cli/optimize.ts";
import { main as portfolio } from "../../lib/cli/portfolio.ts";
import { main as stress } from "../../lib/cli/stress.ts";
import { main as strategies } from "../../lib/cli/strategies.ts";
import { main as paper } from "../../lib/cli/paper.ts";
import { main as preflight } from "../../lib/cli/preflight.ts";
import { main as reconcile } from "../../lib/cli/reconcile.ts";
import { main as killSwitch } from "../../lib/cli/kill_switch.ts";
import { main as report } from "../../lib/cli/report.ts";
import { openDb } from "../../lib/data/mod.ts";
import { createPaperJournal } from "../../lib/store/mod.ts";

type Main = (args: string[], io: CliIo) => Promise<number>;

/** Tasks with a date flag, the flag, and the rest of a valid command line. */
const DATE_FLAGS: [string, Main, string, string[]][] = [
  ["walkforward", walkforward, "start-date", ["--symbol", "SP500"]],
  ["walkforward", walkforward, "end-date", ["--symbol", "SP500"]],
  ["multi-symbol", multiSymbol, "start-date", []],
  ["train", train, "end-date", []],
  ["ml-analysis", mlAnalysis, "start-date", []],
  ["optimize", optimize, "end-date", []],
  ["strategies", strategies, "start-date", []],
  ["paper", paper, "from", []],
  ["paper", paper, "to", []],
];

Deno.test("dates in flags are calendar dates: 2019-02-30 and 2020-13-45 exit 2 naming the flag", async () => {
  for (const [task, main, flag, rest] of DATE_FLAGS) {
    for (const bad of ["2019-02-30", "2020-13-45", "2020/01/01"]) {
      const r = await capture(main, [
        ...rest,
        `--${flag}`,
        bad,
        "--db",
        ":memory:",
      ]);
      assert.equal(r.code, 2, `${task} --${flag} ${bad}: ${r.stderr}`);
      assert.match(
        r.stderr,
        new RegExp(
          `flag --${flag}: expected a calendar date YYYY-MM-DD, got "${bad}"`,
        ),
        `${task} --${flag}`,
      );
      assert.equal(r.stdout, "");
    }
  }
});

Deno.test("an end date before the start date is a flag error (exit 2)", async () => {
  for (
    const [task, main, rest] of [
      ["walkforward", walkforward, ["--symbol", "SP500"]],
      ["multi-symbol", multiSymbol, []],
      ["train", train, []],
      ["ml-analysis", mlAnalysis, []],
      ["optimize", optimize, []],
      ["strategies", strategies, []],
    ] as [string, Main, string[]][]
  ) {
    const r = await capture(main, [
      ...rest,
      "--start-date",
      "2019-06-01",
      "--end-date",
      "2019-05-31",
      "--db",
      ":memory:",
    ]);
    assert.equal(r.code, 2, `${task}: ${r.stderr}`);
    assert.match(
      r.stderr,
      /flag --end-date: expected a date on or after the start date 2019-06-01, got "2019-05-31"/,
      task,
    );
  }
});

Deno.test("symbols in flags: empty, blank and path-like names exit 2; ticker punctuation passes the flags", async () => {
  const cases: [string, Main, string[]][] = [
    ["walkforward", walkforward, ["--symbol"]],
    ["multi-symbol", multiSymbol, ["--symbols"]],
    ["train", train, ["--symbol"]],
    ["ml-analysis", mlAnalysis, ["--symbol"]],
    ["optimize", optimize, ["--symbol"]],
    ["portfolio", portfolio, ["--symbols", "SP500,"]],
    ["stress", stress, ["--symbols"]],
    ["strategies", strategies, ["--symbol"]],
  ];
  for (const [task, main, flag] of cases) {
    for (const bad of ["", " ", "../x", "a/b"]) {
      const value = flag.length === 2 ? `${flag[1]}${bad}` : bad;
      const r = await capture(main, [flag[0], value, "--db", ":memory:"]);
      assert.equal(r.code, 2, `${task} ${flag[0]} ${JSON.stringify(value)}`);
      assert.match(r.stderr, /symbol/, task);
    }
  }
  // BRK.B passes the flag check and fails on the data (exit 1), naming the symbol
  const r = await capture(walkforward, [
    "--symbol",
    "BRK.B",
    "--db",
    ":memory:",
  ]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /BRK\.B/);
});

Deno.test("--db in a missing directory exits 2 naming the flag and creates nothing", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const db = join(dir, "missing", "deeper", "w.duckdb");
    const cases: [string, Main, string[]][] = [
      ["walkforward", walkforward, ["--symbol", "SP500"]],
      ["multi-symbol", multiSymbol, []],
      ["train", train, []],
      ["ml-analysis", mlAnalysis, []],
      ["persistence-dashboard", dashboard, []],
      ["optimize", optimize, []],
      ["portfolio", portfolio, []],
      ["stress", stress, []],
      ["strategies", strategies, []],
      ["paper", paper, []],
      ["preflight", preflight, []],
      ["reconcile", reconcile, []],
      ["kill-switch", killSwitch, []],
      ["report", report, ["phase1"]],
    ];
    for (const [task, main, rest] of cases) {
      const r = await capture(main, [...rest, "--db", db]);
      assert.equal(r.code, 2, `${task}: ${r.stderr}`);
      assert.match(
        r.stderr,
        /flag --db: expected a store in an existing directory \(.*missing\/deeper does not exist; create it first, or use --db :memory:\)/,
        task,
      );
    }
    assert.deepEqual([...Deno.readDirSync(dir)], [], "nothing was created");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

const ROOT = new URL("../../", import.meta.url).pathname;

/**
 * `deno task NAME ARGS` run from `cwd`, as a user would type it there. deno task sets
 * INIT_CWD to where it was started unless one is inherited (as from the `deno task test`
 * running this), so the test passes the directory it runs from.
 */
function task(cwd: string, name: string, ...args: string[]) {
  return runCommand(
    Deno.execPath(),
    ["task", "-q", "--config", join(ROOT, "deno.json"), name, ...args],
    { cwd, env: { INIT_CWD: cwd } },
  );
}

Deno.test("a relative --db resolves against the directory the command ran from (real deno task)", async () => {
  const dir = await Deno.makeTempDir({ prefix: "tradelab_cwd_" });
  try {
    await Deno.mkdir(join(dir, "stores"));
    // a store with a (stopped) paper session, so the kill switch has one to arm
    const h = await openDb({ path: join(dir, "stores", "w.duckdb") });
    try {
      const journal = createPaperJournal(h);
      await journal.ensure();
      await journal.startSession({
        sessionId: "s",
        config: "{}",
        identity: "{}",
        configHash: "h",
        dataHash: "d",
        codeVersion: "c",
        at: "2024-01-01T00:00:00Z",
      });
      await journal.finishSession("s", "stopped", "2024-01-01T00:00:01Z");
    } finally {
      await h.close();
    }
    const ok = await task(
      dir,
      "kill-switch",
      "--db",
      "stores/w.duckdb",
      "--reason",
      "test",
    );
    assert.equal(ok.code, 0, ok.stderr);
    assert.ok((await Deno.stat(join(dir, "stores", "w.duckdb.kill"))).isFile);
    assert.equal(
      await Deno.stat(join(ROOT, "stores")).then(() => true, () => false),
      false,
      "nothing under the project root",
    );
    const missing = await task(
      dir,
      "walkforward",
      "--symbol",
      "SP500",
      "--db",
      "nope/w.duckdb",
    );
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, new RegExp(`${dir}/nope does not exist`));
    assert.equal(missing.stderr.includes("    at "), false, "no stack trace");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("ingest and sql read files and stores relative to the directory the command ran from (real deno task)", async () => {
  const dir = await Deno.makeTempDir({ prefix: "tradelab_cwd_" });
  try {
    await Deno.mkdir(join(dir, "stores"));
    await Deno.copyFile(
      join(ROOT, "data", "example-aapl-2018q1.csv"),
      join(dir, "prices.csv"),
    );
    const ingest = await task(
      dir,
      "ingest",
      "prices.csv",
      "--symbol",
      "AAPL18",
      "--db",
      "stores/w.duckdb",
    );
    assert.equal(ingest.code, 0, ingest.stderr);
    assert.ok((await Deno.stat(join(dir, "stores", "w.duckdb"))).isFile);
    const sql = await task(
      dir,
      "sql",
      "SELECT count(*)::INT AS n FROM bars WHERE symbol = 'AAPL18'",
      "--db",
      "stores/w.duckdb",
    );
    assert.equal(sql.code, 0, sql.stderr);
    assert.equal(sql.stdout.trim(), '[{"n":61}]');
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the demo creates the directory of its store (it is a task that creates one)", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const { DemoFlagsSchema } = await import("../../lib/cli/demo.ts");
    const { withStore } = await import("../../lib/store/mod.ts");
    const path = join(dir, "new", "w.duckdb");
    const f = DemoFlagsSchema.parse({ db: path });
    await withStore(f.db, () => Promise.resolve());
    assert.ok((await Deno.stat(path)).isFile);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
