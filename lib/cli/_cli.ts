// deno-lint-ignore-file no-console
/**
 * The shape every task has: `main(args, io)` parses its flags with one zod schema
 * (errors name the flag, exit 2), answers `--help` with usage generated from that
 * schema, runs, prints through an output sink tests can capture, and returns the exit
 * code (0 ok, 1 data or run error, 2 bad flags or config).
 *
 * @module
 */
import type { z } from "zod";
import { ConfigError } from "../_shared/errors.ts";
import { args, exit } from "../_shared/runtime.ts";
import { type FlagsSchema, parseFlags } from "./_flags.ts";
import { taskHelp, usage, type UsageSpec } from "./_usage.ts";

/** Where a task writes: stdout lines (`out`) and stderr lines (`err`). */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /**
   * Given, `--help` also hands over the task's spec (name, flags schema, positional
   * argument, examples): for tools and tests that read a task's flags.
   */
  help?(spec: UsageSpec): void;
}

/** The terminal: `console.log` / `console.error`. */
export const consoleIo: CliIo = {
  out: (t) => console.log(t),
  err: (t) => console.error(t),
};

/**
 * Print an error and return its exit code: 2 for bad flags or config (`ConfigError`),
 * 1 for anything else (data, too little data, run errors).
 *
 * @param e The thrown value.
 * @param io Where to print.
 * @returns 2 or 1.
 */
export function reportError(e: unknown, io: CliIo): number {
  io.err(e instanceof Error ? e.message : String(e));
  return e instanceof ConfigError ? 2 : 1;
}

/** A task: its name, flags schema, positional argument, help texts and body. */
export interface TaskSpec<S extends FlagsSchema> extends UsageSpec {
  /** The flags (camelCase keys; flags are their kebab-case). */
  readonly flags: S;
  /** Run with parsed flags; returns the exit code. */
  readonly run: (flags: z.output<S>, io: CliIo) => Promise<number>;
}

/** True when the arguments ask for help (`--help` or `-h`). */
export function wantsHelp(args: readonly string[]): boolean {
  return args.includes("--help") || args.includes("-h");
}

/**
 * Run a task: `--help` (or `-h`) prints the usage generated from the flags schema (exit
 * 0; with `--json`, the same as JSON); bad flags exit 2 with one line naming the flag
 * (with no arguments at all, the usage follows it); any error is printed once, without a
 * stack trace, and exits 1 (2 for a config error).
 *
 * @param args Command-line arguments.
 * @param io Output sink.
 * @param spec The task.
 * @returns The exit code.
 */
export async function runTask<S extends FlagsSchema>(
  args: readonly string[],
  io: CliIo,
  spec: TaskSpec<S>,
): Promise<number> {
  if (wantsHelp(args)) {
    io.help?.(spec);
    io.out(
      args.includes("--json")
        ? JSON.stringify(taskHelp(spec), null, 2)
        : usage(spec),
    );
    return 0;
  }
  let flags: z.output<S>;
  try {
    flags = parseFlags(args, spec.flags, spec);
  } catch (e) {
    const code = reportError(e, io);
    if (args.length === 0) io.err(`\n${usage(spec)}`);
    return code;
  }
  try {
    return await spec.run(flags, io);
  } catch (e) {
    return reportError(e, io);
  }
}

/** Run a task's `main` as a script: exit with its code (1 on an unexpected throw). */
export async function runAsScript(
  main: (args: string[], io: CliIo) => Promise<number>,
): Promise<never> {
  try {
    exit(await main(args(), consoleIo));
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    exit(1);
  }
}
