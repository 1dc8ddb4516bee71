/**
 * The runtime edge: what the lib needs from the process it runs in, the same on Deno 2.9
 * and Node 20+. Files, paths and the clock come straight from `node:` built-ins (which
 * Deno implements); what the two runtimes spell differently lives here and only here: the
 * command-line arguments, the environment, subprocesses, terminals, signals, the exit,
 * temporary files and worker threads. No other file of lib/ may touch the `Deno` global
 * (`tests/architecture_test.ts` enforces it), so the built npm package
 * (`deno task build:npm`) runs the same code under Node and tslab.
 *
 * Workers: {@linkcode spawnWorker} starts a module as a web `Worker` on Deno and a
 * `node:worker_threads` Worker on Node, and {@linkcode connectParent} is the worker's side.
 * Both speak structured-clone messages and transfer `ArrayBuffer`s. A worker module is
 * named with `new URL("./x_worker.ts", import.meta.url)` in the source; in the compiled
 * package the same call finds `x_worker.js`.
 *
 * @module
 */
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { mkdtemp, open } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { isatty } from "node:tty";
import { fileURLToPath } from "node:url";
import {
  parentPort as nodeParentPort,
  Worker as NodeWorker,
} from "node:worker_threads";

/** The part of the `Deno` global this module reads (typed here so Node builds need no Deno types). */
interface DenoGlobal {
  readonly args: readonly string[];
  readonly version: { readonly deno: string };
}

const DENO: DenoGlobal | undefined = (globalThis as { Deno?: DenoGlobal })
  .Deno;

/** The runtime running this process. */
export const RUNTIME: "deno" | "node" = DENO === undefined ? "node" : "deno";

/** `deno 2.9.6` or `node 20.20.2`: the runtime and its version, for manifests and messages. */
export function runtimeVersion(): string {
  return DENO === undefined
    ? `node ${process.versions.node}`
    : `deno ${DENO.version.deno}`;
}

/**
 * The script's command-line arguments (after the script name).
 *
 * @returns The arguments, as given.
 */
export function args(): string[] {
  return DENO === undefined ? process.argv.slice(2) : [...DENO.args];
}

/**
 * End the process with an exit code.
 *
 * @param code 0 ok, 1 a run error, 2 bad flags (see lib/cli).
 */
export function exit(code: number): never {
  process.exit(code);
}

/**
 * An environment variable; undefined when unset or when the process may not read the
 * environment (Deno without `--allow-env`).
 *
 * @param name The variable.
 * @returns Its value, or undefined.
 */
export function env(name: string): string | undefined {
  try {
    return process.env[name];
  } catch {
    return undefined;
  }
}

/**
 * A copy of the whole environment (empty when it may not be read).
 *
 * @returns `name -> value`.
 */
export function envObject(): Record<string, string> {
  try {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) {
      if (v !== undefined) out[k] = v;
    }
    return out;
  } catch {
    return {};
  }
}

/** The working directory of the process. */
export function cwd(): string {
  return process.cwd();
}

/** The id of this process. */
export function pid(): number {
  return process.pid;
}

/** The absolute path of the running `deno` or `node` executable. */
export function execPath(): string {
  return process.execPath;
}

/** Logical CPUs this process may use (at least 1). */
export function cpuCount(): number {
  return Math.max(1, availableParallelism());
}

/** The effective user id (0 = root), or null where there is none (Windows). */
export function userId(): number | null {
  return typeof process.getuid === "function" ? process.getuid() : null;
}

const FDS = { stdin: 0, stdout: 1, stderr: 2 } as const;

/**
 * True when a standard stream is a terminal (progress lines are drawn only there).
 *
 * @param stream `stdin`, `stdout` or `stderr`.
 * @returns Whether it is a TTY.
 */
export function isTerminal(stream: keyof typeof FDS): boolean {
  return isatty(FDS[stream]);
}

/**
 * Write text to stderr now (synchronously; no newline added), e.g. a progress line
 * redrawn with `\r`.
 *
 * @param text The text.
 */
export function writeStderr(text: string): void {
  writeFileSync(2, text);
}

/**
 * Call `handler` when the process receives `signal`, instead of the default (ending it).
 *
 * @param signal `SIGINT` (Ctrl-C) or `SIGTERM`.
 * @param handler What to do.
 * @returns A function that removes the handler (the default comes back).
 */
export function onSignal(
  signal: "SIGINT" | "SIGTERM",
  handler: () => void,
): () => void {
  process.on(signal, handler);
  return () => {
    process.off(signal, handler);
  };
}

/**
 * True when `e` says a file or program does not exist (`ENOENT`, on either runtime).
 *
 * @param e A thrown value.
 * @returns Whether it is a not-found error.
 */
export function isNotFound(e: unknown): boolean {
  return (e as { code?: unknown } | null)?.code === "ENOENT";
}

