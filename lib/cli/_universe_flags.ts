/**
 * Universes as task input: `--symbols A,B,C`, `--symbols @file.txt` (a path relative to
 * where the command ran, like every path flag) and `--universe NAME` (a named universe of
 * the store, `deno task universe add`). Every research task that takes symbols uses these.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { expects } from "../_shared/expected.ts";
import { isSymbol, SYMBOL_RULE, symbolList } from "../_shared/schemas.ts";
import type { DbEngine } from "../data/mod.ts";
import { loadUniverse } from "../store/mod.ts";
import { resolveUserPath } from "./_paths.ts";

/** A universe's name: letters, digits, `.`, `_`, `-`; at most 64 characters. */
export const UniverseNameSchema: z.ZodType<string, z.ZodTypeDef, string> = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
    "a universe name: letters, digits, '.', '_' or '-' (at most 64, not starting with a sign)",
  );

/**
 * The symbols of a universe file: separated by commas, spaces or new lines; `#` starts a
 * comment that runs to the end of its line; duplicates are dropped (first kept).
 *
 * @param text The file's text.
 * @param file The file's name, for messages.
 * @returns The symbols, or the first problem (`line N: ...`).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseSymbolsFile } from "./_universe_flags.ts";
 * assert.deepEqual(parseSymbolsFile("AAPL, MSFT\n# tech\nBRK.B AAPL\n", "u.txt"), { symbols: ["AAPL", "MSFT", "BRK.B"] });
 * assert.match(parseSymbolsFile("AAPL\n../x\n", "u.txt").error!, /u\.txt line 2: "\.\.\/x"/);
 * ```
 */
export function parseSymbolsFile(
  text: string,
  file: string,
): { symbols?: string[]; error?: string } {
  const out: string[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/#.*$/, "");
    for (const item of line.split(/[\s,]+/).filter((s) => s !== "")) {
      if (!isSymbol(item)) {
        return {
          error: `${file} line ${
            i + 1
          }: "${item}" is not a symbol (${SYMBOL_RULE})`,
        };
      }
      out.push(item);
    }
  }
  return { symbols: [...new Set(out)] };
}

/**
 * The `--symbols` flag: `A,B,C` (lib/_shared `symbolList`), or `@file` naming a file of
 * symbols (see {@linkcode parseSymbolsFile}; relative to the directory the command ran
 * from).
 *
 * @param min Fewest distinct symbols. @default 1
 * @returns The flag's schema (distinct symbols, in order).
 */
export function symbolsFlag(
  min = 1,
): z.ZodType<string[], z.ZodTypeDef, string> {
  const fromFile = z.string().transform((text, ctx) => {
    if (!text.startsWith("@")) return text;
    const path = resolveUserPath(text.slice(1));
    const fail = (message: string) => {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message });
      return z.NEVER;
    };
    let body: string;
    try {
      body = readFileSync(path, "utf8");
    } catch (e) {
      return fail(
        `a readable file of symbols after @; cannot read ${path}: ${
          (e as Error).message.split("\n")[0]
        }`,
      );
    }
    const parsed = parseSymbolsFile(body, path);
    if (parsed.error) return fail(`symbols: ${parsed.error}`);
    if (parsed.symbols!.length === 0) return fail(`symbols: ${path} has none`);
    return parsed.symbols!.join(",");
  });
  return expects(fromFile.pipe(symbolList(min)), {
    text: `${
      min > 1 ? `at least ${min} ` : ""
    }comma-separated symbols, or @file of symbols`,
    placeholder: "A,B,..|@FILE",
  });
}

/** `--symbols` and `--universe` for a task that runs on a universe. */
export const universeFlags = {
  symbols: symbolsFlag().optional().describe(
    "symbols as A,B,C or @file.txt (one file of symbols; # comments)",
  ),
  universe: UniverseNameSchema.optional().describe(
    "a named universe of the store (deno task universe list)",
  ),
};

/** Refinement: `--symbols` and `--universe` are alternatives. */
export function oneUniverse(
  f: { symbols?: unknown; universe?: unknown },
  ctx: z.RefinementCtx,
): void {
  if (f.symbols !== undefined && f.universe !== undefined) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ["universe"],
      message: "either --symbols or --universe, not both",
    });
  }
}

/**
 * The symbols the flags name: `--symbols`, or the members of `--universe` (an unknown
 * name is an error listing the stored ones), or null when neither is given.
 *
 * @param db The store.
 * @param f Parsed flags.
 * @returns Symbols in order, or null.
 */
export async function resolveSymbols(
  db: DbEngine,
  f: { readonly symbols?: readonly string[]; readonly universe?: string },
): Promise<string[] | null> {
  if (f.symbols !== undefined) return [...f.symbols];
  if (f.universe === undefined) return null;
  return [...await loadUniverse(db, f.universe)];
}
