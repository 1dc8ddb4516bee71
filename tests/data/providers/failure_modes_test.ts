/**
 * Network failure modes of every connector, against the fake providers on loopback:
 * each one fails with a message naming the provider and the symbol, exit code 1, and
 * leaves the store (bars, ingests, corporate_actions) exactly as it was.
 */
import assert from "node:assert/strict";
import type { FailMode } from "./_fake_providers.ts";
import {
  fetchArgs,
  type Name,
  PROVIDERS,
  recordingRetry,
  runFetch,
  startFake,
  storeSnapshot,
  tempDb,
} from "./_helpers.ts";

interface Case {
  mode: FailMode | "unknown";
  /** Fragment of the message per provider (or for all). */
  says: RegExp | Record<Name, RegExp>;
  /** Waits the fetch asked for, in ms (undefined: not checked). */
  waits?: number[];
  retryAfter?: string;
}

const CASES: Case[] = [
  {
    mode: "unknown",
    says: {
      stooq: /no bars between 2024-01-01 and 2024-02-29 \(unknown symbol/,
      yahoo:
        /HTTP 404 .*No data found, symbol may be delisted.*\(unknown symbol\?\)/,
      ibkr: /the gateway knows no contract of this symbol/,
      alpaca: /no bars between 2024-01-01 and 2024-02-29 \(unknown symbol/,
    },
    waits: [],
  },
  {
    mode: "empty",
    says: /no bars between 2024-01-01 and 2024-02-29/,
    waits: [],
  },
  { mode: "404", says: /HTTP 404 .*\(unknown symbol\?\)/, waits: [] },
  {
    mode: "429",
    retryAfter: "2",
    says:
      /HTTP 429 \(rate limited\) .*on every attempt; GET .*: 4 attempts \(waited 2 s, 2 s, 2 s\); try again later/,
    waits: [2000, 2000, 2000],
  },
  {
    mode: "429",
    retryAfter: "3600",
    says: /HTTP 429 asks to wait 3600 s, more than the 60 s this fetch waits/,
    waits: [],
  },
  {
    mode: "500",
    says:
      /HTTP 503 "upstream error" on every attempt; GET .*: 4 attempts \(waited 1 s, 2 s, 4 s\)/,
    waits: [1000, 2000, 4000],
  },
  {
    mode: "truncated",
    says:
      /the connection failed or closed before the whole response arrived .*4 attempts/,
    waits: [1000, 2000, 4000],
  },
  {
    mode: "cut",
    says: {
      stooq:
        /line 3 has 3 fields, expected 6: "2024-01-03,401,40" \(a truncated response\?\)/,
      yahoo: /the chart answer is not complete JSON .*a truncated response\?/,
      ibkr: /the history answer is not complete JSON .*a truncated response\?/,
      alpaca: /the bars answer is not complete JSON .*a truncated response\?/,
    },
    waits: [],
  },
  {
    mode: "html",
    says:
      /returned an HTML page \("Service Unavailable - Maintenance"\) where (CSV|JSON) was expected/,
    waits: [],
  },
  {
    mode: "columns",
    says: {
      stooq:
        /unexpected CSV columns: expected "Date,Open,High,Low,Close,Volume" \(or without Volume\), got "Data,Otwarcie/,
      yahoo:
        /unexpected chart JSON at "chart.result.0.indicators.quote.0.open|expected \d+ values/,
      ibkr:
        /unexpected history JSON at "data": expected a list, each an object with fields .*, got nothing \(the format changed\?\)/,
      alpaca:
        /unexpected bars JSON at "bars": expected .*, got nothing \(the format changed\?\)/,
    },
    waits: [],
  },
  {
    mode: "timeout",
    says: /no complete answer within 0\.2 s; GET .*: 4 attempts/,
    waits: [1000, 2000, 4000],
  },
];

for (const provider of PROVIDERS) {
  Deno.test(`fetch --provider ${provider}: every failure mode names provider and symbol, exits 1 and leaves the store unchanged`, async (t) => {
    const fake = startFake();
    const { dir, db } = await tempDb();
    try {
      const seed = await runFetch(fetchArgs(fake, provider, db, ["BETA"]));
      assert.equal(seed.code, 0, seed.stderr);
      for (const c of CASES) {
        await t.step(
          `${c.mode}${c.retryAfter ? ` (Retry-After ${c.retryAfter})` : ""}`,
          async () => {
            const before = await storeSnapshot(db);
            const symbol = c.mode === "unknown" ? "NOPE" : "ACME";
            if (c.mode !== "unknown") fake.fail(c.mode, Infinity, c.retryAfter);
            const rec = recordingRetry(200);
            const r = await runFetch(fetchArgs(fake, provider, db, [symbol]), {
              retry: rec.retry,
            });
            fake.fail("404", 0);
            assert.equal(r.code, 1, r.stdout);
            assert.equal(r.stdout, "");
            assert.match(
              r.stderr,
              new RegExp(`^Cannot fetch ${symbol} from ${provider}: `),
            );
            const says = c.says instanceof RegExp ? c.says : c.says[provider];
            assert.match(r.stderr, says);
            assert.equal(
              r.stderr.split("\n").length,
              1,
              "one line, no stack trace",
            );
            if (c.waits !== undefined) assert.deepEqual(rec.waits, c.waits);
            assert.equal(await storeSnapshot(db), before);
          },
        );
      }
    } finally {
      await fake.close();
      await Deno.remove(dir, { recursive: true });
    }
  });

  Deno.test(`fetch --provider ${provider}: a transient 429 or 5xx is waited out and the fetch succeeds`, async () => {
    const fake = startFake();
    const { dir, db } = await tempDb();
    try {
      fake.fail("429", 2, "3");
      let rec = recordingRetry();
      let r = await runFetch(fetchArgs(fake, provider, db, ["ACME"]), {
        retry: rec.retry,
      });
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(rec.waits, [3000, 3000]);
      assert.match(r.stdout, /^ACME: 30 bar\(s\) stored/);
      fake.fail("500", 1);
      rec = recordingRetry();
      r = await runFetch(fetchArgs(fake, provider, db, ["BETA"]), {
        retry: rec.retry,
      });
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(rec.waits, [1000]);
    } finally {
      await fake.close();
      await Deno.remove(dir, { recursive: true });
    }
  });
}
