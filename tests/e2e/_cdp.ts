/**
 * A minimal Chrome DevTools Protocol client over Deno's global WebSocket: launch headless
 * Chromium, open pages in flattened target sessions, collect events.
 */

/** A CDP event with the session it came from. */
export interface CdpEvent {
  method: string;
  params: Record<string, unknown>;
  sessionId?: string;
}

/** Path of the Chromium binary (Debian's `chromium` on PATH), or null when not installed. */
export function findChromium(): string | null {
  const dirs = (Deno.env.get("PATH") ?? "").split(":").filter(Boolean);
  const candidates = [
    ...dirs.flatMap((d) => [`${d}/chromium`, `${d}/chromium-browser`]),
    "/usr/bin/chromium",
  ];
  for (const p of candidates) {
    try {
      if (Deno.statSync(p).isFile) return p;
    } catch { /* not there */ }
  }
  return null;
}

/** A running headless browser with one WebSocket to its browser target. */
export class Browser {
  #proc: Deno.ChildProcess;
  #ws: WebSocket;
  #id = 0;
  #pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void }
  >();
  #listeners: ((e: CdpEvent) => void)[] = [];
  #profile: string;

  private constructor(proc: Deno.ChildProcess, ws: WebSocket, profile: string) {
    this.#proc = proc;
    this.#ws = ws;
    this.#profile = profile;
    ws.onmessage = (m) => {
      const msg = JSON.parse(String(m.data));
      if (typeof msg.id === "number") {
        const p = this.#pending.get(msg.id);
        this.#pending.delete(msg.id);
        if (msg.error) {
          p?.reject(new Error(`CDP error: ${JSON.stringify(msg.error)}`));
        } else p?.resolve(msg.result);
      } else if (msg.method) {
        for (const l of this.#listeners) l(msg as CdpEvent);
      }
    };
  }

  /** Launch Chromium headless with remote debugging on a free port and connect. */
  static async launch(binary: string): Promise<Browser> {
    const profile = await Deno.makeTempDir({ prefix: "chromium-profile-" });
    const proc = new Deno.Command(binary, {
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--no-first-run",
        "--remote-debugging-port=0",
        `--user-data-dir=${profile}`,
        "about:blank",
      ],
      stdout: "null",
      stderr: "piped",
    }).spawn();
    const url = await devtoolsUrl(proc.stderr);
    const ws = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      ws.onopen = () => resolve();
      ws.onerror = (e) =>
        reject(
          new Error(`Cannot connect to ${url}: ${(e as ErrorEvent).message}`),
        );
    });
    return new Browser(proc, ws, profile);
  }

  /** Send a command (optionally to a page session) and await its result. */
  send(
    method: string,
    params: Record<string, unknown> = {},
    sessionId?: string,
  ): Promise<Record<string, unknown>> {
    const id = ++this.#id;
    this.#ws.send(
      JSON.stringify({
        id,
        method,
        params,
        ...(sessionId ? { sessionId } : {}),
      }),
    );
    return new Promise((resolve, reject) => {
      this.#pending.set(id, {
        resolve: (v) => resolve(v as Record<string, unknown>),
        reject,
      });
    });
  }

  /** Subscribe to events; returns the unsubscribe function. */
  on(listener: (e: CdpEvent) => void): () => void {
    this.#listeners.push(listener);
    return () => {
      this.#listeners = this.#listeners.filter((l) => l !== listener);
    };
  }

  /** Close the browser, the socket and the process; remove the profile. */
  async close(): Promise<void> {
    try {
      await Promise.race([
        this.send("Browser.close"),
        new Promise((r) => setTimeout(r, 2000)),
      ]);
    } catch { /* already closing */ }
    this.#ws.close();
    try {
      this.#proc.kill("SIGKILL");
    } catch { /* exited */ }
    await this.#proc.status;
    await Deno.remove(this.#profile, { recursive: true }).catch(() => {});
  }
}

/** Read stderr until "DevTools listening on ws://..." and keep draining it afterwards. */
async function devtoolsUrl(
  stderr: ReadableStream<Uint8Array>,
): Promise<string> {
  const reader = stderr.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    const m = /DevTools listening on (ws:\/\/\S+)/.exec(text);
    if (m) {
      (async () => {
        while (!(await reader.read()).done) { /* drain */ }
      })();
      return m[1];
    }
  }
  throw new Error(
    `Chromium did not print its DevTools URL; stderr:\n${text.slice(0, 2000)}`,
  );
}
