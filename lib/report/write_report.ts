import { dirname } from "node:path";

/**
 * Write a rendered report to disk, creating parent folders (the only I/O of lib/report).
 * The page is written to a temporary file next to it and renamed into place, so a
 * reader (or a process killed mid-write) never sees half a page.
 *
 * @param path Output file path.
 * @param html The HTML string from `renderHtml`.
 * @returns Resolves when written.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { writeReport } from "./write_report.ts";
 * const dir = await Deno.makeTempDir();
 * await writeReport(`${dir}/a/b.html`, "<p>x</p>");
 * assert.equal(await Deno.readTextFile(`${dir}/a/b.html`), "<p>x</p>");
 * ```
 */
export async function writeReport(path: string, html: string): Promise<void> {
  await Deno.mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${crypto.randomUUID()}.tmp`;
  try {
    await Deno.writeTextFile(tmp, html);
    await Deno.rename(tmp, path);
  } catch (e) {
    await Deno.remove(tmp).catch(() => {});
    throw e;
  }
}
