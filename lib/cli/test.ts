/**
 * `deno task test [PATH..] [--filter TEXT] [--update] [--no-setup]`: the whole test suite,
 * what CI runs. First the set-up (`deno task setup`: installs what the tests need and the
 * machine lacks, or stops saying what to install) and the npm package (`deno task
 * build:npm`, kept when current; the Node tests install it), then `deno test` on `tests/`
 * and on the doc examples of `lib/`, with their output as it comes. Given paths, only
 * those run.
 *
 * A task of its own (rather than `setup && deno test ...` in deno.json) so that
 * `deno task test --help` answers with its usage: deno task appends arguments to the last
 * command of a chain, so `--help` used to run the set-up and the whole suite first.
 *
 * Exit codes: 0 every test passed, 1 a test failed or the set-up could not finish, 2 bad
 * flags.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { execPath, runCommand } from "../_shared/runtime.ts";
import { type CliIo, consoleIo, runAsScript, runTask } from "./_cli.ts";
import { main as buildNpm } from "./build_npm.ts";
import { main as setup } from "./setup.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Flags of `deno task test`; the PATH positionals are `paths`. */
export const TestFlagsSchema = z.strictObject({
  paths: z.array(z.string().min(1)),
  filter: z.string().min(1).optional().describe(
    "run only the tests whose name contains this text (or matches /regex/)",
  ),
  update: z.boolean().default(false).describe(
    "rewrite the snapshots the tests compare against (review the diff)",
  ),
  noSetup: z.boolean().default(false).describe(
    "skip the set-up and the package build (run the tests on the machine as it is)",
  ),
});
type Flags = z.output<typeof TestFlagsSchema>;

/** The `deno test` runs the flags ask for: tests, then the doc examples. */
export function testRuns(f: Flags): string[][] {
  const common = [
    ...(f.filter ? ["--filter", f.filter] : []),
    ...(f.update ? ["--", "--update"] : []),
  ];
  if (f.paths.length > 0) {
    return [["test", "-A", "--no-check=remote", ...f.paths, ...common]];
  }
  return [
    ["test", "-A", "--no-check=remote", "tests/", ...common],
    ["test", "-A", "--doc", "lib/", ...common],
  ];
}

/** Run `deno ARGS` from the project root with this process's stdout and stderr. */
async function denoInherited(args: readonly string[]): Promise<number> {
  return (await runCommand(execPath(), args, { cwd: ROOT, inherit: true }))
    .code;
}

/**
 * Run the task.
 *
 * @param args Test paths and flags.
 * @param io Output sink (the set-up's lines; the tests write to the terminal).
 * @param run How a `deno` command runs. @default a child process with inherited output
 * @returns Exit code: 0 all passed, 1 a failure, 2 bad flags.
 */
export function main(
  args: string[],
  io: CliIo = consoleIo,
  run: (args: readonly string[]) => Promise<number> = denoInherited,
): Promise<number> {
  return runTask(args, io, {
    name: "test",
    summary:
      "The whole test suite (what CI runs): set up what the tests need, then deno test on tests/ and the doc examples of lib/.",
    about:
      "The set-up installs Jupyter's nbconvert and nbclient, Chromium, the Deno kernel spec and tslab when missing (see deno task setup --help); then the npm package is built when stale (deno task build:npm). Both test runs go ahead even when the first fails; the exit code is 1 when either does.",
    examples: ["", "tests/cli --filter help"],
    flags: TestFlagsSchema,
    positional: {
      key: "paths",
      arity: "many",
      name: "PATH",
      description:
        "test files or folders to run (default tests/, then the doc examples of lib/)",
    },
    run: async (f) => {
      if (!f.noSetup) {
        if (await setup([], io) !== 0) return 1;
        if (await buildNpm([], io) !== 0) return 1;
      }
      let failed = false;
      for (const a of testRuns(f)) failed = (await run(a)) !== 0 || failed;
      return failed ? 1 : 0;
    },
  });
}

if (import.meta.main) await runAsScript(main);
