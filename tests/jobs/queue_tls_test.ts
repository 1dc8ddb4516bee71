/**
 * The queue over TLS (`rediss://`) with a real redis-server serving TLS only: openssl
 * makes a throwaway CA and a server certificate for 127.0.0.1; a worker process and the
 * coordinator trust that CA (`--redis-ca FILE`, `REDIS_TLS_CA`) and a run stores what the
 * local run stores; without the CA, or with another CA, both sides stop with one plain
 * line (no stack) naming the server and what to give.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  type MultiSymbolJobConfig,
  runMultiSymbolJob,
} from "../../lib/jobs/mod.ts";
import {
  completeWalkForwardConfig,
  w1Config,
} from "../../lib/walkforward/mod.ts";
import { runDeno } from "../cli/_capture.ts";
import {
  startRedis,
  startWorker,
  storedRows,
  symbolNames,
  syntheticStore,
} from "./_queue_harness.ts";

/** Run openssl in `dir`, failing the test with its output when it fails. */
async function openssl(dir: string, ...args: string[]): Promise<void> {
  const r = await new Deno.Command("openssl", { args, cwd: dir }).output();
  assert.equal(
    r.code,
    0,
    `openssl ${args.join(" ")}: ${new TextDecoder().decode(r.stderr)}`,
  );
}

/** A CA (`<name>.crt`, `<name>.key`) valid for a day. */
function makeCa(dir: string, name: string): Promise<void> {
  return openssl(
    dir,
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    `${name}.key`,
    "-out",
    `${name}.crt`,
    "-days",
    "1",
    "-subj",
    `/CN=${name}`,
  );
}

/** A throwaway CA, a server certificate it signs for 127.0.0.1, and an unrelated CA. */
async function certificates(dir: string) {
  await makeCa(dir, "ca");
  await makeCa(dir, "other-ca");
  await openssl(
    dir,
    "req",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    "server.key",
    "-out",
    "server.csr",
    "-subj",
    "/CN=127.0.0.1",
  );
  await Deno.writeTextFile(
    join(dir, "san.cnf"),
    "subjectAltName=IP:127.0.0.1,DNS:localhost\n",
  );
  await openssl(
    dir,
    "x509",
    "-req",
    "-in",
    "server.csr",
    "-CA",
    "ca.crt",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-out",
    "server.crt",
    "-days",
    "1",
    "-extfile",
    "san.cnf",
  );
  return {
    server: {
      cert: join(dir, "server.crt"),
      key: join(dir, "server.key"),
      ca: join(dir, "ca.crt"),
    },
    otherCa: join(dir, "other-ca.crt"),
  };
}

const SYMBOLS = symbolNames(6);
const deps = {
  now: () => 0,
  isoNow: () => "2026-05-06T07:08:09.000Z",
  codeVersion: "0.1.0+test",
};
const job: MultiSymbolJobConfig = {
  symbols: SYMBOLS,
  config: completeWalkForwardConfig({ ...w1Config, train: 252, test: 63 }),
  controls: false,
};

Deno.test("queue over TLS: a worker and the coordinator trust a self-signed server through its CA, and the run equals the local run; a missing or wrong CA is one clear line", async () => {
  const dir = await Deno.makeTempDir({ prefix: "tradelab-queue-tls-" });
  const { server, otherCa } = await certificates(dir);
  const redis = await startRedis(undefined, server);
  const shared = join(dir, "shared");
  await Deno.mkdir(shared);
  assert.match(redis.url, /^rediss:\/\/127\.0\.0\.1:\d+$/);
  const w = await startWorker([
    "--redis",
    redis.url,
    "--redis-ca",
    server.ca,
    "--shared",
    shared,
  ]);
  const db = await syntheticStore(SYMBOLS.length);
  try {
    assert.match(w.lines[0], /connected to queue tradelab-shards at rediss:/);
    const caPem = await Deno.readTextFile(server.ca);
    const q = await runMultiSymbolJob(db, job, {
      deps,
      queue: { redis: redis.url, redisCa: caPem, shared },
    });
    const l = await runMultiSymbolJob(db, job, { workers: 0, deps });
    assert.equal(q.errors.length, 0);
    assert.deepEqual(
      await storedRows(db, q.manifest.runId),
      await storedRows(db, l.manifest.runId),
    );
    assert.ok(w.lines.some((x) => / done: /.test(x)));

    // without the CA, or with another one: the worker and the coordinator stop at once
    const envs: Record<string, string>[] = [{}, { REDIS_TLS_CA: otherCa }];
    for (const env of envs) {
      const args = ["run", "-A", "lib/cli/worker.ts"];
      const r = await runDeno(
        [...args, "--redis", redis.url, "--shared", shared],
        env,
      );
      assert.equal(r.code, 1, r.stderr);
      const lines = r.stderr.trim().split("\n");
      assert.equal(lines.length, 1, r.stderr);
      assert.match(
        lines[0],
        new RegExp(
          `^Cannot connect to Redis at rediss://127\\.0\\.0\\.1:${redis.port} over TLS: .*certificate.*; the server's certificate is not signed by a CA this side trusts: give the CA's PEM file with --redis-ca FILE or REDIS_TLS_CA$`,
        ),
      );
    }
    await assert.rejects(
      runMultiSymbolJob(db, job, {
        deps,
        queue: {
          redis: redis.url,
          redisCa: await Deno.readTextFile(otherCa),
          shared,
        },
      }),
      /^Error: Cannot connect to Redis at rediss:\/\/127\.0\.0\.1:\d+ over TLS: .*certificate/,
    );
    // a CA that is not a certificate: the flag's error, before any connection
    const bad = await runDeno([
      "run",
      "-A",
      "lib/cli/worker.ts",
      "--redis",
      redis.url,
      "--redis-ca",
      server.key,
      "--shared",
      shared,
    ]);
    assert.equal(bad.code, 2);
    assert.match(
      bad.stderr,
      /^Invalid flag --redis-ca: expected a PEM file of the CA that signed the Redis server's certificate \(.*server\.key holds no "-----BEGIN CERTIFICATE-----" block\)/,
    );
  } finally {
    await db.close();
    await w.kill("SIGTERM");
    await redis.stop();
    await Deno.remove(dir, { recursive: true });
  }
});
