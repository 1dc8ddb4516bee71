/**
 * What the test set-up (`deno task setup`) sees of the machine and how it acts on it: the
 * environment, `PATH`, files, the user id and a command runner. The set-up only reaches the
 * machine through a {@linkcode SetupHost}, so a test can hand it a fake one (a machine that
 * lacks Jupyter, has no apt, is offline...) and check what it would install and print.
 *
 * @module
 */
import { dirname, join } from "node:path";

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
    const st = Deno.statSync(path);
    return st.isFile && ((st.mode ?? 0o111) & 0o111) !== 0;
  } catch {
    return false;
  }
}

/**
 * Run `cmd args...` to completion with stdin closed and output captured; a program that
 * cannot be started gives code 127 and the reason on stderr (never a throw).
 *
 * @param cmd Program name (looked up on `PATH`) or path.
 * @param args Its arguments.
 * @param options `env`: variables added to this process's environment; `cwd`: where to run.
 * @returns Exit code, stdout and stderr as text.
 */
export async function runCommand(
  cmd: string,
  args: readonly string[],
  options: {
    readonly env?: Readonly<Record<string, string>>;
    readonly cwd?: string | URL;
  } = {},
): Promise<RunResult> {
  try {
    const out = await new Deno.Command(cmd, {
      args: [...args],
      env: options.env ? { ...options.env } : undefined,
      cwd: options.cwd,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    const dec = new TextDecoder();
    return {
      code: out.code,
      stdout: dec.decode(out.stdout),
      stderr: dec.decode(out.stderr),
    };
  } catch (e) {
    return {
      code: 127,
      stdout: "",
      stderr: e instanceof Error ? e.message : String(e),
    };
  }
}

/** The real machine, through `Deno.*`. */
export const denoHost: SetupHost = {
  env: (name) => Deno.env.get(name),
  which(cmd) {
    for (const dir of (Deno.env.get("PATH") ?? "").split(":")) {
      if (dir !== "" && isExecutableFile(join(dir, cmd))) return join(dir, cmd);
    }
    return null;
  },
  isFile(path) {
    try {
      return Deno.statSync(path).isFile;
    } catch {
      return false;
    }
  },
  readText(path) {
    try {
      return Deno.readTextFileSync(path);
    } catch {
      return null;
    }
  },
  async writeText(path, text) {
    await Deno.mkdir(dirname(path), { recursive: true });
    await Deno.writeTextFile(path, text);
  },
  uid: () => Deno.uid(),
  run: (cmd, args, env) => runCommand(cmd, args, { env }),
};
