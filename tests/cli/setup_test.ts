/**
 * The test command's set-up (`deno task setup`, run first by `deno task test`): on a fake
 * machine that lacks each piece, what it installs, the commands it runs and the lines it
 * prints; where it cannot install (not root, no apt, offline), the one message it prints.
 * Then the real `deno task jupyter:install` twice in a temporary Jupyter folder.
 */
import assert from "node:assert/strict";
import { main } from "../../lib/cli/setup.ts";
import { setUp } from "../../lib/cli/_setup_install.ts";
import {
  REDIS,
  REQUIREMENTS,
  TSLAB,
} from "../../lib/cli/_setup_requirements.ts";
import { capture, runDeno } from "./_capture.ts";
import { CTX, FakeMachine } from "./_fake_machine.ts";

const APT_ALL =
  "jupyter-nbconvert jupyter-client python3-nbclient chromium redis-server openssl";
const INSTALLED = {
  jupyter: "set-up: installed Jupyter nbconvert/nbclient " +
    "(apt-get install jupyter-nbconvert jupyter-client python3-nbclient)",
  chromium: "set-up: installed Chromium (apt-get install chromium)",
  redis: "set-up: installed Redis server (apt-get install redis-server)",
  openssl: "set-up: installed OpenSSL command (apt-get install openssl)",
  "deno-kernel":
    "set-up: installed Deno Jupyter kernel (deno jupyter --install --force)",
  tslab:
    "set-up: installed tslab 1.0.22 Jupyter kernel (npm install --prefix " +
    `${CTX.root}/.tools --save-exact --no-audit --no-fund tslab@1.0.22, wrote ` +
    "/fakehome/ana/.local/share/jupyter/kernels/tslab/kernel.json)",
} as const;
const ROOT_APT = "DEBIAN_FRONTEND=noninteractive apt-get";
const SUDO_APT = "sudo -n env DEBIAN_FRONTEND=noninteractive apt-get";
const KERNEL_CALL = `${CTX.deno} jupyter --install --force`;
const NPM_CALL =
  `npm install --prefix ${CTX.root}/.tools --save-exact --no-audit --no-fund tslab@1.0.22`;

/** A machine with everything the tests need. */
async function fullMachine(): Promise<FakeMachine> {
  const m = new FakeMachine().addPackages(...APT_ALL.split(" "));
  await m.run(CTX.deno, ["jupyter", "--install", "--force"]);
  await setUp([TSLAB], m, CTX, { out: () => {}, err: () => {} });
  m.calls.length = 0;
  return m;
}

const run = (m: FakeMachine, args: string[] = []) =>
  capture((a, io) => main(a, io, m, CTX), args);

Deno.test("setup on a fresh Debian machine (root) installs Jupyter, Chromium, Redis, the Deno and tslab kernels, one line each", async () => {
  const m = new FakeMachine();
  const r = await run(m);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.stdout.split("\n"), Object.values(INSTALLED));
  assert.equal(r.stderr, "");
  assert.deepEqual(m.calls, [
    `${ROOT_APT} update`,
    `${ROOT_APT} install -y --no-install-recommends ${APT_ALL}`,
    KERNEL_CALL,
    NPM_CALL,
  ]);
  // a second run finds everything and is silent
  m.calls.length = 0;
  assert.deepEqual(await run(m), { code: 0, stdout: "", stderr: "" });
  assert.deepEqual(m.calls, []);
});

Deno.test("setup on a machine lacking one piece installs exactly that piece", async () => {
  const lacks: Record<string, (m: FakeMachine) => void> = {
    jupyter: (m) => m.files.delete("/usr/bin/jupyter-execute"),
    chromium: (m) => m.files.delete("/usr/bin/chromium"),
    "deno-kernel": (m) => m.files.delete(m.kernelSpecPath()),
    tslab: (m) => m.files.delete(m.kernelSpecPath("tslab")),
    redis: (m) => m.files.delete("/usr/bin/redis-server"),
    openssl: (m) => m.files.delete("/usr/bin/openssl"),
  };
  const calls: Record<string, string[]> = {
    jupyter: [
      `${ROOT_APT} update`,
      `${ROOT_APT} install -y --no-install-recommends jupyter-nbconvert jupyter-client python3-nbclient`,
    ],
    chromium: [
      `${ROOT_APT} update`,
      `${ROOT_APT} install -y --no-install-recommends chromium`,
    ],
    "deno-kernel": [KERNEL_CALL],
    tslab: [NPM_CALL],
    redis: [
      `${ROOT_APT} update`,
      `${ROOT_APT} install -y --no-install-recommends redis-server`,
    ],
    openssl: [
      `${ROOT_APT} update`,
      `${ROOT_APT} install -y --no-install-recommends openssl`,
    ],
  };
  assert.deepEqual(REQUIREMENTS.map((r) => r.id), Object.keys(lacks));
  for (const req of REQUIREMENTS) {
    const m = await fullMachine();
    lacks[req.id](m);
    const r = await run(m);
    assert.equal(r.code, 0, `${req.id}: ${r.stderr}`);
    assert.equal(r.stdout, INSTALLED[req.id as keyof typeof INSTALLED]);
    assert.deepEqual(m.calls, calls[req.id], req.id);
  }
});

