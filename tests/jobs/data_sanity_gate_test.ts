/**
 * Research fails closed, on a real store with planted violations in one symbol (a bar
 * whose close is above its high, which RELAXED repairs, and a one-day 80% spike, which
 * no repair fixes), through every research task: STRICT fails; RELAXED repairs and still
 * fails listing what is left; RELAXED with --allow-unrepaired runs, and the stored run
 * and the reports say what was repaired and what was let through.
 */
import assert from "node:assert/strict";
import { main as walkforward } from "../../lib/cli/walkforward.ts";
import { main as multiSymbol } from "../../lib/cli/multi_symbol.ts";
import { main as train } from "../../lib/cli/train.ts";
import { main as mlAnalysis } from "../../lib/cli/ml_analysis.ts";
import { main as optimize } from "../../lib/cli/optimize.ts";
import { main as strategies } from "../../lib/cli/strategies.ts";
import { main as portfolio } from "../../lib/cli/portfolio.ts";
import { main as stress } from "../../lib/cli/stress.ts";
import { main as pairs } from "../../lib/cli/pairs.ts";
import { main as report } from "../../lib/cli/report.ts";
import { generateSynthetic, openDb, upsertBars } from "../../lib/data/mod.ts";
import { gateBars } from "../../lib/jobs/mod.ts";
import { capture, tempStore } from "../cli/_capture.ts";

type Main = Parameters<typeof capture>[0];

/** Every research task, with flags that fit 800 synthetic bars. */
const TASKS: [string, Main, string[]][] = [
  ["walkforward", walkforward, ["--symbol", "SYN"]],
  ["multi-symbol", multiSymbol, ["--symbols", "SYN,SYN2"]],
  ["train", train, [
    "--symbol",
    "SYN",
    "--train-len",
    "100",
    "--test-len",
    "50",
    "--null-repeats",
    "0",
    "--enable-persistence",
  ]],
  ["ml-analysis", mlAnalysis, [
    "--symbol",
    "SYN",
    "--train-len",
    "100",
    "--test-len",
    "50",
  ]],
  ["optimize", optimize, [
    "--symbol",
    "SYN",
    "--train-len",
    "200",
    "--test-len",
    "100",
  ]],
  ["strategies", strategies, [
    "--symbol",
    "SYN",
    "--train-len",
    "200",
    "--test-len",
    "100",
  ]],
  ["portfolio", portfolio, ["--symbols", "SYN,SYN2", "--lookback", "60"]],
  ["stress", stress, ["--symbols", "SYN,SYN2"]],
  ["pairs", pairs, ["--symbols", "SYN,SYN2"]],
];

/** Two synthetic symbols; SYN gets a bad bar on day 600 and a spike on day 400. */
async function plantedStore(db: string): Promise<void> {
  const conn = await openDb(db);
  try {
    const [a, b] = generateSynthetic({
      symbols: ["SYN", "SYN2"],
      days: 800,
      seed: 3,
    });
    const high = a.high.slice(), close = a.close.slice();
    high[600] = a.close[600] * 0.999;
    close[400] = a.close[400] * 1.8;
    high[400] = close[400];
    await upsertBars(conn, [{ ...a, high, close }, b], { source: "test" });
  } finally {
    await conn.close();
  }
}

const ALLOWED =
  /^Data sanity: RELAXED, 1 repair \(open_close_outside_range SYN 1 widened high\/low to open and close\), 1 violation ALLOWED THROUGH \(extreme_move SYN \d+\)$/m;

