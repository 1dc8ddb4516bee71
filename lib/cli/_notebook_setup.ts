/**
 * What `deno task notebooks` prepares before running (private to lib/cli): the Jupyter
 * kernels the chosen notebooks need, and for the tslab notebooks the npm package, built
 * when stale and installed into their folder.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { execPath, runCommand } from "../_shared/runtime.ts";
import type { CliIo } from "./_cli.ts";
import { ensureNpmBuild, installPackage } from "./_npm_build.ts";
import { machineHost } from "./_setup_host.ts";
import { setUp } from "./_setup_install.ts";
import { TSLAB } from "./_setup_requirements.ts";
import { DEFAULT_CONTEXT } from "./setup.ts";

/** The notebooks folder whose notebooks run on tslab against the npm package. */
export const TSLAB_FOLDER = "tslab";

/** True for a notebook of the tslab folder (`tslab/00-quickstart`). */
export const onTslab = (name: string): boolean =>
  name.startsWith(`${TSLAB_FOLDER}/`);

/**
 * Make sure `jupyter` exists and knows the kernels `names` need: the Deno kernel (via the
 * project task, run from `root`) and, for tslab notebooks, the tslab kernel (the
 * set-up's requirement).
 */
export async function ensureKernels(
  names: readonly string[],
  io: CliIo,
  root: URL,
): Promise<void> {
  const listed = await runCommand("jupyter", ["kernelspec", "list", "--json"], {
    cwd: root,
  });
  if (listed.code === 127) {
    throw new Error(
      "Cannot run notebooks: the `jupyter` command was not found; install Jupyter " +
        "(Debian: apt-get install jupyter-nbconvert jupyter-client python3-nbclient)",
    );
  }
  if (listed.code !== 0) {
    throw new Error(`Cannot list Jupyter kernels: ${listed.stderr.trim()}`);
  }
  const specs = JSON.parse(listed.stdout).kernelspecs ?? {};
  if (!("deno" in specs) && names.some((n) => !onTslab(n))) {
    const inst = await runCommand(execPath(), ["task", "jupyter:install"], {
      cwd: root,
    });
    if (inst.code !== 0) {
      throw new Error(
        `Cannot install the Deno kernel (deno task jupyter:install): ${inst.stderr.trim()}`,
      );
    }
  }
  if (!("tslab" in specs) && names.some(onTslab)) {
    const err = {
      out: (t: string) => io.err(t),
      err: (t: string) => io.err(t),
    };
    if (await setUp([TSLAB], machineHost, DEFAULT_CONTEXT, err) !== 0) {
      throw new Error(
        "Cannot run the tslab notebooks without the tslab kernel",
      );
    }
  }
}

/** The npm package, built when stale and installed into the tslab notebooks' folder. */
export async function preparePackage(dir: URL, io: CliIo): Promise<void> {
  const log = (line: string) => io.err(line);
  const { out, built } = await ensureNpmBuild({ log });
  if (built) log(`notebooks: built the npm package into ${out}`);
  const folder = fileURLToPath(new URL(`${TSLAB_FOLDER}/`, dir));
  if (await installPackage(folder, out)) {
    log(`notebooks: installed tradelab into ${folder}node_modules`);
  }
}
