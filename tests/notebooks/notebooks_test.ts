/**
 * Notebooks: stripped nbformat 4 on the Deno kernel (notebooks/) and on tslab
 * (notebooks/tslab/, importing the npm package), thin cells (lib calls only), and every
 * notebook executed with real Jupyter by `deno task notebooks` (lib/cli/notebooks.ts).
 */
import assert from "node:assert/strict";
import { cellError, main, type NotebookRun } from "../../lib/cli/notebooks.ts";
import { assertNoBadNumbers, notebookOutputText } from "../_no_bad_numbers.ts";

const DIR = new URL("../../notebooks/", import.meta.url);
const TSLAB_DIR = new URL("tslab/", DIR);
const TSLAB_EXPECTED = ["00-quickstart", "phase1-validation"];
const EXPECTED = [
  "00-quickstart",
  "phase1-validation",
  "phase2-paper-trading",
  "phase3-live-preparation",
  "phase4-advanced-strategies",
  "phase5-new-strategies",
];

interface Cell {
  id?: string;
  cell_type: string;
  source: string[] | string;
  outputs?: unknown[];
  execution_count?: number | null;
}
interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: { kernelspec?: { name?: string; language?: string } };
  cells: Cell[];
}

async function notebookNames(dir: URL = DIR): Promise<string[]> {
  const names: string[] = [];
  for await (const e of Deno.readDir(dir)) {
    if (e.isFile && e.name.endsWith(".ipynb")) names.push(e.name.slice(0, -6));
  }
  return names.sort();
}

async function readNotebook(name: string, dir: URL = DIR): Promise<Notebook> {
  return JSON.parse(await Deno.readTextFile(new URL(`${name}.ipynb`, dir)));
}

/** Every notebook as `deno task notebooks` names it (`tslab/...` for tslab's). */
async function allNames(): Promise<string[]> {
  const tslab = await notebookNames(TSLAB_DIR);
  return [...await notebookNames(), ...tslab.map((n) => `tslab/${n}`)];
}

/** An io that keeps what the task prints. */
function captureIo(): {
  out(t: string): void;
  err(t: string): void;
  lines: string[];
} {
  const lines: string[] = [];
  return { lines, out: (t) => lines.push(t), err: (t) => lines.push(t) };
}

const text = (c: Cell): string =>
  Array.isArray(c.source) ? c.source.join("") : c.source;

Deno.test("notebooks/ holds the quick start and one notebook per roadmap phase", async () => {
  const names = await notebookNames();
  for (const want of EXPECTED) {
    assert.ok(names.includes(want), `missing ${want}`);
  }
});

Deno.test("notebooks/tslab/ holds the quick start and a phase notebook for tslab", async () => {
  const names = await notebookNames(TSLAB_DIR);
  for (const want of TSLAB_EXPECTED) {
    assert.ok(names.includes(want), `missing tslab/${want}`);
  }
});

for (
  const [dir, kernel] of [[DIR, "deno"], [TSLAB_DIR, "tslab"]] as const
) {
  Deno.test(
    `every notebook${
      kernel === "tslab" ? " of notebooks/tslab" : ""
    } is nbformat 4 on the ${kernel} kernel with outputs stripped`,
    async () => {
      await checkStripped(dir, kernel);
    },
  );
}

