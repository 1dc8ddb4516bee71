import assert from "node:assert/strict";
import { join } from "node:path";

const ROOT = new URL("../../", import.meta.url);

async function run(task: string, args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", `lib/cli/${task}.ts`, ...args],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  const dec = new TextDecoder();
  return {
    code: out.code,
    stdout: dec.decode(out.stdout),
    stderr: dec.decode(out.stderr),
  };
}

/** The CLIs need lib/data's store (openDb) and lib/sanity; until both exist these tests are ignored. */
async function cliReady(): Promise<boolean> {
  try {
    const data = await import("../../lib/data/mod.ts");
    await Deno.stat(new URL("lib/sanity/mod.ts", ROOT));
    await Deno.stat(new URL("lib/cli/walkforward.ts", ROOT));
    return "openDb" in data;
  } catch {
    return false;
  }
}
const ignore = !(await cliReady());

const dir = await Deno.makeTempDir({ prefix: "wf_cli_" });
const db = join(dir, "w.duckdb");

Deno.test({
  name:
    "walkforward --json prints one object with runId, manifest, folds, metrics, oos and a clamping note",
  ignore,
  async fn() {
    const r = await run("walkforward", [
      "--symbol",
      "SP500",
      "--start-date",
      "2014-01-01",
      "--end-date",
      "2030-01-01",
      "--train-len",
      "252",
      "--test-len",
      "63",
      "--stride",
      "63",
      "--perf-mode",
      "RELAXED",
      "--db",
      db,
      "--json",
      "--controls",
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stderr,
      /--end-date 2030-01-01 is after the last bar of SP500; clamped to 2020-04-17/,
    );
    const j = JSON.parse(r.stdout);
    assert.deepEqual(
      ["runId", "manifest", "folds", "metrics", "controls", "oos"].filter((k) =>
        !(k in j)
      ),
      [],
    );
    assert.equal(j.runId, j.manifest.runId);
    assert.match(j.runId, /^walkforward-\d{8}T\d{6}-[0-9a-f]{8}$/);
    assert.equal(j.oos.length, j.folds.length * 63);
    assert.deepEqual(Object.keys(j.oos[0]), [
      "date",
      "prediction",
      "position",
      "ret",
    ]);
    assert.ok(j.oos[0].date >= "2014-01-01");
    assert.equal(j.manifest.config.endDate, "2020-04-17");
    assert.equal(typeof j.metrics.sharpe, "number");
    assert.ok(Array.isArray(j.controls.runs));
    const again = JSON.parse(
      (await run("walkforward", [
        "--symbol",
        "SP500",
        "--start-date",
        "2014-01-01",
        "--end-date",
        "2030-01-01",
        "--db",
        db,
        "--json",
        "--controls",
      ])).stdout,
    );
    assert.deepEqual(again.oos, j.oos);
    assert.deepEqual(again.metrics, j.metrics);
    assert.equal(again.runId.slice(-8), j.runId.slice(-8));
  },
});

Deno.test({
  name:
    "walkforward says how many bars one fold needs when the range is too short",
  ignore,
}, async () => {
  const r = await run("walkforward", [
    "--symbol",
    "SP500",
    "--start-date",
    "2019-06-01",
    "--db",
    db,
  ]);
  assert.equal(r.code, 1);
  assert.match(
    r.stderr,
    /Too little data for one fold of SP500: need 515 bars .*got \d+/,
  );
  assert.equal(r.stdout, "");
});

Deno.test({
  name:
    "walkforward rejects a bad or unknown flag with a ConfigError naming it (exit 2)",
  ignore,
}, async () => {
  const bad = await run("walkforward", [
    "--symbol",
    "SP500",
    "--train-len",
    "abc",
    "--db",
    db,
  ]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /field "train-len"/);
  const unknown = await run("walkforward", [
    "--symbol",
    "SP500",
    "--trian-len",
    "5",
    "--db",
    db,
  ]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /trian-len/);
  const mode = await run("walkforward", [
    "--symbol",
    "SP500",
    "--perf-mode",
    "LOOSE",
    "--db",
    db,
  ]);
  assert.equal(mode.code, 2);
  assert.match(mode.stderr, /perf-mode/);
});

Deno.test({
  name: "multi-symbol --json compares every requested symbol",
  ignore,
}, async () => {
  const r = await run("multi_symbol", [
    "--symbols",
    "SP500,AAPL",
    "--start-date",
    "2013-01-01",
    "--db",
    db,
    "--json",
  ]);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.deepEqual(j.symbols.map((s: { symbol: string }) => s.symbol), [
    "SP500",
    "AAPL",
  ]);
  assert.equal(j.symbols[1].folds, 12);
  assert.deepEqual(j.errors, []);
  const text = await run("multi_symbol", ["--symbols", "AAPL", "--db", db]);
  assert.equal(text.code, 0, text.stderr);
  assert.match(
    text.stdout,
    /symbol\s+sharpe\s+return\s+maxDD\s+hit\s+win\s+folds\nAAPL/,
  );
});
