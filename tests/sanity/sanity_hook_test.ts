import assert from "node:assert/strict";
import { join } from "node:path";
import { ingestFile, openDb, samplePath } from "../../lib/data/mod.ts";
import { DataSanityError, sanityHook } from "../../lib/sanity/mod.ts";
import type { SanityReport } from "../../lib/sanity/mod.ts";
import { bothEngines, NOW } from "./_helpers.ts";

const dir = await Deno.makeTempDir({ prefix: "sanity_hook_" });
globalThis.addEventListener(
  "unload",
  () => Deno.removeSync(dir, { recursive: true }),
);

async function sp500With(
  name: string,
  edit: (lines: string[]) => string[],
): Promise<string> {
  const [head, ...lines] = (await Deno.readTextFile(samplePath("SP500"))).trim()
    .split("\n");
  const path = join(dir, name);
  await Deno.writeTextFile(path, [head, ...edit(lines)].join("\n") + "\n");
  return path;
}

const count = async (db: Awaited<ReturnType<typeof openDb>>) =>
  (await db.query<{ n: number }>("SELECT count(*) AS n FROM bars"))[0].n;

bothEngines(
  "sanityHook(): a clean file is stored; a faulty one is rejected and the store is unchanged",
  async (engine) => {
    const db = await openDb({ engine, path: ":memory:" });
    try {
      const strict = sanityHook({ now: NOW });
      const ok = await ingestFile(db, samplePath("AAPL"), {
        symbol: "AAPL",
        validate: strict,
      });
      assert.equal(ok.rows, 1260);
      assert.equal((ok.validation as SanityReport).ok, true);
      const gap = await sp500With(
        "gap.csv",
        (l) => l.filter((x) => x < "2011-03-02" || x > "2011-04-27"),
      );
      await assert.rejects(
        ingestFile(db, gap, { symbol: "SP500", validate: strict }),
        (e: unknown) =>
          e instanceof DataSanityError && e.report.violations[0].rule === "gap",
      );
      assert.equal(await count(db), 1260);
      // RELAXED cannot repair a gap either: still rejected.
      await assert.rejects(
        ingestFile(db, gap, {
          symbol: "SP500",
          validate: sanityHook({ mode: "relaxed", now: NOW }),
        }),
        DataSanityError,
      );
      assert.equal(await count(db), 1260);
    } finally {
      await db.close();
    }
  },
);

bothEngines(
  "sanityHook(): RELAXED stores the repaired rows and reports every repair",
  async (engine) => {
    const db = await openDb({ engine, path: ":memory:" });
    try {
      let blanked = "";
      const messy = await sp500With("messy.csv", (lines) => {
        const out = [...lines];
        out.splice(10, 0, lines[9]); // exact duplicate of 2000-01-14
        out[500] = out[500].replace(/^(\S{10}),[^,]*,/, "$1,,"); // empty open
        blanked = out[500].slice(0, 10);
        return out;
      });
      let seen: SanityReport | undefined;
      const r = await ingestFile(db, messy, {
        symbol: "SP500",
        validate: sanityHook(
          { mode: "relaxed", now: NOW },
          (rep) => (seen = rep),
        ),
      });
      assert.deepEqual(seen?.repairs.map((x) => [x.rule, x.count, x.dates]), [
        ["missing_value", 1, [blanked]],
        ["duplicate_exact", 1, ["2000-01-14"]],
      ]);
      assert.equal(r.stagedRows, 5104);
      assert.equal(await count(db), 5104);
    } finally {
      await db.close();
    }
  },
);
