import assert from "node:assert/strict";
import { join } from "node:path";
import {
  buildIndex,
  PHASES,
  readReportMeta,
  writeIndex,
  writePhaseReport,
  writeWeeklyReports,
} from "../../lib/report/mod.ts";
import * as F from "./_fixtures.ts";

Deno.test("writeIndex() links every report with its date and headline figures; weekly pages via the weekly index", async () => {
  const dir = await Deno.makeTempDir();
  const db = await F.memoryDb();
  await F.seedWalkForward(db, {
    symbol: "SP500",
    foldSharpes: [1.2, 0.9],
    maxDrawdown: -0.05,
    sharpe: 1,
    winRate: 0.6,
  });
  for (const p of PHASES) {
    assert.equal(
      await writePhaseReport(db, p, dir, {
        generatedAt: `2026-01-0${p.at(-1)}T00:00:00Z`,
      }),
      join(dir, `${p}.html`),
    );
  }
  const weekly = await writeWeeklyReports(db, dir, {
    lastWeeks: 2,
    generatedAt: "2026-02-01T00:00:00Z",
  });
  assert.deepEqual(weekly.map((p) => p.slice(dir.length + 1)).slice(-1), [
    "weekly/index.html",
  ]);
  assert.equal(weekly.length, 3);
  await Deno.mkdir(join(dir, "notebooks"));
  await Deno.writeTextFile(
    join(dir, "notebooks", "00-quickstart.html"),
    "<html>nb</html>",
  );
  const path = await writeIndex(dir);
  const html = await Deno.readTextFile(path);
  const hrefs = [...html.matchAll(/<a href="([^"]+)">/g)].map((m) => m[1]);
  assert.deepEqual(hrefs, [
    "phase1.html",
    "phase2.html",
    "phase3.html",
    "phase4.html",
    "phase5.html",
    "weekly/index.html",
    "notebooks/00-quickstart.html",
  ]);
  assert.ok(html.includes('<span class="date">2026-01-01T00:00:00Z</span>'));
  assert.ok(
    html.includes("<span>Scorecard</span><b>3/5 pass</b>"),
    "phase 1 headline card: no ML run, one asset",
  );
  assert.equal(readReportMeta(html)?.kind, "index");
  const wk = await Deno.readTextFile(join(dir, "weekly", "index.html"));
  const weekLinks = [...wk.matchAll(/<a href="([^"]+)">/g)].map((m) => m[1]);
  assert.equal(weekLinks.length, 2);
  for (const l of weekLinks) {
    assert.ok((await Deno.stat(join(dir, "weekly", l))).isFile);
  }
  assert.ok(wk.includes("<span>Week return</span>"));
  await db.close();
  await Deno.remove(dir, { recursive: true });
});

Deno.test("buildIndex() of an empty folder says how to generate reports", async () => {
  const dir = await Deno.makeTempDir();
  const m = await buildIndex(dir, { generatedAt: "g" });
  assert.deepEqual(
    m.sections.map((s) => s.kind === "missing" ? s.command : s.kind),
    ["deno task report all"],
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("writePhaseReport() rejects an unknown phase", async () => {
  const db = await F.memoryDb();
  const dir = await Deno.makeTempDir();
  await assert.rejects(
    () => writePhaseReport(db, "phase9" as "phase1", dir),
    /expected one of phase1, phase2, phase3, phase4, phase5/,
  );
  assert.deepEqual([...Deno.readDirSync(dir)], [], "nothing written");
  await Deno.remove(dir);
  await db.close();
});
