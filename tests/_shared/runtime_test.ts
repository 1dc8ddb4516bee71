/**
 * lib/_shared/runtime.ts: one probe script (plain JavaScript) exercises every function of
 * the runtime module and prints what it saw; it runs as a real process on Deno (against
 * the source) and on Node (against the built npm package, `dist/_shared/runtime.js`),
 * and both must see the same: arguments, environment, files, subprocesses, and workers
 * that receive a transferred Float64Array (the sender's copy is emptied) and report a
 * worker that fails to load.
 */
import assert from "node:assert/strict";
import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ensureNpmBuild } from "../../lib/cli/_npm_build.ts";
import {
  connectParent,
  execPath,
  makeTempDir,
  runCommand,
} from "../../lib/_shared/runtime.ts";

const RUNTIME_TS = new URL("../../lib/_shared/runtime.ts", import.meta.url);

/** The probe: `%RUNTIME_URL%` is replaced by the runtime module's URL. */
const PROBE = `
import { readFile } from "node:fs/promises";
import * as rt from "%RUNTIME_URL%";

const out = { runtime: rt.RUNTIME, args: rt.args() };
out.env = rt.env("PROBE_VAR");
out.envObject = rt.envObject().PROBE_VAR;
out.unset = rt.env("PROBE_UNSET_VAR_42") === undefined;
out.cwd = rt.cwd();
out.execPath = rt.execPath();
out.cpus = rt.cpuCount() >= 1;
out.terminal = rt.isTerminal("stdin");
try { await readFile("/no/such/file"); } catch (e) { out.notFound = rt.isNotFound(e); }
out.notFoundOther = rt.isNotFound(new Error("x"));

const f = await rt.makeTempFile({ prefix: "probe-", suffix: ".txt" });
out.tempFile = [f.endsWith(".txt"), (await readFile(f, "utf8")) === ""];
const d = await rt.makeTempDir("probe-");
out.tempDir = d !== f && d.includes("probe-");

const git = await rt.runCommand("git", ["--version"]);
out.git = [git.code, git.notFound, git.stdout.startsWith("git version")];
const sh = await rt.runCommand("sh", ["-c", 'printf %s "$X"; pwd; echo err >&2; exit 3'],
  { env: { X: "y" }, cwd: new URL("file://" + d + "/") });
out.sh = [sh.code, sh.stdout, sh.stderr];
const missing = await rt.runCommand("no-such-program-42", []);
out.missing = [missing.code, missing.notFound];

// a worker: doubles a transferred array and says which thread it ran in
const worker = d + "/double_worker.js";
await (await import("node:fs/promises")).writeFile(worker,
  'import { connectParent } from "%RUNTIME_URL%";\\n' +
  "const parent = connectParent((a) => { const b = a.map((x) => 2 * x); parent.post(b, [b.buffer]); });\\n");
const sent = Float64Array.of(1, 2.5, -3);
const doubled = await new Promise((resolve, reject) => {
  const w = rt.spawnWorker(new URL("file://" + worker), {
    onMessage: (m) => { w.terminate().then(() => resolve(m)); },
    onError: reject,
  });
  w.post(sent, [sent.buffer]);
});
out.worker = [Array.from(doubled), doubled instanceof Float64Array, sent.byteLength];

// a worker that fails while loading reports through onError, and the spawner lives on
const broken = d + "/broken_worker.js";
await (await import("node:fs/promises")).writeFile(broken, 'throw new Error("broken worker 42");\\n');
out.brokenWorker = await new Promise((resolve) => {
  const w = rt.spawnWorker(new URL("file://" + broken), {
    onMessage: () => resolve("message"),
    onError: (e) => { w.terminate().then(() => resolve(/broken worker 42/.test(e.message))); },
  });
});
try { rt.connectParent(() => {}); out.parentOutsideWorker = "no error"; }
catch (e) { out.parentOutsideWorker = e.message; }
await (await import("node:fs/promises")).rm(d, { recursive: true });
await (await import("node:fs/promises")).rm(f);
console.log(JSON.stringify(out));
rt.exit(0);
`;

/** What the probe must see on every runtime, given its temp dir and executable. */
function expected(runtime: "deno" | "node", cwd: string, exec: string) {
  return {
    runtime,
    args: ["a", "b c"],
    env: "x",
    envObject: "x",
    unset: true,
    cwd,
    execPath: exec,
    cpus: true,
    terminal: false,
    notFound: true,
    notFoundOther: false,
    tempFile: [true, true],
    tempDir: true,
    git: [0, false, true],
    missing: [127, true],
    worker: [[2, 5, -6], true, 0],
    brokenWorker: true,
    parentOutsideWorker:
      "connectParent() must run inside a worker started by spawnWorker()",
  };
}

/**
 * Run the probe with `cmd` against the runtime module at `runtimeUrl`.
 *
 * @returns The probe's report, with the `sh` step checked here (its `pwd` is a temp dir).
 */
async function runProbe(
  cmd: string,
  argv: readonly string[],
  runtimeUrl: URL,
): Promise<Record<string, unknown>> {
  const dir = await makeTempDir("runtime-probe-");
  try {
    const probe = join(dir, "probe.mjs");
    await writeFile(probe, PROBE.replaceAll("%RUNTIME_URL%", runtimeUrl.href));
    const r = await runCommand(cmd, [...argv, probe, "a", "b c"], {
      cwd: dir,
      env: { PROBE_VAR: "x" },
    });
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    const [code, stdout, stderr] = report.sh;
    assert.equal(code, 3);
    assert.match(stdout, /^y\/.*probe-.*\n$/);
    assert.equal(stderr, "err\n");
    delete report.sh;
    return report;
  } finally {
    await rm(dir, { recursive: true });
  }
}

Deno.test("runtime module on Deno: args, env, files, subprocess, workers with transfer", async () => {
  const report = await runProbe(
    execPath(),
    ["run", "-A", "--quiet"],
    RUNTIME_TS,
  );
  const cwd = String(report.cwd);
  assert.match(cwd, /runtime-probe-/);
  assert.deepEqual(report, expected("deno", cwd, execPath()));
});

Deno.test("runtime module on Node 20+, from the built npm package: the same behaviour", async () => {
  const { out } = await ensureNpmBuild();
  const node = (await runCommand("node", ["-p", "process.execPath"])).stdout
    .trim();
  const report = await runProbe(
    "node",
    [],
    pathToFileURL(join(out, "_shared", "runtime.js")),
  );
  assert.deepEqual(report, expected("node", String(report.cwd), node));
});

Deno.test("connectParent() outside a worker names what is wrong", () => {
  assert.throws(
    () => connectParent(() => {}),
    /must run inside a worker started by spawnWorker/,
  );
});
