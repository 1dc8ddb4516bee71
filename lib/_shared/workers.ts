/**
 * Worker threads on either runtime: the Web Worker API where the runtime has it (Deno),
 * `node:worker_threads` otherwise (Node). Both sides (the spawner and the worker's own
 * port) go through here, so no other file depends on the runtime's worker API.
 *
 * @module
 */

/** A started worker. */
export interface WorkerHandle {
  /** Send a message; the `transfer` buffers move to the worker (no copy). */
  post(message: unknown, transfer?: ArrayBuffer[]): void;
  /** Called with each message the worker sends. */
  onMessage(fn: (data: unknown) => void): void;
  /** Called when the worker fails outside any message handler. */
  onError(fn: (error: Error) => void): void;
  /** Stop the worker. */
  terminate(): void;
}

/** The worker's side: its messages in, its replies out. */
export interface WorkerPort {
  onMessage(fn: (data: unknown) => void): void;
  post(message: unknown, transfer?: ArrayBuffer[]): void;
}

interface NodeWorkerLike {
  postMessage(m: unknown, t?: ArrayBuffer[]): void;
  on(event: string, fn: (x: unknown) => void): void;
  terminate(): unknown;
}

/**
 * Start a module worker from `url`.
 *
 * @param url The worker module (`new URL("./x.ts", import.meta.url)`).
 * @returns A handle.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { spawnWorker } from "./workers.ts";
 * const src = `self.onmessage = (e) => self.postMessage(e.data * 2);`;
 * const w = await spawnWorker(new URL(`data:text/javascript,${encodeURIComponent(src)}`));
 * const reply = new Promise((resolve) => w.onMessage(resolve));
 * w.post(21);
 * assert.equal(await reply, 42);
 * w.terminate();
 * ```
 */
export async function spawnWorker(url: URL): Promise<WorkerHandle> {
  if (typeof globalThis.Worker === "function") {
    const w = new Worker(url.href, { type: "module" });
    return {
      post: (m, t) => w.postMessage(m, t ?? []),
      onMessage: (fn) => w.onmessage = (e: MessageEvent) => fn(e.data),
      onError: (fn) =>
        w.onerror = (e: ErrorEvent) => {
          e.preventDefault();
          fn(new Error(e.message));
        },
      terminate: () => w.terminate(),
    };
  }
  const { Worker: NodeWorker } = await import("node:worker_threads");
  const w = new NodeWorker(url) as unknown as NodeWorkerLike;
  return {
    post: (m, t) => w.postMessage(m, t ?? []),
    onMessage: (fn) => w.on("message", fn),
    onError: (fn) => w.on("error", (e) => fn(e as Error)),
    terminate: () => void w.terminate(),
  };
}

/**
 * The current worker's port (call inside a worker module).
 *
 * @returns The port.
 */
export async function workerPort(): Promise<WorkerPort> {
  const self_ = globalThis as unknown as {
    postMessage?: (m: unknown, t?: ArrayBuffer[]) => void;
    onmessage?: (e: MessageEvent) => void;
  };
  if (typeof self_.postMessage === "function" && "onmessage" in self_) {
    return {
      onMessage: (fn) => self_.onmessage = (e: MessageEvent) => fn(e.data),
      post: (m, t) => self_.postMessage!(m, t ?? []),
    };
  }
  const { parentPort } = await import("node:worker_threads");
  if (!parentPort) throw new Error("workerPort() called outside a worker");
  return {
    onMessage: (fn) => parentPort.on("message", fn),
    post: (m, t) => parentPort.postMessage(m, t ?? []),
  };
}
