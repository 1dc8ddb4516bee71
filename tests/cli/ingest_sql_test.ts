/**
 * `deno task ingest` and `deno task sql` on an on-disk store: exit codes, plain-English
 * messages (one line, no DuckDB internals), and the store unchanged after every refusal.
 */
import assert from "node:assert/strict";
import { main as ingest } from "../../lib/cli/ingest.ts";
import { main as sql } from "../../lib/cli/sql.ts";
import { splitStatements } from "../../lib/cli/_sql_statements.ts";
import { capture, tempStore } from "./_capture.ts";

async function store() {
  const s = await tempStore();
  const csv = async (name: string, text: string | Uint8Array) => {
    const p = `${s.dir}/${name}`;
    if (typeof text === "string") await Deno.writeTextFile(p, text);
    else await Deno.writeFile(p, text);
    return p;
  };
  const rows = async () =>
    JSON.parse(
      (await capture(sql, [
        "SELECT symbol, CAST(ts AS VARCHAR) AS ts, close, volume FROM bars ORDER BY symbol, ts",
        "--db",
        s.db,
      ])).stdout,
    );
  return { ...s, csv, rows };
}

/** A store holding two daily bars of C, ingested by the task. */
async function seeded() {
  const s = await store();
  const f = await s.csv("c.csv", OHLCV);
  assert.equal(
    (await capture(ingest, [f, "--symbol", "C", "--db", s.db])).code,
    0,
  );
  return s;
}

const OHLCV = "date,open,high,low,close,volume\n" +
  "2020-01-02,1.4,1.6,1.3,1.5,10\n2020-01-03,1.5,1.9,1.4,1.8,11\n";

Deno.test("ingest: prints one line per file; --json prints one object", async () => {
  const s = await store();
  const f = await s.csv("c.csv", OHLCV);
  const r = await capture(ingest, [f, "--symbol", "C", "--db", s.db]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    `${f}: 2 rows (C), layout ohlcv, daily bars, tz UTC`,
  );
  const again = await capture(ingest, [
    f,
    "--symbol",
    "C",
    "--db",
    s.db,
    "--json",
  ]);
  const out = JSON.parse(again.stdout);
  assert.deepEqual(
    [out.ok, out.files[0].rows, out.files[0].storedContext],
    [true, 2, 0],
  );
  assert.equal((await s.rows()).length, 2);
});

Deno.test("ingest RELAXED lists each repair; STRICT rejects the same file and leaves the store as it was", async () => {
  const s = await seeded();
  const before = await s.rows();
  const bad = await s.csv(
    "bad.csv",
    "date,open,high,low,close,volume\n2020-01-06,1.8,1.9,1.7,1.85,-5\n",
  );
  const strict = await capture(ingest, [bad, "--symbol", "C", "--db", s.db]);
  assert.equal(strict.code, 1);
  assert.match(
    strict.stderr,
    /^.*bad\.csv: DataSanity STRICT found 1 violation in 1 rows:\n- negative_volume C: 1 \(e\.g\. 2020-01-06\)\nFix the data, relax a threshold, or use RELAXED mode/,
  );
  assert.deepEqual(await s.rows(), before);
  const relaxed = await capture(ingest, [
    bad,
    "--symbol",
    "C",
    "--db",
    s.db,
    "--mode",
    "RELAXED",
  ]);
  assert.equal(relaxed.code, 0, relaxed.stderr);
  assert.match(
    relaxed.stdout,
    /validated with 2 stored bars around them\n {2}repaired negative_volume C: 1 set volume to NULL \(e\.g\. 2020-01-06\)$/,
  );
  assert.deepEqual((await s.rows()).at(-1), {
    symbol: "C",
    ts: "2020-01-06 00:00:00",
    close: 1.85,
    volume: null,
  });
});

