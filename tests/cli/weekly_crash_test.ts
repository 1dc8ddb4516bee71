/**
 * The weekly cycle survives a crash: real `deno task weekly` processes are killed with
 * SIGKILL at several instants of one cycle (mid-session, then around the reconciliation
 * and the reports) and run again on the same store; the journal and the reports end as
 * an uninterrupted cycle's.
 */
import assert from "node:assert/strict";
import { openDb } from "../../lib/data/mod.ts";
import { readReportMeta } from "../../lib/report/mod.ts";
import { startFakeProviders } from "../data/providers/_fake_providers.ts";
import { snapshot } from "../paper/_session.ts";
import { filesOf, weeklyConfig, weeklyMarket, writeConfig } from "./_weekly.ts";
import { waitForStderr } from "../_child.ts";

const CLI = new URL("../../lib/cli/weekly.ts", import.meta.url).pathname;
const ROOT = new URL("../..", import.meta.url).pathname;

function cycle(
  dir: string,
  config: string,
  baseUrl: string,
): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      CLI,
      "--config",
      config,
      "--db",
      `${dir}/w.duckdb`,
      "--reports",
      `${dir}/reports`,
    ],
    cwd: ROOT,
    env: { TRADELAB_YAHOO_URL: baseUrl, NO_COLOR: "1" },
    stdout: "null",
    stderr: "piped",
  }).spawn();
}

async function countPages(dir: string): Promise<number> {
  try {
    return (await Array.fromAsync(Deno.readDir(dir))).filter((e) =>
      /-\d{4}-W\d\d\.html$/.test(e.name)
    ).length;
  } catch {
    return 0;
  }
}

async function journal(dir: string) {
  const db = await openDb({ path: `${dir}/w.duckdb` });
  try {
    const [cp] = await db.query<{ date: string; state: string }>(
      "SELECT date, state FROM paper_checkpoints",
    );
    const [{ n }] = await db.query<{ n: number }>(
      "SELECT count(*) AS n FROM reconciliations",
    );
    return {
      ...(await snapshot(db, "weekly-test")),
      cp: [cp],
      reconciled: [n],
    };
  } finally {
    await db.close();
  }
}

/** Report pages with generation times and the session's start instant blanked. */
async function pages(dir: string): Promise<Record<string, string>> {
  const files = await filesOf(`${dir}/reports/weekly`);
  return Object.fromEntries(
    Object.entries(files).filter(([f]) => f !== "index.html").map((
      [f, { text }],
    ) => [f, text.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, "T")]),
  );
}

Deno.test("a weekly cycle killed with SIGKILL at any instant ends, once run again, exactly as an uninterrupted one", async () => {
  const dir = await Deno.makeTempDir();
  const fake = startFakeProviders(weeklyMarket());
  fake.availableUntil("2024-03-22");
  try {
    // 2023-06-01..2024-03-22 in one cycle: about 200 bars, 43 weekly reports
    const config = await writeConfig(
      dir,
      weeklyConfig({
        feed: { kind: "replay", warmupBars: 60, from: "2023-06-01" },
      }),
    );
    const ref = `${dir}/ref`, crashed = `${dir}/crashed`;
    await Deno.mkdir(ref);
    await Deno.mkdir(crashed);
    const whole = cycle(ref, config, fake.baseUrl);
    await whole.stderr.cancel();
    assert.equal((await whole.status).code, 0);

    const kills: string[] = [];
    for (const after of ["bar 100 ", "bar 200 ", "bar 250 "]) {
      const child = cycle(crashed, config, fake.baseUrl);
      try {
        await waitForStderr(child, after);
        child.kill("SIGKILL");
      } catch (e) {
        // the session may have resumed past this progress line: kill whatever is left
        try {
          child.kill("SIGKILL");
        } catch { /* already ended */ }
        kills.push(`(${(e as Error).message.slice(0, 40)})`);
      }
      const status = await child.status;
      kills.push(`${after.trim()}: ${status.signal ?? status.code}`);
    }
    // and once more while it writes the weekly pages
    assert.equal(await countPages(`${crashed}/reports/weekly`), 0);
    const writing = cycle(crashed, config, fake.baseUrl);
    const drained = writing.stderr.cancel();
    const pagesDir = `${crashed}/reports/weekly`;
    for (let waited = 0; (await countPages(pagesDir)) < 1; waited += 5) {
      if (waited > 120_000) throw new Error("no weekly page written");
      await new Promise((r) => setTimeout(r, 5));
    }
    writing.kill("SIGKILL");
    await writing.status;
    await drained;
    const partial = await countPages(pagesDir);
    // (pages render in a burst: the kill lands among the pages or the indexes)
    kills.push(`reports: SIGKILL after ${partial} page(s)`);
    // deno-lint-ignore no-console
    console.log(`kills: ${kills.join(", ")}`);
    assert.ok(kills.some((k) => k.endsWith("SIGKILL")), kills.join(", "));
    const last = cycle(crashed, config, fake.baseUrl);
    await last.stderr.cancel();
    assert.equal((await last.status).code, 0);

    assert.deepEqual(await journal(crashed), await journal(ref));
    const [a, b] = [await pages(crashed), await pages(ref)];
    assert.equal(Object.keys(b).length, 43);
    assert.deepEqual(a, b);
    const index = await Deno.readTextFile(
      `${crashed}/reports/weekly/index.html`,
    );
    assert.equal(readReportMeta(index)?.cards[0].value, "43");
  } finally {
    await fake.close();
    await Deno.remove(dir, { recursive: true });
  }
});
