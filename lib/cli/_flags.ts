/**
 * Command-line flags from one zod object schema: the schema's camelCase keys are the
 * kebab-case flags (`trainLen` is `--train-len`), its types say which flags take a value
 * (booleans are switches, numbers are converted), and the same schema generates the
 * usage text. Errors are `ConfigError`s that name the flag.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { parseConfig } from "../_shared/config.ts";
import { ConfigError } from "../_shared/errors.ts";

/** A task's flags: a `z.strictObject` keyed by camelCase names. */
// deno-lint-ignore no-explicit-any
export type FlagsSchema = z.ZodType<any, z.ZodTypeDef, any>;

/** Where positional arguments go. */
export interface PositionalSpec {
  /** Schema key that receives them. */
  readonly key: string;
  /** `"one"`: exactly one value (a string); `"many"`: any number (an array). */
  readonly arity: "one" | "many";
  /** Shown in the usage line, e.g. `FILE..` or `phase1|...|all`. */
  readonly label: string;
}

/** Options of {@linkcode parseFlags} and {@linkcode usage}. */
export interface FlagOptions {
  /** Positional arguments. @default none accepted */
  readonly positional?: PositionalSpec;
  /** What the task does and its conventions, printed under the flags by `--help`. */
  readonly about?: string;
}

/**
 * A numeric flag: a number (the flag text is converted), or the error "a number".
 *
 * @returns The schema.
 */
export function numberFlag(): z.ZodNumber {
  return z.number({ invalid_type_error: "a number" });
}

/**
 * An integer flag of at least `min`.
 *
 * @param min The smallest value accepted.
 * @returns The schema.
 */
export function intFlag(min: number): z.ZodNumber {
  return numberFlag().int().min(min);
}

/** Kind of a flag, read from its zod type. */
export type FlagKind = "boolean" | "number" | "string";

/** One flag as derived from the schema. */
export interface FlagInfo {
  readonly key: string;
  readonly flag: string;
  readonly kind: FlagKind;
  readonly optional: boolean;
  readonly defaultValue: unknown;
  readonly description: string | undefined;
}

/** `trainLen` -> `train-len`. */
export const kebab = (k: string): string =>
  k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

// deno-lint-ignore no-explicit-any
type AnyDef = { typeName?: string; [k: string]: any };

/** Walk wrappers (default, optional, effects, pipeline) down to the base type. */
function inspect(schema: FlagsSchema): Omit<FlagInfo, "key" | "flag"> {
  // deno-lint-ignore no-explicit-any
  let s: any = schema;
  let optional = false, defaultValue: unknown = undefined;
  let description: string | undefined = schema.description;
  for (let depth = 0; depth < 20 && s; depth++) {
    const def = s._def as AnyDef;
    description ??= s.description;
    switch (def.typeName) {
      case "ZodDefault":
        defaultValue = def.defaultValue();
        optional = true;
        s = def.innerType;
        continue;
      case "ZodOptional":
      case "ZodNullable":
      case "ZodCatch":
        optional = true;
        s = def.innerType;
        continue;
      case "ZodEffects":
        s = def.schema;
        continue;
      case "ZodPipeline":
        s = def.in;
        continue;
      case "ZodBranded":
        s = def.type;
        continue;
      case "ZodUnion": {
        // a union taking a number takes numeric text as a number, other text as is
        // deno-lint-ignore no-explicit-any
        const numeric = def.options.some((o: any) =>
          o?._def?.typeName === "ZodNumber"
        );
        const kind = numeric ? "number" : "string";
        return { kind, optional, defaultValue, description };
      }
      case "ZodBoolean":
        return { kind: "boolean", optional: true, defaultValue, description };
      case "ZodNumber":
        return { kind: "number", optional, defaultValue, description };
      default:
        return { kind: "string", optional, defaultValue, description };
    }
  }
  return { kind: "string", optional, defaultValue, description };
}

/** The object shape behind a (possibly refined) object schema. */
function shapeOf(schema: FlagsSchema): Record<string, FlagsSchema> {
  // deno-lint-ignore no-explicit-any
  let s: any = schema;
  while (s?._def?.typeName === "ZodEffects") s = s._def.schema;
  if (!s?.shape) throw new TypeError("A flags schema must be a zod object");
  return s.shape;
}

/**
 * The flags of a schema, in schema order.
 *
 * @param schema The task's flags schema.
 * @param options Positional arguments (their key is not a flag).
 * @returns One entry per flag.
 */
export function flagsOf(
  schema: FlagsSchema,
  options: FlagOptions = {},
): FlagInfo[] {
  return Object.entries(shapeOf(schema))
    .filter(([key]) => key !== options.positional?.key)
    .map(([key, s]) => ({ key, flag: kebab(key), ...inspect(s) }));
}

