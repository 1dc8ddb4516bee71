import assert from "node:assert/strict";
import { main } from "../../lib/cli/pairs.ts";
import { openDb, upsertBars } from "../../lib/data/mod.ts";
import { engleGranger } from "../../lib/strategies/mod.ts";
import { capture, tempStore } from "./_capture.ts";

/** Three daily symbols: BB cointegrated with AA, CC an independent walk. */
async function seedStore(path: string) {
  const n = 400, dates: string[] = [];
  for (let i = 0; i < n; i++) {
    dates.push(
      new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString()
        .slice(0, 10),
    );
  }
  let state = 12345;
  const z = () => {
    let s = 0;
    for (let k = 0; k < 12; k++) {
      state = (1103515245 * state + 12345) % 2147483648;
      s += state / 2147483648;
    }
    return s - 6;
  };
  const a = new Float64Array(n),
    b = new Float64Array(n),
    c = new Float64Array(n);
  let la = 4, lc = 3, u = 0;
  for (let i = 0; i < n; i++) {
    la += 0.01 * z();
    lc += 0.01 * z();
    u = 0.7 * u + 0.005 * z();
    a[i] = Math.exp(la);
    b[i] = Math.exp(0.2 + 1.1 * la + u);
    c[i] = Math.exp(lc);
  }
  const bars = (symbol: string, close: Float64Array, from = 0) => ({
    symbol,
    dates: dates.slice(from),
    open: close.slice(from),
    high: close.slice(from),
    low: close.slice(from),
    close: close.slice(from),
    volume: new Float64Array(n - from).fill(1e6),
  });
  const db = await openDb(path);
  await upsertBars(db, [bars("AA", a), bars("BB", b), bars("CC", c)], {
    source: "test",
  });
  await db.close();
  return { a, b };
}

Deno.test("deno task pairs ranks the cointegrated pair first and prints every pair, JSON included", async () => {
  const { dir, db } = await tempStore();
  try {
    const { a, b } = await seedStore(db);
    const text = await capture(main, ["--symbols", "AA,BB,CC", "--db", db]);
    assert.equal(text.code, 0, text.stderr);
    const lines = text.stdout.split("\n");
    assert.match(lines[0], /3 symbols, 3 pair\(s\) tested/);
    assert.match(lines[2], /^1\s+AA\/BB\s+400\s/);
    assert.match(lines[2], /\syes\s/);
    assert.match(text.stdout, /In-sample test/);
    assert.doesNotMatch(text.stdout, /NaN|undefined|Infinity/);

    const json = await capture(main, [
      "--symbols",
      "CC, AA,BB,AA",
      "--db",
      db,
      "--json",
      "--correction",
      "bonferroni",
    ]);
    assert.equal(json.code, 0, json.stderr);
    const r = JSON.parse(json.stdout);
    assert.deepEqual(r.settings.symbols, ["CC", "AA", "BB"]);
    assert.equal(r.tests, 3);
    assert.equal(r.correction, "bonferroni");
    const top = r.candidates[0];
    assert.deepEqual([top.a, top.b], ["AA", "BB"]);
    const eg = engleGranger(a, b);
    assert.equal(top.pValueForward, eg.pValue);
    assert.equal(top.adjustedPValue, Math.min(1, 3 * top.pValue));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("deno task pairs names bad flags (exit 2) and unknown symbols (exit 1)", async () => {
  const { dir, db } = await tempStore();
  try {
    await seedStore(db);
    const one = await capture(main, ["--symbols", "AA", "--db", db]);
    assert.equal(one.code, 2);
    assert.match(
      one.stderr,
      /flag --symbols: expected at least 2 distinct symbols/,
    );
    const alpha = await capture(main, [
      "--symbols",
      "AA,BB",
      "--alpha",
      "2",
      "--db",
      db,
    ]);
    assert.equal(alpha.code, 2);
    assert.match(
      alpha.stderr,
      /flag --alpha: expected a number greater than 0 and less than 1, got 2/,
    );
    const trend = await capture(main, [
      "--symbols",
      "AA,BB",
      "--trend",
      "quadratic",
      "--db",
      db,
    ]);
    assert.equal(trend.code, 2);
    assert.equal(
      trend.stderr,
      'Invalid flag --trend: expected one of n, c, ct, ctt, got "quadratic"',
    );
    const unknown = await capture(main, ["--symbols", "AA,ZZ", "--db", db]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /Unknown symbol "ZZ"/);
    assert.doesNotMatch(unknown.stderr, /at .*\.ts:\d+/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
