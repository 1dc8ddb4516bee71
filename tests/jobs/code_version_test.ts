/**
 * Run manifests name the code exactly: a real temporary git repository, clean, then with
 * uncommitted changes (tracked and untracked), then without git at all.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { codeVersion, describeCode } from "../../lib/jobs/mod.ts";

async function git(dir: string, ...args: string[]): Promise<string> {
  const out = await new Deno.Command("git", {
    args: [
      "-c",
      "user.name=t",
      "-c",
      "user.email=t@example.com",
      "-c",
      "commit.gpgsign=false",
      ...args,
    ],
    cwd: dir,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) {
    throw new Error(new TextDecoder().decode(out.stderr));
  }
  return new TextDecoder().decode(out.stdout).trim();
}

async function repo(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "tradelab_git_" });
  await Deno.writeTextFile(join(dir, "deno.json"), '{ "version": "9.8.7" }\n');
  await Deno.writeTextFile(join(dir, "a.ts"), "export const a = 1;\n");
  await git(dir, "init", "-q");
  await git(dir, "add", ".");
  await git(dir, "commit", "-q", "-m", "first");
  return dir;
}

Deno.test("codeVersion() of a clean checkout is the version and the full commit", async () => {
  const dir = await repo();
  try {
    const head = await git(dir, "rev-parse", "HEAD");
    assert.equal(await codeVersion(dir), `9.8.7+${head}`);
    const d = await describeCode(dir);
    assert.deepEqual(
      [d.commit, d.dirty, d.changesHash, d.changedFiles, d.noGit],
      [head, false, null, 0, null],
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("codeVersion() flags uncommitted changes with a hash of the changed files", async () => {
  const dir = await repo();
  try {
    const head = await git(dir, "rev-parse", "HEAD");
    await Deno.writeTextFile(join(dir, "a.ts"), "export const a = 2;\n");
    const one = await codeVersion(dir);
    assert.match(
      one,
      new RegExp(`^9\\.8\\.7\\+${head}\\.dirty\\.[0-9a-f]{16}$`),
    );
    // the hash follows the content: another edit, another hash; the same edit, the same
    await Deno.writeTextFile(join(dir, "a.ts"), "export const a = 3;\n");
    const two = await codeVersion(dir);
    assert.notEqual(two, one);
    await Deno.writeTextFile(join(dir, "a.ts"), "export const a = 2;\n");
    assert.equal(await codeVersion(dir), one);
    // an untracked file counts too; an ignored one does not
    await Deno.writeTextFile(join(dir, "new.ts"), "export const b = 1;\n");
    const withNew = await describeCode(dir);
    assert.equal(withNew.changedFiles, 2);
    assert.notEqual(await codeVersion(dir), one);
    await Deno.writeTextFile(join(dir, ".gitignore"), "*.log\n");
    await Deno.writeTextFile(join(dir, "run.log"), "noise\n");
    assert.equal((await describeCode(dir)).changedFiles, 3); // .gitignore itself
    // committing everything makes it clean again
    await git(dir, "add", ".");
    await git(dir, "commit", "-q", "-m", "second");
    const clean = await describeCode(dir);
    assert.equal(clean.dirty, false);
    assert.notEqual(clean.commit, head);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("codeVersion() says 'no git' outside a checkout and without the git command", async () => {
  const dir = await Deno.makeTempDir({ prefix: "tradelab_nogit_" });
  try {
    await Deno.writeTextFile(join(dir, "deno.json"), '{ "version": "1.2.3" }');
    assert.equal(
      await codeVersion(dir),
      "1.2.3 (no git: not a git checkout)",
    );
    // a real process whose PATH holds no git
    const module = new URL("../../lib/jobs/code_version.ts", import.meta.url)
      .href;
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "eval",
        `import { codeVersion } from "${module}"; console.log(await codeVersion(${
          JSON.stringify(dir)
        }));`,
      ],
      env: { PATH: dir },
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
    assert.equal(
      new TextDecoder().decode(out.stdout).trim(),
      "1.2.3 (no git: the git command is missing)",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a stored walk-forward run carries this checkout's code version", async () => {
  const { runWalkForwardJob } = await import("../../lib/jobs/mod.ts");
  const { withStore } = await import("../../lib/store/mod.ts");
  const { completeWalkForwardConfig, w1Config } = await import(
    "../../lib/walkforward/mod.ts"
  );
  const job = await withStore(":memory:", (db) =>
    runWalkForwardJob(db, {
      symbol: "AAPL",
      sanity: { mode: "strict" },
      config: completeWalkForwardConfig(w1Config),
      controls: false,
    }));
  assert.equal(job.manifest.codeVersion, await codeVersion());
  assert.doesNotMatch(job.manifest.codeVersion, /unknown/);
});
