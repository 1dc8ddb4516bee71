/**
 * Credentials never appear in any output, error, stored row or cache file: Alpaca's key
 * and secret (headers) and a Stooq API key (a URL parameter, redacted).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import type { FailMode } from "./_fake_providers.ts";
import {
  fetchArgs,
  KEY_ID,
  recordingRetry,
  rowsOf,
  runFetch,
  SECRET,
  startFake,
  tempDb,
} from "./_helpers.ts";

async function* files(dir: string): AsyncGenerator<string> {
  for await (const e of Deno.readDir(dir)) {
    const p = join(dir, e.name);
    if (e.isDirectory) yield* files(p);
    else yield p;
  }
}

/** Everything the fetch left on disk and in the store, as one text. */
async function traces(dir: string, db: string): Promise<string> {
  const parts: string[] = [];
  for await (const f of files(dir)) {
    parts.push(f);
    if (!f.endsWith(".duckdb") && !f.endsWith(".wal")) {
      parts.push(await Deno.readTextFile(f));
    }
  }
  for (
    const sql of [
      "SELECT * FROM ingests",
      "SELECT DISTINCT source FROM bars",
      "SELECT * FROM corporate_actions",
    ]
  ) {
    parts.push(JSON.stringify(await rowsOf(db, sql)));
  }
  return parts.join("\n");
}

const MODES: FailMode[] = [
  "404",
  "429",
  "500",
  "truncated",
  "cut",
  "html",
  "columns",
  "timeout",
];

Deno.test("fetch --provider alpaca: the key and secret appear in no output, message, stored row or cache file", async () => {
  const fake = startFake();
  const { dir, db } = await tempDb();
  const out: string[] = [];
  const run = async (args: string[], env?: Record<string, string>) => {
    const r = await runFetch(args, {
      retry: recordingRetry(200).retry,
      ...(env ? { env } : {}),
    });
    out.push(r.stdout, r.stderr);
    return r;
  };
  try {
    assert.equal((await run(fetchArgs(fake, "alpaca", db, ["ACME"]))).code, 0);
    assert.equal(
      (await run(fetchArgs(fake, "alpaca", db, ["BETA"], ["--json"]))).code,
      0,
    );
    for (const m of MODES) {
      fake.fail(m);
      const r = await run(
        fetchArgs(fake, "alpaca", db, ["BETA"], [
          "--refresh",
          "--to",
          "2024-02-28",
        ]),
      );
      assert.equal(r.code, 1, m);
      assert.match(r.stderr, /^Cannot fetch BETA from alpaca: /);
      fake.fail("404", 0);
    }
    const wrong = await run(
      fetchArgs(fake, "alpaca", db, ["BETA"], ["--refresh", "--json"]),
      {
        APCA_API_KEY_ID: `${KEY_ID}x`,
        APCA_API_SECRET_KEY: `${SECRET}x`,
      },
    );
    assert.equal(wrong.code, 1);
    assert.match(
      JSON.parse(wrong.stdout).results[0].error,
      /^Cannot fetch BETA from alpaca: HTTP 401 .*check the credentials in the environment$/,
    );
    const missing = await run(
      fetchArgs(fake, "alpaca", db, ["BETA"], ["--refresh"]),
      {},
    );
    assert.equal(missing.code, 1);
    assert.equal(
      missing.stderr,
      "Cannot fetch BETA from alpaca: set APCA_API_KEY_ID and APCA_API_SECRET_KEY in the environment or .env (Alpaca needs a key)",
    );
    const all = out.join("\n") + (await traces(dir, db)) +
      fake.requests.join("\n");
    for (const s of [KEY_ID, SECRET]) {
      assert.ok(!all.includes(s), `leaked ${s}`);
    }
  } finally {
    await fake.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("fetch --provider stooq: an API key in the URL is redacted from messages, the ingests log and cache names", async () => {
  const fake = startFake();
  const { dir, db } = await tempDb();
  const key = "STQK3Y0000SECRET";
  try {
    const ok = await runFetch(fetchArgs(fake, "stooq", db, ["ACME"]), {
      env: { STOOQ_API_KEY: key },
    });
    assert.equal(ok.code, 0, ok.stderr);
    assert.ok(
      fake.requests.some((r) => r.includes(`apikey=${key}`)),
      "the key is sent",
    );
    fake.fail("500");
    const bad = await runFetch(fetchArgs(fake, "stooq", db, ["BETA"]), {
      env: { STOOQ_API_KEY: key },
    });
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /apikey=\*\*\*/);
    const [{ file }] = await rowsOf<{ file: string }>(
      db,
      "SELECT file FROM ingests",
    );
    assert.match(file, /apikey=\*\*\*/);
    assert.ok(
      !(ok.stdout + ok.stderr + bad.stdout + bad.stderr +
        (await traces(dir, db))).includes(key),
    );
  } finally {
    await fake.close();
    await Deno.remove(dir, { recursive: true });
  }
});
