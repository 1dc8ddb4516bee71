/**
 * `deno task weekly` fed from the store (`data.provider` "store", the example config's):
 * the issue's own command, run as a real process on the built-in real samples in a
 * temporary store. No update, no network; the rest of the cycle as with a provider.
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { main as weekly } from "../../lib/cli/weekly.ts";
import { ensureSampleData, openDb } from "../../lib/data/mod.ts";
import { runPaperJob } from "../../lib/jobs/mod.ts";
import { loadPaperConfig } from "../../lib/paper/mod.ts";
import { readReportMeta } from "../../lib/report/mod.ts";
import { snapshot } from "../paper/_session.ts";
import { capture, runDeno, tempStore } from "./_capture.ts";
import { dumpStore, filesOf, weeklyConfig, writeConfig } from "./_weekly.ts";

const CONFIG = fileURLToPath(
  new URL("../../config/enhanced_paper_trading_config.json", import.meta.url),
);
const SESSION = "sp500-ma-paper";

/** The command on `db`, as a process. */
function weeklyProcess(db: string, reports: string, extra: string[] = []) {
  return runDeno([
    "run",
    "-A",
    "lib/cli/weekly.ts",
    "--config",
    CONFIG,
    "--db",
    db,
    "--reports",
    reports,
    ...extra,
  ]);
}

async function withSamples(path: string): Promise<void> {
  const db = await openDb({ path });
  try {
    await ensureSampleData(db);
  } finally {
    await db.close();
  }
}

async function journal(path: string) {
  const db = await openDb({ path });
  try {
    return await snapshot(db, SESSION);
  } finally {
    await db.close();
  }
}

Deno.test("the example config's weekly cycle on the built-in samples: bars from the store, every complete week, the journal of one replayed session; again: nothing changes", async () => {
  const { dir, db } = await tempStore();
  const reports = `${dir}/reports`;
  try {
    await withSamples(db);
    const r = await weeklyProcess(db, reports, ["--quiet"]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split("\n");
    assert.equal(
      lines[0],
      `session "${SESSION}" traded 68 new complete weeks, 2019-W01..2020-W16 (326 bars, 2019-01-02..2020-04-17)`,
    );
    assert.equal(lines[1], "  bars from the store, no update");
    assert.match(r.stdout, /session sp500-ma-paper: 326 bars\n/);
    assert.match(
      r.stdout,
      /HALTED on 2019-10-02 by the drawdown limit \(limits\.maxDrawdown\)/,
    );
    assert.match(
      r.stdout,
      /halts: session 2019-10-02 \(max-drawdown[^\n]*\); backtest 2019-10-02 \(max-drawdown/,
    );
    assert.match(
      r.stdout,
      /difference +0\.000% of equity \(target 5\.000%: PASS\)/,
    );
    assert.ok(
      lines.includes(
        `  68 weekly reports, index: ${reports}/weekly/index.html`,
      ),
      r.stdout,
    );
    assert.doesNotMatch(r.stdout, /\bNaN\b|undefined|from (stooq|yahoo)/);

    const files = await filesOf(`${reports}/weekly`);
    const pages = Object.keys(files).filter((f) => f !== "index.html").sort();
    assert.equal(pages.length, 68);
    assert.equal(pages[0], `${SESSION}-2019-W01.html`);
    assert.equal(pages.at(-1), `${SESSION}-2020-W16.html`);
    assert.match(
      files[`${SESSION}-2020-W16.html`].text,
      /2020-04-13 – 2020-04-17 · bars from the store, no update/,
    );
    assert.equal(
      readReportMeta(files["index.html"].text)?.cards[0].value,
      "68",
    );

    // one paper session replayed over the same stored bars journals the same rows
    const ref = `${dir}/ref.duckdb`;
    await withSamples(ref);
    const h = await openDb({ path: ref });
    try {
      const config = await loadPaperConfig(CONFIG);
      const one = await runPaperJob(h, {
        ...config,
        alerts: { ...config.alerts, console: false },
      });
      assert.equal(one.bars, 326);
    } finally {
      await h.close();
    }
    const [a, b] = [await journal(db), await journal(ref)];
    assert.ok(a.fills.length >= 5, `fills ${a.fills.length}`);
    assert.deepEqual(a, b);

    // again: no new complete week, the store and the reports stay byte for byte
    const [store0, files0] = [await dumpStore(db), await filesOf(reports)];
    const again = await weeklyProcess(db, reports, ["--json"]);
    assert.equal(again.code, 0, again.stderr);
    const json = JSON.parse(again.stdout);
    assert.equal(json.source, "store");
    assert.equal(json.fetch, null);
    assert.equal(json.bars, "bars from the store, no update");
    assert.deepEqual(json.weeks, []);
    assert.deepEqual(json.written, []);
    assert.equal(
      json.message,
      `No new complete week for session "${SESSION}": the last complete week is 2020-W16 (SP500's last bar 2020-04-17 is the last NYSE trading day of 2020-W16); the session has traded through 2020-04-17. The session ended on feed.to 2020-04-17.`,
    );
    assert.equal(await dumpStore(db), store0);
    assert.deepEqual(await filesOf(reports), files0);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a store-fed cycle without its bars: one error naming what to run first, and no store created or changed", async () => {
  const { dir, db } = await tempStore();
  const reports = `${dir}/reports`;
  const first = (missing: string) =>
    `Cannot run the weekly cycle of session "${SESSION}" from the store (provider "store": no update, the stored bars only): ${missing}. Run \`deno task demo --db ${db}\` first (it loads the built-in samples into the store).`;
  try {
    const absent = await weeklyProcess(db, reports);
    assert.equal(absent.code, 1);
    assert.equal(absent.stdout, "");
    assert.equal(absent.stderr.trim(), first(`there is no store at ${db}`));
    assert.equal(await dumpStore(db), "(no store)", "no store was created");

    await (await openDb({ path: db })).close();
    const before = await dumpStore(db);
    const empty = await weeklyProcess(db, reports);
    assert.equal(empty.code, 1);
    assert.equal(empty.stderr.trim(), first("the store holds no bars"));
    assert.equal(await dumpStore(db), before);
    assert.deepEqual(await filesOf(reports), {});

    // symbols that are not samples: ingest or fetch them first
    await withSamples(db);
    const other = await writeConfig(
      dir,
      weeklyConfig({ data: { provider: "store" } }),
    );
    const r = await capture(weekly, ["--config", other, "--db", db]);
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      `Cannot run the weekly cycle of session "weekly-test" from the store (provider "store": no update, the stored bars only): the store holds no bars of ACME, BETA. Run \`deno task ingest FILE --symbol SYMBOL --db ${db}\` or \`deno task fetch ACME BETA --provider yahoo --db ${db}\` first.`,
    );
    // --provider store overrides a config's provider the same way
    const flag = await capture(weekly, [
      "--config",
      await writeConfig(dir, weeklyConfig(), "yahoo.json"),
      "--db",
      db,
      "--provider",
      "store",
    ]);
    assert.equal(flag.code, 1);
    assert.equal(flag.stderr, r.stderr);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
