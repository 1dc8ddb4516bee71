import { mkdir, writeFile } from "node:fs/promises";
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
 * import { readFile, rm } from "node:fs/promises";
 * import { makeTempDir } from "../_shared/runtime.ts";
 * import { writeReport } from "./write_report.ts";
 * const dir = await makeTempDir();
 * await writeReport(`${dir}/a/b.html`, "<p>x</p>");
 * assert.equal(await readFile(`${dir}/a/b.html`, "utf8"), "<p>x</p>");
 * await rm(dir, { recursive: true });
 * ```
 */
export async function writeReport(path: string, html: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, html);
}
