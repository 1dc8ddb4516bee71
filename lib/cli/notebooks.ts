/**
 * `deno task notebooks`: execute the project's notebooks with real Jupyter.
 *
 *   deno task notebooks [NAME..] [--out reports/notebooks] [--dir notebooks] [--json]
 *
 * NAME is a notebook file name, its stem (`phase1-validation`, `tslab/00-quickstart`), a
 * unique prefix of it (`phase1`) or a folder (`tslab`); none means every notebook:
 * `notebooks/*.ipynb` on the Deno kernel and `notebooks/tslab/*.ipynb` on tslab (Node),
 * which import the npm package `tradelab`. Before running, the Deno kernel spec is
 * installed with the project's own task (`deno task jupyter:install`) when
 * `jupyter kernelspec list` lacks it; for tslab notebooks, the tslab kernel (the set-up's
 * `tslab` requirement), the package (`deno task build:npm`, when missing or stale) and
 * its installation into `notebooks/tslab/node_modules` (npm, when stale). Each notebook
 * runs with `jupyter nbconvert --to html --execute --ExecutePreprocessor.timeout=300`,
 * from its folder (under `--dir`, default `notebooks/` of the project) so its imports
 * resolve, into `OUT/NAME.html` (`OUT/tslab/NAME.html`).
 *
 * Deno's kernel can publish a cell's output just after the cell's "idle" status, and
 * nbclient stops collecting a cell's output at "idle", so under load outputs went missing
 * at random. The run therefore passes nbconvert a `--config` file ({@link KERNEL_FIX})
 * that keeps listening for half a second after "idle".
 *
 * Exit codes: 0 every notebook ran, 1 a cell failed or Jupyter is missing (the failing
 * notebook and cell error are printed), 2 bad flags or an unknown notebook name.
 *
 * @module
 */
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { z } from "zod";
import { ConfigError } from "../_shared/errors.ts";
import {
  cwd,
  isNotFound,
  makeTempDir,
  runCommand,
} from "../_shared/runtime.ts";
import { type CliIo, consoleIo, runAsScript, runTask } from "./_cli.ts";
import { ensureKernels, preparePackage } from "./_notebook_setup.ts";
import { userPathFlag, UserPathSchema } from "./_paths.ts";

const ROOT = new URL("../../", import.meta.url);
const TIMEOUT_S = 300;

import { onTslab, TSLAB_FOLDER } from "./_notebook_setup.ts";

/**
 * nbconvert config (Python, run inside nbconvert): after a cell's "idle" status, keep
 * collecting that cell's output until the kernel has been quiet for 0.5 s.
 */
export const KERNEL_FIX =
  `# Written by lib/cli/notebooks.ts: Deno's kernel may publish output after "idle".
import queue
from nbclient.client import NotebookClient
from nbclient.exceptions import CellExecutionComplete
from nbclient.util import ensure_async

GRACE_SECONDS = 0.5

async def _poll_output_msg(self, parent_msg_id, cell, cell_index):
    idle = False
    while True:
        try:
            msg = await ensure_async(
                self.kc.iopub_channel.get_msg(timeout=GRACE_SECONDS if idle else None))
        except queue.Empty:
            return
        if msg["parent_header"].get("msg_id") != parent_msg_id:
            continue
        if idle and msg["msg_type"] == "status":
            continue
        try:
            self.process_message(msg, cell, cell_index)
        except CellExecutionComplete:
            idle = True

NotebookClient._async_poll_output_msg = _poll_output_msg
`;

/** Flags of `deno task notebooks`; the NAME positionals are `names`. */
export const NotebooksFlagsSchema = z.strictObject({
  names: z.array(z.string().min(1)),
  out: userPathFlag("reports/notebooks").describe(
    "where the executed notebooks go, as HTML",
  ),
  dir: UserPathSchema.optional().describe(
    "the notebooks folder (default the project's notebooks/)",
  ),
  json: z.boolean().default(false).describe(
    "print the outcome of each notebook as one JSON object",
  ),
});
type Flags = z.output<typeof NotebooksFlagsSchema>;

