/**
 * `--help` of a task, generated from the zod schema that validates its flags: one line
 * per flag with its meaning (`.describe()`), what it takes in the words of error messages
 * ("a whole number at least 2", "one of ridge, lasso"), its default or "required"; the
 * positional argument; what the task does; an example command. Lines fit 100 columns.
 *
 * @module
 */
import {
  type FlagInfo,
  type FlagOptions,
  flagsOf,
  type FlagsSchema,
  positionalSchema,
} from "./_flags.ts";

/** What `--help` is generated from: the task's name, flags schema and texts. */
export interface UsageSpec extends FlagOptions {
  /** Name as in `deno task NAME`. */
  readonly name: string;
  /** The flags (camelCase keys; flags are their kebab-case). */
  readonly flags: FlagsSchema;
  /** What the task does, one line. */
  readonly summary: string;
  /** Example arguments (after `deno task NAME`), each a command that works. */
  readonly examples: readonly string[];
  /** Conventions and details, printed under the flags. */
  readonly about?: string;
}

/** One flag as `--help` shows it. */
export interface FlagHelp {
  /** `--train-len`. */
  readonly flag: string;
  /** `N`, `YYYY-MM-DD`, `strict|relaxed`; empty for a switch. */
  readonly placeholder: string;
  /** What it takes (empty for a switch). */
  readonly takes: string;
  /** The default in words, if any. */
  readonly default?: string;
  readonly required: boolean;
  /** What it means. */
  readonly description?: string;
}

/** The help of a task as data (`--help --json` prints it). */
export interface TaskHelp {
  readonly task: string;
  readonly summary: string;
  /** `Usage: deno task ...` */
  readonly usage: string;
  readonly positional?: {
    readonly name: string;
    readonly label: string;
    readonly description: string;
    readonly required: boolean;
  };
  readonly flags: readonly FlagHelp[];
  readonly about?: string;
  /** Whole command lines. */
  readonly examples: readonly string[];
}

const WIDTH = 100;
const NBSP = "\u00a0";

function defaultText(f: FlagInfo): string | undefined {
  const v = f.defaultValue;
  if (f.kind === "boolean" || v === undefined) return f.expected.defaultText;
  if (Array.isArray(v)) return v.join(",");
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}

/** What a placeholder already says: plain text, a path, a URL. */
const IMPLIED = new Set(["text", "text (not empty)", "a path", "a URL"]);

function placeholderOf(f: FlagInfo): string {
  if (f.kind === "boolean") return "";
  if (f.expected.placeholder) return f.expected.placeholder;
  if (f.kind === "number") return "N";
  return f.expected.text === "a URL" ? "URL" : f.flag.toUpperCase();
}

function flagHelp(f: FlagInfo): FlagHelp {
  const placeholder = placeholderOf(f);
  // "one of a, b" and "a calendar date YYYY-MM-DD" say nothing the placeholders `a|b`
  // and `YYYY-MM-DD` do not
  const said = IMPLIED.has(f.expected.text) ||
    f.expected.text === `one of ${placeholder.split("|").join(", ")}` ||
    (placeholder.length > 1 && f.expected.text.endsWith(` ${placeholder}`));
  return {
    flag: `--${f.flag}`,
    placeholder,
    takes: f.kind === "boolean" || said ? "" : f.expected.text,
    default: defaultText(f),
    required: !f.optional,
    description: f.description,
  };
}

function positionalHelp(spec: UsageSpec): TaskHelp["positional"] {
  const p = spec.positional;
  if (!p) return undefined;
  const schema = positionalSchema(spec.flags, p);
  const required = !schema.safeParse(p.arity === "one" ? undefined : [])
    .success;
  const bare = p.arity === "one" ? p.name : `${p.name}..`;
  const label = p.label ?? (required ? bare : `[${bare}]`);
  return { name: p.name, label, description: p.description, required };
}

/**
 * The help of a task as data.
 *
 * @param spec The task's name, flags schema and texts.
 * @returns Usage line, positional argument, flags, examples.
 */
export function taskHelp(spec: UsageSpec): TaskHelp {
  const flags = flagsOf(spec.flags, spec).map(flagHelp);
  const positional = positionalHelp(spec);
  const required = flags.filter((f) => f.required)
    .map((f) => `${f.flag} ${f.placeholder}`);
  const usage = [
    `Usage: deno task ${spec.name}`,
    ...(positional ? [positional.label] : []),
    ...required,
    "[flags]",
  ].join(" ");
  return {
    task: spec.name,
    summary: spec.summary,
    usage,
    ...(positional ? { positional } : {}),
    flags,
    ...(spec.about ? { about: spec.about } : {}),
    examples: spec.examples.map((e) => `deno task ${spec.name} ${e}`.trim()),
  };
}

/** Words of `text` in lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/[ \t\n]+/).filter((w) => w !== "")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  return (line === "" ? lines : [...lines, line]).map((l) =>
    l.replaceAll(NBSP, " ")
  );
}

/** `head  notes` rows, notes wrapped in a column. */
function table(rows: readonly [string, string][]): string[] {
  const col = Math.min(24, Math.max(0, ...rows.map(([h]) => h.length)));
  const indent = " ".repeat(2 + col + 2);
  const out: string[] = [];
  for (const [head, notes] of rows) {
    const lines = wrap(notes, WIDTH - indent.length);
    if (head.length > col) {
      out.push(`  ${head}`);
      out.push(...lines.map((l) => indent + l));
      continue;
    }
    out.push(`  ${head.padEnd(col)}  ${lines[0] ?? ""}`.trimEnd());
    out.push(...lines.slice(1).map((l) => indent + l));
  }
  return out;
}

function notesOf(f: FlagHelp): string {
  const what = [f.description, f.takes].filter((p) => p).join("; ");
  const tail = f.required
    ? "(required)"
    : f.default !== undefined
    ? `(default ${f.default})`.replaceAll(" ", NBSP) // kept on one line
    : "";
  return [what, tail].filter((p) => p !== "").join(" ");
}

/**
 * Usage text generated from the schema.
 *
 * @param spec The task's name, flags schema and texts.
 * @returns The text `--help` prints.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { z } from "zod";
 * import { usage } from "./_usage.ts";
 * const flags = z.strictObject({
 *   trainLen: z.number().int().min(2).default(252).describe("training rows per fold"),
 * });
 * const text = usage({ name: "walkforward", flags, summary: "a run", examples: ["--train-len 100"] });
 * assert.match(text, /--train-len N\s+training rows per fold; a whole number at least 2 \(default 252\)/);
 * assert.match(text, /deno task walkforward --train-len 100/);
 * ```
 */
export function usage(spec: UsageSpec): string {
  const h = taskHelp(spec);
  const flagRows = h.flags.map((f): [string, string] => [
    `${f.flag}${f.placeholder ? ` ${f.placeholder}` : ""}`,
    notesOf(f),
  ]);
  flagRows.push(["-h, --help", "this help (with --json: as JSON)"]);
  const lines = [h.usage, ...wrap(h.summary, WIDTH)];
  if (h.positional) {
    lines.push("", "Arguments:");
    lines.push(...table([[h.positional.label, h.positional.description]]));
  }
  lines.push("", "Flags:", ...table(flagRows));
  if (h.about) {
    lines.push(
      "",
      ...h.about.split("\n").flatMap((p) => wrap(p, WIDTH)),
    );
  }
  lines.push("", h.examples.length > 1 ? "Examples:" : "Example:");
  lines.push(...h.examples.map((e) => `  ${e}`));
  return lines.join("\n");
}
