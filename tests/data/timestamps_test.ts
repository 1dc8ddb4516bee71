/**
 * Time zones at ingest: daily bars land on their exchange date whatever offsets the file
 * mixes, intraday bars keep their instants, two rows on one date are rejected naming
 * both lines, and every accepted series is readable by loadBars and a walk-forward run.
 * The whole file runs again in a subprocess under a non-UTC `TZ`.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  type DbEngine,
  ingestFile,
  loadBars,
  openDb,
  samplePath,
} from "../../lib/data/mod.ts";
import { IngestError } from "../../lib/_shared/errors.ts";
import { sanityHook } from "../../lib/sanity/mod.ts";
import { main as walkforward } from "../../lib/cli/walkforward.ts";
import { capture, runDeno } from "../cli/_capture.ts";

const ENGINES = ["native", "wasm"] as const;
const NOW = "2026-01-01";
const dir = await Deno.makeTempDir({ prefix: "tradelab-tz-test-" });

async function csv(name: string, lines: readonly string[]): Promise<string> {
  const p = join(dir, name);
  await Deno.writeTextFile(p, ["date,close", ...lines].join("\n") + "\n");
  return p;
}

async function dump(db: DbEngine): Promise<unknown[]> {
  return await db.query(
    "SELECT symbol, CAST(ts AS VARCHAR) AS ts, close, source FROM bars ORDER BY symbol, ts",
  );
}

/** [name, rows, tz, stored dates]: each file ingested as its own symbol. */
const DAILY: [string, string[], string | undefined, string[]][] = [
  [
    "Z and -05:00 at midnight",
    [
      "2020-01-02T00:00:00Z,1",
      "2020-01-03T00:00:00-05:00,2",
    ],
    undefined,
    ["2020-01-02", "2020-01-03"],
  ],
  [
    "+09:00 and -05:00 at midnight",
    [
      "2020-01-02T00:00:00+09:00,1",
      "2020-01-03T00:00:00-05:00,2",
    ],
    undefined,
    ["2020-01-02", "2020-01-03"],
  ],
  [
    "the same with --tz: a midnight label keeps its date",
    [
      "2020-01-02T00:00:00Z,1",
      "2020-01-03T00:00:00-05:00,2",
    ],
    "America/New_York",
    ["2020-01-02", "2020-01-03"],
  ],
  [
    "yahoo style across DST",
    [
      "2020-01-02 00:00:00-05:00,1",
      "2020-07-02 00:00:00-04:00,2",
    ],
    "America/New_York",
    ["2020-01-02", "2020-07-02"],
  ],
  [
    "Tokyo midnight written in UTC, --tz Asia/Tokyo",
    [
      "2020-01-01T15:00:00Z,1",
      "2020-01-02T15:00:00Z,2",
    ],
    "Asia/Tokyo",
    ["2020-01-02", "2020-01-03"],
  ],
  [
    "New York midnight written in UTC across DST",
    [
      "2020-01-02T05:00:00Z,1",
      "2020-07-02T04:00:00Z,2",
    ],
    "America/New_York",
    ["2020-01-02", "2020-07-02"],
  ],
  [
    "close-stamped naive bars",
    [
      "2020-01-02 16:00,1",
      "2020-01-03 16:00,2",
    ],
    "America/New_York",
    ["2020-01-02", "2020-01-03"],
  ],
  [
    "plain dates with --tz stay dates",
    [
      "2020-01-02,1",
      "2020-01-03,2",
    ],
    "America/New_York",
    ["2020-01-02", "2020-01-03"],
  ],
];

