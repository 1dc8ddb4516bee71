/**
 * Architecture rules from DESIGN.md, enforced by scanning source text:
 * - pure domains never touch I/O, the clock, DuckDB or Math.random;
 * - only lib/data imports DuckDB;
 * - a domain reaches another only through its mod.ts.
 */
import assert from "node:assert/strict";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const LIB = fileURLToPath(new URL("../lib/", import.meta.url));
const PURE = [
  "features",
  "ml",
  "walkforward",
  "backtest",
  "metrics",
  "risk",
  "regime",
  "portfolio",
  "strategies",
  "optimize",
  "sweep",
];

async function* walk(dir: string): AsyncGenerator<string> {
  for await (const e of Deno.readDir(dir)) {
    const p = join(dir, e.name);
    if (e.isDirectory) yield* walk(p);
    else if (e.name.endsWith(".ts")) yield p;
  }
}

async function sources(): Promise<
  { file: string; domain: string; text: string }[]
> {
  const out = [];
  for await (const file of walk(LIB)) {
    const rel = relative(LIB, file);
    out.push({
      file: rel,
      domain: rel.split("/")[0],
      text: await Deno.readTextFile(file),
    });
  }
  return out;
}

/** Source without comments and string contents of doc examples. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
}

function imports(text: string): string[] {
  return [
    ...code(text).matchAll(/(?:import|export)[^'"]*?from\s*["']([^"']+)["']/g),
  ].map((m) => m[1]);
}

Deno.test("pure domains do no I/O, read no clock and draw no unseeded randomness", async () => {
  const bad: string[] = [];
  for (const { file, domain, text } of await sources()) {
    if (!PURE.includes(domain)) continue;
    // Worker entry points and their spawners are the one sanctioned edge inside sweep.
    if (/_worker\.ts$|_pool\.ts$/.test(file)) continue;
    const c = code(text);
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
    for (const spec of imports(text)) {
      if (spec.startsWith("node:")) bad.push(`${file}: imports ${spec}`);
      if (spec.includes("duckdb")) bad.push(`${file}: imports ${spec}`);
      if (spec === "zod" && !/config\.ts$/.test(file)) {
        bad.push(`${file}: imports zod outside config.ts`);
      }
    }
  }
  assert.deepEqual(bad, []);
});

Deno.test("only lib/data imports DuckDB", async () => {
  const bad = (await sources())
    .filter(({ domain, text }) =>
      domain !== "data" && imports(text).some((s) => s.includes("duckdb"))
    )
    .map(({ file }) => file);
  assert.deepEqual(bad, []);
});

Deno.test("domains reach each other only through mod.ts", async () => {
  const bad: string[] = [];
  for (const { file, domain, text } of await sources()) {
    for (const spec of imports(text)) {
      const m = spec.match(/^\.\.\/([a-z_]+)\/(.+)$/);
      if (!m || m[1] === domain || m[1] === "_shared") continue;
      if (m[2] !== "mod.ts" && !(m[1] === "data" && m[2] === "engine.ts")) {
        bad.push(`${file} imports ${spec}`);
      }
    }
  }
  assert.deepEqual(bad, []);
});
