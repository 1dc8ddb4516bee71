/**
 * Same numbers on Deno and Node: the npm package (`deno task build:npm`) is installed
 * with npm into an empty folder, and one script runs there on Node (importing
 * `tradelab`) and on Deno (importing lib/'s sources): an on-disk native store with the
 * samples, DataSanity STRICT on the store and RELAXED on damaged bars, the W1
 * walk-forward, and the W2 sweep through the worker pool. Every float is compared by its
 * 64 bits; W1 also meets the bench golden (73 folds, Sharpe -0.0461277607903525).
 */
import assert from "node:assert/strict";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  ensureNpmBuild,
  installPackage,
  PROJECT_ROOT,
} from "../../lib/cli/_npm_build.ts";
import {
  execPath,
  makeTempDir,
  runCommand,
} from "../../lib/_shared/runtime.ts";

/**
 * The script. `%LIB%` becomes `tradelab` (Node, the installed package) or the URL of
 * lib/ (Deno): `%LIB%` is the common set, `%LIB%/<domain>` a domain.
 */
const SCENARIO = `
import { checkStore, ensureSampleData, loadBars, openDb, runW1, codeVersion } from "%LIB%";
import { checkBars, DataSanityError } from "%LIB%/sanity";
import { runWalkForward, w1Config } from "%LIB%/walkforward";
import { createSweepPool, sweepMaCrossover } from "%LIB%/bench";

const bits = (x) => {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  return v.getBigUint64(0).toString(16).padStart(16, "0");
};
const allBits = (a) => Array.from(a, bits);
const out = {};

const db = await openDb({ path: "store.duckdb" });
await ensureSampleData(db);
const strict = await checkStore(db, { symbols: ["SP500", "AAPL"], mode: "strict", now: "2024-01-02" });
out.storeSanity = { ok: strict.ok, rows: strict.rows, violations: strict.violations.length };

// damaged bars: a duplicated day, high below low, a 10x spike, a missing close
const sp = await loadBars(db, "SP500");
const n = 400;
const cut = (a) => Float64Array.from(a.subarray(0, n));
const bad = { symbol: "BAD", dates: sp.dates.slice(0, n), open: cut(sp.open), high: cut(sp.high),
  low: cut(sp.low), close: cut(sp.close), volume: cut(sp.volume) };
bad.dates[101] = bad.dates[100]; bad.open[101] = bad.open[100]; bad.high[101] = bad.high[100];
bad.low[101] = bad.low[100]; bad.close[101] = bad.close[100]; bad.volume[101] = bad.volume[100];
bad.high[200] = bad.low[200] - 1;
bad.close[300] *= 10;
bad.close[350] = NaN;
const relaxed = await checkBars(db, [bad], { mode: "relaxed", now: "2024-01-02" });
const { timings: _, ...relaxedReport } = relaxed.report; // wall times differ
out.relaxed = {
  report: relaxedReport,
  dates: relaxed.bars[0].dates,
  close: allBits(relaxed.bars[0].close),
  high: allBits(relaxed.bars[0].high),
  low: allBits(relaxed.bars[0].low),
};
try {
  await checkBars(db, [bad], { mode: "strict", now: "2024-01-02" });
  out.strict = "passed";
} catch (e) {
  out.strict = e instanceof DataSanityError ? e.report.violations : String(e);
}

const bars = await loadBars(db, "SP500");
const w1 = runW1(bars);
out.w1 = { folds: w1.folds, oos_days: w1.oos_days, sharpe: bits(w1.sharpe),
  total_return: bits(w1.total_return), max_drawdown: bits(w1.max_drawdown),
  hit_rate: bits(w1.hit_rate), coefficients: w1.coefficients.map(allBits) };
out.sharpe = w1.sharpe;
const wf = runWalkForward(bars, w1Config);
out.walkForward = {
  metrics: Object.fromEntries(Object.entries(wf.metrics).map(([k, v]) => [k, bits(v)])),
  dates: wf.oos.dates, returns: allBits(wf.oos.returns), equity: allBits(wf.oos.equity),
};
await db.close();

const grid = { fast: [5, 10, 20, 50], slow: [60, 100, 150, 200] };
const pool = await createSweepPool({ workers: 2 });
try {
  const pooled = await pool.sweep(bars.close, grid);
  const single = sweepMaCrossover(bars.close, grid);
  out.sweep = { pooled: allBits(pooled.sharpe), single: allBits(single.sharpe),
    checksum: bits(pooled.sharpeSum) };
} finally {
  pool.close();
}
out.codeVersion = await codeVersion();
console.log(JSON.stringify(out));
`;