/**
 * Create a new, empty directory under the system's temporary folder.
 *
 * @param prefix Start of its name, e.g. `tradelab-w3-`.
 * @returns Its absolute path.
 */
export function makeTempDir(prefix = "tradelab-"): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/**
 * Create a new, empty file under the system's temporary folder (never an existing one).
 *
 * @param options Start and end of its name (`.csv`).
 * @returns Its absolute path.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rm, writeFile, readFile } from "node:fs/promises";
 * import { makeTempFile } from "./runtime.ts";
 * const path = await makeTempFile({ suffix: ".csv" });
 * await writeFile(path, "a,b\n");
 * assert.equal(await readFile(path, "utf8"), "a,b\n");
 * await rm(path);
 * ```
 */
export async function makeTempFile(
  options: { readonly prefix?: string; readonly suffix?: string } = {},
): Promise<string> {
  const path = join(
    tmpdir(),
    `${options.prefix ?? "tradelab-"}${crypto.randomUUID()}${
      options.suffix ?? ""
    }`,
  );
  await (await open(path, "wx", 0o600)).close();
  return path;
}

/** What a finished command returned. */
export interface CommandResult {
  /** Exit code; 127 when the program could not be started. */
  readonly code: number;
  /** The program was not found (`code` is then 127). */
  readonly notFound: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of {@linkcode runCommand}. */
export interface RunCommandOptions {
  /** Where to run it. @default the working directory */
  readonly cwd?: string | URL;
  /** Variables added to this process's environment. @default none */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Write its stdout and stderr to this process's as they come (the result's `stdout`
   * and `stderr` are then empty). @default false: captured
   */
  readonly inherit?: boolean;
}

/**
 * Run `cmd args...` to completion with stdin closed and stdout and stderr captured as
 * text (or passed through, `inherit`). A program that cannot be started gives code 127 and the reason on stderr (never
 * a throw).
 *
 * @param cmd Program name (looked up on `PATH`) or path.
 * @param argv Its arguments.
 * @param options Working directory and added environment variables.
 * @returns Exit code, stdout and stderr.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runCommand } from "./runtime.ts";
 * const r = await runCommand("git", ["--version"]);
 * assert.equal(r.code, 0);
 * assert.match(r.stdout, /^git version/);
 * assert.equal((await runCommand("no-such-program-42", [])).notFound, true);
 * ```
 */
export function runCommand(
  cmd: string,
  argv: readonly string[],
  options: RunCommandOptions = {},
): Promise<CommandResult> {
  const cwdPath = options.cwd instanceof URL
    ? fileURLToPath(options.cwd)
    : options.cwd;
  return new Promise((resolve) => {
    const out: Uint8Array[] = [], err: Uint8Array[] = [];
    let settled = false;
    const done = (r: CommandResult) => {
      if (!settled) resolve(r);
      settled = true;
    };
    const child = spawn(cmd, [...argv], {
      cwd: cwdPath,
      env: options.env ? { ...envObject(), ...options.env } : undefined,
      stdio: [
        "ignore",
        options.inherit ? "inherit" : "pipe",
        options.inherit ? "inherit" : "pipe",
      ],
    });
    child.stdout?.on("data", (c: Uint8Array) => out.push(c));
    child.stderr?.on("data", (c: Uint8Array) => err.push(c));
    child.on("error", (e) =>
      done({
        code: 127,
        notFound: isNotFound(e),
        stdout: "",
        stderr: `Cannot start ${cmd}: ${e.message}`,
      }));
    child.on("close", (code, signal) =>
      done({
        code: code ?? (signal === null ? 1 : 128 + signalNumber(signal)),
        notFound: false,
        stdout: decode(out),
        stderr: decode(err),
      }));
  });
}

function decode(chunks: readonly Uint8Array[]): string {
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  return new TextDecoder().decode(all);
}

function signalNumber(signal: string): number {
  return { SIGINT: 2, SIGKILL: 9, SIGTERM: 15 }[signal] ?? 0;
}

// --- workers -------------------------------------------------------------------------

/** A started worker thread (see {@linkcode spawnWorker}). */
export interface WorkerThread<Req> {
  /**
   * Send a message (structured clone); the `ArrayBuffer`s in `transfer` move to the
   * worker without a copy and are empty here afterwards.
   */
  post(message: Req, transfer?: readonly ArrayBuffer[]): void;
  /** Stop the worker (pending messages are dropped). */
  terminate(): Promise<void>;
}

/** What a spawned worker calls back with. */
export interface WorkerHandlers<Res> {
  /** A message the worker posted. */
  onMessage(message: Res): void;
  /** The worker failed to load, threw outside a handled message, or exited on its own. */
  onError(error: Error): void;
}