/** The outcome of one notebook. */
export interface NotebookRun {
  /** File stem, e.g. `phase1-validation`. */
  readonly name: string;
  readonly ok: boolean;
  /** Wall time of `jupyter nbconvert`, in seconds. */
  readonly seconds: number;
  /** Absolute path of the HTML written. */
  readonly html: string;
  /** The failing cell and its error, when `ok` is false. */
  readonly error: string | null;
}

/** Notebook stems of one folder, sorted. */
async function stems(dir: URL): Promise<string[]> {
  const names: string[] = [];
  try {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      if (e.isFile() && e.name.endsWith(".ipynb")) {
        names.push(e.name.slice(0, -6));
      }
    }
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
  return names.sort();
}

/** Notebook names in `notebooks/` (`phase1-validation`) and its tslab folder (`tslab/...`). */
async function listNotebooks(dir: URL): Promise<string[]> {
  const tslab = await stems(new URL(`${TSLAB_FOLDER}/`, dir));
  return [...await stems(dir), ...tslab.map((s) => `${TSLAB_FOLDER}/${s}`)];
}

/**
 * The notebooks NAME means: a name (or a path ending in one, `.ipynb` optional), every
 * notebook of a folder (`tslab`), or the one name it is a prefix of.
 */
function resolveName(w: string, all: readonly string[]): string[] {
  const stem = w.replace(/\.ipynb$/, "").replace(/\/$/, "");
  const named = all.filter((n) => stem === n || stem.endsWith(`/${n}`))
    .sort((a, b) => b.length - a.length);
  if (named.length > 0) return [named[0]!];
  const folder = all.filter((n) => n.startsWith(`${stem}/`));
  if (folder.length > 0) return folder;
  const hits = all.filter((n) => n.startsWith(stem));
  if (hits.length === 1) return hits;
  throw new ConfigError(
    "--flags",
    "NAME",
    `a notebook in notebooks/ (${all.join(", ")})`,
    hits.length === 0 ? JSON.stringify(w) : `${w} (ambiguous: ${hits})`,
  );
}

function resolveNames(wanted: string[], all: string[]): string[] {
  if (wanted.length === 0) return all;
  return [...new Set(wanted.flatMap((w) => resolveName(w, all)))];
}

/** Run a program from `cwd` (the project root by default), output captured. */
function run(
  cmd: string,
  args: string[],
  cwd: URL = ROOT,
): ReturnType<typeof runCommand> {
  return runCommand(cmd, args, { cwd });
}

/**
 * The failing cell and its error, cut from nbconvert's stderr (ANSI colours removed;
 * at most 60 lines). Without nbconvert's marker line, the last 20 lines of stderr.
 *
 * @param stderr What `jupyter nbconvert --execute` printed on stderr.
 * @returns The cell's source and the error it raised, as text.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { cellError } from "./notebooks.ts";
 * const e = cellError(
 *   "[NbConvertApp] noise\nAn error occurred while executing the following cell:\n" +
 *     "---\nthrow new Error(\"x\");\n---\n\x1b[31mError\x1b[39m: x\n",
 * );
 * assert.ok(e.startsWith("An error occurred") && e.includes("Error: x"));
 * ```
 */