async function checkStripped(dir: URL, kernel: string): Promise<void> {
  for (const name of await notebookNames(dir)) {
    const nb = await readNotebook(name, dir);
    assert.equal(nb.nbformat, 4, name);
    assert.ok(nb.nbformat_minor >= 5, `${name}: cell ids need nbformat 4.5`);
    assert.equal(nb.metadata.kernelspec?.name, kernel, name);
    assert.equal(nb.metadata.kernelspec?.language, "typescript", name);
    const ids = new Set<string>();
    for (const [i, c] of nb.cells.entries()) {
      assert.ok(
        ["code", "markdown"].includes(c.cell_type),
        `${name} cell ${i}`,
      );
      assert.ok(c.id && !ids.has(c.id), `${name} cell ${i}: unique id`);
      ids.add(c.id!);
      if (c.cell_type !== "code") continue;
      assert.deepEqual(
        c.outputs,
        [],
        `${name} cell ${i}: outputs not stripped`,
      );
      assert.equal(
        c.execution_count,
        null,
        `${name} cell ${i}: execution_count`,
      );
    }
    assert.equal(
      nb.cells[0]?.cell_type,
      "markdown",
      `${name}: starts with prose`,
    );
    assert.match(text(nb.cells[0]!), /^# /, `${name}: starts with a title`);
  }
}

const FORBIDDEN: [RegExp, string][] = [
  [/\bfunction\b/, "a function definition"],
  [/\bclass\s+[A-Za-z_$]/, "a class definition"],
  [/\b(for|while)\s*\(/, "a loop"],
  [/\bimport\s*\(/, "a dynamic import"],
  [/\bMath\.random\b/, "unseeded randomness"],
];

/**
 * Check every code cell of a notebook: each import matches `allowed`, no forbidden
 * construct; returns how many imports there were.
 */
function checkCells(
  label: string,
  nb: Awaited<ReturnType<typeof readNotebook>>,
  allowed: RegExp,
  forbidden: readonly (readonly [RegExp, string])[],
): number {
  let imports = 0;
  for (const [i, c] of nb.cells.entries()) {
    if (c.cell_type !== "code") continue;
    const src = text(c);
    for (const m of src.matchAll(/\bfrom\s+["']([^"']+)["']/g)) {
      imports++;
      assert.match(m[1]!, allowed, `${label} cell ${i} imports ${m[1]}`);
    }
    for (const [re, what] of forbidden) {
      assert.ok(!re.test(src), `${label} cell ${i} contains ${what}`);
    }
  }
  return imports;
}

Deno.test("notebook cells import only lib/<domain>/mod.ts and define no logic", async () => {
  for (const name of await notebookNames()) {
    const nb = await readNotebook(name);
    const imports = checkCells(
      name,
      nb,
      /^\.\.\/lib\/[a-z_]+\/mod\.ts$/,
      FORBIDDEN,
    );
    assert.ok(imports > 0, `${name} imports nothing from lib`);
  }
});

Deno.test("tslab notebook cells import only tslab and the tradelab package, and define no logic", async () => {
  for (const name of await notebookNames(TSLAB_DIR)) {
    const nb = await readNotebook(name, TSLAB_DIR);
    const imports = checkCells(
      `tslab/${name}`,
      nb,
      /^(tslab|tradelab(\/[a-z]+)?)$/,
      [...FORBIDDEN, [/Deno\./, "Deno"]],
    );
    assert.ok(imports > 1, `tslab/${name} imports nothing from tradelab`);
  }
});

Deno.test("every notebook has prose between its steps", async () => {
  for (const dir of [DIR, TSLAB_DIR]) {
    for (const name of await notebookNames(dir)) {
      const cells = (await readNotebook(name, dir)).cells;
      const md = cells.filter((c) => c.cell_type === "markdown").length;
      assert.ok(md >= 4, `${name}: ${md} markdown cells`);
    }
  }
});

Deno.test("cellError() keeps the failing cell and its error, without colours", () => {
  const stderr =
    "[NbConvertApp] noise\nTraceback (most recent call last):\n  File x\n" +
    "nbclient.exceptions.CellExecutionError: An error occurred while executing the following cell:\n" +
    '------------------\nthrow new RangeError("boom");\n------------------\n\n' +
    "\x1b[31mRangeError\x1b[39m: boom\n";
  const e = cellError(stderr);
  assert.ok(
    e.startsWith("An error occurred while executing the following cell"),
  );
  assert.ok(e.includes('throw new RangeError("boom");'));
  assert.ok(e.includes("RangeError: boom"));
  assert.ok(!e.includes("NbConvertApp"));
});

Deno.test("notebooks task: bad flags and unknown names exit 2 and say what was expected", async () => {
  const io = captureIo();
  assert.equal(await main(["--bogus"], io), 2);
  assert.match(io.lines.join("\n"), /bogus/);
  assert.equal(await main(["no-such-notebook"], io), 2);
  assert.match(
    io.lines.join("\n"),
    /expected a notebook in notebooks\/ \(00-quickstart, .*, tslab\/00-quickstart, tslab\/phase1-validation\)/,
  );
  assert.equal(await main(["phase"], io), 2);
  assert.match(io.lines.join("\n"), /ambiguous/);
});

async function requireJupyter(): Promise<void> {
  try {
    const r = await new Deno.Command("jupyter", {
      args: ["nbconvert", "--version"],
      stdout: "null",
      stderr: "null",
    }).output();
    if (r.success) return;
  } catch { /* reported below */ }
  assert.fail(
    "Jupyter with nbconvert is required to execute the notebooks: install it " +
      "(Debian: apt-get install jupyter-nbconvert jupyter-client python3-nbclient)",
  );
}

Deno.test("notebooks task: a failing cell exits 1 and names the notebook and error", async () => {
  await requireJupyter();
  const dir = await Deno.makeTempDir();
  try {
    const nb = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {
        kernelspec: {
          name: "deno",
          display_name: "Deno",
          language: "typescript",
        },
      },
      cells: [{
        id: "a",
        cell_type: "code",
        metadata: {},
        execution_count: null,
        outputs: [],
        source: ['throw new RangeError("deliberate failure 42");'],
      }],
    };
    await Deno.writeTextFile(`${dir}/broken.ipynb`, JSON.stringify(nb));
    const io = captureIo();
    const code = await main(
      ["broken", "--dir", dir, "--out", `${dir}/out`],
      io,
    );
    assert.equal(code, 1);
    const said = io.lines.join("\n");
    assert.match(said, /FAIL broken/);
    assert.match(said, /RangeError: deliberate failure 42/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("notebooks task: every notebook executes with Jupyter (Deno and tslab kernels) and renders charts and tables", async () => {
  await requireJupyter();
  const out = await Deno.makeTempDir();
  try {
    const io = captureIo();
    const code = await main(["--out", out, "--json"], io);
    assert.equal(code, 0, io.lines.join("\n"));
    const runs: NotebookRun[] = JSON.parse(
      io.lines.filter((l) => !/^(set-up|notebooks|build:npm):/.test(l))
        .join("\n"),
    );
    assert.deepEqual(runs.map((r) => r.name), await allNames());
    for (const r of runs) {
      assert.equal(r.ok, true, r.name);
      assert.equal(r.error, null, r.name);
      assert.ok(r.seconds > 0, r.name);
      assert.equal(r.html, `${out}/${r.name}.html`);
    }
    for (const name of await allNames()) {
      const html = await Deno.readTextFile(`${out}/${name}.html`);
      const nb = name.startsWith("tslab/")
        ? await readNotebook(name.slice(6), TSLAB_DIR)
        : await readNotebook(name);
      // cells that show HTML: Deno.jupyter.html, tslab.display.html, or a progress line
      // (notebookProgress)
      const displays = nb.cells.filter((c) =>
        c.cell_type === "code" &&
        /Deno\.jupyter\.html|tslab\.display\.html|notebookProgress\(/.test(
          text(c),
        )
      ).length;
      const shown = html.match(
        /class="[^"]*jp-OutputArea-output[^"]*" data-mime-type="text\/html"/g,
      )?.length ?? 0;
      assert.equal(shown, displays, `${name}: HTML outputs shown vs cells`);
      assert.ok(html.includes("<svg"), `${name}: no chart rendered`);
      assert.ok(/<table[ >]/.test(html), `${name}: no table rendered`);
      assertNoBadNumbers(notebookOutputText(html), `${name} (outputs)`);
      assert.ok(!html.includes("Traceback"), `${name}: traceback in output`);
      assert.ok(
        !html.includes('data-mime-type="application/vnd.jupyter.stderr"'),
        `${name}: error or stderr output`,
      );
    }
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});
