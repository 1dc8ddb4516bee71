/**
 * `deno task test`: the set-up, then `deno test` on tests/ and on lib/'s doc examples;
 * `--help` answers without running anything (deno task appends arguments to the last
 * command of a chain, so a chained task could not).
 */
import assert from "node:assert/strict";
import { main, testRuns } from "../../lib/cli/test.ts";
import { runCommand } from "../../lib/_shared/runtime.ts";
import { runDeno } from "./_capture.ts";

const FLAGS = { paths: [], update: false, noSetup: false };

Deno.test("testRuns(): tests/ then the doc examples; given paths, only those", () => {
  assert.deepEqual(testRuns(FLAGS), [
    ["test", "-A", "--no-check=remote", "tests/"],
    ["test", "-A", "--doc", "lib/"],
  ]);
  assert.deepEqual(
    testRuns({ ...FLAGS, paths: ["tests/cli"], filter: "help", update: true }),
    [[
      "test",
      "-A",
      "--no-check=remote",
      "tests/cli",
      "--filter",
      "help",
      "--",
      "--update",
    ]],
  );
});

Deno.test("deno task test runs both suites even when the first fails, and exits 1", async () => {
  const ran: string[][] = [];
  const code = await main(
    ["--no-setup"],
    { out: () => {}, err: () => {} },
    (a) => {
      ran.push([...a]);
      return Promise.resolve(ran.length === 1 ? 1 : 0);
    },
  );
  assert.equal(code, 1);
  assert.deepEqual(ran.map((a) => a.at(-1)), ["tests/", "lib/"]);
});

Deno.test("deno task test PATH runs those tests in a real deno test (exit 0; output kept here)", async () => {
  let output = "";
  const code = await main(
    [
      "tests/cli/walkforward_flags_test.ts",
      "--no-setup",
      "--filter",
      "defaults",
    ],
    { out: () => {}, err: () => {} },
    async (a) => {
      const r = await runCommand(Deno.execPath(), [...a], {
        cwd: new URL("../../", import.meta.url),
        env: { NO_COLOR: "1" },
      });
      output = r.stdout + r.stderr;
      return r.code;
    },
  );
  assert.equal(code, 0, output);
  assert.match(
    output,
    /walkforward flag defaults reproduce the W1 config \.\.\. ok/,
  );
  assert.match(output, /1 passed \| 0 failed \| 2 filtered out/);
});

Deno.test("deno task test --help prints its usage at once and runs nothing", async () => {
  const r = await runDeno(["task", "-q", "test", "--help"], { NO_COLOR: "1" });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Usage: deno task test \[PATH\.\.\] \[flags\]\n/);
  assert.doesNotMatch(r.stdout, /passed|running \d+ tests/);
  assert.equal(r.stderr, "");
});
