/**
 * Resume only what was started, with real `deno task paper` processes on one store: a
 * changed config is refused (exit 2) naming every changed field and leaves the store as
 * it was; `--new-session NAME` starts another session beside the untouched first; the
 * first config still resumes its own session.
 */
import assert from "node:assert/strict";
import { openDb } from "../../lib/data/mod.ts";
import {
  chooseSession,
  identityChanges,
  PaperConfigSchema,
} from "../../lib/paper/mod.ts";
import {
  runPaperJob,
  runReconcileJob,
  sessionIdFor,
} from "../../lib/jobs/mod.ts";
import { createPaperJournal } from "../../lib/store/mod.ts";
import { type Captured, runDeno } from "../cli/_capture.ts";
import { snapshot, writeConfig } from "./_session.ts";

const CLI = new URL("../../lib/cli/paper.ts", import.meta.url).pathname;

function paper(args: string[]): Promise<Captured> {
  return runDeno(["run", "-A", CLI, "--json", ...args], { NO_COLOR: "1" });
}

/** Every journal row and the sessions rows (without wall-clock columns). */
async function state(
  db: string,
): Promise<{ sessions: unknown[]; first: unknown }> {
  const h = await openDb({ path: db });
  try {
    const sessions = await h.query(
      "SELECT session_id, config, identity, config_hash, status, bars, starts FROM sessions ORDER BY session_id",
    );
    return { sessions, first: await snapshot(h, "resume-test") };
  } finally {
    await h.close();
  }
}

