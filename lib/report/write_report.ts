import { dirname } from "node:path";

/**
 * Write a rendered report to disk, creating parent folders (the only I/O of lib/report).
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
  await Deno.writeTextFile(path, html);
}
