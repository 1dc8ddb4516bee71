/**
 * Real processes for the queue tests: a redis-server of the test's own on a free loopback
 * port (no persistence), `deno task worker` processes with their log lines, a store of
 * synthetic symbols, and the rows a universe run stored.
 *
 * @module
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { redisServerArgs, type RedisServerTls } from "../../lib/jobs/mod.ts";
import {
  type DbEngine,
  generateSynthetic,
  openDb,
  upsertBars,
} from "../../lib/data/mod.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** A free TCP port on 127.0.0.1. */
export function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

async function pong(
  port: number,
  password?: string,
  caPem?: string,
): Promise<boolean> {
  try {
    const c = caPem === undefined
      ? await Deno.connect({ hostname: "127.0.0.1", port })
      : await Deno.connectTls({
        hostname: "127.0.0.1",
        port,
        caCerts: [caPem],
      });
    try {
      const auth = password ? `AUTH ${password}\r\n` : "";
      await c.write(new TextEncoder().encode(`${auth}PING\r\n`));
      let text = "";
      const buf = new Uint8Array(64);
      while (!text.includes("PONG") && !text.includes("-")) {
        const n = await c.read(buf);
        if (n === null) break;
        text += new TextDecoder().decode(buf.subarray(0, n));
      }
      return text.includes("+PONG");
    } finally {
      c.close();
    }
  } catch {
    return false;
  }
}

/** A redis-server started by the test. */
export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** Kill it (its data is gone: no persistence). */
  stop(): Promise<void>;
  /** Start it again on the same port, empty. */
  start(): Promise<void>;
}

/**
 * Start a redis-server on a free loopback port, with no persistence.
 *
 * @param password Require this password (`requirepass`).
 * @param tls Serve TLS only (`rediss://`), with these PEM files.
 * @returns The server, answering PING.
 */
export async function startRedis(
  password?: string,
  tls?: RedisServerTls,
): Promise<RedisServer> {
  const port = freePort();
  const caPem = tls ? await Deno.readTextFile(tls.ca) : undefined;
  let child: Deno.ChildProcess | null = null;
  const start = async () => {
    child = new Deno.Command("redis-server", {
      args: redisServerArgs(port, password, tls),
      stdout: "null",
      stderr: "null",
    }).spawn();
    for (let i = 0; i < 100 && !await pong(port, password, caPem); i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(
      await pong(port, password, caPem),
      `redis-server did not answer on ${port}`,
    );
  };
  await start();
  return {
    port,
    url: `redis${tls ? "s" : ""}://${
      password ? `:${password}@` : ""
    }127.0.0.1:${port}`,
    async stop() {
      if (!child) return;
      child.kill("SIGKILL");
      await child.status;
      child = null;
    },
    start,
  };
}

/** A `deno task worker` process and what it printed. */
export interface WorkerProcess {
  readonly lines: string[];
  /** Resolves with the first line matching `re` (after `timeoutMs`, rejects). */
  waitFor(re: RegExp, timeoutMs?: number): Promise<string>;
  kill(signal: Deno.Signal): Promise<void>;
}

/**
 * Start a worker process (`lib/cli/worker.ts`) and wait until it is connected.
 *
 * @param args Its flags.
 * @param env Extra environment.
 * @returns The process.
 */
export async function startWorker(
  args: string[],
  env: Record<string, string> = {},
): Promise<WorkerProcess> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "lib/cli/worker.ts", ...args],
    cwd: ROOT,
    env,
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const lines: string[] = [];
  const waiters: { re: RegExp; resolve(l: string): void }[] = [];
  const done = (async () => {
    const dec = child.stderr.pipeThrough(new TextDecoderStream());
    let rest = "";
    for await (const chunk of dec) {
      const parts = (rest + chunk).split("\n");
      rest = parts.pop()!;
      for (const l of parts) {
        lines.push(l);
        for (const w of waiters.filter((w) => w.re.test(l))) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(l);
        }
      }
    }
  })();
  const waitFor = (re: RegExp, timeoutMs = 60_000) => {
    const seen = lines.find((l) => re.test(l));
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise<string>((resolve, reject) => {
      const t = setTimeout(
        () =>
          reject(
            new Error(
              `no line ${re} within ${timeoutMs} ms:\n${lines.join("\n")}`,
            ),
          ),
        timeoutMs,
      );
      waiters.push({
        re,
        resolve: (l) => {
          clearTimeout(t);
          resolve(l);
        },
      });
    });
  };
  const p: WorkerProcess = {
    lines,
    waitFor,
    async kill(signal) {
      try {
        child.kill(signal);
      } catch { /* already gone */ }
      await child.status;
      await done;
    },
  };
  await waitFor(/connected to queue/);
  return p;
}

