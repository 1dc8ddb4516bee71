import assert from "node:assert/strict";
import { join } from "node:path";
import { samplePath } from "../../lib/data/mod.ts";
import { main } from "../../lib/cli/sanity.ts";

async function run(args: string[]) {
  const out: string[] = [], err: string[] = [];
  const code = await main(args, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
  });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const dir = await Deno.makeTempDir({ prefix: "sanity_cli_" });

/** The SP500 sample with `edit` applied to its data lines (header kept). */
async function edited(
  name: string,
  edit: (lines: string[]) => string[],
): Promise<string> {
  const text = await Deno.readTextFile(samplePath("SP500"));
  const [head, ...lines] = text.trim().split("\n");
  const path = join(dir, name);
  await Deno.writeTextFile(path, [head, ...edit(lines)].join("\n") + "\n");
  return path;
}

Deno.test("sanity CLI: real SP500 and AAPL files are clean (exit 0, --json shape)", async () => {
  for (
    const [name, symbol, rows] of [["SP500", "SP500", 5105], [
      "AAPL",
      "AAPL",
      1260,
    ]] as const
  ) {
    const r = await run([samplePath(name), "--symbol", symbol, "--json"]);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(JSON.parse(r.out), {
      ok: true,
      mode: "strict",
      rows,
      violations: [],
      repairs: [],
    });
  }
});

Deno.test("sanity CLI: violations exit 1 and list rule, symbol, count and dates", async () => {
  // Drop 2011-03-02..2011-04-26 (40 business days) and duplicate 2003-03-03 with another volume.
  const path = await edited("faulty.csv", (lines) =>
    lines.flatMap((l) => {
      const d = l.slice(0, 10);
      if (d > "2011-03-01" && d < "2011-04-27") return [];
      return d === "2003-03-03" ? [l, l.replace(/,\d+$/, ",1")] : [l];
    }));
  const r = await run([path, "--symbol", "SP500", "--json"]);
  assert.equal(r.code, 1);
  const j = JSON.parse(r.out);
  assert.equal(j.ok, false);
  assert.deepEqual(
    j.violations.map((
      v: { rule: string; symbol: string; count: number; dates: string[] },
    ) => [
      v.rule,
      v.symbol,
      v.count,
      v.dates,
    ]),
    [["duplicate_conflict", "SP500", 1, ["2003-03-03"]], ["gap", "SP500", 1, [
      "2011-04-27",
    ]]],
  );
  const text = await run([path, "--symbol", "SP500"]);
  assert.equal(text.code, 1);
  assert.match(
    text.out,
    /- gap SP500: 1 \(e\.g\. 2011-04-27\); 40 business days missing/,
  );
});

Deno.test("sanity CLI: RELAXED repairs exact duplicates and disorder (exit 0) and lists the repairs", async () => {
  const path = await edited("messy.csv", (lines) => {
    const out = [...lines];
    out.splice(100, 0, lines[99]); // exact duplicate of data line 100
    [out[200], out[201]] = [out[201], out[200]]; // two rows swapped
    return out;
  });
  const strict = await run([path, "--symbol", "SP500", "--json"]);
  assert.equal(strict.code, 1);
  const r = await run([
    path,
    "--symbol",
    "SP500",
    "--mode",
    "relaxed",
    "--json",
  ]);
  assert.equal(r.code, 0, r.out);
  const j = JSON.parse(r.out);
  assert.equal(j.ok, true);
  assert.equal(j.mode, "relaxed");
  assert.equal(j.rows, 5106);
  assert.deepEqual(
    j.repairs.map((x: { rule: string; count: number }) => [x.rule, x.count]),
    [
      ["duplicate_exact", 1],
      ["out_of_order", 1],
    ],
  );
});

Deno.test("sanity CLI: unreadable input and bad flags exit 2 naming file, line, column and value", async () => {
  const bad = join(dir, "bad.csv");
  await Deno.writeTextFile(
    bad,
    "date,open,high,low,close,volume\n2020-01-02,1,2,0.5,1.5,100\n2020-01-03,1,2,0.5,n/a,100\n",
  );
  const r = await run([bad, "--symbol", "X"]);
  assert.equal(r.code, 2);
  assert.match(
    r.err,
    /bad\.csv: line 3, column "close": expected a number, got "n\/a"/,
  );
  assert.equal(
    (await run([join(dir, "missing.csv"), "--symbol", "X"])).code,
    2,
  );
  const flags = await run([bad, "--mode", "lenient"]);
  assert.equal(flags.code, 2);
  assert.equal(
    flags.err,
    'Invalid flag --mode: expected strict or relaxed (either case), got "lenient"',
  );
  const none = await run(["--symbol", "X"]);
  assert.equal(none.code, 2);
  assert.match(
    none.err,
    /^Missing argument FILE: expected the bar file to check \(CSV, Parquet or JSON\)$/,
  );
  assert.equal(
    (await run([bad, "--max-move", "-1"])).err,
    "Invalid flag --max-move: expected a number greater than 0, got -1",
  );
});

globalThis.addEventListener(
  "unload",
  () => Deno.removeSync(dir, { recursive: true }),
);