Deno.test("setup reinstalls a Deno kernel spec whose deno no longer exists", async () => {
  const m = await fullMachine();
  m.files.set(
    m.kernelSpecPath(),
    JSON.stringify({ argv: ["/gone/deno", "jupyter", "--kernel"] }),
  );
  const r = await run(m);
  assert.equal(r.stdout, INSTALLED["deno-kernel"]);
  assert.equal(JSON.parse(m.files.get(m.kernelSpecPath())!).argv[0], CTX.deno);
});

Deno.test("setup without root uses passwordless sudo for apt-get", async () => {
  const m = new FakeMachine();
  m.user = 1000;
  m.sudo = true;
  const r = await run(m);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.stdout.split("\n"), Object.values(INSTALLED));
  assert.deepEqual(m.calls, [
    "sudo -n true",
    `${SUDO_APT} update`,
    `${SUDO_APT} install -y --no-install-recommends ${APT_ALL}`,
    KERNEL_CALL,
    NPM_CALL,
  ]);
});

Deno.test("setup without root and without passwordless sudo stops with one message: the exact sudo apt-get line", async () => {
  const expected = [
    "Cannot set up the tests (Jupyter nbconvert/nbclient, Chromium, Redis server, OpenSSL command: apt-get needs root, " +
    "and sudo is missing or asks for a password)",
    "Install what is missing, then run the tests again:",
    `  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${APT_ALL}`,
  ].join("\n");
  for (const sudo of [null, false]) {
    const m = new FakeMachine();
    m.user = 1000;
    m.sudo = sudo;
    const r = await run(m);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, expected);
    // what needs no root is still installed, and apt-get itself is never run
    assert.equal(r.stdout, `${INSTALLED["deno-kernel"]}\n${INSTALLED.tslab}`);
    assert.deepEqual(
      m.calls,
      sudo === null
        ? [KERNEL_CALL, NPM_CALL]
        : ["sudo -n true", KERNEL_CALL, NPM_CALL],
    );
  }
});

Deno.test("setup on a machine without apt-get says what to install by hand", async () => {
  const m = new FakeMachine();
  m.hasApt = false;
  const r = await run(m);
  assert.equal(r.code, 1);
  assert.equal(
    r.stderr,
    [
      "Cannot set up the tests (Jupyter nbconvert/nbclient, Chromium, Redis server, OpenSSL command: this machine has no apt-get)",
      "Install what is missing, then run the tests again:",
      "  Jupyter nbconvert/nbclient: pip install nbconvert nbclient jupyter_client " +
      "(the commands jupyter-nbconvert, jupyter-kernelspec and jupyter-execute on PATH)",
      "  Chromium: install Chromium so that `chromium` or `chromium-browser` is on PATH " +
      "(Ubuntu: snap install chromium)",
      "  Redis server: install Redis so that `redis-server` is on PATH (macOS: brew install redis)",
      "  OpenSSL command: install OpenSSL so that `openssl` is on PATH (macOS: brew install openssl)",
    ].join("\n"),
  );
});

Deno.test("setup offline names apt-get's error and the command to run once online", async () => {
  const m = new FakeMachine();
  m.online = false;
  const r = await run(m);
  assert.equal(r.code, 1);
  assert.equal(
    r.stderr,
    [
      "Cannot set up the tests (Jupyter nbconvert/nbclient, Chromium, Redis server, OpenSSL command: apt-get install " +
      "failed (offline?): E: Unable to locate package jupyter-nbconvert; " +
      `tslab 1.0.22 Jupyter kernel: ${NPM_CALL} failed: npm error network request failed)`,
      "Install what is missing, then run the tests again:",
      `  apt-get update && apt-get install -y --no-install-recommends ${APT_ALL}`,
      `  tslab 1.0.22 Jupyter kernel: ${TSLAB.hint}`,
    ].join("\n"),
  );
  assert.equal(r.stdout, INSTALLED["deno-kernel"]);
});

Deno.test("setup names Deno's own error when the kernel spec cannot be written", async () => {
  const m = await fullMachine();
  m.files.delete(m.kernelSpecPath());
  m.readOnlyHome = true;
  const r = await run(m);
  assert.equal(r.code, 1);
  assert.equal(
    r.stderr,
    [
      "Cannot set up the tests (Deno Jupyter kernel: deno jupyter --install --force failed: " +
      "error: Failed to create kernel directory at /fakehome/ana/.local/share/jupyter/kernels/deno: " +
      "Permission denied (os error 13))",
      "Install what is missing, then run the tests again:",
      "  Deno Jupyter kernel: deno jupyter --install --force",
    ].join("\n"),
  );
});