export function cellError(stderr: string): string {
  // deno-lint-ignore no-control-regex
  const text = stderr.replace(/\x1b\[[0-9;]*m/g, "");
  const at = text.indexOf(
    "An error occurred while executing the following cell",
  );
  const body = at >= 0
    ? text.slice(at)
    : text.trim().split("\n").slice(-20).join("\n");
  const lines = body.split("\n");
  return lines.length > 60 ? lines.slice(0, 60).join("\n") + "\n..." : body;
}

async function execute(
  dir: URL,
  name: string,
  outDir: string,
  fixPath: string,
): Promise<NotebookRun> {
  const sub = name.includes("/") ? name.slice(0, name.lastIndexOf("/")) : "";
  const file = name.slice(name.lastIndexOf("/") + 1);
  const out = sub === "" ? outDir : `${outDir}/${sub}`;
  const html = `${out}/${file}.html`;
  const t0 = performance.now();
  const r = await run("jupyter", [
    "nbconvert",
    "--config",
    fixPath,
    "--to",
    "html",
    "--execute",
    `--ExecutePreprocessor.timeout=${TIMEOUT_S}`,
    "--output-dir",
    out,
    `${file}.ipynb`,
  ], sub === "" ? dir : new URL(`${sub}/`, dir));
  const seconds = (performance.now() - t0) / 1000;
  const error = r.code === 0 ? null : cellError(r.stderr);
  return { name, ok: r.code === 0, seconds, html, error };
}

function notebooksDir(flags: Flags): URL {
  if (flags.dir === undefined) return new URL("notebooks/", ROOT);
  return new URL(`file://${flags.dir.replace(/\/?$/, "/")}`);
}

function printRun(r: NotebookRun, io: CliIo): void {
  if (r.ok) io.out(`ok   ${r.name}  ${r.seconds.toFixed(1)} s  -> ${r.html}`);
  else io.err(`FAIL ${r.name}  ${r.seconds.toFixed(1)} s\n${r.error}`);
}

/**
 * Run the notebooks task.
 *
 * @param args Command-line arguments (NAME.. [--out DIR] [--dir DIR] [--json]).
 * @param io Where progress, results and errors are printed. @default the console
 * @returns The exit code: 0 all ran, 1 a notebook failed or Jupyter is missing, 2 bad input.
 */
export function main(args: string[], io: CliIo = consoleIo): Promise<number> {
  return runTask(args, io, {
    name: "notebooks",
    summary:
      "Execute the project's notebooks with Jupyter (the Deno kernel, and tslab on Node for notebooks/tslab/), each into an HTML file.",
    about:
      "Installs the Deno and tslab kernel specs first when Jupyter lacks them; the tslab notebooks import the built package (deno task build:npm, rebuilt when stale). A cell that fails stops its notebook and makes the exit code 1.",
    examples: ["phase1 --out reports/notebooks", "tslab"],
    flags: NotebooksFlagsSchema,
    positional: {
      key: "names",
      arity: "many",
      name: "NAME",
      description:
        "notebooks to run: a file name, stem, unique prefix (phase1) or folder (tslab); none: all",
    },
    run: async (flags) => {
      const dir = notebooksDir(flags);
      const names = resolveNames(flags.names, await listNotebooks(dir));
      await ensureKernels(names, io, ROOT);
      if (names.some(onTslab)) await preparePackage(dir, io);
      return await executeAll(dir, names, flags, io);
    },
  });
}

async function executeAll(
  dir: URL,
  names: readonly string[],
  flags: Flags,
  io: CliIo,
): Promise<number> {
  const outDir = flags.out.startsWith("/")
    ? flags.out
    : `${cwd()}/${flags.out}`;
  await mkdir(outDir, { recursive: true });
  const tmp = await makeTempDir("notebooks-");
  const fixPath = `${tmp}/deno_kernel_fix.py`;
  await writeFile(fixPath, KERNEL_FIX);
  const runs: NotebookRun[] = [];
  try {
    for (const name of names) {
      const r = await execute(dir, name, outDir, fixPath);
      runs.push(r);
      if (!flags.json) printRun(r, io);
    }
  } finally {
    await rm(tmp, { recursive: true });
  }
  if (flags.json) io.out(JSON.stringify(runs, null, 2));
  return runs.every((r) => r.ok) ? 0 : 1;
}

if (import.meta.main) await runAsScript(main);
