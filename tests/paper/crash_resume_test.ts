/**
 * The durability promise, tested the hard way: a real `deno task paper` process is
 * killed with SIGKILL at several instants and restarted on the same database; the
 * journal must end exactly as an uninterrupted run's (no order or fill lost or
 * duplicated).
 */
import assert from "node:assert/strict";
import { openDb } from "../../lib/data/mod.ts";
import { createPaperJournal } from "../../lib/store/mod.ts";
import { snapshot } from "./_session.ts";
import { waitForStderr } from "../_child.ts";

const CLI = new URL("../../lib/cli/paper.ts", import.meta.url).pathname;
const ROOT = new URL("../..", import.meta.url).pathname;

function session(db: string, config: string): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", CLI, "--config", config, "--db", db, "--speed", "200"],
    cwd: ROOT,
    stdout: "null",
    stderr: "piped",
  }).spawn();
}

async function checkpointIndex(db: string): Promise<number> {
  const h = await openDb({ path: db });
  try {
    const journal = createPaperJournal(h);
    await journal.ensure();
    return (await journal.readCheckpoint("crash-test"))?.barIndex ?? -1;
  } finally {
    await h.close();
  }
}

Deno.test("a paper session killed with SIGKILL at any instant resumes to exactly the uninterrupted journal", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const raw = JSON.parse(
      await Deno.readTextFile(
        `${ROOT}config/enhanced_paper_trading_config.json`,
      ),
    );
    const config = `${dir}/config.json`;
    await Deno.writeTextFile(
      config,
      JSON.stringify({
        ...raw,
        name: "crash-test",
        limits: { ...raw.limits, maxDrawdown: 0.5, dailyLossLimit: 0.2 },
        alerts: { ...raw.alerts, console: false },
      }),
    );
    const ref = `${dir}/ref.duckdb`;
    assert.equal((await session(ref, config).status).code, 0);

    const db = `${dir}/crashed.duckdb`;
    const seen: number[] = [];
    // Kill during start-up (loading the samples), then after progress lines at
    // different bars: the kill lands wherever the session is at that moment (inside a
    // bar's transaction or between bars).
    for (const after of [null, "bar 300 ", "bar 400 ", "bar 500 "]) {
      const child = session(db, config);
      if (after === null) await new Promise((r) => setTimeout(r, 300));
      else await waitForStderr(child, after);
      try {
        child.kill("SIGKILL");
      } catch { /* already finished */ }
      await child.status;
      seen.push(await checkpointIndex(db));
    }
    // deno-lint-ignore no-console
    console.log(`checkpoints after each SIGKILL: ${seen.join(", ")}`);
    assert.ok(
      seen.some((i) => i > 0),
      `at least one kill landed mid-session (checkpoints ${seen})`,
    );
    assert.equal((await session(db, config).status).code, 0);

    const a = await openDb({ path: ref }), b = await openDb({ path: db });
    try {
      assert.deepEqual(
        await snapshot(b, "crash-test"),
        await snapshot(a, "crash-test"),
      );
      const [{ starts }] = await b.query<{ starts: number }>(
        "SELECT starts FROM sessions WHERE session_id = 'crash-test'",
      );
      assert.ok(Number(starts) >= 2, `restarted ${starts} times`);
    } finally {
      await a.close();
      await b.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
