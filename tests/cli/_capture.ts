/**
 * Test helper: run a task's `main(args, io)` in process and capture what it prints.
 */
import type { CliIo } from "../../lib/cli/_cli.ts";
import { runCommand } from "../../lib/_shared/runtime.ts";

/** Exit code and captured output of one task run. */
export interface Captured {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Call `main` with `args` and a capturing sink. */
export async function capture(
  main: (args: string[], io: CliIo) => Promise<number>,
  args: string[],
): Promise<Captured> {
  const out: string[] = [], err: string[] = [];
  const code = await main(args, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
  });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

/** A fresh temporary directory and the path of a store file inside it. */
export async function tempStore(): Promise<{ dir: string; db: string }> {
  const dir = await Deno.makeTempDir({ prefix: "tradelab_cli_" });
  return { dir, db: `${dir}/w.duckdb` };
}

/** Run `deno ARGS` as a subprocess from the project root, with `env` added. */
export function runDeno(
  args: string[],
  env: Record<string, string> = {},
): Promise<Captured> {
  return runCommand(Deno.execPath(), args, {
    env,
    cwd: new URL("../../", import.meta.url),
  });
}
