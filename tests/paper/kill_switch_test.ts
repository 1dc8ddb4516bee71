/**
 * The kill switch reaches a running session, tested with real processes: a paced
 * `deno task paper` runs in its own process (holding the store), `deno task kill-switch
 * --wait` runs in another, times out while the session waits for its next bar, then
 * sees it report HALTED; the journal shows the manual halt and no order after it.
 */
import assert from "node:assert/strict";
import { openDb } from "../../lib/data/mod.ts";
import { readBeacon } from "../../lib/paper/mod.ts";
import { type Captured, runDeno } from "../cli/_capture.ts";
import { writeConfig } from "./_session.ts";

const ROOT = new URL("../..", import.meta.url).pathname;
const cli = (name: string) =>
  new URL(`../../lib/cli/${name}.ts`, import.meta.url).pathname;

/** Run a task to the end in its own process; its exit code and output. */
function run(task: string, args: string[]): Promise<Captured> {
  return runDeno(["run", "-A", cli(task), ...args], { NO_COLOR: "1" });
}

/** Resolve once the beacon of `db` names a running session of process `pid`. */
async function running(db: string, pid: number): Promise<string> {
  for (let waited = 0; waited < 60_000; waited += 100) {
    const b = await readBeacon(db).catch(() => undefined);
    if (b?.pid === pid && b.status === "running") return b.sessionId;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the session never reported running");
}

Deno.test("kill-switch --wait stops a running deno task paper: timeout exit 1 before its next bar, then HALTED", async () => {
  const dir = await Deno.makeTempDir();
  const db = `${dir}/w.duckdb`;
  const config = await writeConfig(dir, (raw) => ({
    ...raw,
    name: "kill-drill",
    limits: {
      ...(raw.limits as object),
      maxDrawdown: 0.5,
      dailyLossLimit: 0.2,
    },
  }));
  // One traded bar every 10 s: the session sits between bars most of the time.
  const session = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      cli("paper"),
      "--config",
      config,
      "--db",
      db,
      "--speed",
      "0.1",
      "--json",
    ],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
  const output = session.output();
  try {
    assert.equal(await running(db, session.pid), "kill-drill");
    // its first bar trades at once, the next one 10 s later
    await new Promise((r) => setTimeout(r, 1000));

    const early = await run("kill_switch", [
      "--db",
      db,
      "--reason",
      "drill",
      "--wait",
      "--timeout",
      "1",
    ]);
    assert.equal(early.code, 1, early.stderr);
    assert.match(
      early.stdout,
      new RegExp(
        `^kill armed for session kill-drill \\(running, pid ${session.pid}\\) at .*w\\.duckdb\\.kill; it stops at its next bar\\n$`,
      ),
    );
    assert.match(
      early.stderr,
      /^Session "kill-drill" did not report HALTED within 1 s: it reads the request at its next bar/,
    );

    const waited = await run("kill_switch", [
      "--db",
      db,
      "--reason",
      "drill",
      "--flatten",
      "--wait",
      "--timeout",
      "30",
    ]);
    assert.equal(waited.code, 0, waited.stderr);
    const [armed, halted] = waited.stdout.trim().split("\n");
    assert.match(armed, /^kill armed for session kill-drill \(running, pid /);
    const m =
      /^session kill-drill HALTED on (\d{4}-\d{2}-\d{2}) \(manual\): drill$/
        .exec(halted);
    assert.ok(m, halted);

    // the halt reached the journal: then stop the session and read it
    session.kill("SIGINT");
    const done = await output;
    assert.equal(done.code, 0, new TextDecoder().decode(done.stderr));
    const summary = JSON.parse(new TextDecoder().decode(done.stdout));
    assert.deepEqual(summary.halt, {
      date: m[1],
      rule: "manual",
      reason: "drill",
    });
    const h = await openDb({ path: db });
    try {
      const ev = await h.query<{ date: string; detail: string }>(
        "SELECT date, detail FROM events WHERE kind = 'kill_switch'",
      );
      assert.equal(ev.length, 1);
      assert.equal(ev[0].date, m[1]);
      assert.equal(JSON.parse(ev[0].detail).manual, true);
      const [{ n }] = await h.query<{ n: number }>(
        "SELECT count(*) AS n FROM orders WHERE date > $d AND client_order_id NOT LIKE '%-flatten'",
        { d: m[1] },
      );
      assert.equal(Number(n), 0, "no order after the halt");
      const [{ status }] = await h.query<{ status: string }>(
        "SELECT status FROM sessions WHERE session_id = 'kill-drill'",
      );
      assert.equal(status, "stopped");
    } finally {
      await h.close();
    }
    assert.equal(
      await Deno.stat(`${db}.kill`).catch(() => null),
      null,
      "the session acknowledged the request",
    );
    const again = await run("kill_switch", ["--db", db, "--wait"]);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(
      again.stdout,
      `session kill-drill (stopped) already HALTED on ${
        m[1]
      }: drill; nothing to arm\n`,
    );
  } finally {
    try {
      session.kill("SIGKILL");
    } catch { /* ended */ }
    await output.catch(() => {});
    await Deno.remove(dir, { recursive: true });
  }
});
