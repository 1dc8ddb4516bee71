/**
 * A store held by another process: real holder processes (a paper session, a read-only
 * reader), and tasks run against the held store print one line naming the holder and
 * what to do, exit 1, and never a stack trace.
 */
import assert from "node:assert/strict";
import { describeHolder } from "../../lib/data/store_locked.ts";
import { main as ingest } from "../../lib/cli/ingest.ts";
import { main as sql } from "../../lib/cli/sql.ts";
import { main as walkforward } from "../../lib/cli/walkforward.ts";
import { capture, runDeno, tempStore } from "./_capture.ts";
import { holder, stop } from "./_holder.ts";

const ROOT = new URL("../..", import.meta.url).pathname;

/** One line, no stack trace. */
function oneLine(stderr: string): string {
  assert.equal(stderr.split("\n").length, 1, stderr);
  assert.doesNotMatch(stderr, /^\s+at /m);
  return stderr;
}

Deno.test("describeHolder() tells a TradeLab task, a Jupyter kernel and any other process apart", () => {
  assert.deepEqual(
    describeHolder(7, [
      "/usr/bin/deno",
      "run",
      "-A",
      "lib/cli/kill_switch.ts",
      "--db",
      "w.duckdb",
    ]),
    { pid: 7, kind: "task", command: "deno task kill-switch --db w.duckdb" },
  );
  assert.equal(
    describeHolder(8, [
      "/usr/bin/deno",
      "jupyter",
      "--kernel",
      "--conn",
      "c.json",
    ])
      .kind,
    "jupyter",
  );
  assert.deepEqual(describeHolder(9, ["/opt/bin/duckdb", "w.duckdb"]), {
    pid: 9,
    kind: "process",
    command: "duckdb w.duckdb",
  });
  assert.deepEqual(describeHolder(10), { pid: 10, kind: "process" });
  assert.equal(
    describeHolder(11, ["python3", "-c", "x".repeat(300)]).command?.length,
    120,
  );
});

Deno.test("a running paper session holds the store: ingest, sql and walkforward say so in one line and exit 1", async () => {
  const { dir, db } = await tempStore();
  const csv = `${dir}/x.csv`;
  await Deno.writeTextFile(csv, "date,close\n2020-01-02,1\n2020-01-03,1.01\n");
  const session = await holder(
    ["run", "-A", "lib/cli/paper.ts", "--db", db, "--speed", "1"],
    db,
  );
  try {
    const pid = session.child.pid;
    const held = new RegExp(
      `^Cannot open ${db}: another TradeLab task holds it \\(pid ${pid}: deno task paper --db ${db} --speed 1\\)`,
    );
    const advice =
      `wait for the session to finish or stop it (deno task kill-switch --db ${db}), or pass another --db`;
    for (
      const [main, args] of [
        [ingest, [csv, "--symbol", "X", "--db", db]],
        [sql, ["select 1", "--db", db, "--write"]],
        [walkforward, ["--symbol", "SP500", "--db", db]],
      ] as const
    ) {
      const r = await capture(main, [...args]);
      assert.equal(r.code, 1, r.stderr);
      assert.equal(r.stdout, "");
      assert.match(oneLine(r.stderr), held);
      assert.ok(r.stderr.endsWith(`; ${advice}`), r.stderr);
    }
    // Read-only is no way around it: DuckDB refuses any open while a writer holds the file.
    const ro = await capture(sql, ["select 1", "--db", db]);
    assert.equal(ro.code, 1);
    assert.match(
      oneLine(ro.stderr),
      /\) for writing, and DuckDB lets no other process open a store then, not even to read; wait for the session/,
    );
    // The real process prints the same line (no stack trace from the script wrapper).
    const proc = await runDeno([
      "run",
      "-A",
      "lib/cli/preflight.ts",
      "--db",
      db,
    ], {
      NO_COLOR: "1",
    });
    const err = proc.stderr.trim();
    assert.equal(proc.code, 1);
    assert.match(oneLine(err), held);
  } finally {
    await stop(session);
  }
  const after = await capture(ingest, [csv, "--symbol", "X", "--db", db]);
  assert.equal(after.code, 0, after.stderr);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("readers share a store: sql reads beside a read-only holder, ingest cannot write", async () => {
  const { dir, db } = await tempStore();
  const csv = `${dir}/x.csv`;
  await Deno.writeTextFile(csv, "date,close\n2020-01-02,1\n2020-01-03,1.01\n");
  assert.equal(
    (await capture(ingest, [csv, "--symbol", "X", "--db", db])).code,
    0,
  );
  const code = `const { openDb } = await import("${ROOT}lib/data/mod.ts");
    const db = await openDb({ path: "${db}", readOnly: true });
    console.log("holding");
    await new Promise((r) => setTimeout(r, 120000));`;
  const reader = await holder(["eval", code], db);
  try {
    const r = await capture(sql, [
      "select count(*) as n from bars",
      "--db",
      db,
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), [{ n: 2 }]);
    const w = await capture(ingest, [csv, "--symbol", "Y", "--db", db]);
    assert.equal(w.code, 1);
    assert.match(
      oneLine(w.stderr),
      new RegExp(
        `^Cannot open ${db}: another process holds it \\(pid ${reader.child.pid}: deno eval .*\\); close the database in that process or stop it, or pass another --db$`,
      ),
    );
  } finally {
    await stop(reader);
  }
  await Deno.remove(dir, { recursive: true });
});
