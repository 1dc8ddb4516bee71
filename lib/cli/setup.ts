/**
 * `deno task setup [--only ID,..] [--check]`: install what the tests need and the machine
 * lacks. `deno task test` runs it before the tests.
 *
 * It checks each requirement of `_setup_requirements.ts` (`jupyter`: Jupyter's nbconvert,
 * client and nbclient; `chromium`; `deno-kernel`: the Deno Jupyter kernel spec; `tslab`:
 * the tslab kernel for `notebooks/tslab/`) and installs the missing ones: Debian packages
 * with one `apt-get install` (as root, or through passwordless sudo), the Deno kernel spec
 * with `deno jupyter --install --force`, tslab with npm into `.tools/` and its kernel spec
 * written by hand. It prints one
 * line per thing installed and nothing when everything is present (the checks take a few
 * milliseconds). Where something cannot be installed (not root and no passwordless sudo,
 * no apt-get, offline) it prints one message saying what to install and how.
 *
 * `--only deno-kernel` is `deno task jupyter:install` and `--only tslab` is
 * `deno task tslab:install` (idempotent: a present, working kernel is left alone). `--check` lists what is present and missing, installing nothing.
 *
 * Exit codes: 0 everything present, 1 something is still missing, 2 bad flags.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { expects } from "../_shared/expected.ts";
import { execPath } from "../_shared/runtime.ts";
import { type CliIo, consoleIo, runAsScript, runTask } from "./_cli.ts";
import { machineHost, type SetupHost } from "./_setup_host.ts";
import { setUp } from "./_setup_install.ts";
import { REQUIREMENTS, type SetupContext } from "./_setup_requirements.ts";

const IDS = REQUIREMENTS.map((r) => r.id);

/** Flags of the set-up task. */
export const SetupFlagsSchema = z.strictObject({
  only: expects(
    z.string().optional().transform((s, ctx) => {
      if (s === undefined) return undefined;
      const ids = s.split(",").map((x) => x.trim()).filter((x) => x !== "");
      const bad = ids.find((id) => !IDS.includes(id));
      if (ids.length === 0 || bad !== undefined) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `a comma-separated list of ${IDS.join(", ")}`,
        });
        return z.NEVER;
      }
      return ids;
    }),
    {
      text: `a comma-separated list of ${IDS.join(", ")}`,
      placeholder: "ID,..",
    },
  ).describe("only these requirements (default all)"),
  check: z.boolean().default(false).describe(
    "list what is present and missing, install nothing",
  ),
});

/** The project root and the running Deno. */
export const DEFAULT_CONTEXT: SetupContext = {
  root: fileURLToPath(new URL("../../", import.meta.url)).replace(/\/$/, ""),
  deno: execPath(),
};

/**
 * Run the task.
 *
 * @param args Command-line flags.
 * @param io Where to print.
 * @param host The machine (a fake one in tests).
 * @param ctx The project root and Deno executable.
 * @returns Exit code: 0 all present, 1 something missing, 2 bad flags.
 */
export async function main(
  args: string[],
  io: CliIo = consoleIo,
  host: SetupHost = machineHost,
  ctx: SetupContext = DEFAULT_CONTEXT,
): Promise<number> {
  return await runTask(args, io, {
    name: "setup",
    summary:
      "Install what the tests need and the machine lacks (Jupyter's nbconvert and nbclient, Chromium, the Deno kernel spec, tslab and its kernel spec); deno task test runs it first.",
    about:
      "Debian packages go in with one apt-get install (as root or through passwordless sudo), the Deno kernel spec with deno jupyter --install --force, tslab with npm into .tools/ and its kernel spec written by hand. One line per thing installed; where something cannot be installed, one message saying what to run. deno task jupyter:install is --only deno-kernel, deno task tslab:install is --only tslab.",
    examples: ["--check", "--only deno-kernel", "--only tslab"],
    flags: SetupFlagsSchema,
    run: (flags) => {
      const only = flags.only ?? IDS;
      const reqs = REQUIREMENTS.filter((r) => only.includes(r.id));
      return setUp(reqs, host, ctx, io, {
        check: flags.check,
        verbose: flags.only !== undefined,
      });
    },
  });
}

if (import.meta.main) await runAsScript((args) => main(args));
