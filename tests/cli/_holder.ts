/**
 * Test helper: a real process that holds a store (DuckDB's file lock), for the tests of
 * what tasks do when another process has the store open.
 */
const ROOT = new URL("../..", import.meta.url).pathname;

export interface Holder {
  readonly child: Deno.ChildProcess;
  /** Resolves when both output streams have ended. */
  readonly drained: Promise<unknown>;
}

/** The process holds a POSIX lock on `path` (DuckDB's file lock), per /proc/locks. */
async function locks(path: string, pid: number): Promise<boolean> {
  let ino: number | null;
  try {
    ino = (await Deno.stat(path)).ino;
  } catch {
    return false; // not created yet
  }
  const table = await Deno.readTextFile("/proc/locks");
  return table.split("\n").some((l) => {
    const f = l.trim().split(/\s+/);
    return f[1] === "POSIX" && f[4] === String(pid) &&
      f[5]?.endsWith(`:${ino}`);
  });
}

/** Spawn deno with `args` (output drained) and resolve once it holds `db` (60 s at most). */
export async function holder(args: string[], db: string): Promise<Holder> {
  const child = new Deno.Command(Deno.execPath(), {
    args,
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
  const dec = new TextDecoder();
  let seen = "";
  const drain = async (s: ReadableStream<Uint8Array>) => {
    for await (const chunk of s) seen = (seen + dec.decode(chunk)).slice(-2000);
  };
  const drained = Promise.all([drain(child.stdout), drain(child.stderr)]);
  for (let waited = 0; !(await locks(db, child.pid)); waited += 100) {
    if (waited > 60_000) {
      child.kill("SIGKILL");
      await child.status;
      await drained;
      throw new Error(`${args.join(" ")} never locked ${db}: ${seen}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, drained };
}

export async function stop(h: Holder): Promise<void> {
  h.child.kill("SIGKILL");
  await h.child.status;
  await h.drained;
}