Deno.test("setup --check lists what is present and missing and installs nothing", async () => {
  const m = await fullMachine();
  m.files.delete("/usr/bin/chromium");
  const r = await run(m, ["--check"]);
  assert.equal(r.code, 1);
  assert.equal(
    r.stdout,
    "present  Jupyter nbconvert/nbclient\nmissing  Chromium\npresent  Deno Jupyter kernel\n" +
      "present  tslab 1.0.22 Jupyter kernel\npresent  Redis server\npresent  OpenSSL command",
  );
  assert.deepEqual(m.calls, []);
});

Deno.test("setup --only deno-kernel (jupyter:install) leaves a working kernel alone and says so", async () => {
  const m = await fullMachine();
  const r = await run(m, ["--only", "deno-kernel"]);
  assert.deepEqual(r, {
    code: 0,
    stdout: "set-up: present: Deno Jupyter kernel",
    stderr: "",
  });
  assert.deepEqual(m.calls, []);
  const bad = await run(m, ["--only", "jupyter,docker"]);
  assert.equal(bad.code, 2);
  assert.match(
    bad.stderr,
    /flag --only: expected a comma-separated list of jupyter, chromium, deno-kernel, tslab, redis, openssl, got "jupyter,docker"/,
  );
});

Deno.test("the tslab and Redis entries install with npm and apt-get", async () => {
  const m = await fullMachine();
  m.files.delete("/usr/bin/redis-server");
  m.files.delete(m.kernelSpecPath("tslab"));
  const out: string[] = [];
  const io = {
    out: (t: string) => out.push(t),
    err: (t: string) => out.push(t),
  };
  assert.equal(await setUp([TSLAB, REDIS], m, CTX, io), 0);
  const tools = `${CTX.root}/.tools`;
  const npm =
    `npm install --prefix ${tools} --save-exact --no-audit --no-fund tslab@1.0.22`;
  const spec = m.kernelSpecPath("tslab");
  assert.deepEqual(m.calls, [
    `${ROOT_APT} update`,
    `${ROOT_APT} install -y --no-install-recommends redis-server`,
    npm,
  ]);
  assert.deepEqual(out, [
    "set-up: installed Redis server (apt-get install redis-server)",
    `set-up: installed tslab 1.0.22 Jupyter kernel (${npm}, wrote ${spec})`,
  ]);
  assert.deepEqual(JSON.parse(m.files.get(spec)!), {
    argv: [
      `${tools}/node_modules/.bin/tslab`,
      "kernel",
      "--config-path",
      "{connection_file}",
    ],
    display_name: "TypeScript",
    language: "typescript",
  });
  // offline, npm's own error and the manual steps are the message
  const off = await fullMachine();
  off.files.delete(off.kernelSpecPath("tslab"));
  off.online = false;
  out.length = 0;
  assert.equal(await setUp([TSLAB], off, CTX, io), 1);
  assert.equal(
    out[0],
    "Cannot set up the tests (tslab 1.0.22 Jupyter kernel: " +
      `${npm} failed: npm error network request failed)\n` +
      "Install what is missing, then run the tests again:\n" +
      `  tslab 1.0.22 Jupyter kernel: ${TSLAB.hint}`,
  );
});

Deno.test("deno task jupyter:install is idempotent: installs once, then says it is present", async () => {
  const dir = await Deno.makeTempDir({ prefix: "tradelab_jupyter_" });
  try {
    const env = {
      XDG_DATA_HOME: dir,
      JUPYTER_DATA_DIR: "",
      JUPYTER_PATH: "",
      NO_COLOR: "1",
    };
    const task = async () => {
      const r = await runDeno(["task", "jupyter:install"], env);
      return {
        code: r.code,
        stdout: r.stdout.trim(),
        stderr: r.stderr.trim(),
      };
    };
    const task1 =
      "Task jupyter:install deno run -A lib/cli/setup.ts --only deno-kernel";
    const first = await task();
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stderr, task1);
    const spec = `${dir}/jupyter/kernels/deno/kernel.json`;
    if (first.stdout === INSTALLED["deno-kernel"]) {
      const argv = JSON.parse(await Deno.readTextFile(spec)).argv;
      assert.deepEqual(argv.slice(1), [
        "jupyter",
        "--kernel",
        "--conn",
        "{connection_file}",
      ]);
    } else {
      // a system-wide Deno kernel (/usr/share/jupyter) already serves this machine
      assert.equal(first.stdout, "set-up: present: Deno Jupyter kernel");
    }
    const second = await task();
    assert.deepEqual(second, {
      code: 0,
      stdout: "set-up: present: Deno Jupyter kernel",
      stderr: task1,
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
