/**
 * `--help` on every task of deno.json, generated from the zod schema that validates its
 * flags: exit 0, every flag of the schema named with a one-line meaning, the positional
 * argument, examples that parse (and run, where cheap), lines within 100 columns. The
 * tasks are read from deno.json, so a new task or a new flag without a description fails
 * here.
 */
import assert from "node:assert/strict";
import { z } from "zod";
import type { CliIo } from "../../lib/cli/_cli.ts";
import { flagsOf, parseFlags } from "../../lib/cli/_flags.ts";
import type { UsageSpec } from "../../lib/cli/_usage.ts";
import { capture, runDeno, tempStore } from "./_capture.ts";

const ROOT = new URL("../../", import.meta.url);
const TASKS: Record<string, string> = JSON.parse(
  await Deno.readTextFile(new URL("deno.json", ROOT)),
).tasks;

/** `deno task check` is Deno's own command (`deno check`): it answers with Deno's help. */
const DENO_COMMANDS = ["check"];

const RUN = /^deno run -A (lib\/cli\/[a-z_]+\.ts)((?: [^&|;]+)?)$/;

type Main = (args: string[], io: CliIo) => Promise<number>;

interface LibTask {
  /** Name in deno.json. */
  readonly name: string;
  readonly main: Main;
  /** Arguments deno.json passes before the user's (`--only deno-kernel`). */
  readonly fixed: string[];
}

async function libTasks(): Promise<LibTask[]> {
  const out: LibTask[] = [];
  for (const [name, command] of Object.entries(TASKS)) {
    const m = RUN.exec(command);
    if (!m) continue;
    const mod = await import(new URL(m[1], ROOT).href);
    const fixed = m[2].trim() === "" ? [] : m[2].trim().split(/\s+/);
    out.push({ name, main: mod.main, fixed });
  }
  return out;
}

/** `--help` of a task in process: exit code, output, and the spec it was made from. */
async function helpOf(t: LibTask, extra: string[] = []) {
  const out: string[] = [], err: string[] = [];
  const specs: UsageSpec[] = [];
  const code = await t.main([...t.fixed, "--help", ...extra], {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    help: (spec) => specs.push(spec),
  });
  assert.equal(specs.length, 1, `${t.name}: --help hands over one spec`);
  return {
    code,
    stdout: out.join("\n"),
    stderr: err.join("\n"),
    spec: specs[0],
  };
}

/** Split an example command line into arguments (double and single quotes). */
function splitArgs(line: string): string[] {
  const args: string[] = [];
  for (const m of line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) {
    args.push(m[1] ?? m[2] ?? m[3]);
  }
  return args;
}

const tasks = await libTasks();

Deno.test("every deno.json task is a lib task, or one of Deno's own commands", () => {
  const others = Object.keys(TASKS).filter((n) => !RUN.test(TASKS[n]));
  assert.deepEqual(others.sort(), [...DENO_COMMANDS].sort());
  assert.ok(tasks.length >= 20, `${tasks.length} lib tasks`);
});

Deno.test("every lib task answers --help with usage naming every flag of its schema (exit 0)", async () => {
  for (const t of tasks) {
    const r = await helpOf(t);
    assert.equal(r.code, 0, `${t.name}: ${r.stderr}`);
    assert.equal(r.stderr, "", t.name);
    // jupyter:install runs setup with --only deno-kernel: it shows setup's help
    assert.ok(
      r.stdout.startsWith(`Usage: deno task ${r.spec.name}`),
      `${t.name}: ${r.stdout.split("\n")[0]}`,
    );
    assert.ok(t.name === r.spec.name || t.fixed.length > 0, t.name);
    for (const f of flagsOf(r.spec.flags, r.spec)) {
      assert.match(r.stdout, new RegExp(`\\n  --${f.flag}\\b`), `${t.name}`);
    }
    const p = r.spec.positional;
    if (p) {
      assert.match(r.stdout, /\nArguments:\n/, t.name);
      assert.ok(r.stdout.includes(p.description), t.name);
    }
    assert.match(r.stdout, /\n {2}-h, --help {2,}/, t.name);
    assert.ok(r.spec.examples.length > 0, `${t.name} has an example`);
    for (const e of r.spec.examples) {
      const line = `deno task ${r.spec.name} ${e}`.trim();
      assert.ok(r.stdout.includes(`\n  ${line}`), `${t.name}: ${line}`);
    }
  }
});

