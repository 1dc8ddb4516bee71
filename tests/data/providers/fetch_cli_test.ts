/**
 * `deno task fetch` end to end against the fake providers: what is stored, the ingests
 * log, the cache, `--update` with its overlap, vendor revisions and the flags.
 */
import assert from "node:assert/strict";
import { loadBars, openDb } from "../../../lib/data/mod.ts";
import { fakeMarket } from "./_fake_providers.ts";
import {
  fetchArgs,
  type Name,
  PROVIDERS,
  rowsOf,
  runFetch,
  startFake,
  storeSnapshot,
  tempDb,
} from "./_helpers.ts";

const M = fakeMarket();
const DATES = M.ACME.bars.map((b) => b.date);
/** Providers that serve as-traded prices plus splits/dividends (the others: split-adjusted). */
const AS_TRADED: readonly Name[] = ["yahoo", "alpaca"];

type Row = {
  d: string;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
};

for (const provider of PROVIDERS) {
  Deno.test(`fetch --provider ${provider}: stores the bars, logs provider and request, and a re-run is served from the cache`, async () => {
    const fake = startFake();
    const { dir, db } = await tempDb();
    try {
      const r = await runFetch(fetchArgs(fake, provider, db));
      assert.equal(r.code, 0, r.stderr);
      const actions = AS_TRADED.includes(provider) ? 2 : 0;
      assert.equal(
        r.stdout,
        `ACME: 30 bar(s) stored from ${provider} (2024-01-02..2024-02-12), ${actions} split(s)/dividend(s)`,
      );
      const rows = await rowsOf<Row>(
        db,
        `SELECT strftime(ts, '%Y-%m-%d') AS d, open, high, low, close, volume FROM bars ORDER BY ts`,
      );
      assert.deepEqual(rows.map((x) => x.d), DATES);
      M.ACME.bars.forEach((b, i) => {
        // Stooq and IBKR serve prices adjusted for the 4:1 split; Yahoo's adjusted prices
        // are turned back into as-traded ones; Alpaca serves them raw.
        const f = AS_TRADED.includes(provider) || i >= 12 ? 1 : 4;
        assert.equal(rows[i].close, b.close / f, `close of ${b.date}`);
        assert.equal(rows[i].open, b.open / f);
        assert.equal(rows[i].volume, b.volume * f);
      });
      const ingests = await rowsOf<
        { file: string; symbols: string; rows: number }
      >(
        db,
        "SELECT file, symbols, rows FROM ingests",
      );
      assert.equal(ingests.length, 1);
      assert.equal(ingests[0].symbols, "ACME");
      assert.equal(ingests[0].rows, 30);
      assert.match(
        ingests[0].file,
        new RegExp(
          `^${provider} ACME 2024-01-01\\.\\.2024-02-29 GET http://127\\.0\\.0\\.1:\\d+/`,
        ),
      );
      const ca = await rowsOf<{ d: string; kind: string; value: number }>(
        db,
        `SELECT strftime(ex_date, '%Y-%m-%d') AS d, kind, value FROM corporate_actions ORDER BY ex_date`,
      );
      assert.deepEqual(
        ca,
        actions
          ? [{ d: DATES[12], kind: "split", value: 4 }, {
            d: DATES[19],
            kind: "dividend",
            value: 0.5,
          }]
          : [],
      );
      // a re-run: no data request, nothing written, exit 0
      const before = await storeSnapshot(db);
      const n = fake.dataRequests();
      const again = await runFetch(fetchArgs(fake, provider, db));
      assert.equal(again.code, 0, again.stderr);
      assert.equal(fake.dataRequests(), n);
      assert.match(
        again.stdout,
        new RegExp(
          `^ACME: up to date from ${provider} \\(from cache\\), 30 bar\\(s\\)`,
        ),
      );
      assert.equal(await storeSnapshot(db), before);
      // --refresh downloads again
      const fresh = await runFetch(
        fetchArgs(fake, provider, db, ["ACME"], ["--refresh"]),
      );
      assert.equal(fresh.code, 0, fresh.stderr);
      assert.ok(fake.dataRequests() > n);
    } finally {
      await fake.close();
      await Deno.remove(dir, { recursive: true });
    }
  });

  Deno.test(`fetch --provider ${provider} --update: fetches from the overlap window on, stores only new days, and nothing new is no failure`, async () => {
    const fake = startFake();
    const { dir, db } = await tempDb();
    try {
      fake.availableUntil(DATES[19]);
      assert.equal((await runFetch(fetchArgs(fake, provider, db))).code, 0);
      fake.availableUntil(undefined);
      const before = fake.requests.length;
      const r = await runFetch(
        fetchArgs(fake, provider, db, ["ACME"], ["--update"]),
      );
      assert.equal(r.code, 0, r.stderr);
      assert.match(
        r.stdout,
        new RegExp(
          `^ACME: 10 bar\\(s\\) stored from ${provider} \\(${DATES[20]}\\.\\.${
            DATES[29]
          }\\)`,
        ),
      );
      const asked = fake.requests.slice(before).join("\n");
      // the window starts at the 5th-last stored bar
      const from = DATES[15];
      const expected: Record<Name, string> = {
        stooq: `d1=${from.replaceAll("-", "")}`,
        yahoo: `period1=${Date.parse(`${from}T00:00:00Z`) / 1000}`,
        ibkr: `period=${
          (Date.parse("2024-02-29") - Date.parse(from)) / 86_400_000 + 1
        }d`,
        alpaca: `start=${from}`,
      };
      assert.ok(asked.includes(expected[provider]), asked);
      const ingests = await rowsOf<{ rows: number; file: string }>(
        db,
        "SELECT rows, file FROM ingests ORDER BY ingested_at",
      );
      assert.deepEqual(ingests.map((x) => x.rows), [20, 10]);
      assert.match(
        ingests[1].file,
        new RegExp(`^${provider} ACME ${from}\\.\\.2024-02-29 GET`),
      );
      assert.equal(
        (await rowsOf<{ n: number }>(db, "SELECT count(*) AS n FROM bars"))[0]
          .n,
        30,
      );
      // nothing new: exit 0, nothing written
      const snap = await storeSnapshot(db);
      const none = await runFetch(
        fetchArgs(fake, provider, db, ["ACME"], ["--update"]),
      );
      assert.equal(none.code, 0, none.stderr);
      assert.match(
        none.stdout,
        new RegExp(
          `^ACME: up to date from ${provider}, 5 bar\\(s\\) since ${
            DATES[25]
          } agree with the store`,
        ),
      );
      assert.equal(await storeSnapshot(db), snap);
    } finally {
      await fake.close();
      await Deno.remove(dir, { recursive: true });
    }
  });

  Deno.test(`fetch --provider ${provider} --update: a vendor revision in the overlap fails STRICT with dates and values, RELAXED applies it and says so`, async () => {
    const fake = startFake();
    const { dir, db } = await tempDb();
    try {
      fake.availableUntil(DATES[24]);
      assert.equal((await runFetch(fetchArgs(fake, provider, db))).code, 0);
      fake.availableUntil(undefined);
      const old = M.ACME.bars[23].close;
      fake.revise("ACME", DATES[23], "close", old + 0.125);
      const snap = await storeSnapshot(db);
      const r = await runFetch(
        fetchArgs(fake, provider, db, ["ACME"], ["--update"]),
      );
      assert.equal(r.code, 1);
      assert.equal(
        r.stderr,
        `Cannot fetch ACME from ${provider}: the provider revised 1 stored value (${
          DATES[23]
        } close ${old} -> ${
          old + 0.125
        }); nothing was stored: check the vendor's change, then re-run with --mode relaxed to take its values`,
      );
      assert.equal(await storeSnapshot(db), snap);
      const relaxed = await runFetch(
        fetchArgs(fake, provider, db, ["ACME"], [
          "--update",
          "--mode",
          "relaxed",
        ]),
      );
      assert.equal(relaxed.code, 0, relaxed.stderr);
      assert.match(
        relaxed.stdout,
        /^ACME: 6 bar\(s\) stored .*; 1 vendor revision\(s\) applied \(relaxed\)$/,
      );
      const [{ close }] = await rowsOf<{ close: number }>(
        db,
        `SELECT close FROM bars WHERE ts = '${DATES[23]}'`,
      );
      assert.equal(close, old + 0.125);
    } finally {
      await fake.close();
      await Deno.remove(dir, { recursive: true });
    }
  });
}

