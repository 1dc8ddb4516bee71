/**
 * The queue's flags and its credentials: `--redis`/`--shared`/`--resume` only with
 * `--backend queue`, the Redis URL from the flag or `REDIS_URL`, and a password in the
 * URL never printed (flag errors, the worker's log, the coordinator's messages), with a
 * real password-protected redis-server, a worker process and the coordinator's task.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { main as multiSymbol } from "../../lib/cli/multi_symbol.ts";
import { main as optimize } from "../../lib/cli/optimize.ts";
import { main as worker } from "../../lib/cli/worker.ts";
import { capture, runDeno } from "./_capture.ts";
import {
  startRedis,
  startWorker,
  syntheticStore,
} from "../jobs/_queue_harness.ts";

const SECRET = "hunter2-queue";

/** Run `fn` with REDIS_URL set (or removed), restoring it after. */
async function withRedisUrl<T>(
  url: string | undefined,
  fn: () => Promise<T>,
): Promise<T> {
  const before = Deno.env.get("REDIS_URL");
  if (url === undefined) Deno.env.delete("REDIS_URL");
  else Deno.env.set("REDIS_URL", url);
  try {
    return await fn();
  } finally {
    if (before === undefined) Deno.env.delete("REDIS_URL");
    else Deno.env.set("REDIS_URL", before);
  }
}

Deno.test("queue flags: --redis, --shared, --resume need --backend queue, which needs --shared and a Redis URL; URLs are checked without echoing a password", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const cases: [string[], RegExp][] = [
      [
        ["--redis", "redis://127.0.0.1:1"],
        /flag --redis: expected --backend queue with it/,
      ],
      [["--shared", dir], /flag --shared: expected --backend queue with it/],
      [
        ["--backend", "queue", "--redis", "redis://127.0.0.1:1"],
        /Missing flag --shared: expected the directory shared with the workers/,
      ],
      [
        [
          "--backend",
          "queue",
          "--shared",
          join(dir, "nope"),
          "--redis",
          "redis://h:1",
        ],
        /flag --shared: expected an existing directory that every worker sees/,
      ],
      [
        ["--backend", "queue", "--shared", dir],
        /Missing flag --redis: expected a Redis URL .* or REDIS_URL in the environment$/,
      ],
      [
        [
          "--backend",
          "queue",
          "--shared",
          dir,
          "--redis",
          `http://u:${SECRET}@h`,
        ],
        /flag --redis: expected a redis:\/\/ or rediss:\/\/ URL \(not http:\), got "http:\/\/\*\*\*@h"/,
      ],
      [
        ["--backend", "cluster"],
        /flag --backend/,
      ],
      [[
        "--backend",
        "queue",
        "--shared",
        dir,
        "--redis",
        "redis://h:1",
        "--resume",
        "x",
      ], /flag --resume: expected a queue run id/],
    ];
    const ca = join(dir, "ca.pem");
    await Deno.writeTextFile(
      ca,
      "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
    );
    const queue = (
      url: string,
    ) => ["--backend", "queue", "--shared", dir, "--redis", url];
    cases.push(
      [["--redis-ca", ca], /flag --redis-ca: expected --backend queue with it/],
      [
        [...queue("redis://h:1"), "--redis-ca", ca],
        /flag --redis-ca: expected a rediss:\/\/ Redis URL with it/,
      ],
      [
        [...queue("rediss://h:1"), "--redis-ca", join(dir, "missing.pem")],
        /flag --redis-ca: expected a PEM file of the CA that signed the Redis server's certificate \(.*missing\.pem does not exist\)/,
      ],
    );
    await withRedisUrl(undefined, async () => {
      const o = await capture(optimize, [
        "--db",
        ":memory:",
        "--universe",
        "u",
        "--configs-per-shard",
        "8",
      ]);
      assert.equal(o.code, 2);
      assert.match(
        o.stderr,
        /flag --configs-per-shard: expected --backend queue with it/,
      );
      for (const [args, re] of cases) {
        const r = await capture(multiSymbol, ["--db", ":memory:", ...args]);
        assert.equal(r.code, 2, args.join(" "));
        assert.match(r.stderr, re);
        assert.ok(!r.stderr.includes(SECRET));
      }
      const w = await capture(worker, ["--shared", dir]);
      assert.equal(w.code, 2);
      assert.match(w.stderr, /flag --redis: expected a Redis URL/);
    });
    await withRedisUrl(`ftp://u:${SECRET}@h`, async () => {
      const w = await capture(worker, ["--shared", dir]);
      assert.equal(w.code, 2);
      assert.match(
        w.stderr,
        /REDIS_URL in the environment to be a redis:\/\/ or rediss:\/\/ URL/,
      );
      assert.ok(!w.stderr.includes(SECRET));
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("queue with a password-protected Redis from REDIS_URL: the worker and the multi-symbol task run it and never print the password", async () => {
  const redis = await startRedis(SECRET);
  const dir = await Deno.makeTempDir({ prefix: "tradelab-queue-cli-" });
  const db = join(dir, "w.duckdb");
  await (await syntheticStore(6, db)).close();
  const shared = join(dir, "shared");
  await Deno.mkdir(shared);
  const w = await startWorker(["--shared", shared], { REDIS_URL: redis.url });
  try {
    const port = redis.port;
    assert.match(
      w.lines[0],
      new RegExp(
        `connected to queue tradelab-shards at redis://\\*\\*\\*@127\\.0\\.0\\.1:${port}, shared directory ${shared}, concurrency 1$`,
      ),
    );
    const args = [
      "run",
      "-A",
      "lib/cli/multi_symbol.ts",
      "--db",
      db,
      "--symbols",
      "S00,S01,S02,S03,S04,S05",
      "--backend",
      "queue",
      "--shared",
      shared,
      "--train-len",
      "252",
      "--test-len",
      "63",
    ];
    const r = await runDeno(args, { REDIS_URL: redis.url });
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /run multi-symbol-\S+: 6 symbols \(6 ran, 0 failed\)/,
    );
    assert.match(
      r.stdout,
      /walk-forward on the queue \(deno task worker processes\)/,
    );
    assert.match(
      r.stderr,
      /^Queue run multi-symbol-\S+ \(resume it with --resume /m,
    );
    // a wrong password: a clear failure, still without the password
    const bad = redis.url.replace(SECRET, "wrong-" + SECRET);
    const e = await runDeno(args, { REDIS_URL: bad });
    assert.equal(e.code, 1);
    assert.match(
      e.stderr,
      /Cannot reach Redis at redis:\/\/\*\*\*@127\.0\.0\.1:\d+: /,
    );
    for (const text of [r.stdout, r.stderr, e.stderr, ...w.lines]) {
      assert.ok(!text.includes(SECRET), text);
    }
    await w.waitFor(/done: 1 symbols/);
  } finally {
    await w.kill("SIGTERM");
    await redis.stop();
    await Deno.remove(dir, { recursive: true });
  }
});
