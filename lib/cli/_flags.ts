/**
 * Command-line flags from one zod object schema: the schema's camelCase keys are the
 * kebab-case flags (`trainLen` is `--train-len`), its types say which flags take a value
 * (booleans are switches, numbers are converted), and the same schema generates the
 * usage text (`_usage.ts`). Errors are `ConfigError`s that name the flag and say what it
 * takes in the words of `--help` (`Invalid flag --train-len: expected a whole number at
 * least 2, got 1`).
 *
 * @module
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { describeReceived, parseConfig } from "../_shared/config.ts";
import { ConfigError, FLAGS_SOURCE } from "../_shared/errors.ts";
import { type Expected, expectedOf } from "../_shared/expected.ts";
import { nearest } from "../_shared/nearest.ts";

/** A task's flags: a `z.strictObject` keyed by camelCase names. */
// deno-lint-ignore no-explicit-any
export type FlagsSchema = z.ZodType<any, z.ZodTypeDef, any>;

/** Where positional arguments go, and what they are. */
export interface PositionalSpec {
  /** Schema key that receives them. */
  readonly key: string;
  /** `"one"`: exactly one value (a string); `"many"`: a list (its schema says how many). */
  readonly arity: "one" | "many";
  /** The argument's name in capitals, as messages and `--help` say it: `FILE`. */
  readonly name: string;
  /** What it is, one line (a noun phrase: `the bar file to check`). */
  readonly description: string;
  /** Shown in the usage line instead of `NAME` / `NAME..`, e.g. `"SQL"`. */
  readonly label?: string;
}

/** Options of {@linkcode parseFlags} and of the usage text. */
export interface FlagOptions {
  /** The task (`walkforward`), for messages that point at its `--help`. */
  readonly name?: string;
  /** Positional arguments. @default none accepted */
  readonly positional?: PositionalSpec;
}

/**
 * A numeric flag: the flag text is converted to a number.
 *
 * @returns The schema.
 */
export function numberFlag(): z.ZodNumber {
  return z.number();
}

/**
 * An integer flag of at least `min`.
 *
 * @param min The smallest value accepted.
 * @returns The schema.
 */
export function intFlag(min: number): z.ZodNumber {
  return z.number().int().min(min);
}

/** Kind of a flag, read from its zod type. */
export type FlagKind = "boolean" | "number" | "string";

/** One flag as derived from the schema. */
export interface FlagInfo {
  /** Schema key (`trainLen`). */
  readonly key: string;
  /** Flag name without dashes (`train-len`). */
  readonly flag: string;
  readonly kind: FlagKind;
  readonly optional: boolean;
  /** The schema's default (before its transform), undefined when none. */
  readonly defaultValue: unknown;
  /** What the flag means, from `.describe()`. */
  readonly description: string | undefined;
  /** What the flag takes, in the words of error messages. */
  readonly expected: Expected;
}

/** `trainLen` -> `train-len`. */
export const kebab = (k: string): string =>
  k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

// deno-lint-ignore no-explicit-any
type AnySchema = any;

/** Walk wrappers (default, optional, effects, pipeline) down to the base type. */
function inspect(schema: FlagsSchema): Omit<FlagInfo, "key" | "flag"> {
  let s: AnySchema = schema;
  let optional = false, defaultValue: unknown = undefined;
  let description: string | undefined = schema.description;
  const expected = expectedOf(schema);
  const info = (kind: FlagKind) => ({
    kind,
    optional: optional || kind === "boolean",
    defaultValue,
    description,
    expected,
  });
  for (let depth = 0; depth < 20 && s; depth++) {
    const def = s._def;
    description ??= s.description;
    switch (def.typeName) {
      case "ZodDefault":
        defaultValue ??= def.defaultValue();
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
        const numeric = def.options.some((o: AnySchema) =>
          o?._def?.typeName === "ZodNumber"
        );
        return info(numeric ? "number" : "string");
      }
      case "ZodBoolean":
        return info("boolean");
      case "ZodNumber":
        return info("number");
      default:
        return info("string");
    }
  }
  return info("string");
}

