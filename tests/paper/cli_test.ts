import assert from "node:assert/strict";
import type { CliIo } from "../../lib/cli/_cli.ts";
import { main as paper } from "../../lib/cli/paper.ts";
import { main as killSwitch } from "../../lib/cli/kill_switch.ts";
import { main as reconcile } from "../../lib/cli/reconcile.ts";
import { main as preflight } from "../../lib/cli/preflight.ts";
import { openDb } from "../../lib/data/mod.ts";
import { writeConfig } from "./_session.ts";

function capture(): CliIo & { out_: string[]; err_: string[] } {
  const out_: string[] = [], err_: string[] = [];
  return { out_, err_, out: (t) => out_.push(t), err: (t) => err_.push(t) };
}

async function withConfig(
  fn: (dir: string, config: string) => Promise<void>,
  over: (raw: Record<string, unknown>) => Record<string, unknown> = (r) => r,
): Promise<void> {
  const dir = await Deno.makeTempDir();
  try {
    await fn(dir, await writeConfig(dir, over));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("paper, reconcile and preflight tasks run the example config on a fresh store", async () => {
  await withConfig(async (dir, config) => {
    const db = `${dir}/w.duckdb`;
    const pre = capture();
    assert.equal(
      await preflight(
        ["--config", config, "--db", db, "--reports", `${dir}/r`],
        pre,
      ),
      0,
    );
    assert.match(
      pre.out_.join("\n"),
      /PASS {2}data sanity {8}STRICT DataSanity clean/,
    );
    assert.match(pre.out_.join("\n"), /all checks passed$/);
    {
      const h = await openDb({ path: db });
      try {
        const rows = await h.query<{ name: string; ok: boolean }>(
          "SELECT name, ok FROM preflight_checks",
        );
        assert.equal(
          rows.length,
          12,
          "the checklist is stored for the Phase 3 report",
        );
        assert.ok(rows.every((r) => r.ok));
      } finally {
        await h.close();
      }
    }

    const run = capture();
    assert.equal(
      await paper(["--config", config, "--db", db, "--json"], run),
      0,
    );
    const s = JSON.parse(run.out_[0]);
    assert.equal(s.sessionId, "sp500-ma-paper");
    assert.equal(s.bars, 326);
    assert.equal(
      s.halted,
      true,
      "the example's 8% drawdown limit trips in 2019",
    );

    const rec = capture();
    const code = await reconcile(
      ["--config", config, "--db", db, "--json"],
      rec,
    );
    const r = JSON.parse(rec.out_[0]);
    assert.equal(code, r.withinTarget ? 0 : 1);
    assert.equal(r.paperReturn, s.totalReturn);
    // The halt is modelled: the backtest with the same kill switch matches the paper
    // session, and the halt's effect is its own cause.
    assert.equal(r.halt.flatten, true);
    assert.ok(
      Math.abs(r.breakdown.killSwitch) > 0.001,
      "the halt changes the result",
    );
    assert.ok(
      r.relativeDifference < 0.001,
      `difference ${r.relativeDifference}`,
    );
    assert.equal(code, 0);

    // Running again resumes from the checkpoint: nothing is traded twice, and the
    // summary shows the stored session's figures.
    const again = capture();
    assert.equal(
      await paper(["--config", config, "--db", db, "--json"], again),
      0,
    );
    const resumed = JSON.parse(again.out_[0]);
    assert.equal(resumed.newBars, 0);
    assert.equal(resumed.resumedFrom, "2020-04-17");
    const { newBars: _a, resumedFrom: _b, ...sameFigures } = resumed;
    const { newBars: _c, resumedFrom: _d, ...firstFigures } = s;
    assert.deepEqual(sameFigures, firstFigures);
    assert.deepEqual(s.halt, {
      date: "2019-10-02",
      rule: "max-drawdown",
      reason: "drawdown 8.30% reached the 8.00% limit",
    });
    const text = capture();
    assert.equal(await paper(["--config", config, "--db", db], text), 0);
    assert.match(
      text.out_[0],
      /^session sp500-ma-paper: 326 bars \(resumed after 2020-04-17: no new bar\)\n {2}HALTED on 2019-10-02 by the drawdown limit \(limits\.maxDrawdown\): drawdown 8\.30% reached the 8\.00% limit\n/,
    );
    assert.doesNotMatch(text.out_[0], /kill switch|NaN/);
    const h = await openDb({ path: db });
    try {
      const [{ n }] = await h.query<{ n: number }>(
        "SELECT count(*) n FROM equity",
      );
      assert.equal(Number(n), 326);
      const [rec] = await h.query<
        { within_target: boolean; kill_switch: number }
      >("SELECT within_target, kill_switch FROM reconciliations");
      assert.equal(rec.within_target, true, "stored for the Phase 2 report");
      assert.equal(rec.kill_switch, r.backtest.killSwitch);
    } finally {
      await h.close();
    }
  });
});

Deno.test("kill-switch arms a stored session that is not running: preflight reports the request and the session's next start halts at once", async () => {
  await withConfig(
    async (dir, config) => {
      const db = `${dir}/w.duckdb`;
      const first = capture();
      assert.equal(
        await paper(
          ["--config", config, "--db", db, "--to", "2019-03-29"],
          first,
        ),
        0,
      );
      const k = capture();
      assert.equal(
        await killSwitch(["--db", db, "--flatten", "--reason", "drill"], k),
        0,
      );
      assert.match(
        k.out_[0],
        /^kill armed for session sp500-ma-paper \(finished\) at .* with flatten: .*w\.duckdb\.kill; it halts as soon as it starts again$/,
      );
      const pre = capture();
      assert.equal(
        await preflight([
          "--config",
          config,
          "--db",
          db,
          "--reports",
          `${dir}/r`,
        ], pre),
        1,
      );
      assert.match(pre.out_.join("\n"), /FAIL {2}no pending kill/);
      const run = capture();
      assert.equal(
        await paper(["--config", config, "--db", db, "--json"], run),
        0,
      );
      const s = JSON.parse(run.out_[0]);
      assert.equal(s.halted, true);
      assert.deepEqual(s.halt, {
        date: "2019-04-01",
        rule: "manual",
        reason: "drill",
      });
      const h = await openDb({ path: db });
      try {
        const ev = await h.query<{ date: string; detail: string }>(
          "SELECT date, detail FROM events WHERE kind = 'kill_switch'",
        );
        assert.equal(ev.length, 1);
        assert.equal(
          ev[0].date,
          "2019-04-01",
          "the first bar after the restart",
        );
        assert.equal(JSON.parse(ev[0].detail).reason, "drill");
      } finally {
        await h.close();
      }
      assert.equal(await Deno.stat(`${db}.kill`).catch(() => null), null);
    },
    (raw) => ({
      ...raw,
      limits: {
        ...(raw.limits as object),
        maxDrawdown: 0.5,
        dailyLossLimit: 0.2,
      },
    }),
  );
});

Deno.test("kill-switch refuses (exit 2) when no session could read the request, and writes nothing", async () => {
  await withConfig(async (dir) => {
    const db = `${dir}/w.duckdb`;
    const cases: [string[], RegExp][] = [
      [
        [],
        /^Missing flag --db: expected the store the session runs on \(e\.g\. --db data\/warehouse\.duckdb\)/,
      ],
      [["--db", ":memory:"], /^--db :memory: is a private store/],
      [["--db", db], /^No store at .*w\.duckdb: no session to stop/],
    ];
    for (const [args, message] of cases) {
      const io = capture();
      assert.equal(await killSwitch(args, io), 2, args.join(" "));
      assert.match(io.err_.join("\n"), message);
    }
    // a store with bars but no paper session
    const h = await openDb({ path: db });
    await h.exec("CREATE TABLE bars (symbol VARCHAR)");
    await h.close();
    const none = capture();
    assert.equal(await killSwitch(["--db", db], none), 2);
    assert.match(
      none.err_[0],
      /^No paper session in .*w\.duckdb: a kill request there would reach nobody/,
    );
    assert.deepEqual(
      [...Deno.readDirSync(dir)].map((e) => e.name).sort(),
      ["config.json", "w.duckdb"],
      "no request file was written",
    );
  });
});

Deno.test("paper task: bad flags and bad config name the flag or field (exit 2)", async () => {
  const io = capture();
  assert.equal(await paper(["--speed", "fast"], io), 2);
  assert.match(io.err_.join("\n"), /speed/);
  await withConfig(async (_dir, config) => {
    const e = capture();
    assert.equal(await paper(["--config", config, "--db", ":memory:"], e), 2);
    assert.match(e.err_.join("\n"), /capital/);
  }, (raw) => ({ ...raw, capital: -5 }));
  const missing = capture();
  assert.equal(
    await paper(["--config", "/nonexistent.json", "--db", ":memory:"], missing),
    2,
  );
  assert.match(missing.err_.join("\n"), /nonexistent\.json/);
});
