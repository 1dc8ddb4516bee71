/**
 * Architecture rules from DESIGN.md, enforced by scanning the source text of lib/:
 * - imports only go down the layer table, and no import cycle joins two folders
 *   (static, re-export, dynamic and worker-URL imports all count);
 * - pure folders never import one that does I/O, whatever its layer;
 * - every non-`_` file is exported from its folder's `mod.ts`, and a folder reaches
 *   another only through that `mod.ts`;
 * - pure folders touch no I/O, clock or unseeded randomness, and only lib/data imports
 *   DuckDB;
 * - no file but lib/_shared/runtime.ts touches the `Deno` global or a web-only global
 *   (`Worker`, `self`, `navigator`), so the lib runs on Node too, and no file calls
 *   `Math.exp`/`Math.log`/`Math.log1p` (rounded differently by Node's V8), so it gives
 *   the same bits there.
 * Each rule is also run on planted in-memory sources, to show it can fail.
 */
import assert from "node:assert/strict";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import {
  folderCycles,
  importsOf,
  LAYERS,
  layerViolations,
  PURE_FOLDERS,
  RUNTIME_MODULE,
  runtimeViolations,
  stripComments,
  tasklessEntryPoints,
  unexportedFiles,
} from "./_architecture.ts";

const LIB = fileURLToPath(new URL("../lib/", import.meta.url));

async function* walk(dir: string): AsyncGenerator<string> {
  for await (const e of Deno.readDir(dir)) {
    const p = join(dir, e.name);
    if (e.isDirectory) yield* walk(p);
    else if (e.name.endsWith(".ts")) yield p;
  }
}

/** lib/ as `relative path -> source text`. */
async function libSources(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for await (const file of walk(LIB)) {
    out.set(relative(LIB, file), await Deno.readTextFile(file));
  }
  return out;
}

const lib = await libSources();
const TASKS: Record<string, string> = JSON.parse(
  await Deno.readTextFile(new URL("../deno.json", import.meta.url)),
).tasks;

Deno.test("every lib folder is in the layer table and imports only down it", () => {
  assert.deepEqual(layerViolations(lib), []);
  const folders = new Set([...lib.keys()].map((f) => f.split("/")[0]));
  for (const f of folders) {
    if (!f.endsWith(".ts")) assert.ok(LAYERS.flat().includes(f), f);
  }
});

Deno.test("no import cycle joins two lib folders", () => {
  assert.deepEqual(folderCycles(lib), []);
});

Deno.test("every non-_ file is exported from its folder's mod.ts, or is a deno task", () => {
  assert.deepEqual(unexportedFiles(lib), []);
  assert.deepEqual(tasklessEntryPoints(lib, TASKS), []);
});

Deno.test("folders reach each other only through mod.ts", () => {
  const bad: string[] = [];
  for (const [file, text] of lib) {
    const domain = file.split("/")[0];
    for (const spec of importsOf(text)) {
      const m = spec.match(/^\.\.\/([a-z_]+)\/(.+)$/);
      if (!m || m[1] === domain || m[1] === "_shared") continue;
      if (m[2] !== "mod.ts" && !(m[1] === "data" && m[2] === "engine.ts")) {
        bad.push(`${file} imports ${spec}`);
      }
    }
  }
  assert.deepEqual(bad, []);
});

