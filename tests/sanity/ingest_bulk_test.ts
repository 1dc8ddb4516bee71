/**
 * The bulk ingest of a universe CSV (`symbol,date,open,high,low,close,volume`, the bench
 * layout): the reader types the numbers in one pass, a file it cannot type is read again
 * as text, so a bad cell deep in a large file is still named by line, column and value;
 * the stored values are those of the text (checked against an independent JS parse of
 * the file); STRICT rolls back a file whose merge with the store breaks a rule; a second
 * ingest of the same file changes nothing; a file sorted by date stores what the same
 * file sorted by symbol stores.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { IngestError } from "../../lib/_shared/errors.ts";
import { writeUniverseCsv } from "../../lib/bench/_universe_csv.ts";
import { BENCH_UNIVERSE } from "../../lib/bench/universe.ts";
import {
  generateSynthetic,
  ingestFile,
  openDb,
  stageFile,
} from "../../lib/data/mod.ts";
import { DataSanityError, sanityHook } from "../../lib/sanity/mod.ts";
import { dumpStore, ENGINES, NOW, withStore } from "./_helpers.ts";

const dir = await Deno.makeTempDir({ prefix: "ingest_bulk_" });
globalThis.addEventListener(
  "unload",
  () => Deno.removeSync(dir, { recursive: true }),
);

// 30 symbols x 1,000 days: 30,000 rows, grouped by symbol in time order.
const UNIVERSE = join(dir, "universe.csv");
await writeUniverseCsv(
  UNIVERSE,
  generateSynthetic({ symbols: 30, days: 1000, ...BENCH_UNIVERSE }),
);
const [HEAD, ...ROWS] = (await Deno.readTextFile(UNIVERSE)).trim().split("\n");

async function csv(name: string, rows: readonly string[]): Promise<string> {
  const p = join(dir, name);
  await Deno.writeTextFile(p, [HEAD, ...rows].join("\n") + "\n");
  return p;
}

/** `rows` with field `col` of data row `i` (0-based) replaced by `cell`. */
function withCell(i: number, col: number, cell: string): string[] {
  return ROWS.map((r, k) => {
    if (k !== i) return r;
    const f = r.split(",");
    f[col] = cell;
    return f.join(",");
  });
}

const strict = () => sanityHook({ now: NOW });

/** Rows sorted by date, then symbol (a panel written day by day). */
function byDate(rows: readonly string[]): string[] {
  const key = (r: string) => r.slice(7, 17) + r;
  return [...rows].sort((a, b) => key(a) < key(b) ? -1 : 1);
}

/** `fn` throws an `IngestError` whose message matches `re`. */
async function rejectsIngest(fn: () => Promise<unknown>, re: RegExp) {
  await assert.rejects(fn, (e: Error) => {
    assert.ok(e instanceof IngestError, e.message);
    assert.match(e.message, re);
    return true;
  });
}