/**
 * Parse command-line flags with `schema`. Unknown flags, unexpected positionals and
 * invalid values throw a `ConfigError` whose field is the flag name (`train-len`).
 *
 * @param args `Deno.args`-style strings.
 * @param schema A `z.strictObject` keyed by camelCase flag names.
 * @param options Positional arguments.
 * @returns The parsed, defaulted flags.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { z } from "zod";
 * import { parseFlags } from "./_flags.ts";
 * const S = z.strictObject({ trainLen: z.number().int().default(252), json: z.boolean().default(false) });
 * assert.deepEqual(parseFlags(["--train-len", "100", "--json"], S), { trainLen: 100, json: true });
 * assert.throws(() => parseFlags(["--train-len", "x"], S), /field "train-len": expected a number/);
 * ```
 */
export function parseFlags<S extends FlagsSchema>(
  args: readonly string[],
  schema: S,
  options: FlagOptions = {},
): z.output<S> {
  const flags = flagsOf(schema, options);
  const spec: Record<string, { type: "string" | "boolean" }> = {};
  for (const f of flags) {
    spec[f.flag] = { type: f.kind === "boolean" ? "boolean" : "string" };
  }
  const { values, positionals } = parseArgs({
    args: [...args],
    options: spec,
    strict: false,
    allowPositionals: true,
  });
  const unknown = Object.keys(values).find((k) => !(k in spec));
  if (unknown !== undefined) {
    throw new ConfigError(
      "--flags",
      unknown,
      `a known flag (${flags.map((f) => `--${f.flag}`).join(", ")})`,
      `--${unknown}`,
    );
  }
  const raw: Record<string, unknown> = {};
  for (const f of flags) {
    const v = values[f.flag];
    if (v === undefined) continue;
    const isSwitch = typeof v === "boolean";
    if (isSwitch !== (f.kind === "boolean")) {
      throw new ConfigError(
        "--flags",
        f.flag,
        f.kind === "boolean" ? "no value (a switch)" : "a value",
        String(v),
      );
    }
    const numeric = f.kind === "number" && typeof v === "string" &&
      v.trim() !== "" && Number.isFinite(Number(v));
    raw[f.key] = numeric ? Number(v) : v;
  }
  placePositionals(positionals, raw, options.positional);
  try {
    return parseConfig(schema, raw, "--flags");
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    const key = e.path.split(".")[0] ?? "";
    const flag = key === options.positional?.key ? key : kebab(key);
    // zod's own type message ("Expected number, received string") reads as "a number"
    const type = /^Expected (\w+), received \w+$/.exec(e.expected)?.[1];
    const expected = type ? `a ${type}` : e.expected;
    // a URL's credentials (--redis redis://user:password@host) are never echoed
    const received = e.received.replace(/(\/\/)[^/@\s"]*@/g, "$1***@");
    throw new ConfigError(e.source, flag, expected, received, { cause: e });
  }
}

function placePositionals(
  positionals: readonly string[],
  raw: Record<string, unknown>,
  spec: PositionalSpec | undefined,
): void {
  if (spec === undefined) {
    if (positionals.length > 0) {
      throw new ConfigError(
        "--flags",
        "",
        "only --flags",
        JSON.stringify(positionals[0]),
      );
    }
    return;
  }
  if (spec.arity === "many") {
    raw[spec.key] = [...positionals];
    return;
  }
  if (positionals.length !== 1) {
    throw new ConfigError(
      "--flags",
      spec.key,
      `exactly one ${spec.label}`,
      positionals.join(" ") || "nothing",
    );
  }
  raw[spec.key] = positionals[0];
}

function placeholder(f: FlagInfo): string {
  if (f.kind === "boolean") return "";
  return f.kind === "number" ? " N" : ` ${f.key.toUpperCase()}`;
}

/**
 * Usage text generated from the schema: one line per flag with its kind, default and
 * the description given with `.describe()`.
 *
 * @param task The task name (`walkforward`).
 * @param schema The task's flags schema.
 * @param options Positional arguments.
 * @returns The text `--help` prints.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { z } from "zod";
 * import { usage } from "./_flags.ts";
 * const S = z.strictObject({ trainLen: z.number().default(252).describe("training rows per fold") });
 * assert.match(usage("walkforward", S), /--train-len N\s+training rows per fold \(default 252\)/);
 * ```
 */
export function usage(
  task: string,
  schema: FlagsSchema,
  options: FlagOptions = {},
): string {
  const flags = flagsOf(schema, options);
  const pos = options.positional ? ` ${options.positional.label}` : "";
  const heads = flags.map((f) => `--${f.flag}${placeholder(f)}`);
  const width = Math.max(0, ...heads.map((h) => h.length));
  const lines = flags.map((f, i) => {
    const notes = [
      f.description,
      f.defaultValue !== undefined && f.kind !== "boolean"
        ? `(default ${JSON.stringify(f.defaultValue)})`
        : !f.optional
        ? "(required)"
        : undefined,
    ].filter((x) => x !== undefined).join(" ");
    return `  ${heads[i].padEnd(width)}  ${notes}`.trimEnd();
  });
  return [
    `Usage: deno task ${task}${pos} [flags]`,
    ...lines,
    "  --help",
    ...(options.about ? ["", options.about] : []),
  ].join("\n");
}