/** Flags without a one-line meaning, and meanings that repeat the schema's default. */
function flagProblems(spec: UsageSpec): string[] {
  const problems: string[] = [];
  for (const f of flagsOf(spec.flags, spec)) {
    const d = f.description?.trim() ?? "";
    const where = `${spec.name} --${f.flag}`;
    if (d === "") problems.push(`${where}: no .describe()`);
    else if (d.includes("\n") || d.length > 120) {
      problems.push(`${where}: too long`);
    } else if (f.defaultValue !== undefined && /\(default /.test(d)) {
      problems.push(`${where}: repeats its default`);
    }
  }
  const p = spec.positional;
  if (p && p.description.trim() === "") {
    problems.push(`${spec.name} ${p.name}: no description`);
  }
  return problems;
}

Deno.test("every flag of every task has a one-line meaning, and a schema default only in the schema", async () => {
  const problems: string[] = [];
  for (const t of tasks) problems.push(...flagProblems((await helpOf(t)).spec));
  assert.deepEqual(problems, []);
  // the check finds a flag added without a description
  const planted: UsageSpec = {
    name: "planted",
    summary: "s",
    examples: [""],
    flags: z.strictObject({
      fresh: z.number().default(3),
      told: z.number().default(3).describe("a count (default 3)"),
      fine: z.boolean().default(false).describe("a switch"),
    }),
  };
  assert.deepEqual(flagProblems(planted), [
    "planted --fresh: no .describe()",
    "planted --told: repeats its default",
  ]);
});

Deno.test("--help lines fit 100 columns; --help --json gives the same flags as data", async () => {
  for (const t of tasks) {
    const r = await helpOf(t);
    const wide = r.stdout.split("\n").filter((l) =>
      l.length > 100 && !l.startsWith("  deno task ")
    );
    assert.deepEqual(wide, [], t.name);
    const j = await capture(t.main, [...t.fixed, "--help", "--json"]);
    assert.equal(j.code, 0, t.name);
    const help = JSON.parse(j.stdout);
    assert.equal(help.task, r.spec.name);
    assert.deepEqual(
      help.flags.map((f: { flag: string }) => f.flag),
      flagsOf(r.spec.flags, r.spec).map((f) => `--${f.flag}`),
    );
    assert.ok(help.usage.startsWith(`Usage: deno task ${r.spec.name}`));
  }
});

Deno.test("-h is --help", async () => {
  const t = tasks.find((x) => x.name === "walkforward")!;
  const a = await capture(t.main, ["-h"]);
  const b = await capture(t.main, ["--help"]);
  assert.equal(a.code, 0);
  assert.equal(a.stdout, b.stdout);
});

Deno.test("the help shows types, defaults and required flags in the words of the errors", async () => {
  const wf = await helpOf(tasks.find((x) => x.name === "walkforward")!);
  for (
    const line of [
      /\n {2}--symbol SYMBOL +the symbol to run; a ticker such as SP500, BRK\.B or \^GSPC \(required\)\n/,
      /\n {2}--train-len N +training rows per fold; a whole number at least 2 \(default 252\)\n/,
      /\n {2}--start-date YYYY-MM-DD +first date \(clamped to the data\)\n/,
      /\n {2}--model MODEL +the model fitted on each training window; one of ridge, lasso,\s+elasticnet, logistic, rf, gbt, mlp \(default ridge\)\n/,
      /\n {2}--db PATH +the store; a DuckDB file or :memory: \(default data\/warehouse\.duckdb\)\n/,
      /\n {2}--json +print one JSON object\n/,
    ]
  ) assert.match(wf.stdout, line);
  assert.match(
    wf.stdout,
    /^Usage: deno task walkforward --symbol SYMBOL \[flags\]\n/,
  );
  const sanity = await helpOf(tasks.find((x) => x.name === "sanity")!);
  assert.match(sanity.stdout, /^Usage: deno task sanity FILE \[flags\]\n/);
  assert.match(
    sanity.stdout,
    /\nArguments:\n {2}FILE {2}the bar file to check \(CSV, Parquet or JSON\)\n/,
  );
  assert.match(sanity.stdout, /\n {2}--mode strict\|relaxed +STRICT /);
  const notebooks = await helpOf(tasks.find((x) => x.name === "notebooks")!);
  assert.match(
    notebooks.stdout,
    /^Usage: deno task notebooks \[NAME\.\.\] \[flags\]/,
  );
});

/** Tasks whose examples are cheap enough to run here, on a temporary store. */
const RUNNABLE = ["sql", "sanity", "ingest", "pairs"];

Deno.test("every example parses with its task's schema; the cheap ones run on a temporary store", async () => {
  const { dir, db } = await tempStore();
  const before = Deno.env.get("INIT_CWD");
  Deno.env.set("INIT_CWD", new URL(".", ROOT).pathname); // paths as from the project root
  try {
    for (const t of tasks) {
      const { spec } = await helpOf(t);
      for (const example of spec.examples) {
        const args = [...t.fixed, ...splitArgs(example)];
        assert.doesNotThrow(
          () => parseFlags(args, spec.flags, spec),
          `deno task ${t.name} ${example}`,
        );
        if (!RUNNABLE.includes(t.name)) continue;
        const i = args.indexOf("--db");
        if (i >= 0) args[i + 1] = db;
        else if (flagsOf(spec.flags).some((f) => f.flag === "db")) {
          args.push("--db", db);
        }
        const r = await capture(t.main, args);
        assert.equal(r.code, 0, `deno task ${t.name} ${example}: ${r.stderr}`);
      }
    }
  } finally {
    if (before === undefined) Deno.env.delete("INIT_CWD");
    else Deno.env.set("INIT_CWD", before);
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("deno task NAME --help in a real process: exit 0, usage on stdout, nothing else on stderr", async () => {
  for (
    const name of ["walkforward", "ingest", "sql", "jupyter:install", "fetch"]
  ) {
    const r = await runDeno(["task", "-q", name, "--help"], { NO_COLOR: "1" });
    assert.equal(r.code, 0, `${name}: ${r.stderr}`);
    const shown = name === "jupyter:install" ? "setup" : name;
    assert.ok(r.stdout.startsWith(`Usage: deno task ${shown}`), name);
    assert.equal(r.stderr, "", name);
    assert.match(r.stdout, /\nExamples?:\n {2}deno task /, name);
  }
});

Deno.test("a task that needs arguments, run with none, prints the error and its usage (exit 2)", async () => {
  const needing: string[] = [];
  for (const t of tasks) {
    const { spec } = await helpOf(t);
    try {
      parseFlags(t.fixed, spec.flags, spec);
      continue; // a default run, documented in README (tested below)
    } catch {
      needing.push(spec.name);
    }
    const r = await capture(t.main, [...t.fixed]);
    assert.equal(r.code, 2, t.name);
    assert.equal(r.stdout, "", t.name);
    const [first, blank, usage] = r.stderr.split("\n");
    assert.match(
      first,
      /^Missing (flag --[a-z-]+|argument [A-Z]+): expected /,
      t.name,
    );
    assert.equal(blank, "");
    assert.ok(usage.startsWith(`Usage: deno task ${spec.name}`), t.name);
  }
  assert.deepEqual(needing.sort(), [
    "fetch",
    "ingest",
    "kill-switch",
    "pairs",
    "report",
    "sanity",
    "sql",
    "universe",
    "walkforward",
    "worker",
  ]);
});

Deno.test("README says what every lib task does with no arguments, and which print their usage", async () => {
  const readme = await Deno.readTextFile(new URL("README.md", ROOT));
  const table = readme.slice(readme.indexOf("| with no arguments"));
  const rows = table.slice(0, table.indexOf("\n\n")).split("\n")
    .filter((l) => l.startsWith("| `"));
  const said = new Map<string, string>();
  for (const row of rows) {
    const [names, does] = row.split("|").slice(1, 3).map((c) => c.trim());
    for (const m of names.matchAll(/`([a-z:-]+)`/g)) said.set(m[1], does);
  }
  assert.deepEqual([...said.keys()].sort(), tasks.map((t) => t.name).sort());
  const usage = [...said].filter(([, does]) =>
    does.startsWith("prints its usage (exit 2)")
  )
    .map(([name]) => name).sort();
  const needing: string[] = [];
  for (const t of tasks) {
    const { spec } = await helpOf(t);
    try {
      parseFlags(t.fixed, spec.flags, spec);
    } catch {
      needing.push(t.name);
    }
  }
  assert.deepEqual(usage, needing.sort());
});

Deno.test("splitArgs() keeps quoted arguments whole", () => {
  assert.deepEqual(splitArgs(`"SELECT 1" --db :memory: --reason 'a b'`), [
    "SELECT 1",
    "--db",
    ":memory:",
    "--reason",
    "a b",
  ]);
  assert.deepEqual(splitArgs(""), []);
});
