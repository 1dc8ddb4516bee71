import assert from "node:assert/strict";

const CLI = new URL("../../lib/cli/bench.ts", import.meta.url).pathname;

async function bench(...args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", CLI, ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout);
  const lines = text.split("\n").filter((l) => l.length > 0);
  return {
    code: out.code,
    stderr: new TextDecoder().decode(out.stderr),
    lines: lines.map((l) => JSON.parse(l)),
  };
}

const W2_KEYS = [
  "workload",
  "pairs",
  "best_fast",
  "best_slow",
  "best_sharpe",
  "best_total_return",
  "best_max_drawdown",
  "sharpe_sum",
  "seconds",
  "evals_per_second",
];

Deno.test("bench --only W2 --quick prints one W2 JSON line with the SPEC's keys", async () => {
  const r = await bench("--only", "W2", "--quick");
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.lines.length, 1);
  const w2 = r.lines[0];
  for (const k of W2_KEYS) assert.ok(k in w2, `missing key ${k}`);
  assert.equal(w2.workload, "W2");
  assert.equal(w2.pairs, 4);
  assert.equal(w2.quick, true);
  assert.ok(w2.best_max_drawdown >= 0, "drawdown is a positive fraction");
  assert.ok(w2.seconds > 0 && Number.isFinite(w2.evals_per_second));
});

Deno.test("bench --workers 0 runs the single-thread path with the same figures", async () => {
  const [a, b] = await Promise.all([
    bench("--only", "W2", "--quick", "--workers", "0"),
    bench("--only", "w2", "--quick", "--workers", "1"),
  ]);
  assert.equal(a.code, 0, a.stderr);
  assert.equal(a.lines[0].workers, 0);
  assert.equal(a.lines[0].sharpe_sum, b.lines[0].sharpe_sum);
  assert.equal(a.lines[0].seconds, a.lines[0].single_thread_seconds);
});

Deno.test("bench rejects an unknown workload or flag with exit code 2", async () => {
  const r = await bench("--only", "W9");
  assert.equal(r.code, 2);
  assert.match(r.stderr, /only/);
  assert.equal(r.lines.length, 0);
  assert.equal((await bench("--fast")).code, 2);
});
