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
 * import { writeReport } from "./write_report.ts";
 * const dir = await Deno.makeTempDir();
 * await writeReport(`${dir}/a/b.html`, "<p>x</p>");
 * assert.equal(await Deno.readTextFile(`${dir}/a/b.html`), "<p>x</p>");
 * ```
 */
export async function writeReport(path: string, html: string): Promise<void> {
  await Deno.mkdir(dirname(path), { recursive: true });
  const base = basename(path);
  // `<page>.<uuid>.tmp`: what a writer killed before its rename left behind
  const stale = (name: string) =>
    name.length === base.length + 41 && name.startsWith(`${base}.`) &&
    name.endsWith(".tmp");
  for await (const e of Deno.readDir(dirname(path))) {
    if (e.isFile && stale(e.name)) {
      await Deno.remove(join(dirname(path), e.name)).catch(() => {});
    }
  }
  const tmp = `${path}.${crypto.randomUUID()}.tmp`;
  try {
    await Deno.writeTextFile(tmp, html);
    await Deno.rename(tmp, path);
  } catch (e) {
    await Deno.remove(tmp).catch(() => {});
    throw e;
  }
}