for (const engine of ENGINES) {
  Deno.test(`[${engine}] daily bars are stored under their exchange date`, async () => {
    const db = await openDb({ engine, path: ":memory:" });
    try {
      for (const [i, [name, rows, tz, dates]] of DAILY.entries()) {
        const r = await ingestFile(db, await csv(`d${i}.csv`, rows), {
          symbol: `D${i}`,
          tz,
        });
        assert.deepEqual(r.intraday, [], name);
        assert.deepEqual((await loadBars(db, `D${i}`)).dates, dates, name);
      }
    } finally {
      await db.close();
    }
  });

  Deno.test(`[${engine}] intraday bars keep their instants (naive ones read in --tz)`, async () => {
    const db = await openDb({ engine, path: ":memory:" });
    try {
      const naive = await csv("i1.csv", [
        "2020-03-06 09:30,1",
        "2020-03-06 10:30,2",
        "2020-03-09 09:30,3", // after the US switch to daylight time
      ]);
      const r = await ingestFile(db, naive, {
        symbol: "I1",
        tz: "America/New_York",
      });
      assert.deepEqual([r.intraday, r.tz], [["I1"], "America/New_York"]);
      assert.deepEqual((await loadBars(db, "I1")).dates, [
        "2020-03-06T14:30:00.000Z",
        "2020-03-06T15:30:00.000Z",
        "2020-03-09T13:30:00.000Z",
      ]);
      const zoned = await csv("i2.csv", [
        "2020-03-06T09:30:00-05:00,1",
        "2020-03-09T09:30:00-04:00,2",
        "2020-03-09T10:30:00-04:00,3",
      ]);
      await ingestFile(db, zoned, { symbol: "I2" });
      assert.deepEqual((await loadBars(db, "I2")).dates, [
        "2020-03-06T14:30:00.000Z",
        "2020-03-09T13:30:00.000Z",
        "2020-03-09T14:30:00.000Z",
      ]);
    } finally {
      await db.close();
    }
  });

  Deno.test(`[${engine}] two rows on one date or instant are rejected naming both lines; the store is unchanged`, async () => {
    const db = await openDb({ engine, path: ":memory:" });
    try {
      await ingestFile(db, await csv("ok.csv", ["2020-01-02,1"]), {
        symbol: "OK",
      });
      const before = await dump(db);
      const cases: [string[], RegExp][] = [
        [
          ["2020-01-02T00:00:00Z,1", "2020-01-02T00:00:00-05:00,2"],
          /line 3, column "date": expected one row per date of X \(line 2, "2020-01-02T00:00:00Z", is also on 2020-01-02\), got "2020-01-02T00:00:00-05:00"/,
        ],
        [
          [
            "2020-01-02T00:00:00+09:00,1",
            "2020-01-03T00:00:00+09:00,2",
            "2020-01-03T00:00:00-05:00,3",
          ],
          /line 4, .*line 3, "2020-01-03T00:00:00\+09:00", is also on 2020-01-03/,
        ],
        [
          [
            "2020-01-02T10:00:00Z,1",
            "2020-01-02T11:00:00Z,2",
            "2020-01-02T05:00:00-05:00,3",
          ],
          /line 4, .*one row per instant of X \(line 2, "2020-01-02T10:00:00Z", is also on 2020-01-02T10:00:00.000Z\)/,
        ],
        [
          ["2020-01-02,1", "20200102,2"],
          /line 3, .*line 2, "2020-01-02", is also on 2020-01-02/,
        ],
      ];
      for (const [i, [rows, re]] of cases.entries()) {
        const p = await csv(`clash${i}.csv`, rows);
        await assert.rejects(
          () => ingestFile(db, p, { symbol: "X" }),
          (e: Error) => e instanceof IngestError && re.test(e.message),
        );
      }
      assert.deepEqual(await dump(db), before);
    } finally {
      await db.close();
    }
  });

  Deno.test(`[${engine}] daily bars never join a stored intraday series, nor the reverse`, async () => {
    const db = await openDb({ engine, path: ":memory:" });
    try {
      await ingestFile(
        db,
        await csv("day.csv", ["2020-01-02,1", "2020-01-03,2"]),
        { symbol: "D" },
      );
      await ingestFile(
        db,
        await csv("intra.csv", [
          "2020-01-02T14:30:00Z,1",
          "2020-01-02T15:30:00Z,2",
        ]),
        { symbol: "I" },
      );
      const before = await dump(db);
      await assert.rejects(
        async () =>
          ingestFile(
            db,
            await csv("i_into_d.csv", [
              "2020-01-06T14:30:00Z,1",
              "2020-01-06T15:30:00Z,2",
            ]),
            { symbol: "D" },
          ),
        /line 2, column "date": expected daily bars like the 2 stored bars of D \(2020-01-02\.\.2020-01-03\); the file's bars of D are intraday: store them under another symbol/,
      );
      await assert.rejects(
        async () =>
          ingestFile(db, await csv("d_into_i.csv", ["2020-01-06,1"]), {
            symbol: "I",
          }),
        /expected intraday bars like the 2 stored bars of I .*the file's bars of I are daily/,
      );
      assert.deepEqual(await dump(db), before);
    } finally {
      await db.close();
    }
  });
}

