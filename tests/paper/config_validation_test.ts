/**
 * Preflight and the session validate a config with one function: each bad config is a
 * failed preflight check (exit 1) and a config error of `deno task paper` (exit 2)
 * with the same words, and the session never creates its `sessions` row.
 */
import assert from "node:assert/strict";
import { main as paper } from "../../lib/cli/paper.ts";
import { main as preflight } from "../../lib/cli/preflight.ts";
import { openDb } from "../../lib/data/mod.ts";
import { capture } from "../cli/_capture.ts";
import { sessionRows, writeConfig } from "./_session.ts";

/** Rows of `sessions` in the store file. */
async function sessionRowsOf(db: string): Promise<number> {
  const h = await openDb({ path: db });
  try {
    return await sessionRows(h);
  } finally {
    await h.close();
  }
}

const CASES: {
  name: string;
  over: (raw: Record<string, unknown>) => Record<string, unknown>;
  check: string;
  detail: RegExp;
}[] = [
  {
    name: "capital 1e308",
    over: (raw) => ({ ...raw, capital: 1e308 }),
    check: "capital",
    detail:
      /capital: expected a positive amount up to 1e\+12 \(one trillion\), got 1e\+308/,
  },
  {
    name: "an unknown strategy",
    over: (raw) => ({ ...raw, strategy: { name: "moon_phase", params: {} } }),
    check: "strategy",
    detail: /strategy\.name: expected one of ma_crossover, .* got "moon_phase"/,
  },
  {
    name: "an unknown parameter",
    over: (raw) => ({
      ...raw,
      strategy: { name: "ma_crossover", params: { fast: 20 } },
    }),
    check: "strategy",
    detail: /strategy\.params\.fast: ma_crossover has no parameter "fast"/,
  },
  {
    name: "fast >= slow",
    over: (raw) => ({
      ...raw,
      strategy: {
        name: "ma_crossover",
        params: { fastDays: 100, slowDays: 100 },
      },
    }),
    check: "strategy",
    detail:
      /strategy\.params: ma_crossover cannot run with fastDays 100, slowDays 100, longShort 0: maCrossoverPositions needs 1 <= fastDays < slowDays, got 100, 100/,
  },
  {
    name: "the ibkr broker with a replay feed",
    over: (raw) => ({
      ...raw,
      broker: { ...(raw.broker as object), kind: "ibkr" },
    }),
    check: "components",
    detail:
      /broker\.kind: "ibkr" sends orders to IBKR, which cannot fill a replay of stored bars/,
  },
  {
    name: "an alerts file in a missing folder",
    over: (raw) => ({
      ...raw,
      alerts: { ...(raw.alerts as object), jsonl: "/no/such/dir/a.jsonl" },
    }),
    check: "components",
    detail: /alerts\.jsonl: cannot write into \/no\/such\/dir/,
  },
  {
    name: "a webhook that is not http(s)",
    over: (raw) => ({
      ...raw,
      alerts: { ...(raw.alerts as object), webhook: "ftp://example.com/x" },
    }),
    check: "components",
    detail: /alerts\.webhook: expected an http:\/\/ or https:\/\/ URL/,
  },
];

Deno.test("a bad config fails preflight (exit 1, the failed check) and paper (exit 2, same words) and creates no session row", async () => {
  for (const c of CASES) {
    const dir = await Deno.makeTempDir();
    try {
      const config = await writeConfig(dir, c.over);
      const db = `${dir}/w.duckdb`;
      const pre = await capture(preflight, [
        "--config",
        config,
        "--db",
        db,
        "--reports",
        `${dir}/r`,
      ]);
      assert.equal(pre.code, 1, c.name);
      const line = pre.stdout.split("\n").find((l) =>
        l.startsWith(`FAIL  ${c.check} `)
      );
      assert.ok(line, `${c.name}: ${pre.stdout}`);
      assert.match(line, c.detail, c.name);
      assert.match(pre.stdout, /check\(s\) failed: do not start the session$/m);

      const run = await capture(paper, ["--config", config, "--db", db]);
      assert.equal(run.code, 2, `${c.name}: ${run.stderr}`);
      assert.match(run.stderr, new RegExp(`^Invalid config in ${config}: `));
      assert.match(run.stderr, c.detail, c.name);
      assert.equal(run.stderr.trim().split("\n").length, 1, "one line");
      assert.equal(await sessionRowsOf(db), 0, `${c.name}: no session row`);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  }
});

Deno.test("a config preflight passes starts its session", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const config = await writeConfig(dir, (raw) => ({
      ...raw,
      feed: { ...(raw.feed as object), to: "2019-02-28" },
    }));
    const db = `${dir}/w.duckdb`;
    const pre = await capture(preflight, [
      "--config",
      config,
      "--db",
      db,
      "--reports",
      `${dir}/r`,
    ]);
    assert.equal(pre.code, 0, pre.stdout);
    const run = await capture(paper, ["--config", config, "--db", db]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(await sessionRowsOf(db), 1);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