/** `S00`..`S<n-1>`. */
export function symbolNames(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `S${String(i).padStart(2, "0")}`);
}

/**
 * An in-memory store holding `n` synthetic symbols (the same for every call).
 *
 * @param n Symbols.
 * @param path A store file. @default in memory
 * @returns The store.
 */
export async function syntheticStore(
  n: number,
  path = ":memory:",
): Promise<DbEngine> {
  const db = await openDb({ engine: "native", path });
  await upsertBars(
    db,
    generateSynthetic({
      symbols: symbolNames(n),
      days: 900,
      seed: 18,
      start: "2012-01-02",
      fatTails: false,
      gapProbability: 0,
    }),
    { source: "test" },
  );
  return db;
}

/**
 * Every row a universe run stored, ordered (the folds' wall-clock `ms` and the run's
 * timings left out: they are clocks, not results).
 *
 * @param db The store.
 * @param runId The run.
 * @returns Rows per table.
 */
export async function storedRows(
  db: DbEngine,
  runId: string,
): Promise<Record<string, unknown[]>> {
  const q = (sql: string) => db.query(sql, { run: runId });
  return {
    runs: await q(
      "SELECT * EXCLUDE (timings) FROM runs WHERE run_id = $run",
    ),
    symbol_runs: await q(
      "SELECT * FROM symbol_runs WHERE run_id = $run ORDER BY sym",
    ),
    symbol_folds: await q(
      "SELECT * EXCLUDE (ms) FROM symbol_folds WHERE run_id = $run ORDER BY sym, fold",
    ),
    symbol_oos: await q(
      `SELECT * EXCLUDE (run) FROM symbol_oos WHERE run =
         (SELECT run FROM universe_run_keys WHERE run_id = $run)
       ORDER BY sym, day, ms_in_day`,
    ),
  };
}

/** A redis-server, a shared directory and worker processes, for one test. */
export interface QueueCluster {
  readonly redis: RedisServer;
  readonly shared: string;
  readonly workers: WorkerProcess[];
  /** The lines in which the workers reported a shard done. */
  doneLines(): string[];
}

/**
 * Run `fn` with its own redis-server, shared directory and `n` worker processes, all
 * stopped and removed after.
 *
 * @param n Worker processes.
 * @param fn The test's body.
 * @returns What `fn` returns.
 */
export async function withQueueCluster<T>(
  n: number,
  fn: (c: QueueCluster) => Promise<T>,
): Promise<T> {
  const redis = await startRedis();
  const shared = await Deno.makeTempDir({ prefix: "tradelab-queue-" });
  const workers: WorkerProcess[] = [];
  try {
    for (let i = 0; i < n; i++) {
      workers.push(
        await startWorker(["--redis", redis.url, "--shared", shared]),
      );
    }
    return await fn({
      redis,
      shared,
      workers,
      doneLines: () =>
        workers.flatMap((w) => w.lines.filter((l) => / done: /.test(l))),
    });
  } finally {
    for (const w of workers) await w.kill("SIGTERM");
    await redis.stop();
    await Deno.remove(shared, { recursive: true });
  }
}
