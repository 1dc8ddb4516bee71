import assert from "node:assert/strict";
import { join } from "node:path";
import { main } from "../../lib/cli/report.ts";
import { openDb } from "../../lib/data/mod.ts";
import * as F from "./_fixtures.ts";

async function store(dir: string): Promise<string> {
  const path = join(dir, "store.duckdb");
  const db = await openDb({ engine: "native", path });
  await F.seedWalkForward(db, {
    symbol: "SP500",
    foldSharpes: [1.2, 0.9],
    maxDrawdown: -0.05,
    sharpe: 1,
    winRate: 0.6,
  });
  await db.close();
  return path;
}

const exists = (p: string) => Deno.stat(p).then((s) => s.isFile, () => false);

Deno.test("report CLI writes a phase report, weekly pages and the index; exit codes name bad flags", async () => {
  const dir = await Deno.makeTempDir();
  const db = await store(dir);
  const out = join(dir, "reports");
  assert.equal(await main(["phase1", "--db", db, "--out", out]), 0);
  assert.ok(await exists(join(out, "phase1.html")));
  assert.ok(
    await exists(join(out, "index.html")),
    "every command refreshes the index",
  );
  assert.equal(
    await main(["weekly", "--db", db, "--out", out, "--week", "2020-W12"]),
    0,
  );
  const weekly = [...Deno.readDirSync(join(out, "weekly"))].map((e) => e.name)
    .sort();
  assert.equal(weekly.length, 2);
  assert.equal(weekly[0], "index.html");
  assert.ok(weekly[1].endsWith("-2020-W12.html"), weekly[1]);
  assert.equal(
    await main([
      "all",
      "--db",
      db,
      "--out",
      out,
      "--last-weeks",
      "2",
      "--json",
    ]),
    0,
  );
  for (const p of ["phase2", "phase3", "phase4", "phase5"]) {
    assert.ok(await exists(join(out, `${p}.html`)));
  }
  const index = await Deno.readTextFile(join(out, "index.html"));
  assert.ok(
    index.includes('<a href="phase5.html">') &&
      index.includes('<a href="weekly/index.html">'),
  );
  assert.equal(
    await main(["weekly", "--db", db, "--out", out, "--week", "2030-W01"]),
    1,
    "week without data",
  );
  assert.equal(await main(["phase9", "--out", out]), 2);
  assert.equal(await main(["phase1", "--week", "2020-12", "--out", out]), 2);
  assert.equal(await main(["phase1", "--nope", "--out", out]), 2);
  assert.equal(await main(["--out", out]), 2);
  assert.equal(await main(["phase1", "phase2", "--out", out]), 2);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("report for an unknown symbol or run exits 1 naming what the store holds, and writes nothing", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const db = await store(dir);
    const out = join(dir, "reports");
    const lines: string[] = [];
    const io = {
      out: (t: string) => lines.push(t),
      err: (t: string) => lines.push(t),
    };
    for (const phase of ["phase1", "phase2", "phase3", "phase4", "phase5"]) {
      lines.length = 0;
      assert.equal(
        await main([phase, "--symbol", "NOPE", "--db", db, "--out", out], io),
        1,
        phase,
      );
      assert.match(
        lines.join("\n"),
        /No symbol "NOPE" in the store \(no bars and no runs\): it holds SP500/,
      );
    }
    lines.length = 0;
    assert.equal(
      await main(["phase1", "--run", "nope-1", "--db", db, "--out", out], io),
      1,
    );
    assert.match(
      lines.join("\n"),
      /No run "nope-1" in the store; newest walk-forward runs: walkforward-/,
    );
    assert.equal(await exists(join(out, "phase1.html")), false);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