Deno.test("paper refuses to resume under a changed config (exit 2, the changed fields), --new-session starts another and leaves the first untouched", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const base = (raw: Record<string, unknown>) => ({
      ...raw,
      name: "resume-test",
      limits: {
        ...(raw.limits as object),
        maxDrawdown: 0.5,
        dailyLossLimit: 0.2,
      },
    });
    const a = await writeConfig(dir, base, "a.json");
    const b = await writeConfig(dir, (raw) => ({
      ...base(raw),
      capital: 50000,
      strategy: {
        name: "ma_crossover",
        params: { fastDays: 10, slowDays: 100 },
      },
      symbols: ["AAPL"],
      limits: { ...base(raw).limits, maxDrawdown: 0.4 },
      broker: { ...(raw.broker as object), slippageBps: 5 },
      feed: { ...(raw.feed as object), from: "2017-01-03", to: "2018-05-11" },
    }), "b.json");
    const db = `${dir}/w.duckdb`;

    const first = await paper([
      "--config",
      a,
      "--db",
      db,
      "--to",
      "2019-03-29",
    ]);
    assert.equal(first.code, 0, first.stderr);
    const before = await state(db);

    const refused = await paper(["--config", b, "--db", db]);
    assert.equal(refused.code, 2, refused.stderr);
    assert.equal(refused.stdout, "");
    const msg = refused.stderr.trim();
    assert.equal(msg.split("\n").length, 1, msg);
    assert.match(
      msg,
      /^Cannot resume session "resume-test" with .*b\.json: its config changed since the session started \(/,
    );
    for (
      const field of [
        "broker.slippageBps: 2 -> 5",
        "capital: 100000 -> 50000",
        'from: "2019-01-02" -> "2017-01-03"',
        "limits.maxDrawdown: 0.5 -> 0.4",
        "strategy.params.fastDays: 20 -> 10",
        'symbols: ["SP500"] -> ["AAPL"]',
      ]
    ) assert.ok(msg.includes(field), `${field} in: ${msg}`);
    assert.match(msg, /start a new session with --new-session NAME/);
    assert.deepEqual(await state(db), before, "nothing was written");

    const fresh = await paper([
      "--config",
      b,
      "--db",
      db,
      "--new-session",
      "resume-test-aapl",
    ]);
    assert.equal(fresh.code, 0, fresh.stderr);
    const s = JSON.parse(fresh.stdout);
    assert.equal(s.sessionId, "resume-test-aapl");
    assert.equal(s.resumedFrom, null);
    const after = await state(db);
    assert.deepEqual(
      after.first,
      before.first,
      "the first session is untouched",
    );
    assert.equal(after.sessions.length, 2);

    const taken = await paper([
      "--config",
      b,
      "--db",
      db,
      "--new-session",
      "resume-test-aapl",
    ]);
    assert.equal(taken.code, 2);
    assert.match(
      taken.stderr,
      /^--new-session resume-test-aapl: this store already has a session "resume-test-aapl"/,
    );

    const resumed = await paper(["--config", a, "--db", db]);
    assert.equal(resumed.code, 0, resumed.stderr);
    const r = JSON.parse(resumed.stdout);
    assert.equal(r.sessionId, "resume-test");
    assert.equal(r.resumedFrom, "2019-03-29");
    assert.ok(r.newBars > 200, `continued over newer bars: ${r.newBars}`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("chooseSession() resumes an unchanged session and names each changed field", async () => {
  const db = await openDb({ path: ":memory:" });
  try {
    const journal = createPaperJournal(db);
    await journal.ensure();
    const config = PaperConfigSchema.parse({
      name: "s",
      strategy: { name: "ma_crossover", params: { fastDays: 20 } },
      symbols: ["SP500"],
      capital: 1000,
    });
    const fresh = await chooseSession(journal, config, "2019-01-02");
    assert.equal(fresh.resume, false);
    await journal.startSession({
      sessionId: "s",
      config: JSON.stringify(config),
      identity: JSON.stringify(fresh.identity),
      configHash: "x",
      dataHash: "d",
      codeVersion: "c",
      at: "2024-01-01T00:00:00Z",
    });
    // defaults spelled out are the same session
    const same = PaperConfigSchema.parse({
      ...config,
      strategy: {
        name: "ma_crossover",
        params: { fastDays: 20, slowDays: 200 },
      },
      feed: { ...config.feed, to: "2030-01-01" },
    });
    assert.equal(
      (await chooseSession(journal, same, "2019-01-02")).resume,
      true,
      "feed.to and defaults written out do not change the session",
    );
    await assert.rejects(
      () => chooseSession(journal, config, "2019-02-01"),
      /from: "2019-01-02" -> "2019-02-01"/,
    );
    assert.deepEqual(
      identityChanges({ a: { b: 1, c: [1] } }, { a: { b: 2, c: [1] }, d: 3 }),
      ["a.b: 1 -> 2", "d: (none) -> 3"],
    );
  } finally {
    await db.close();
  }
});

Deno.test("sessionIdFor() keeps the config's name for its own session and gives an edited config a session of its own", async () => {
  const db = await openDb({ path: ":memory:" });
  try {
    const config = PaperConfigSchema.parse({
      name: "demo-like",
      strategy: {
        name: "ma_crossover",
        params: { fastDays: 20, slowDays: 100 },
      },
      symbols: ["SP500"],
      capital: 100000,
      feed: { from: "2020-03-02", to: "2020-03-31" },
      alerts: { console: false },
    });
    assert.equal(await sessionIdFor(db, config), "demo-like");
    await runPaperJob(db, config, { sessionId: "demo-like" });
    assert.equal(await sessionIdFor(db, config), "demo-like", "resumable");
    const edited = { ...config, capital: 50000 };
    await assert.rejects(
      () =>
        runReconcileJob(db, edited, { sessionId: "demo-like", target: 0.05 }),
      /^UsageError: Cannot reconcile session "demo-like" with this config: it differs from the one the session ran \(capital: 100000 -> 50000\)$/,
    );
    const id = await sessionIdFor(db, edited);
    assert.match(id, /^demo-like-[0-9a-f]{8}$/);
    const s = await runPaperJob(db, edited, { sessionId: id });
    assert.equal(s.resumedFrom, null);
    assert.equal(await sessionIdFor(db, edited), id, "the same one next time");
  } finally {
    await db.close();
  }
});