/** SP500 sample rows with their dates rewritten by `stamp(date, index)`. */
async function sp500Stamped(
  name: string,
  stamp: (date: string, i: number) => string,
): Promise<string> {
  const [head, ...lines] = (await Deno.readTextFile(samplePath("SP500")))
    .trim().split("\n");
  const out = lines.slice(0, 1500).map((l, i) => {
    const k = l.indexOf(",");
    return stamp(l.slice(0, k), i) + l.slice(k);
  });
  const p = join(dir, name);
  await Deno.writeTextFile(p, [head, ...out].join("\n") + "\n");
  return p;
}

/** 2,000 hourly bars of a seeded random walk during New York hours, zoned -05:00. */
async function hourlyBars(name: string): Promise<string> {
  const lines = ["date,open,high,low,close,volume"];
  let price = 100, seed = 7, t = Date.UTC(2020, 0, 2, 9, 30);
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) - 0.5;
  while (lines.length <= 2000) {
    const d = new Date(t), h = d.getUTCHours(), wd = d.getUTCDay();
    if (wd >= 1 && wd <= 5 && h >= 9 && h < 16) {
      const open = price;
      price *= Math.exp(0.006 * rand());
      const stamp = d.toISOString().slice(0, 19) + "-05:00";
      lines.push(
        `${stamp},${open},${Math.max(open, price) * 1.001},${
          Math.min(open, price) * 0.999
        },${price},${Math.round(2000 + 1000 * rand())}`,
      );
    }
    t += 3_600_000;
  }
  const p = join(dir, name);
  await Deno.writeTextFile(p, lines.join("\n") + "\n");
  return p;
}

Deno.test("[native] every accepted ingest is read by loadBars and a walk-forward run", async () => {
  const files: [string, string, string | undefined][] = [
    [
      "MIXZ",
      await sp500Stamped(
        "mixz.csv",
        (d, i) => `${d}T00:00:00${i % 2 ? "-05:00" : "Z"}`,
      ),
      undefined,
    ],
    [
      "MIX9",
      await sp500Stamped(
        "mix9.csv",
        (d, i) => `${d}T00:00:00${i % 3 ? "+09:00" : "-05:00"}`,
      ),
      "America/New_York",
    ],
    [
      "TOKYO",
      await sp500Stamped("tokyo.csv", (d) => {
        const prev = new Date(Date.parse(d) - 86_400_000);
        return `${prev.toISOString().slice(0, 10)}T15:00:00Z`;
      }),
      "Asia/Tokyo",
    ],
    ["HOURLY", await hourlyBars("hourly.csv"), undefined],
  ];
  const path = join(dir, "wf.duckdb");
  const db = await openDb({ engine: "native", path });
  try {
    for (const [symbol, file, tz] of files) {
      await ingestFile(db, file, {
        symbol,
        tz,
        validate: sanityHook({ now: NOW }),
      });
      const b = await loadBars(db, symbol);
      const iso = symbol === "HOURLY"
        ? /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/
        : /^\d{4}-\d{2}-\d{2}$/;
      assert.ok(b.dates.every((d) => iso.test(d)), symbol);
      assert.ok(b.dates.every((d, i) => i === 0 || d > b.dates[i - 1]), symbol);
      if (symbol !== "HOURLY") assert.equal(b.dates[0], "2000-01-03", symbol);
    }
  } finally {
    await db.close();
  }
  for (const [symbol] of files) {
    const r = await capture(walkforward, [
      "--symbol",
      symbol,
      "--db",
      path,
      "--perf-mode",
      "STRICT",
      "--json",
    ]);
    assert.equal(r.code, 0, `${symbol}: ${r.stderr}`);
    assert.ok(JSON.parse(r.stdout).folds.length > 0, symbol);
  }
});

if (Deno.env.get("TRADELAB_TZ_CHILD") === undefined) {
  Deno.test("the time-zone tests pass under a non-UTC TZ (subprocess)", async () => {
    for (const tz of ["America/New_York"]) {
      const out = await runDeno(
        ["test", "-A", new URL(import.meta.url).pathname],
        { TZ: tz, TRADELAB_TZ_CHILD: "1", NO_COLOR: "1" },
      );
      const text = out.stdout;
      assert.equal(out.code, 0, `TZ=${tz}:\n${text.slice(-3000)}`);
      assert.match(text, /ok \| 10 passed \| 0 failed/);
    }
  });
} else {
  Deno.test("the subprocess runs in a non-UTC local zone", () => {
    assert.notEqual(new Date(2020, 0, 1).getTimezoneOffset(), 0);
  });
}

globalThis.addEventListener(
  "unload",
  () => Deno.removeSync(dir, { recursive: true }),
);
