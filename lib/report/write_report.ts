import { mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * Write a rendered report to disk, creating parent folders (the only I/O of lib/report).
 * The page is written to a temporary file next to it and renamed into place, so a
 * reader never sees half a page; temporary files a killed writer left for the same page
 * are removed.
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
  const base = basename(path);
  // `<page>.<uuid>.tmp`: what a writer killed before its rename left behind
  const stale = (name: string) =>
    name.length === base.length + 41 && name.startsWith(`${base}.`) &&
    name.endsWith(".tmp");
  for (const e of await readdir(dirname(path), { withFileTypes: true })) {
    if (e.isFile() && stale(e.name)) {
      await rm(join(dirname(path), e.name), { force: true }).catch(() => {});
    }
  }
  const tmp = `${path}.${crypto.randomUUID()}.tmp`;
  try {
    await writeFile(tmp, html);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => {});
    throw e;
  }
}