for (const engine of ENGINES) {
  Deno.test(`[${engine}] a universe CSV is stored with the values of its text, bit for bit`, async () => {
    await withStore(engine, dir, "values", async (db) => {
      const r = await ingestFile(db, UNIVERSE, { validate: strict() });
      assert.equal(r.rows, ROWS.length);
      assert.equal(r.symbols.length, 30);
      const got = await db.queryColumns(
        `SELECT symbol, strftime(ts, '%Y-%m-%d') AS d, open, high, low, close, volume
         FROM bars ORDER BY symbol, ts`,
      );
      assert.equal(got.rows, ROWS.length);
      const want = ROWS.map((l) => l.split(",")).sort((a, b) =>
        a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : 1
      );
      const c = got.columns;
      ["open", "high", "low", "close", "volume"].forEach((k, j) => {
        const col = c[k] as Float64Array;
        for (let i = 0; i < want.length; i++) {
          if (!Object.is(col[i], Number(want[i][j + 2]))) {
            assert.fail(`${k} of ${want[i][0]} ${want[i][1]}: ${col[i]}`);
          }
        }
      });
      assert.deepEqual(c.symbol, want.map((w) => w[0]));
      assert.deepEqual(c.d, want.map((w) => w[1]));
    });
  });

  Deno.test(`[${engine}] staged lines are file lines, and odd number cells get TRY_CAST's values`, async () => {
    const cells = [
      " 1.5",
      "1.5 ",
      "1e3",
      "nan",
      "inf",
      "-inf",
      "-0",
      ".5",
      "+2",
    ]
      .concat(['"7.25"', "1_000", "", " ", "null", "NULL", "1e400", "0.1"]);
    await withStore(engine, dir, "cells", async (db) => {
      for (const [n, cell] of cells.entries()) {
        const p = await csv(`cell${n}.csv`, withCell(20_000, 6, cell));
        const s = await stageFile(db, p);
        const [row] = await db.query<{ line: number; v: string | null }>(
          `SELECT line, CAST(volume AS VARCHAR) AS v FROM ${s.table}
           WHERE symbol = 'SYN021' AND ts = TIMESTAMP '2000-01-03'`,
        );
        const [ref] = await db.query<{ v: string | null }>(
          `SELECT CAST(TRY_CAST($cell AS DOUBLE) AS VARCHAR) AS v`,
          { cell: cell.replaceAll('"', "") },
        );
        assert.equal(row.line, 20_002, `line of ${JSON.stringify(cell)}`);
        assert.equal(row.v, ref.v, `volume ${JSON.stringify(cell)}`);
        const lines = await db.query<{ ok: boolean }>(
          `SELECT bool_and(line = k + 1) AS ok FROM (SELECT line,
             row_number() OVER (ORDER BY line) AS k FROM ${s.table})`,
        );
        assert.equal(lines[0].ok, true);
        await db.exec(`DROP TABLE ${s.table}`);
      }
    });
  });

  Deno.test(`[${engine}] a bad cell deep in a large file is named by line, column and value; the store is unchanged`, async () => {
    await withStore(engine, dir, "bad", async (db) => {
      await ingestFile(db, await csv("first.csv", ROWS.slice(0, 5000)), {
        validate: strict(),
      });
      const before = await dumpStore(db);
      for (
        const [col, name, cell] of [
          [4, "low", "12.3.4"],
          [6, "volume", "n/a"],
          [1, "date", "2003-02-30"],
        ] as const
      ) {
        const p = await csv(`bad_${name}.csv`, withCell(23_456, col, cell));
        await rejectsIngest(
          () => ingestFile(db, p, { validate: strict() }),
          new RegExp(
            `^Cannot load bars from .*bad_${name}\\.csv: line 23458, column "${name}": expected .*, got "${cell}"$`,
          ),
        );
        assert.deepEqual(await dumpStore(db), before);
      }
    });
  });

  Deno.test(`[${engine}] STRICT rolls back a universe file whose merge with the store breaks a rule`, async () => {
    await withStore(engine, dir, "merge", async (db) => {
      // Stored: days 0..799 of each symbol. The file: days 800..999, SYN007's prices x1.4
      // (clean on its own; against its stored day 799, a 40% jump).
      const days = (lo: number, hi: number) =>
        ROWS.filter((_, k) => k % 1000 >= lo && k % 1000 < hi);
      await ingestFile(db, await csv("stored.csv", days(0, 800)), {
        validate: strict(),
      });
      const jumped = days(800, 1000).map((r) => {
        const f = r.split(",");
        if (f[0] !== "SYN007") return r;
        return [
          f[0],
          f[1],
          ...f.slice(2, 6).map((x) => String(Number(x) * 1.4)),
          f[6],
        ]
          .join(",");
      });
      const p = await csv("jumped.csv", jumped);
      const alone = await openDb({ engine, path: ":memory:" });
      try {
        await ingestFile(alone, p, { validate: strict() });
      } finally {
        await alone.close();
      }
      const before = await dumpStore(db);
      for (const mode of ["strict", "relaxed"] as const) {
        await assert.rejects(
          () => ingestFile(db, p, { validate: sanityHook({ mode, now: NOW }) }),
          (e: Error) => {
            assert.ok(e instanceof DataSanityError, e.message);
            assert.match(e.message, /extreme_move/);
            assert.match(e.message, /SYN007/);
            assert.match(e.message, /merged with the \d+ stored rows/);
            return true;
          },
        );
        assert.deepEqual(await dumpStore(db), before);
      }
    });
  });

  Deno.test(`[${engine}] a second ingest of a universe file changes nothing; sorted by date it stores the same`, async () => {
    await withStore(engine, dir, "again", async (db) => {
      const first = await ingestFile(db, UNIVERSE, { validate: strict() });
      const once = await dumpStore(db);
      const second = await ingestFile(db, UNIVERSE, { validate: strict() });
      assert.equal(second.rows, first.rows);
      assert.equal(second.hash, first.hash);
      const twice = await dumpStore(db);
      assert.deepEqual(twice.bars, once.bars);
      assert.equal(twice.ingests.length, 2);
      const other = await openDb({ engine, path: ":memory:" });
      try {
        const r = await ingestFile(
          other,
          await csv("by_date.csv", byDate(ROWS)),
          {
            source: UNIVERSE,
            validate: strict(),
          },
        );
        assert.equal(r.hash, first.hash);
        assert.equal(r.duplicates, 0);
        assert.deepEqual(
          (await dumpStore(other)).bars,
          once.bars,
        );
      } finally {
        await other.close();
      }
    });
  });

  Deno.test(`[${engine}] a file sorted by date with one date written twice for a symbol names both lines`, async () => {
    await withStore(engine, dir, "twice", async (db) => {
      const rows = byDate(ROWS.filter((_, k) => k % 1000 < 50));
      const i = rows.findIndex((r) => r.startsWith("SYN012,2000-01-05"));
      const again = rows[i].replace("2000-01-05", "20000105");
      const p = await csv("twice.csv", [...rows, again]);
      await rejectsIngest(
        () => ingestFile(db, p, { validate: strict() }),
        new RegExp(
          `line ${
            rows.length + 2
          }, column "date": expected one row per date of SYN012 \\(line ${
            i + 2
          }, "2000-01-05", is also on 2000-01-05\\), got "20000105"`,
        ),
      );
    });
  });
}