Deno.test("fetch: back-adjusted prices from the stored splits and dividends equal Yahoo's adjclose", async () => {
  const fake = startFake();
  const { dir } = await tempDb();
  try {
    for (const p of ["yahoo", "alpaca"] as const) {
      const r = await runFetch(fetchArgs(fake, p, `${dir}/${p}.duckdb`));
      assert.equal(r.code, 0, r.stderr);
    }
    // the fake's adjclose: split-adjusted close x (1 - D/P_prev) for each later dividend
    const chart = await (await fetch(
      `${fake.baseUrl}/v8/finance/chart/ACME?period1=0&period2=1900000000&interval=1d&events=div,splits`,
    )).json();
    const adjclose: number[] =
      chart.chart.result[0].indicators.adjclose[0].adjclose;
    for (const p of ["yahoo", "alpaca"]) {
      const e = await openDb({ path: `${dir}/${p}.duckdb` });
      try {
        const b = await loadBars(e, "ACME");
        b.close.forEach((c, i) => {
          assert.ok(
            Math.abs(c / adjclose[i] - 1) < 1e-12,
            `${p} ${b.dates[i]}: ${c} vs ${adjclose[i]}`,
          );
        });
        const raw = await loadBars(e, "ACME", { adjusted: false });
        assert.equal(raw.close[0], M.ACME.bars[0].close);
      } finally {
        await e.close();
      }
    }
  } finally {
    await fake.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("fetch --json prints one JSON object with every symbol's result", async () => {
  const fake = startFake();
  const { dir, db } = await tempDb();
  try {
    const r = await runFetch(
      fetchArgs(fake, "stooq", db, ["ACME", "NOPE", "BETA"], ["--json"]),
    );
    assert.equal(r.code, 1);
    assert.equal(r.stderr, "");
    const out = JSON.parse(r.stdout);
    assert.equal(out.ok, false);
    assert.equal(out.provider, "stooq");
    assert.deepEqual(
      out.results.map((
        x: { symbol: string; status: string; rows: number },
      ) => [x.symbol, x.status, x.rows]),
      [["ACME", "stored", 30], ["NOPE", "failed", 0], ["BETA", "stored", 30]],
    );
    assert.match(
      out.results[1].error,
      /^Cannot fetch NOPE from stooq: no bars/,
    );
    assert.equal(out.results[1].errorKind, "unknown_symbol");
    assert.equal(out.results[0].validation.ok, true);
  } finally {
    await fake.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("fetch: bad flags exit 2 naming the flag, before any request", async (t) => {
  const fake = startFake();
  const { dir, db } = await tempDb();
  const base = ["--db", db, "--base-url", fake.baseUrl];
  const cases: [string[], RegExp][] = [
    [
      ["--provider", "stooq", ...base],
      /^Missing argument SYMBOL: expected the symbols to fetch/,
    ],
    [
      ["X", "--provider", "bloomberg", ...base],
      /flag --provider: expected one of stooq, yahoo, ibkr, alpaca, got "bloomberg"/,
    ],
    [
      ["X", "--provider", "stooq", "--from", "2019-02-30", ...base],
      /flag --from: expected a calendar date YYYY-MM-DD, got "2019-02-30"/,
    ],
    [
      [
        "X",
        "--provider",
        "stooq",
        "--from",
        "2024-02-01",
        "--to",
        "2024-01-01",
        ...base,
      ],
      /flag --from: expected a day not after "to" \(2024-01-01\), got 2024-02-01/,
    ],
    [
      ["X", "--provider", "stooq", "--to", "2024-03-02", ...base],
      /flag --to: expected a day not after today \(2024-03-01\)/,
    ],
    [
      ["../x", "--provider", "stooq", ...base],
      /argument SYMBOL: expected a symbol such as SP500, BRK\.B/,
    ],
    [
      ["X", "--provider", "stooq", "--bogus", ...base],
      /Unknown flag --bogus/,
    ],
    [
      ["X", "--provider", "stooq", "--overlap", "0", ...base],
      /flag --overlap: expected a whole number of bars from 1 to 250, got 0/,
    ],
    [
      ["X", "--provider", "stooq", "--overlap", "five", ...base],
      /flag --overlap: expected a whole number of bars from 1 to 250, got "five"/,
    ],
    [
      ["X", "--provider", "stooq", "--db", db, "--base-url", "not a url"],
      /flag --base-url: expected an http\(s\) URL, got "not a url"/,
    ],
    [
      ["X", "--provider", "stooq", "--mode", "lenient", ...base],
      /flag --mode: expected strict or relaxed \(either case\), got "lenient"/,
    ],
    [
      ["X", "--db", db],
      /^Missing flag --provider: expected one of stooq, yahoo, ibkr, alpaca$/,
    ],
  ];
  try {
    for (const [args, says] of cases) {
      await t.step(
        args.join(" ").replace(fake.baseUrl, "URL").replace(db, "DB"),
        async () => {
          const r = await runFetch(args);
          assert.equal(r.code, 2, r.stderr);
          assert.match(r.stderr, says);
        },
      );
    }
    assert.equal(fake.requests.length, 0);
  } finally {
    await fake.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("deno task fetch as a process: the base URL from TRADELAB_STOOQ_URL, exit codes 0 and 1", async () => {
  const fake = startFake();
  const { dir, db } = await tempDb();
  const run = async (symbol: string) => {
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "task",
        "--quiet",
        "fetch",
        symbol,
        "--provider",
        "stooq",
        "--from",
        "2024-01-01",
        "--to",
        "2024-02-29",
        "--db",
        db,
      ],
      cwd: new URL("../../..", import.meta.url),
      env: { TRADELAB_STOOQ_URL: fake.baseUrl, NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = (b: Uint8Array) => new TextDecoder().decode(b).trim();
    return {
      code: out.code,
      stdout: text(out.stdout),
      stderr: text(out.stderr),
    };
  };
  try {
    const ok = await run("ACME");
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(
      ok.stdout,
      "ACME: 30 bar(s) stored from stooq (2024-01-02..2024-02-12), 0 split(s)/dividend(s)",
    );
    const bad = await run("NOPE");
    assert.equal(bad.code, 1);
    assert.match(
      bad.stderr,
      /^Cannot fetch NOPE from stooq: no bars between 2024-01-01 and 2024-02-29/m,
    );
    assert.ok(
      fake.requests.every((r) => r.startsWith("GET /q/d/l/?s=")),
      fake.requests.join("\n"),
    );
  } finally {
    await fake.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("fetch --provider yahoo --to before a split: Yahoo's later split is still undone, actions after --to are not stored", async () => {
  const fake = startFake();
  const { dir, db } = await tempDb();
  try {
    const args = fetchArgs(fake, "yahoo", db).map((a) =>
      a === "2024-02-29" ? DATES[10] : a
    );
    const r = await runFetch(args);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      `ACME: 11 bar(s) stored from yahoo (2024-01-02..${
        DATES[10]
      }), 0 split(s)/dividend(s)`,
    );
    assert.ok(
      fake.requests.some((q) =>
        q.includes(`period2=${Date.parse("2024-03-02T00:00:00Z") / 1000}`)
      ),
      "asked up to today",
    );
    const rows = await rowsOf<{ close: number }>(
      db,
      "SELECT close FROM bars ORDER BY ts",
    );
    assert.deepEqual(
      rows.map((x) => x.close),
      M.ACME.bars.slice(0, 11).map((b) => b.close),
    );
    assert.deepEqual(await rowsOf(db, "SELECT * FROM corporate_actions"), []);
  } finally {
    await fake.close();
    await Deno.remove(dir, { recursive: true });
  }
});