Deno.test("every research task: STRICT fails, RELAXED fails on what it cannot repair, --allow-unrepaired runs and says what it let through", async () => {
  const { dir, db } = await tempStore();
  try {
    await plantedStore(db);
    for (const [name, main, args] of TASKS) {
      const strict = await capture(main, [...args, "--db", db]);
      assert.equal(strict.code, 1, `${name} STRICT: ${strict.stdout}`);
      assert.match(
        strict.stderr,
        /DataSanity STRICT found \d+ violations? in \d+ rows:\n(- .*\n)*- extreme_move SYN: \d+ \(e\.g\. /,
        name,
      );
      const relaxed = await capture(main, [
        ...args,
        "--db",
        db,
        "--perf-mode",
        "RELAXED",
      ]);
      assert.equal(relaxed.code, 1, `${name} RELAXED: ${relaxed.stdout}`);
      assert.match(
        relaxed.stderr,
        /DataSanity RELAXED repaired 1 rule\(s\) but left 1 violation no repair fixes in \d+ rows:\n- extreme_move SYN: \d+ \(e\.g\. [^\n]*\nFix the data, or pass --allow-unrepaired/,
        name,
      );
      const allowed = await capture(main, [
        ...args,
        "--db",
        db,
        "--perf-mode",
        "RELAXED",
        "--allow-unrepaired",
      ]);
      assert.equal(allowed.code, 0, `${name}: ${allowed.stderr}`);
      assert.match(allowed.stdout, ALLOWED, name);
    }
    await assertStored(db);
    const both = await capture(walkforward, [
      "--symbol",
      "SYN",
      "--db",
      db,
      "--allow-unrepaired",
    ]);
    assert.equal(both.code, 2, "--allow-unrepaired needs RELAXED");
    assert.match(
      both.stderr,
      /^--allow-unrepaired lets through what RELAXED cannot repair: use it with --perf-mode RELAXED/,
    );
    const conn = await openDb(db);
    try {
      const [r] = await conn.query<{ n: number; bad: number }>(
        `SELECT count(*) AS n, count(*) FILTER (WHERE high < close) AS bad
         FROM bars WHERE symbol = 'SYN'`,
      );
      assert.deepEqual(
        [Number(r.n), Number(r.bad)],
        [800, 1],
        "the store is unchanged",
      );
    } finally {
      await conn.close();
    }
    const out = `${dir}/reports`;
    for (const phase of ["phase1", "phase4", "phase5"]) {
      const r = await capture(report, [phase, "--db", db, "--out", out]);
      assert.equal(r.code, 0, r.stderr);
      const html = await Deno.readTextFile(`${out}/${phase}.html`);
      assert.match(
        html,
        /1 violation ALLOWED THROUGH \(extreme_move SYN \d+\)/,
        phase,
      );
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/** Each stored run's config records the repair and the violation let through. */
async function assertStored(db: string): Promise<void> {
  const conn = await openDb(db);
  try {
    const configs: [string, string][] = [
      // the walk-forward task's run and the multi-symbol run of SYN (the failed
      // multi-symbol runs stored SYN2, which is clean)
      [
        "walkforward",
        "SELECT config AS c FROM runs WHERE kind = 'walkforward' AND symbol = 'SYN'",
      ],
      [
        "multi-symbol",
        "SELECT config AS c FROM runs WHERE kind = 'multi-symbol' ORDER BY started_at DESC LIMIT 1",
      ],
      ["train", "SELECT config AS c FROM ml_runs"],
      ["optimize", "SELECT config_json AS c FROM optimize_runs"],
      ["strategies", "SELECT DISTINCT config_json AS c FROM strategy_runs"],
      ["portfolio", "SELECT DISTINCT config_json AS c FROM portfolio_runs"],
      ["stress", "SELECT DISTINCT data_sanity AS c FROM stress_results"],
    ];
    for (const [name, sql] of configs) {
      const rows = await conn.query<{ c: string }>(sql);
      assert.equal(rows.length, name === "walkforward" ? 2 : 1, name);
      const parsed = JSON.parse(rows.at(-1)!.c);
      const record = name === "stress" ? parsed : parsed.dataSanity;
      assert.equal(record.mode, "RELAXED", name);
      assert.deepEqual(
        record.repairs.map((r: { rule: string }) => r.rule),
        ["open_close_outside_range"],
        name,
      );
      assert.deepEqual(
        record.allowed.map((r: { rule: string; symbol: string }) =>
          `${r.rule} ${r.symbol}`
        ),
        ["extreme_move SYN"],
        name,
      );
    }
  } finally {
    await conn.close();
  }
}

Deno.test("gateBars() on clean stored bars: STRICT, no repair, the bars unchanged", async () => {
  const { dir, db } = await tempStore();
  try {
    const conn = await openDb(db);
    try {
      const [b] = generateSynthetic({ symbols: ["CLEAN"], days: 300, seed: 5 });
      await upsertBars(conn, [b], { source: "test" });
      const { bars, record } = await gateBars(conn, [b]);
      assert.deepEqual(record, {
        mode: "STRICT",
        rows: 300,
        repairs: [],
        allowed: [],
      });
      assert.deepEqual(bars, [b]);
    } finally {
      await conn.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
