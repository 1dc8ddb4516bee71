/**
 * The architecture rules of DESIGN.md as a pure checker over source texts, so the test
 * can run it on lib/ and on planted in-memory sources (to prove it fails).
 *
 * Sources are keyed by their path relative to lib/ (`metrics/hit_rate.ts`).
 */
import { dirname, join, normalize } from "node:path";

/** Layers, lowest first: a folder may import its own layer and the ones below. */
export const LAYERS: readonly (readonly string[])[] = [
  ["_shared"],
  ["features", "metrics", "risk", "regime", "data"],
  ["backtest"],
  ["ml", "strategies", "portfolio", "sanity"],
  ["walkforward", "optimize", "paper"],
  ["store"],
  ["jobs"],
  ["report"],
  ["cli", "bench"],
];

/** Folders that do I/O (DuckDB, files, network, processes). No pure folder imports one. */
export const IO_FOLDERS: readonly string[] = [
  "data",
  "sanity",
  "paper",
  "store",
  "jobs",
  "report",
  "cli",
  "bench",
];

/** Folders that are pure: typed arrays in, typed arrays or plain objects out. */
export const PURE_FOLDERS: readonly string[] = LAYERS.flat().filter((f) =>
  f !== "_shared" && !IO_FOLDERS.includes(f)
);

/** The layer of a folder, or -1 when the table does not list it. */
export function layerOf(folder: string): number {
  return LAYERS.findIndex((l) => l.includes(folder));
}

/**
 * Source without comments; string and template literals are kept (import specifiers
 * are strings, and a `//` inside a string is not a comment).
 */
