/** Test helper: follow a child process's stderr (progress lines) to kill it at a point. */

/**
 * Resolve once the child's stderr shows `text`; throws when the child ends first. The
 * stream is released and cancelled afterwards (the child must not block on a full pipe).
 */
export async function waitForStderr(
  child: Deno.ChildProcess,
  text: string,
): Promise<void> {
  const dec = new TextDecoder();
  let buf = "";
  const reader = child.stderr.getReader();
  try {
    while (!buf.includes(text)) {
      const { value, done } = await reader.read();
      if (done) {
        throw new Error(
          `the process ended before printing "${text}": ${buf.slice(-500)}`,
        );
      }
      buf += dec.decode(value);
    }
  } finally {
    reader.releaseLock();
    child.stderr.cancel().catch(() => {});
  }
}