/** Run the scenario in `dir` with `cmd`; its JSON report. */
async function runScenario(
  dir: string,
  name: string,
  lib: (domain: string) => string,
  cmd: string,
  argv: readonly string[],
): Promise<Record<string, unknown>> {
  const script = SCENARIO.replace(
    /%LIB%(\/[a-z]+)?/g,
    (_, d?: string) => lib(d ? d.slice(1) : ""),
  );
  await writeFile(join(dir, name), script);
  await rm(join(dir, "store.duckdb"), { force: true });
  const r = await runCommand(cmd, [...argv, name], { cwd: dir });
  assert.equal(r.code, 0, `${cmd} ${name}:\n${r.stderr.slice(-3000)}`);
  return JSON.parse(r.stdout);
}

Deno.test("the npm package installs into an empty folder and gives Deno's numbers bit for bit on Node", async () => {
  const { out: dist, info } = await ensureNpmBuild();
  const dir = await makeTempDir("tradelab-node-");
  try {
    assert.equal(await installPackage(dir, dist), true);
    const installed = JSON.parse(
      await readFile(
        join(dir, "node_modules", "tradelab", "package.json"),
        "utf8",
      ),
    );
    assert.equal(installed.version, info.version);
    const onNode = await runScenario(
      dir,
      "scenario.mjs",
      (d) => d === "" ? "tradelab" : `tradelab/${d}`,
      "node",
      [],
    );
    const libUrl = new URL("../../lib/", import.meta.url).href;
    const onDeno = await runScenario(
      dir,
      "scenario_deno.mjs",
      (d) => `${libUrl}${d === "" ? "" : `${d}/`}mod.ts`,
      execPath(),
      ["run", "-A", "--quiet", "--config", join(PROJECT_ROOT, "deno.json")],
    );

    // the package reports the code it was built from
    assert.equal(
      onNode.codeVersion,
      info.code.commit === null
        ? `${info.code.version} (no git: ${info.code.noGit})`
        : `${info.code.version}+${info.code.commit}${
          info.code.dirty ? `.dirty.${info.code.changesHash}` : ""
        }`,
    );
    delete onNode.codeVersion;
    delete onDeno.codeVersion;

    assert.deepEqual(onNode, onDeno);
    // and the numbers are the right ones
    const w1 = onNode.w1 as { folds: number; oos_days: number };
    assert.equal(w1.folds, 73);
    assert.equal(w1.oos_days, 73 * 63);
    assert.ok(
      Math.abs((onNode.sharpe as number) - -0.0461277607903525) < 1e-15,
    );
    assert.deepEqual(onNode.storeSanity, {
      ok: true,
      rows: 6365,
      violations: 0,
    });
    const sweep = onNode.sweep as { pooled: string[]; single: string[] };
    assert.deepEqual(sweep.pooled, sweep.single);
    const rules = (onNode.strict as { rule: string }[]).map((v) => v.rule);
    for (
      const rule of [
        "duplicate_exact",
        "high_below_low",
        "extreme_move",
        "missing_value",
      ]
    ) {
      assert.ok(rules.includes(rule), `STRICT names ${rule}: ${rules}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
