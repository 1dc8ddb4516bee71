/**
 * `deno task universe`: named universes in the store.
 *
 *   deno task universe add NAME A,B,C|@file.txt [--db P]
 *   deno task universe add NAME --from-store [--db P]
 *   deno task universe list [--db P] [--json]
 *   deno task universe show NAME [--db P] [--json]
 *   deno task universe remove NAME [--db P]
 *
 * A universe is an ordered list of symbols; every research task takes it as
 * `--universe NAME` (or the symbols themselves as `--symbols A,B,C` / `--symbols @file`).
 * `add` replaces a universe of the same name; `--from-store` takes every daily symbol the
 * store holds bars of. Exit codes: 0 ok, 1 unknown universe or store error, 2 bad flags.
 *
 * @module
 */
import { z } from "zod";
import { listSymbols, MONTHLY_SUFFIX } from "../data/mod.ts";
import {
  jsonText,
  listUniverses,
  loadUniverse,
  removeUniverse,
  saveUniverse,
  withStore,
} from "../store/mod.ts";
import { type CliIo, consoleIo, runAsScript, runTask } from "./_cli.ts";
import { dbPathFlag } from "./_paths.ts";
import { symbolsFlag, UniverseNameSchema } from "./_universe_flags.ts";

const ACTIONS = ["add", "list", "show", "remove"] as const;

/** Flags of `deno task universe`; the positionals are `action NAME [SYMBOLS]`. */
export const UniverseFlagsSchema = z.strictObject({
  args: z.array(z.string()).min(1, "an action: add, list, show or remove"),
  fromStore: z.boolean().default(false).describe(
    "add: every daily symbol in the store",
  ),
  db: dbPathFlag(),
  json: z.boolean().default(false).describe("print one JSON object"),
}).transform((f, ctx) => {
  const [action, name, symbols, ...rest] = f.args;
  const issue = (message: string, path = "args") => {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
    return z.NEVER;
  };
  if (!(ACTIONS as readonly string[]).includes(action)) {
    return issue(`an action: ${ACTIONS.join(", ")}; got "${action}"`);
  }
  const a = action as (typeof ACTIONS)[number];
  if (a === "list") {
    return name === undefined
      ? { action: a, name: "", symbols: null, ...f }
      : issue(`no argument after list, got "${name}"`);
  }
  const n = UniverseNameSchema.safeParse(name ?? "");
  if (!n.success) {
    return issue(
      `${a} NAME: ${n.error.issues[0].message}; got "${name ?? ""}"`,
    );
  }
  if (rest.length > 0) return issue(`at most ${a} NAME SYMBOLS, got more`);
  if (a !== "add") {
    return symbols === undefined
      ? { action: a, name: n.data, symbols: null, ...f }
      : issue(`${a} takes only NAME, got "${symbols}"`);
  }
  if (f.fromStore === (symbols !== undefined)) {
    return issue("add NAME with either A,B,C / @file.txt or --from-store");
  }
  if (symbols === undefined) {
    return { action: a, name: n.data, symbols: null, ...f };
  }
  const s = symbolsFlag().safeParse(symbols);
  if (!s.success) {
    return issue(`add NAME SYMBOLS: ${s.error.issues[0].message}`);
  }
  return { action: a, name: n.data, symbols: s.data, source: symbols, ...f };
});
type Flags = z.output<typeof UniverseFlagsSchema>;

async function run(f: Flags, io: CliIo): Promise<number> {
  return await withStore(f.db, async (db) => {
    if (f.action === "list") {
      const all = await listUniverses(db);
      if (f.json) io.out(jsonText({ universes: all }));
      else if (all.length === 0) {
        io.out(
          "No universe stored; add one with `deno task universe add NAME A,B,C`",
        );
      } else {
        const w = Math.max(4, ...all.map((u) => u.name.length));
        io.out(
          `${"name".padEnd(w)}  symbols  updated                   source`,
        );
        for (const u of all) {
          io.out(
            `${u.name.padEnd(w)}  ${String(u.symbols).padStart(7)}  ${
              u.updatedAt.padEnd(24)
            }  ${u.source}`,
          );
        }
      }
      return 0;
    }
    if (f.action === "show") {
      const symbols = await loadUniverse(db, f.name);
      io.out(f.json ? jsonText({ name: f.name, symbols }) : symbols.join("\n"));
      return 0;
    }
    if (f.action === "remove") {
      if (!(await removeUniverse(db, f.name))) {
        await loadUniverse(db, f.name); // throws: unknown universe, listing the stored ones
      }
      io.out(`Removed universe ${f.name}`);
      return 0;
    }
    const symbols = f.symbols ??
      (await listSymbols(db)).map((s) => s.symbol).filter((s) =>
        !s.endsWith(MONTHLY_SUFFIX)
      );
    const source = f.symbols === null
      ? "store"
      : "source" in f && f.source.startsWith("@")
      ? `file ${f.source.slice(1)}`
      : "list";
    const replaced = await saveUniverse(db, f.name, symbols, {
      source,
      at: new Date().toISOString(),
    });
    io.out(
      `${
        replaced ? "Replaced" : "Added"
      } universe ${f.name}: ${symbols.length} symbol${
        symbols.length === 1 ? "" : "s"
      }`,
    );
    return 0;
  });
}

/**
 * Run the task.
 *
 * @param args Command-line arguments.
 * @param io Output sink. @default the console
 * @returns Exit code: 0 ok, 1 unknown universe or store error, 2 bad flags.
 */
export function main(args: string[], io: CliIo = consoleIo): Promise<number> {
  return runTask(args, io, {
    name: "universe",
    flags: UniverseFlagsSchema,
    positional: {
      key: "args",
      arity: "many",
      name: "ACTION",
      description: "add, list, show or remove, with its name and symbols",
      label: "add|list|show|remove [NAME] [A,B,C|@file]",
    },
    summary:
      "Named universes: ordered lists of symbols stored in the database, which every research task takes as --universe NAME.",
    about:
      "add stores or replaces a universe (symbols A,B,C, @file of symbols, or --from-store: every daily symbol in the store); list shows every universe with its size; show prints one's symbols; remove deletes one.",
    examples: [
      "add tech AAPL,MSFT,NVDA",
      "add all --from-store",
      "show tech --json",
    ],
    run: (f) => run(f, io),
  });
}

if (import.meta.main) await runAsScript(main);
