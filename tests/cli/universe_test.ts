/**
 * `deno task universe` and universes as input of `deno task multi-symbol`: named
 * universes in the store, `--symbols @file` relative to where the command ran, progress
 * only on a terminal, and every symbol's figures in `--json`.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { main as multiSymbol } from "../../lib/cli/multi_symbol.ts";
import { main as universe } from "../../lib/cli/universe.ts";
import { parseSymbolsFile } from "../../lib/cli/_universe_flags.ts";
import { generateSynthetic, openDb, upsertBars } from "../../lib/data/mod.ts";
import {
  listUniverses,
  loadUniverse,
  removeUniverse,
  saveUniverse,
  withStore,
} from "../../lib/store/mod.ts";
import { capture, runDeno, tempStore } from "./_capture.ts";

async function storeWithBars(db: string, symbols: string[]): Promise<void> {
  const h = await openDb({ path: db });
  try {
    await upsertBars(
      h,
      generateSynthetic({
        symbols,
        days: 700,
        seed: 5,
        start: "2005-01-03",
        fatTails: false,
        gapProbability: 0,
      }),
      { source: "test" },
    );
  } finally {
    await h.close();
  }
}

Deno.test("universes round-trip on both engines: order kept, replaced in place, removed", async () => {
  for (const engine of ["native", "wasm"] as const) {
    const db = await openDb({ engine, path: ":memory:" });
    try {
      assert.deepEqual(await listUniverses(db), []);
      const at = "2026-01-02T03:04:05.000Z";
      assert.equal(
        await saveUniverse(db, "u", ["B", "A", "C"], { source: "list", at }),
        false,
      );
      assert.deepEqual(await loadUniverse(db, "u"), ["B", "A", "C"]);
      assert.equal(
        await saveUniverse(db, "u", ["Z"], {
          source: "store",
          at: "2026-02-01T00:00:00.000Z",
        }),
        true,
      );
      const [info] = await listUniverses(db);
      assert.deepEqual(
        [info.name, info.symbols, info.source, info.createdAt],
        ["u", 1, "store", at],
      );
      await assert.rejects(
        saveUniverse(db, "v", ["A", "A"], { source: "list", at }),
        /each once/,
      );
      assert.equal(await removeUniverse(db, "u"), true);
      assert.equal(await removeUniverse(db, "u"), false);
      await assert.rejects(
        loadUniverse(db, "u"),
        /Unknown universe "u": expected one of \(none stored yet\)/,
      );
    } finally {
      await db.close();
    }
  }
});

Deno.test("parseSymbolsFile() reads commas, spaces, lines and comments, names the bad line", () => {
  assert.deepEqual(parseSymbolsFile("# mine\nA,B\n\nC D # trailing\nA", "f"), {
    symbols: ["A", "B", "C", "D"],
  });
  assert.match(
    parseSymbolsFile("A\nB\n/etc/passwd\n", "f").error!,
    /^f line 3: "\/etc\/passwd" is not a symbol/,
  );
});

Deno.test("deno task universe add/list/show/remove, from a list, a file and the store", async () => {
  const { dir, db } = await tempStore();
  try {
    await storeWithBars(db, ["AAA", "BBB"]);
    await Deno.writeTextFile(join(dir, "u.txt"), "BBB\n# second\nAAA\n");
    let r = await capture(universe, ["add", "pair", "AAA,BBB", "--db", db]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "Added universe pair: 2 symbols");
    r = await capture(universe, [
      "add",
      "pair",
      `@${join(dir, "u.txt")}`,
      "--db",
      db,
    ]);
    assert.equal(r.stdout, "Replaced universe pair: 2 symbols");
    r = await capture(universe, ["show", "pair", "--db", db]);
    assert.equal(r.stdout, "BBB\nAAA");
    r = await capture(universe, ["add", "all", "--from-store", "--db", db]);
    assert.equal(r.code, 0, r.stderr);
    r = await capture(universe, ["list", "--db", db, "--json"]);
    const list = JSON.parse(r.stdout).universes;
    assert.deepEqual(list.map((u: { name: string }) => u.name), [
      "all",
      "pair",
    ]);
    assert.match(list[1].source, /^file .*u\.txt$/);
    r = await capture(universe, ["remove", "pair", "--db", db]);
    assert.equal(r.code, 0);
    r = await capture(universe, ["show", "pair", "--db", db]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Unknown universe "pair": expected one of all/);
    for (
      const [args, msg] of [
        [["add", "x"], /either A,B,C/],
        [["add", "../x", "A"], /universe name/],
        [["frob"], /an action: add, list, show, remove/],
        [["add", "x", "A,,B"], /is not/],
        [["add", "x", "@nope.txt"], /cannot read/],
      ] as const
    ) {
      r = await capture(universe, [...args, "--db", db]);
      assert.equal(r.code, 2, args.join(" "));
      assert.match(r.stderr, msg);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("multi-symbol --universe and --symbols @file run the same universe; --json lists every symbol", async () => {
  const { dir, db } = await tempStore();
  try {
    await storeWithBars(db, ["AAA", "BBB", "CCC"]);
    await withStore(db, (h) =>
      saveUniverse(h, "three", ["CCC", "AAA", "BBB"], {
        source: "list",
        at: "2026-01-01T00:00:00.000Z",
      }));
    await Deno.writeTextFile(join(dir, "three.txt"), "CCC AAA BBB\n");
    const a = await capture(multiSymbol, [
      "--universe",
      "three",
      "--db",
      db,
      "--json",
      "--workers",
      "2",
    ]);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(a.stderr, "", "no progress without a terminal");
    // a path relative to the directory the command ran from (INIT_CWD)
    const b = await runDeno(
      [
        "run",
        "-A",
        "lib/cli/multi_symbol.ts",
        "--symbols",
        "@three.txt",
        "--db",
        db,
        "--json",
        "--workers",
        "0",
      ],
      { INIT_CWD: dir },
    );
    assert.equal(b.code, 0, b.stderr);
    const ja = JSON.parse(a.stdout), jb = JSON.parse(b.stdout);
    assert.deepEqual(ja.symbols.map((s: { symbol: string }) => s.symbol), [
      "CCC",
      "AAA",
      "BBB",
    ]);
    assert.deepEqual(
      ja.symbols,
      jb.symbols.map((s: { runId: string }) => ({
        ...s,
        runId: s.runId.replace(jb.runId, ja.runId),
      })),
    );
    assert.equal(ja.manifest.dataHash, jb.manifest.dataHash);
    assert.equal(ja.manifest.config.symbols.length, 3);
    const both = await capture(multiSymbol, [
      "--universe",
      "three",
      "--symbols",
      "AAA",
      "--db",
      db,
    ]);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /either --symbols or --universe, not both/);
    const text = await capture(multiSymbol, [
      "--universe",
      "three",
      "--db",
      db,
    ]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(
      text.stdout,
      /Multiple testing: with no edge at all, the best of 3 symbols/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
