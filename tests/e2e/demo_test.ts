/**
 * The main job end to end, as the README's first command runs it: every pipeline step
 * succeeds on the built-in real data and the reports it promises exist and link up.
 */
import assert from "node:assert/strict";
import type { CliIo } from "../../lib/cli/_cli.ts";
import { main as demo } from "../../lib/cli/demo.ts";
import { main as weeklyTask } from "../../lib/cli/weekly.ts";
import { capture } from "../cli/_capture.ts";

/** The demo's paper steps, with wall-clock readings normalised. */
function paperSteps(log: string): string {
  const from = log.indexOf("] paper trading: preflight");
  const to = log.indexOf("] reports:");
  assert.ok(from > 0 && to > from, "the paper steps ran");
  return log.slice(from, to)
    .replace(/done in [\d.]+ s/g, "done in _ s")
    .replace(/UTC \S+, database agrees within [\d.]+ s/, "UTC _");
}

Deno.test("deno task demo runs the whole roadmap pipeline, writes every report, and shows the same paper figures when run again", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const lines: string[] = [];
    const io: CliIo = { out: (t) => lines.push(t), err: (t) => lines.push(t) };
    const code = await demo([
      "--db",
      `${dir}/w.duckdb`,
      "--out",
      `${dir}/reports`,
    ], io);
    const log = lines.join("\n");
    assert.equal(code, 0, log.slice(-3000));
    assert.match(log, /\[1\/17\] data/);
    assert.match(log, /DataSanity STRICT: clean over 6925 rows/);
    assert.match(log, /overall: 73 folds, 4599 OOS days, Sharpe -0\.05/);
    assert.match(log, /pipeline finished in [\d.]+ s; open .*index\.html/);
    assert.match(log, /100 symbols \(100 ran, 0 failed\), 1200 folds/);
    assert.match(log, /the best of 100 symbols would show a Sharpe of about/);
    const universe = await Deno.readTextFile(`${dir}/reports/universe.html`);
    assert.match(universe, /Distribution of the per-symbol Sharpe ratio/);
    assert.match(universe, /DSR % \(N = 100\)/);
    const index = await Deno.readTextFile(`${dir}/reports/index.html`);
    for (const p of ["phase1", "phase2", "phase3", "phase4", "phase5"]) {
      assert.ok((await Deno.stat(`${dir}/reports/${p}.html`)).isFile, p);
      assert.match(
        index,
        new RegExp(`href="[^"]*${p}\\.html"`),
        `index links ${p}`,
      );
    }
    const phase1 = await Deno.readTextFile(`${dir}/reports/phase1.html`);
    assert.match(
      phase1,
      /2020 stress window \(Feb–Apr 2020\) \(2020-02-03 – 2020-0[34]-/,
    );
    const weekly = [...Deno.readDirSync(`${dir}/reports/weekly`)].map((e) =>
      e.name
    );
    assert.ok(weekly.includes("index.html"));
    assert.ok(
      weekly.includes("sp500-ma-paper-2020-W12.html"),
      "a week of the paper session",
    );
    // the weekly pages are one line: their count and the weekly index
    assert.match(
      log,
      new RegExp(
        `\\n    ${
          weekly.length - 1
        } weekly reports, index: ${dir}/reports/weekly/index\\.html\\n`,
      ),
    );
    assert.doesNotMatch(log, /sp500-ma-paper-2020-W12\.html/);

    // Again on the same store: the paper steps show the same numbers, the session
    // saying it resumed (no "0 bars", no NaN latency).
    const again: string[] = [];
    const code2 = await demo([
      "--db",
      `${dir}/w.duckdb`,
      "--out",
      `${dir}/reports`,
    ], { out: (t) => again.push(t), err: (t) => again.push(t) });
    const log2 = again.join("\n");
    assert.equal(code2, 0, log2.slice(-3000));
    assert.match(
      log2,
      /session sp500-ma-paper: 326 bars \(resumed after 2020-04-17: no new bar\)\n/,
    );
    assert.doesNotMatch(paperSteps(log2), /\bNaN\b|: 0 bars/);
    assert.deepEqual(
      paperSteps(log2).replace(/ \(resumed after 2020-04-17: no new bar\)/, ""),
      paperSteps(log),
    );

    // the weekly command after the demo: the demo's session, from the store,
    // already traded to its feed.to, so there is nothing new and nothing changes
    const w = await capture(weeklyTask, [
      "--config",
      "config/enhanced_paper_trading_config.json",
      "--db",
      `${dir}/w.duckdb`,
      "--reports",
      `${dir}/reports`,
    ]);
    assert.equal(w.code, 0, w.stderr);
    assert.deepEqual(w.stdout.split("\n"), [
      'No new complete week for session "sp500-ma-paper": the last complete week is 2020-W16 (SP500\'s last bar 2020-04-17 is the last NYSE trading day of 2020-W16); the session has traded through 2020-04-17. The session ended on feed.to 2020-04-17.',
      "  bars from the store, no update",
      `reports: nothing new to write (weekly index: ${dir}/reports/weekly/index.html)`,
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
