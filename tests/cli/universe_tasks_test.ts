/**
 * Every research task that takes one symbol also takes a universe (`--universe NAME`, or
 * `--symbols A,B|@file`): train, strategies, optimize, portfolio, stress; the one-symbol
 * tasks run per symbol and print the universe table with the multiple-testing line.
 */
import assert from "node:assert/strict";
import { main as optimize } from "../../lib/cli/optimize.ts";
import { main as portfolio } from "../../lib/cli/portfolio.ts";
import { main as strategies } from "../../lib/cli/strategies.ts";
import { main as stress } from "../../lib/cli/stress.ts";
import { main as train } from "../../lib/cli/train.ts";
import { generateSynthetic, openDb, upsertBars } from "../../lib/data/mod.ts";
import { saveUniverse } from "../../lib/store/mod.ts";
import { capture, tempStore } from "./_capture.ts";

const SYMBOLS = ["UA", "UB", "UC"];
/** Short folds, JSON out: the per-symbol tasks stay fast. */
const SHORT_FOLDS = ["--json", "--train-len", "300", "--test-len", "150"];

async function universeStore(db: string): Promise<void> {
  const h = await openDb({ path: db });
  try {
    await upsertBars(
      h,
      generateSynthetic({
        symbols: SYMBOLS,
        days: 1300,
        seed: 21,
        start: "2004-01-01",
        fatTails: false,
        gapProbability: 0,
      }),
      { source: "test" },
    );
    await saveUniverse(h, "u3", SYMBOLS, {
      source: "list",
      at: "2026-01-01T00:00:00.000Z",
    });
  } finally {
    await h.close();
  }
}

Deno.test("train, strategies, optimize, portfolio and stress take --universe", async () => {
  const { dir, db } = await tempStore();
  try {
    await universeStore(db);
    const u = ["--universe", "u3", "--db", db];

    let r = await capture(strategies, [
      ...u,
      "--train-len",
      "300",
      "--test-len",
      "150",
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^symbol\s+sharpe/m);
    for (const s of SYMBOLS) {
      assert.match(r.stdout, new RegExp(`^${s}\\s+-?\\d`, "m"));
    }
    assert.match(r.stdout, /Multiple testing: 3 symbols/);

    r = await capture(optimize, [...u, ...SHORT_FOLDS]);
    assert.equal(r.code, 0, r.stderr);
    const opt = JSON.parse(r.stdout);
    assert.deepEqual(
      opt.symbols.map((o: { symbols: string[] }) => o.symbols[0]),
      SYMBOLS,
    );
    r = await capture(optimize, [...u, "--strategy", "pairs"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /pairs takes --symbols A,B/);

    r = await capture(portfolio, [...u, "--method", "minvar", "--json"]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).symbols, SYMBOLS);

    r = await capture(stress, [...u, "--json"]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).symbols, SYMBOLS);

    r = await capture(train, [...u, ...SHORT_FOLDS]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).runs.length, SYMBOLS.length);

    r = await capture(strategies, ["--universe", "nope", "--db", db]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Unknown universe "nope": expected one of u3/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