/** The worker module for `url`: the compiled package holds `x.js` where the source has `x.ts`. */
function workerModule(url: URL): URL {
  if (!import.meta.url.endsWith(".js") || !url.pathname.endsWith(".ts")) {
    return url;
  }
  const js = new URL(url.href);
  js.pathname = js.pathname.replace(/\.ts$/, ".js");
  return js;
}

/** The web `Worker` as Deno provides it (typed locally: Node's types have none). */
interface WebWorker {
  onmessage: ((e: { data: unknown }) => void) | null;
  onerror:
    | ((e: { message: string; preventDefault(): void }) => void)
    | null;
  onmessageerror: ((e: unknown) => void) | null;
  postMessage(message: unknown, transfer: ArrayBuffer[]): void;
  terminate(): void;
}

/**
 * Start a module as a worker thread: a web `Worker` (module type) on Deno, a
 * `node:worker_threads` Worker on Node. The worker answers through
 * {@linkcode connectParent}.
 *
 * @param url The worker module: `new URL("./x_worker.ts", import.meta.url)`.
 * @param handlers Where its messages and failures go.
 * @returns The worker.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { writeFile, rm } from "node:fs/promises";
 * import { makeTempFile, spawnWorker } from "./runtime.ts";
 * const file = await makeTempFile({ suffix: ".js" });
 * const runtime = new URL("./runtime.ts", import.meta.url).href;
 * await writeFile(file, `import { connectParent } from "${runtime}";
 * const parent = connectParent((a) => parent.post(a.map((x) => 2 * x)));`);
 * const doubled = await new Promise<Float64Array>((resolve, reject) => {
 *   const w = spawnWorker<Float64Array, Float64Array>(new URL(`file://${file}`), {
 *     onMessage: (m) => { w.terminate(); resolve(m); },
 *     onError: reject,
 *   });
 *   w.post(Float64Array.of(1, 2.5));
 * });
 * assert.deepEqual([...doubled], [2, 5]);
 * await rm(file);
 * ```
 */
export function spawnWorker<Req, Res>(
  url: URL,
  handlers: WorkerHandlers<Res>,
): WorkerThread<Req> {
  const module = workerModule(url);
  if (DENO !== undefined) {
    const Web = (globalThis as unknown as {
      Worker: new (url: URL, o: { type: "module" }) => WebWorker;
    }).Worker;
    const w = new Web(module, { type: "module" });
    w.onmessage = (e) => handlers.onMessage(e.data as Res);
    w.onerror = (e) => {
      e.preventDefault(); // report it here instead of ending the spawning thread
      handlers.onError(new Error(`Worker ${module.href} failed: ${e.message}`));
    };
    w.onmessageerror = () =>
      handlers.onError(
        new Error(`Worker ${module.href} sent a message that cannot be read`),
      );
    return {
      post: (m, transfer = []) => w.postMessage(m, [...transfer]),
      terminate: () => Promise.resolve(w.terminate()),
    };
  }
  const w = new NodeWorker(module);
  let stopping = false;
  w.on("message", (m: Res) => handlers.onMessage(m));
  w.on(
    "error",
    (e: Error) =>
      handlers.onError(
        new Error(`Worker ${module.href} failed: ${e.message}`, { cause: e }),
      ),
  );
  w.on("exit", (code: number) => {
    if (!stopping && code !== 0) {
      handlers.onError(
        new Error(`Worker ${module.href} exited with code ${code}`),
      );
    }
  });
  return {
    post: (m, transfer = []) => w.postMessage(m, [...transfer]),
    terminate: async () => {
      stopping = true;
      await w.terminate();
    },
  };
}

/** The worker's side of {@linkcode spawnWorker}: messages to the spawning thread. */
export interface ParentThread<Res> {
  /** Send a message; the `ArrayBuffer`s in `transfer` move without a copy. */
  post(message: Res, transfer?: readonly ArrayBuffer[]): void;
}

/**
 * Inside a worker module: receive the spawning thread's messages and answer them.
 *
 * @param onMessage Called with each message.
 * @returns The way back to the spawning thread.
 */
export function connectParent<Req, Res>(
  onMessage: (message: Req) => void,
): ParentThread<Res> {
  if (nodeParentPort !== null) {
    const port = nodeParentPort;
    port.on("message", (m: Req) => onMessage(m));
    return { post: (m, transfer = []) => port.postMessage(m, [...transfer]) };
  }
  const self = globalThis as unknown as {
    onmessage: ((e: { data: unknown }) => void) | null;
    postMessage(message: unknown, transfer: ArrayBuffer[]): void;
  };
  if (typeof self.postMessage !== "function") {
    throw new Error(
      "connectParent() must run inside a worker started by spawnWorker()",
    );
  }
  self.onmessage = (e) => onMessage(e.data as Req);
  return { post: (m, transfer = []) => self.postMessage(m, [...transfer]) };
}
