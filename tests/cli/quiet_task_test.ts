/**
 * No noise: a task that succeeds prints nothing on stderr but Deno's own "Task NAME ..."
 * line. (apache-arrow 17, pulled in by @duckdb/duckdb-wasm, declares a bin file it does not
 * ship; with a project node_modules every run warned "Trying to set up 'arrow2csv' bin".
 * deno.json's `"nodeModulesDir": "none"` keeps packages in Deno's cache, with no bin links.)
 */
import assert from "node:assert/strict";
import { runDeno } from "./_capture.ts";

const task = (args: string[]) =>
  runDeno(["task", ...args], { NO_COLOR: "1", DENO_LOG: "info" });

Deno.test("deno task sql succeeds with nothing on stderr but Deno's task line", async () => {
  const args = ["sql", "--db", ":memory:", "select 42 AS answer"];
  await task(args); // the first run may download packages; the second must be quiet
  const r = await task(args);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '[{"answer":42}]\n');
  assert.equal(
    r.stderr,
    "Task sql deno run -A lib/cli/sql.ts '--db' ':memory:' 'select 42 AS answer'\n",
  );
});