export function stripComments(text: string): string {
  let out = "", i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i], d = text[i + 1];
    if (c === "/" && d === "/") {
      while (i < n && text[i] !== "\n") i++;
    } else if (c === "/" && d === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === '"' || c === "'" || c === "`") {
      let j = i + 1;
      while (j < n && text[j] !== c) j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Every module a source depends on: static, re-export, side-effect, dynamic, worker URL. */
export function importsOf(text: string): string[] {
  const code = stripComments(text);
  const specs: string[] = [];
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\bfrom\s*["']([^"']+)["']/g,
    /\bimport\s*["']([^"']+)["']/g,
    /\bimport\s*\(\s*["'`]([^"'`]+)["'`]\s*\)/g,
    /\bnew\s+URL\s*\(\s*["']([^"']+)["']\s*,\s*import\.meta\.url/g,
  ];
  for (const re of patterns) {
    for (const m of code.matchAll(re)) specs.push(m[1]);
  }
  return specs;
}

/** One import of a lib folder by another, as found in a source file. */
export interface FolderEdge {
  readonly from: string;
  readonly to: string;
  readonly file: string;
  readonly spec: string;
}

/** The folder of a relative import from `file` (both relative to lib/), or null. */
export function targetFolder(file: string, spec: string): string | null {
  if (!spec.startsWith(".")) return null;
  const path = normalize(join(dirname(file), spec));
  if (path.startsWith("..")) return null;
  return path.split("/")[0];
}

/** Imports between different lib folders. */
export function folderEdges(
  sources: ReadonlyMap<string, string>,
): FolderEdge[] {
  const edges: FolderEdge[] = [];
  for (const [file, text] of sources) {
    const from = file.split("/")[0];
    for (const spec of importsOf(text)) {
      const to = targetFolder(file, spec);
      if (to !== null && to !== from) edges.push({ from, to, file, spec });
    }
  }
  return edges;
}

/**
 * Layer violations: a folder missing from the table, an import of a higher layer, and a
 * pure folder importing an I/O folder (whatever its layer).
 */
export function layerViolations(
  sources: ReadonlyMap<string, string>,
): string[] {
  const bad: string[] = [];
  for (const file of sources.keys()) {
    const folder = file.split("/")[0];
    if (file.includes("/") && layerOf(folder) < 0) {
      bad.push(`${file}: folder "${folder}" is not in the layer table`);
    }
  }
  for (const e of folderEdges(sources)) {
    const a = layerOf(e.from), b = layerOf(e.to);
    if (a < 0 || b < 0) continue;
    if (b > a) {
      bad.push(
        `${e.file} imports ${e.spec}: ${e.from} (layer ${a}) may not import ${e.to} (layer ${b})`,
      );
    } else if (PURE_FOLDERS.includes(e.from) && IO_FOLDERS.includes(e.to)) {
      bad.push(
        `${e.file} imports ${e.spec}: the pure ${e.from} may not import ${e.to}, which does I/O`,
      );
    }
  }
  return bad;
}

/** Cycles in the folder graph, each as `a -> b -> a` (one per strongly connected set). */
export function folderCycles(sources: ReadonlyMap<string, string>): string[] {
  const graph = new Map<string, Set<string>>();
  for (const e of folderEdges(sources)) {
    if (!graph.has(e.from)) graph.set(e.from, new Set());
    graph.get(e.from)!.add(e.to);
  }
  const cycles: string[] = [];
  const seen = new Set<string>();
  for (const start of [...graph.keys()].sort()) {
    // a path from start back to start through folders not yet reported
    const path = findPath(graph, start, start, seen);
    if (path) {
      cycles.push([start, ...path].join(" -> "));
      for (const f of path) seen.add(f);
    }
  }
  return cycles;
}

function findPath(
  graph: ReadonlyMap<string, ReadonlySet<string>>,
  from: string,
  goal: string,
  skip: ReadonlySet<string>,
): string[] | null {
  const queue: string[][] = [[from]];
  const visited = new Set<string>([from]);
  while (queue.length) {
    const path = queue.shift()!;
    for (const next of [...(graph.get(path[path.length - 1]) ?? [])].sort()) {
      if (next === goal) return [...path.slice(1), goal];
      if (visited.has(next) || skip.has(next)) continue;
      visited.add(next);
      queue.push([...path, next]);
    }
  }
  return null;
}

/** Folders whose non-`_` files are entry points (deno tasks), not a module API. */
export const ENTRY_FOLDERS: readonly string[] = ["cli"];

/**
 * Files of a folder that its `mod.ts` does not re-export: every non-`_` file directly
 * in a folder is part of its public door. Folders named `_x` are private as a whole;
 * subfolders without a `mod.ts` are private parts of their folder (e.g.
 * lib/sanity/rules, collected by `_all.ts`); lib/cli holds entry points (see
 * {@linkcode tasklessEntryPoints}).
 */
export function unexportedFiles(
  sources: ReadonlyMap<string, string>,
): string[] {
  const bad: string[] = [];
  for (const file of sources.keys()) {
    const parts = file.split("/");
    const name = parts[parts.length - 1];
    if (name.startsWith("_") || name === "mod.ts") continue;
    if (parts[0].startsWith("_") || ENTRY_FOLDERS.includes(parts[0])) continue;
    const dir = parts.slice(0, -1).join("/");
    const mod = sources.get(`${dir}/mod.ts`);
    if (mod === undefined) {
      if (parts.length === 2) bad.push(`${file}: its folder has no mod.ts`);
      continue;
    }
    const exported = importsOf(mod).some((s) => s === `./${name}`);
    if (!exported) bad.push(`${file}: not exported from ${dir}/mod.ts`);
  }
  return bad;
}

/**
 * Entry-point files (non-`_` files of lib/cli) that no deno task runs: each one is the
 * body of exactly the task named in `deno.json` (`deno run -A lib/cli/<file>`).
 *
 * @param sources lib/ sources.
 * @param tasks The `tasks` of `deno.json`.
 */
export function tasklessEntryPoints(
  sources: ReadonlyMap<string, string>,
  tasks: Readonly<Record<string, string>>,
): string[] {
  const commands = Object.values(tasks).join("\n");
  return [...sources.keys()].filter((file) => {
    const parts = file.split("/");
    if (!ENTRY_FOLDERS.includes(parts[0]) || parts.length !== 2) return false;
    if (parts[1].startsWith("_")) return false;
    return !commands.includes(`lib/${file}`);
  }).map((file) => `lib/${file}: no deno task runs it`);
}

/** The one file of lib/ that may use the `Deno` global and spawn workers (DESIGN.md). */
export const RUNTIME_MODULE = "_shared/runtime.ts";

/**
 * Source with comments removed and the text of string and template literals blanked
 * (`"..."` becomes `""`); the expressions inside `${...}` are kept, so what remains is
 * the code's identifiers and punctuation.
 */
export function codeOnly(text: string): string {
  const code = stripComments(text);
  let out = "", i = 0;
  const n = code.length;
  const template = (): void => { // at the opening backquote
    out += "`";
    i++;
    while (i < n && code[i] !== "`") {
      if (code[i] === "\\") i += 2;
      else if (code[i] === "$" && code[i + 1] === "{") {
        let depth = 1, j = i + 2;
        while (j < n && depth > 0) {
          if (code[j] === "{") depth++;
          else if (code[j] === "}") depth--;
          j++;
        }
        out += "${" + codeOnly(code.slice(i + 2, j - 1)) + "}";
        i = j;
      } else i++;
    }
    out += "`";
    i++;
  };
  while (i < n) {
    const c = code[i];
    if (c === "`") template();
    else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < n && code[j] !== c) j += code[j] === "\\" ? 2 : 1;
      out += c + c;
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Runtime-specific globals no file but the runtime module may use, with what to use instead. */
const RUNTIME_GLOBALS: readonly [RegExp, string][] = [
  [/\bnew\s+Worker\b/, "new Worker (Node has none: use spawnWorker)"],
  [/\bself\s*\./, "self (Node workers have none: use connectParent)"],
  [/\bnavigator\s*\./, "navigator (Node 20 has none: use cpuCount)"],
  [
    /\bMath\.(exp|log|log1p|expm1|log2|log10)\s*\(/,
    "Math.exp/log/log1p (rounded differently by Node's and Deno's V8: use crExp/crLog/crLog1p of lib/_shared/cr_math.ts)",
  ],
];

/**
 * True when a source touches the `Deno` global: in code (members, aliases,
 * `globalThis.Deno`, `globalThis["Deno"]`, `"Deno" in globalThis`), or as `Deno.x` in a
 * comment, doc example (examples run) or string. Prose may name Deno ("the Deno kernel").
 */
function touchesDeno(text: string): boolean {
  return /\bDeno\b/.test(codeOnly(text)) ||
    /\[\s*["'`]Deno["'`]\s*\]|["'`]Deno["'`]\s+in\b/.test(
      stripComments(text),
    ) ||
    /\bDeno\s*\.\s*[A-Za-z_$]/.test(text);
}

/**
 * Files other than {@linkcode RUNTIME_MODULE} that use a global only one runtime has:
 * the `Deno` global (see `touchesDeno`), a web `Worker`, `self` or `navigator`; and
 * files that call `Math.exp`/`Math.log` and kin, whose last bit differs between
 * runtimes (lib/_shared/cr_math.ts has correctly rounded ones).
 *
 * @param sources lib/ sources.
 * @returns One line per file and global.
 */
export function runtimeViolations(
  sources: ReadonlyMap<string, string>,
): string[] {
  const bad: string[] = [];
  for (const [file, text] of sources) {
    if (file === RUNTIME_MODULE) continue;
    if (touchesDeno(text)) {
      bad.push(
        `${file}: uses the Deno global (use node: built-ins or lib/_shared/runtime.ts)`,
      );
    }
    const code = codeOnly(text);
    for (const [re, what] of RUNTIME_GLOBALS) {
      if (re.test(code)) bad.push(`${file}: uses ${what}`);
    }
  }
  return bad;
}