Deno.test("ingest: unreadable input gets one plain line and exit 2 (ragged, unclosed quote, binary, flags)", async () => {
  const s = await store();
  const bytes = new Uint8Array(4096).map((_, i) => (i * 37) % 256);
  const cases: [string, string | Uint8Array, RegExp][] = [
    [
      "ragged.csv",
      "date,close\n2020-01-02,1\n2020-01-03,2,5,6\n",
      /^Cannot load bars from .*ragged\.csv: line 3, column "\(row\)": expected 2 comma-separated fields like the header \(date,close\); this row has 4, got "2020-01-03,2,5,6"$/,
    ],
    [
      "quote.csv",
      'date,close\n2020-01-02,1\n"2020-01-03,2\n2020-01-06,3\n',
      /^Cannot load bars from .*quote\.csv: line 3, column "\(row\)": expected a closing quote \("\) for the field opened on this line, got "\\"2020-01-03,2"$/,
    ],
    [
      "blob.csv",
      bytes,
      /^Cannot load bars from .*blob\.csv: column "\(file\)": expected a text CSV file \(UTF-8\), got "binary data \(a NUL byte at byte 0\)"$/,
    ],
  ];
  for (const [name, text, re] of cases) {
    const r = await capture(ingest, [
      await s.csv(name, text),
      "--symbol",
      "X",
      "--db",
      s.db,
    ]);
    assert.equal(r.code, 2, name);
    assert.match(r.stderr, re);
    assert.doesNotMatch(r.stderr, /DuckDB|sniffing|SQL/);
  }
  const utf16 = new Uint8Array([0xff, 0xfe, 0x64, 0x00, 0x61, 0x00]);
  const u = await capture(ingest, [
    await s.csv("u16.csv", utf16),
    "--symbol",
    "X",
    "--db",
    s.db,
  ]);
  assert.equal(u.code, 2);
  assert.ok(u.stderr.length < 200, u.stderr);
  const flags: [string[], RegExp][] = [
    [
      ["--db", s.db],
      /^Missing argument FILE: expected bar files to load: CSV, Parquet or JSON$/,
    ],
    [["x.csv", "--map", "date"], /flag --map: expected field=column pairs/],
    [["x.csv", "--mode", "lenient"], /flag --mode\b/],
    [["x.csv", "--nope"], /Unknown flag --nope/],
  ];
  for (const [args, re] of flags) {
    const r = await capture(ingest, args);
    assert.equal(r.code, 2, args.join(" "));
    assert.match(r.stderr, re);
  }
  assert.deepEqual(await s.rows(), []);
});

Deno.test("sql is read-only by default: a write is refused and changes nothing; --write runs it", async () => {
  const s = await seeded();
  const before = await s.rows();
  const ins =
    "INSERT INTO bars (symbol, ts) VALUES ('Z', TIMESTAMP '2020-01-02')";
  const ro = await capture(sql, [ins, "--db", s.db]);
  assert.equal(ro.code, 2);
  assert.equal(
    ro.stderr,
    "The store is open read-only (the default of deno task sql) and this statement writes: nothing was changed; pass --write to run it",
  );
  assert.deepEqual(await s.rows(), before);
  const rw = await capture(sql, [ins, "--db", s.db, "--write"]);
  assert.equal(rw.code, 0, rw.stderr);
  assert.equal((await s.rows()).length, 3);
});

Deno.test("sql: several statements only with --write, in one transaction", async () => {
  const s = await seeded();
  const before = await s.rows();
  const two = "DELETE FROM bars; SELECT count(*) AS n FROM bars";
  const refused = await capture(sql, [two, "--db", s.db]);
  assert.equal(refused.code, 2);
  assert.match(
    refused.stderr,
    /argument SQL: expected one statement \(several run only with --write, in one transaction\), got 2 statements/,
  );
  assert.deepEqual(await s.rows(), before);
  const failing = await capture(sql, [
    "DELETE FROM bars; SELECT nope FROM bars",
    "--db",
    s.db,
    "--write",
  ]);
  assert.equal(failing.code, 1);
  assert.deepEqual(await s.rows(), before, "the failed batch rolled back");
  const ok = await capture(sql, [two, "--db", s.db, "--write"]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.deepEqual(JSON.parse(ok.stdout), [{ n: 0 }]);
});

Deno.test("sql: a missing store is a flag error in read-only mode; --write creates it", async () => {
  const s = await store();
  const r = await capture(sql, ["select 1 as x", "--db", s.db]);
  assert.equal(r.code, 2);
  assert.match(
    r.stderr,
    /flag --db: expected an existing store \(deno task sql opens it read-only; --write creates one\)/,
  );
  await assert.rejects(() => Deno.stat(s.db));
  const w = await capture(sql, ["select 1 as x", "--db", s.db, "--write"]);
  assert.deepEqual([w.code, JSON.parse(w.stdout)], [0, [{ x: 1 }]]);
  const q = await capture(sql, ["selec 1", "--db", s.db]);
  assert.equal(q.code, 1);
  assert.match(q.stderr, /syntax error at or near "selec"/);
});

Deno.test("splitStatements() splits at semicolons outside strings, identifiers, dollar quotes and comments", () => {
  assert.deepEqual(
    splitStatements(
      `select 'a;b' as "x;y"; -- c;\n/* d; */ select $$e;$$, E'f\\';g';;`,
    ),
    [`select 'a;b' as "x;y"`, `-- c;\n/* d; */ select $$e;$$, E'f\\';g'`],
  );
  assert.deepEqual(splitStatements(" ; -- only a comment;\n"), []);
  assert.deepEqual(splitStatements("select 'it''s; fine'"), [
    "select 'it''s; fine'",
  ]);
  assert.deepEqual(splitStatements("select $1; select 2"), [
    "select $1",
    "select 2",
  ]);
});
