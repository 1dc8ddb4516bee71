/**
 * Report paths as a task prints them: one line per page, except the weekly pages
 * (`<out>/weekly/*.html`, dozens after a replay), which become one line with their
 * count and the weekly index once there are more than {@linkcode WEEKLY_LISTED}. The
 * full list stays in each task's `--json` output and in the weekly index.
 *
 * @module
 */
import { basename, dirname, join } from "node:path";

/** Weekly pages listed one by one; more are counted. */
export const WEEKLY_LISTED = 3;

function isWeeklyPage(path: string): boolean {
  return basename(dirname(path)) === "weekly" &&
    basename(path) !== "index.html";
}

/**
 * The lines that show `paths`.
 *
 * @param paths Written report files, in order.
 * @returns One line per page, the weekly pages counted when many.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { writtenLines } from "./_written.ts";
 * const weeks = ["W01", "W02", "W03", "W04"].map((w) => `r/weekly/s-2020-${w}.html`);
 * assert.deepEqual(
 *   writtenLines(["r/phase1.html", ...weeks, "r/weekly/index.html"]),
 *   ["r/phase1.html", "4 weekly reports, index: r/weekly/index.html"],
 * );
 * assert.deepEqual(writtenLines(weeks.slice(0, 1)), weeks.slice(0, 1));
 * ```
 */
export function writtenLines(paths: readonly string[]): string[] {
  const pages = paths.filter(isWeeklyPage);
  if (pages.length <= WEEKLY_LISTED) return [...paths];
  const index = join(dirname(pages[0]), "index.html");
  const out: string[] = [];
  for (const p of paths) {
    if (p === pages[0]) {
      out.push(`${pages.length} weekly reports, index: ${index}`);
    } else if (!isWeeklyPage(p) && p !== index) out.push(p);
  }
  return out;
}
