/**
 * The check behind "nothing shown is NaN, Infinity or undefined": reports, console
 * output and executed notebooks are searched for the words, and the hits are named with
 * their context.
 */
import assert from "node:assert/strict";
import { parseHTML } from "linkedom";

const BAD = /\b(NaN|-?Infinity|undefined)\b/g;

/**
 * Fail when `text` shows NaN, Infinity or undefined, naming where and the context.
 *
 * @param text What a reader sees.
 * @param where File or output name, for the message.
 */
export function assertNoBadNumbers(text: string, where: string): void {
  const hits = [...text.matchAll(BAD)].slice(0, 5).map((m) =>
    JSON.stringify(text.slice(Math.max(0, m.index! - 60), m.index! + 20))
  );
  assert.equal(hits.length, 0, `${where} shows ${hits.join(", ")}`);
}

/** The text of the output areas of a notebook rendered by nbconvert (not its code). */
export function notebookOutputText(html: string): string {
  const { document } = parseHTML(html);
  return [...document.querySelectorAll(".jp-OutputArea")].map((e) =>
    e.textContent ?? ""
  ).join("\n");
}

/** Every file under `dir` (recursively) whose name ends with one of `exts`. */
export async function filesUnder(
  dir: string,
  exts: readonly string[],
): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(dir)) {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory) out.push(...(await filesUnder(p, exts)));
    else if (exts.some((x) => e.name.endsWith(x))) out.push(p);
  }
  return out.sort();
}
