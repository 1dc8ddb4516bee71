/**
 * Issue 14 "Done when": one cost convention change is a one-file change. The test copies
 * lib/ to a temporary directory, changes ONE line of lib/backtest/cost_model.ts (what a
 * basis point is worth), and runs the same probe against both trees in real processes:
 * the backtest, the paper session, its reconciliation, the allocation walk-forward and
 * the optimiser must all move.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const PROBE = fileURLToPath(new URL("./_cost_probe.ts", import.meta.url));
const COST_MODEL = "lib/backtest/cost_model.ts";

interface Figures {
  backtest: number;
  backtestCosts: number;
  paper: number;
  reconcile: number;
  portfolio: number;
  optimize: number;
}

async function copyTree(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const e of Deno.readDir(from)) {
    const a = join(from, e.name), b = join(to, e.name);
    if (e.isDirectory) await copyTree(a, b);
    else if (e.isFile) await Deno.copyFile(a, b);
  }
}

async function probe(root: string): Promise<Figures> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--config", join(root, "deno.json"), PROBE, root],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout);
  assert.equal(
    out.code,
    0,
    `probe failed in ${root}: ${new TextDecoder().decode(out.stderr)}`,
  );
  return JSON.parse(text.trim().split("\n").at(-1)!);
}

/** Code lines (comments stripped) that turn basis points into a fraction by hand. */
async function handMadeConversions(dir: string): Promise<string[]> {
  const bad: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for await (const e of Deno.readDir(d)) {
      const p = join(d, e.name);
      if (e.isDirectory) await walk(p);
      else if (e.name.endsWith(".ts") && !p.endsWith(COST_MODEL)) {
        const code = (await Deno.readTextFile(p))
          .replace(/\/\*[\s\S]*?\*\//g, "")
          .replace(/\/\/.*$/gm, "");
        for (const line of code.split("\n")) {
          if (
            /bps/i.test(line) && /\b1e4\b|\b1e-4\b|10000|0\.0001/.test(line)
          ) {
            bad.push(`${p}: ${line.trim()}`);
          }
        }
      }
    }
  };
  await walk(dir);
  return bad;
}

Deno.test("a cost convention change in cost_model.ts alone reaches backtest, paper, reconcile, portfolio and optimize", async () => {
  assert.deepEqual(await handMadeConversions(join(ROOT, "lib")), []);
  const tmp = await Deno.makeTempDir({ prefix: "cost_convention_" });
  try {
    await copyTree(join(ROOT, "lib"), join(tmp, "lib"));
    await copyTree(join(ROOT, "config"), join(tmp, "config"));
    for (const f of ["deno.json", "deno.lock"]) {
      await Deno.copyFile(join(ROOT, f), join(tmp, f));
    }
    const file = join(tmp, COST_MODEL);
    const text = await Deno.readTextFile(file);
    const line = "return bps / 1e4;";
    assert.equal(text.split(line).length, 2, "one line holds the conversion");
    // The one change: a basis point now costs twice as much.
    await Deno.writeTextFile(file, text.replace(line, "return bps / 5e3;"));
    const [base, swapped] = await Promise.all([probe(ROOT), probe(tmp)]);
    assert.ok(
      Math.abs(swapped.backtestCosts / base.backtestCosts - 2) < 1e-12,
      `backtest costs doubled: ${base.backtestCosts} -> ${swapped.backtestCosts}`,
    );
    for (
      const k of [
        "backtest",
        "paper",
        "reconcile",
        "portfolio",
        "optimize",
      ] as const
    ) {
      assert.ok(
        swapped[k] < base[k],
        `${k} must pay the dearer costs: ${base[k]} -> ${swapped[k]}`,
      );
    }
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});
