/**
 * What the test set-up (`deno task setup`) sees of the machine and how it acts on it: the
 * environment, `PATH`, files, the user id and a command runner. The set-up only reaches the
 * machine through a {@linkcode SetupHost}, so a test can hand it a fake one (a machine that
 * lacks Jupyter, has no apt, is offline...) and check what it would install and print.
 *
 * @module
 */
import { readFileSync, statSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { env, runCommand, userId } from "../_shared/runtime.ts";

/** The outcome of one command. */
export interface RunResult {
  /** Exit code; 127 when the program could not be started. */
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The machine as the set-up sees it. */
export interface SetupHost {
  /** An environment variable, or undefined. */
  env(name: string): string | undefined;
  /** The absolute path of an executable `cmd` found on `PATH`, or null. */
  which(cmd: string): string | null;
  /** True when `path` is an existing file (symlinks followed). */
  isFile(path: string): boolean;
  /** The text of `path`, or null when it cannot be read. */
  readText(path: string): string | null;
  /** Write `text` to `path`, creating its folders. */
  writeText(path: string, text: string): Promise<void>;
  /** The effective user id (0 = root); null where there is none (Windows). */
  uid(): number | null;
  /** Run `cmd args...` to completion with output captured (never shown). */
  run(
    cmd: string,
    args: readonly string[],
    env?: Readonly<Record<string, string>>,
  ): Promise<RunResult>;
}

function isExecutableFile(path: string): boolean {
  try {
    const st = statSync(path);
    return st.isFile() && (st.mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

/** The real machine, through lib/_shared/runtime.ts and `node:fs`. */
export const machineHost: SetupHost = {
  env,
  which(cmd) {
    for (const dir of (env("PATH") ?? "").split(":")) {
      if (dir !== "" && isExecutableFile(join(dir, cmd))) return join(dir, cmd);
    }
    return null;
  },
  isFile(path) {
    try {
      return statSync(path).isFile();
    } catch {
      return false;
    }
  },
  readText(path) {
    try {
      return readFileSync(path, "utf8");
    } catch {
      return null;
    }
  },
  async writeText(path, text) {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
  },
  uid: userId,
  run: (cmd, args, vars) => runCommand(cmd, args, { env: vars }),
};