/** The object shape behind a (possibly refined) object schema. */
function shapeOf(schema: FlagsSchema): Record<string, FlagsSchema> {
  let s: AnySchema = schema;
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
 * The positional argument's schema in the flags schema.
 *
 * @param schema The task's flags schema.
 * @param spec The positional argument.
 * @returns Its schema.
 */
export function positionalSchema(
  schema: FlagsSchema,
  spec: PositionalSpec,
): FlagsSchema {
  const s = shapeOf(schema)[spec.key];
  if (!s) throw new TypeError(`No key ${spec.key} for the positional argument`);
  return s;
}

function unknownFlag(
  name: string,
  flags: readonly FlagInfo[],
  options: FlagOptions,
): ConfigError {
  const near = nearest(name, flags.map((f) => f.flag));
  const hint = near ? ` (did you mean --${near}?)` : "";
  const help = options.name
    ? `deno task ${options.name} --help lists the flags`
    : `the flags are ${flags.map((f) => `--${f.flag}`).join(", ")}`;
  return new ConfigError(FLAGS_SOURCE, name, "a known flag", `--${name}`, {
    message: `Unknown flag --${name}${hint}; ${help}`,
  });
}

/** Raw flag values (numbers converted) or the first misuse of a switch or value flag. */
function rawValues(
  values: Record<string, string | boolean | undefined>,
  flags: readonly FlagInfo[],
): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const f of flags) {
    const v = values[f.flag];
    if (v === undefined) continue;
    if (f.kind === "boolean" && typeof v !== "boolean") {
      throw new ConfigError(
        FLAGS_SOURCE,
        f.flag,
        "no value (it is a switch)",
        JSON.stringify(v),
      );
    }
    if (f.kind !== "boolean" && typeof v === "boolean") {
      throw new ConfigError(FLAGS_SOURCE, f.flag, f.expected.text, "nothing", {
        message: `Missing value after --${f.flag}: expected ${f.expected.text}`,
      });
    }
    const numeric = f.kind === "number" && typeof v === "string" &&
      v.trim() !== "" && Number.isFinite(Number(v));
    raw[f.key] = numeric ? Number(v) : v;
  }
  return raw;
}

/**
 * Parse command-line flags with `schema`. Unknown flags (with the nearest known one),
 * unexpected positionals and invalid values throw a `ConfigError` naming the flag
 * (`train-len`) or the positional argument (`FILE`) and what it takes.
 *
 * @param args command-line strings (as `args()` of lib/_shared/runtime.ts gives them).
 * @param schema A `z.strictObject` keyed by camelCase flag names.
 * @param options The task's name and positional arguments.
 * @returns The parsed, defaulted flags.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { z } from "zod";
 * import { parseFlags } from "./_flags.ts";
 * const S = z.strictObject({ trainLen: z.number().int().min(2).default(252), json: z.boolean().default(false) });
 * assert.deepEqual(parseFlags(["--train-len", "100", "--json"], S), { trainLen: 100, json: true });
 * assert.throws(() => parseFlags(["--train-len", "1.5"], S), {
 *   message: "Invalid flag --train-len: expected a whole number at least 2, got 1.5",
 * });
 * assert.throws(() => parseFlags(["--trian-len", "5"], S), /Unknown flag --trian-len \(did you mean --train-len\?\)/);
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
  if (unknown !== undefined) throw unknownFlag(unknown, flags, options);
  const raw = rawValues(values, flags);
  placePositionals(args, positionals, raw, flags, options.positional);
  try {
    return parseConfig(schema, raw, FLAGS_SOURCE);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    const key = e.path.split(".")[0] ?? "";
    // a URL's credentials (--redis redis://user:password@host) are never echoed
    const received = e.received.replace(/(\/\/)[^/@\s"]*@/g, "$1***@");
    const pos = key === options.positional?.key
      ? options.positional
      : undefined;
    if (pos === undefined) {
      throw new ConfigError(e.source, kebab(key), e.expected, received, {
        cause: e,
      });
    }
    // an absent positional is described by what it is, not by its type
    const v = raw[key];
    const absent = v === undefined || (Array.isArray(v) && v.length === 0);
    throw new ConfigError(
      e.source,
      pos.name,
      absent ? pos.description : e.expected,
      absent ? "nothing" : received,
      { cause: e },
    );
  }
}

function placePositionals(
  args: readonly string[],
  positionals: readonly string[],
  raw: Record<string, unknown>,
  flags: readonly FlagInfo[],
  spec: PositionalSpec | undefined,
): void {
  if (spec === undefined) {
    const first = positionals[0];
    if (first === undefined) return;
    const before = args[args.indexOf(first) - 1]?.replace(/^--/, "");
    const sw = flags.find((f) => f.kind === "boolean" && f.flag === before);
    if (sw) {
      throw new ConfigError(
        FLAGS_SOURCE,
        sw.flag,
        "no value (it is a switch)",
        JSON.stringify(first),
      );
    }
    throw new ConfigError(
      FLAGS_SOURCE,
      "",
      "only flags (--name value)",
      JSON.stringify(first),
    );
  }
  if (spec.arity === "many") {
    raw[spec.key] = [...positionals];
    return;
  }
  if (positionals.length === 0) return; // the schema says whether it is required
  if (positionals.length > 1) {
    throw new ConfigError(
      FLAGS_SOURCE,
      spec.name,
      `one ${spec.name} (${spec.description})`,
      describeReceived(positionals.join(" "), []),
    );
  }
  raw[spec.key] = positionals[0];
}