Deno.test("pure folders do no I/O, read no clock and draw no unseeded randomness", () => {
  const bad: string[] = [];
  for (const [file, text] of lib) {
    if (!PURE_FOLDERS.includes(file.split("/")[0])) continue;
    const c = stripComments(text);
    for (
      const [re, what] of [
        [/\bDeno\./, "Deno.*"],
        [/Math\.random/, "Math.random"],
        [/Date\.now\(|new Date\(\)/, "the clock"],
        [/performance\.now/, "the clock"],
      ] as const
    ) {
      if (re.test(c)) bad.push(`${file}: uses ${what}`);
    }
    for (const spec of importsOf(text)) {
      if (spec.startsWith("node:")) bad.push(`${file}: imports ${spec}`);
      if (spec.includes("duckdb")) bad.push(`${file}: imports ${spec}`);
      if (spec === "zod" && !/config\.ts$/.test(file)) {
        bad.push(`${file}: imports zod outside config.ts`);
      }
    }
  }
  assert.deepEqual(bad, []);
});

Deno.test("only lib/data imports DuckDB", () => {
  const bad = [...lib]
    .filter(([file, text]) =>
      file.split("/")[0] !== "data" &&
      importsOf(text).some((s) => s.includes("duckdb"))
    )
    .map(([file]) => file);
  assert.deepEqual(bad, []);
});

Deno.test("only lib/_shared/runtime.ts touches the Deno global or web-only globals, and no file calls Math.exp/log", () => {
  assert.deepEqual(runtimeViolations(lib), []);
  assert.ok(lib.has(RUNTIME_MODULE), "the runtime module exists");
});

// --- the checker can fail: planted violations on in-memory sources -------------------

/** lib/ with some files replaced or added. */
function planted(files: Record<string, string>): Map<string, string> {
  const out = new Map(lib);
  for (const [k, v] of Object.entries(files)) out.set(k, v);
  return out;
}

const HIT_RATE = lib.get("metrics/hit_rate.ts")!;

Deno.test("the layer check fails on openDb or a report builder imported into metrics", () => {
  const openDb = planted({
    "metrics/hit_rate.ts":
      `import { openDb } from "../data/mod.ts";\n${HIT_RATE}`,
  });
  assert.deepEqual(layerViolations(openDb), [
    "metrics/hit_rate.ts imports ../data/mod.ts: the pure metrics may not import data, which does I/O",
  ]);
  const report = planted({
    "metrics/hit_rate.ts":
      `import { buildPhase1 } from "../report/mod.ts";\n${HIT_RATE}`,
  });
  assert.deepEqual(layerViolations(report), [
    "metrics/hit_rate.ts imports ../report/mod.ts: metrics (layer 1) may not import report (layer 7)",
  ]);
});

Deno.test("the layer check fails on pure folders importing store, paper or cli, even dynamically", () => {
  for (
    const [file, line] of [
      ["ml/model.ts", `import type { StoredRun } from "../store/mod.ts";`],
      ["walkforward/w1.ts", `const p = await import("../paper/mod.ts");`],
      ["strategies/rsi.ts", `export { main } from "../cli/walkforward.ts";`],
      ["backtest/types.ts", "const m = await import(`../jobs/mod.ts`);"],
    ]
  ) {
    const bad = layerViolations(
      planted({ [file]: `${line}\n${lib.get(file)}` }),
    );
    assert.equal(bad.length, 1, `${file}: ${bad}`);
    assert.ok(bad[0].startsWith(`${file} imports`), bad[0]);
  }
});

Deno.test("the layer check ignores imports in comments and doc examples, and names unknown folders", () => {
  const commented = planted({
    "metrics/hit_rate.ts":
      `// import { openDb } from "../data/mod.ts";\n/** \`\`\`ts\n * import { x } from "../cli/demo.ts";\n * \`\`\` */\n${HIT_RATE}`,
  });
  assert.deepEqual(layerViolations(commented), []);
  const stray = planted({ "scratch/mod.ts": "export const x = 1;\n" });
  assert.deepEqual(layerViolations(stray), [
    'scratch/mod.ts: folder "scratch" is not in the layer table',
  ]);
});

Deno.test("the cycle check fails on a planted cycle between folders, dynamic imports included", () => {
  // same layer, so the layer check allows each edge: only the cycle check catches it
  const sameLayer = planted({
    "regime/_planted_a.ts": `import { x } from "../risk/mod.ts";\n`,
    "risk/_planted_b.ts":
      `export const y = () => import("../regime/mod.ts");\n`,
  });
  assert.deepEqual(layerViolations(sameLayer), []);
  assert.deepEqual(folderCycles(sameLayer), ["regime -> risk -> regime"]);
  const throughLayers = planted({
    "data/_planted.ts": `export { f } from "../features/mod.ts";\n`,
    "features/_planted.ts": `import "../data/mod.ts";\n`,
  });
  assert.deepEqual(folderCycles(throughLayers), ["data -> features -> data"]);
});

Deno.test("the mod.ts check fails on a public file its mod.ts does not export", () => {
  const extra = planted({
    "metrics/planted_ratio.ts": "export const r = 1;\n",
  });
  assert.deepEqual(unexportedFiles(extra), [
    "metrics/planted_ratio.ts: not exported from metrics/mod.ts",
  ]);
  const privateFile = planted({
    "metrics/_planted.ts": "export const r = 1;\n",
  });
  assert.deepEqual(unexportedFiles(privateFile), []);
  const task = planted({ "cli/planted.ts": "export const main = 1;\n" });
  assert.deepEqual(tasklessEntryPoints(task, TASKS), [
    "lib/cli/planted.ts: no deno task runs it",
  ]);
});

Deno.test("the runtime check fails on Deno.* outside the runtime module, in code or examples", () => {
  const OPEN_DB = lib.get("data/open_db.ts")!;
  const why =
    "uses the Deno global (use node: built-ins or lib/_shared/runtime.ts)";
  for (
    const line of [
      `const v = Deno.env.get("TRADELAB_DB_ENGINE");`,
      `const { args } = Deno;`,
      `const d = (globalThis as any).Deno;`,
      `const d = globalThis["Deno"];`,
      `const deno = "Deno" in globalThis;`,
      "const t = `${Deno.cwd()}/x`;",
      "/**\n * @example\n * ```ts\n * await Deno.makeTempDir();\n * ```\n */",
    ]
  ) {
    const bad = runtimeViolations(
      planted({ "data/open_db.ts": `${line}\n${OPEN_DB}` }),
    );
    assert.deepEqual(bad, [`data/open_db.ts: ${why}`], line);
  }
  assert.deepEqual(
    runtimeViolations(planted({
      "report/_planted.ts":
        `const w = new Worker(url, { type: "module" });\nself.postMessage(1);\n` +
        "const n = navigator.hardwareConcurrency;\n",
    })),
    [
      "report/_planted.ts: uses new Worker (Node has none: use spawnWorker)",
      "report/_planted.ts: uses self (Node workers have none: use connectParent)",
      "report/_planted.ts: uses navigator (Node 20 has none: use cpuCount)",
    ],
  );
  const math = runtimeViolations(planted({
    "features/_planted.ts": "export const f = (x: number) => Math.log(x);\n",
  }));
  assert.equal(math.length, 1);
  assert.match(math[0], /^features\/_planted\.ts: uses Math\.exp\/log\/log1p/);
});

Deno.test("the runtime check allows prose and messages that name Deno, and the runtime module", () => {
  const prose = planted({
    "cli/_planted.ts":
      '// the Deno kernel\nthrow new Error("Cannot install the Deno kernel");\n' +
      "const s = `Deno ${1 + 1}`;\n",
    [RUNTIME_MODULE]: `export const a = Deno.args;\n`,
  });
  assert.deepEqual(runtimeViolations(prose), []);
});
