/**
 * What a zod schema accepts, in plain words: the one vocabulary of `--help` (a flag's
 * type) and of error messages (what was expected). Numbers read "a whole number at least
 * 2" or "a number from 0 to 1", enums "one of strict, relaxed", text "text", lists
 * "a comma-separated list of W1, W2, W3"; schemas built from refinements (dates,
 * symbols, paths) say what they take with {@linkcode expects}.
 *
 * @module
 */
import { z } from "zod";

/** What a schema accepts: the words, and the placeholder `--help` shows after a flag. */
export interface Expected {
  /** Plain words, e.g. `a whole number at least 2`. */
  readonly text: string;
  /** Shown after the flag in `--help` (`N`, `YYYY-MM-DD`, `strict|relaxed`). */
  readonly placeholder?: string;
  /** The default in words, when the schema resolves it itself (e.g. in a transform). */
  readonly defaultText?: string;
}

/** Where a hint lives in a schema's `_def` (zod copies `_def` on `.describe()`). */
const HINT = "tradelabExpected";

// deno-lint-ignore no-explicit-any
type AnySchema = any;

/**
 * `schema` with the words it accepts attached, for schemas whose rule zod cannot show
 * (refinements and transforms): `--help` and error messages use them.
 *
 * @param schema A zod schema.
 * @param hint What it accepts.
 * @returns A copy of `schema` carrying the hint.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { z } from "zod";
 * import { expectedOf, expects } from "./expected.ts";
 * const Week = expects(z.string().regex(/^\d{4}-W\d{2}$/), { text: "an ISO week", placeholder: "YYYY-Www" });
 * assert.equal(expectedOf(Week.optional()).text, "an ISO week");
 * ```
 */
export function expects<T extends z.ZodTypeAny>(schema: T, hint: Expected): T {
  const This = schema.constructor as new (def: unknown) => T;
  return new This({ ...schema._def, [HINT]: hint });
}

function join(items: readonly unknown[]): string {
  return items.map(String).join(", ");
}

/** Bounds of a number in words: `at least 2`, `from 0 to 1`, `greater than 0`. */
function bounds(checks: readonly AnySchema[]): string {
  let min: AnySchema, max: AnySchema;
  for (const c of checks) {
    if (c.kind === "min" && (min === undefined || c.value >= min.value)) {
      min = c;
    }
    if (c.kind === "max" && (max === undefined || c.value <= max.value)) {
      max = c;
    }
  }
  const lo = min &&
    (min.inclusive ? `at least ${min.value}` : `greater than ${min.value}`);
  const hi = max &&
    (max.inclusive ? `at most ${max.value}` : `less than ${max.value}`);
  if (min?.inclusive && max?.inclusive) {
    return ` from ${min.value} to ${max.value}`;
  }
  if (lo && hi) return ` ${lo} and ${hi}`;
  return lo ? ` ${lo}` : hi ? ` ${hi}` : "";
}

function numberText(checks: readonly AnySchema[]): string {
  const int = checks.some((c) => c.kind === "int");
  const multiple = checks.find((c) => c.kind === "multipleOf");
  const of = multiple ? ` (a multiple of ${multiple.value})` : "";
  return `${int ? "a whole number" : "a number"}${bounds(checks)}${of}`;
}

function stringText(checks: readonly AnySchema[]): string {
  for (const c of checks) {
    if (c.kind === "regex" && c.message) return c.message;
    if (c.kind === "url") return "a URL";
    if (c.kind === "email") return "an email address";
  }
  const min = checks.find((c) => c.kind === "min");
  return min && min.value > 0 ? "text (not empty)" : "text";
}

function listText(def: AnySchema): string {
  const item = expectedOf(def.type).text;
  const n = def.exactLength?.value ?? def.minLength?.value;
  const count = def.exactLength
    ? `of exactly ${n} item${n === 1 ? "" : "s"}`
    : n
    ? `of at least ${n} item${n === 1 ? "" : "s"}`
    : "";
  return `a list${count ? ` ${count}` : ""}, each ${item}`;
}

function enumPlaceholder(values: readonly unknown[]): string | undefined {
  const text = values.join("|");
  return text.length <= 24 ? text : undefined;
}

/** The base (unwrapped) schema in words. */
function baseText(s: AnySchema): Expected {
  const def = s._def;
  switch (def.typeName) {
    case "ZodNumber":
      return { text: numberText(def.checks), placeholder: "N" };
    case "ZodBigInt":
      return { text: "a whole number", placeholder: "N" };
    case "ZodString":
      return { text: stringText(def.checks) };
    case "ZodBoolean":
      return { text: "true or false" };
    case "ZodEnum":
      return {
        text: `one of ${join(def.values)}`,
        placeholder: enumPlaceholder(def.values),
      };
    case "ZodNativeEnum": {
      const values = Object.values(def.values).filter((v) =>
        typeof v !== "number" || !(String(v) in def.values)
      );
      return { text: `one of ${join(values)}` };
    }
    case "ZodLiteral":
      return { text: `exactly ${JSON.stringify(def.value)}` };
    case "ZodArray":
      return { text: listText(def) };
    case "ZodObject": {
      const keys = Object.keys(s.shape);
      const shown = keys.length > 6
        ? `${join(keys.slice(0, 6))}, ...`
        : join(keys);
      return { text: `an object with fields ${shown}` };
    }
    case "ZodRecord":
    case "ZodMap":
      return { text: "an object" };
    case "ZodTuple":
      return { text: `a list of ${def.items.length} items` };
    case "ZodUnion":
    case "ZodDiscriminatedUnion": {
      const options: AnySchema[] = [...(def.options.values?.() ?? def.options)];
      const texts = [...new Set(options.map((o) => expectedOf(o).text))];
      return { text: texts.join(" or ") };
    }
    case "ZodDate":
      return { text: "a date" };
    case "ZodNull":
      return { text: "null" };
    default:
      return { text: "a value" };
  }
}

/**
 * What `schema` accepts, in plain words, looking through defaults, optionals,
 * refinements and pipelines (a pipeline from text to a list reads "comma-separated").
 *
 * @param schema A zod schema.
 * @returns The words and the `--help` placeholder.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { z } from "zod";
 * import { expectedOf } from "./expected.ts";
 * assert.equal(expectedOf(z.number().int().min(2).default(252)).text, "a whole number at least 2");
 * assert.equal(expectedOf(z.number().gt(0).lt(1)).text, "a number greater than 0 and less than 1");
 * assert.equal(expectedOf(z.enum(["strict", "relaxed"])).text, "one of strict, relaxed");
 * ```
 */
export function expectedOf(schema: z.ZodTypeAny): Expected {
  let s: AnySchema = schema;
  for (let depth = 0; depth < 50 && s; depth++) {
    const def = s._def;
    if (def[HINT]) return def[HINT];
    switch (def.typeName) {
      case "ZodDefault":
      case "ZodOptional":
      case "ZodNullable":
      case "ZodCatch":
      case "ZodReadonly":
        s = def.innerType;
        continue;
      case "ZodBranded":
        s = def.type;
        continue;
      case "ZodLazy":
        s = def.getter();
        continue;
      case "ZodEffects":
        s = def.schema;
        continue;
      case "ZodPipeline": {
        const out = expectedOf(def.out);
        if (def.out._def.typeName === "ZodArray") {
          const item = expectedOf(def.out._def.type).text;
          const text = item.startsWith("one of ")
            ? `a comma-separated list of ${item.slice(7)}`
            : `a comma-separated list, each ${item}`;
          return { text };
        }
        if (
          !["ZodString", "ZodAny", "ZodUnknown"].includes(def.out._def.typeName)
        ) {
          return out;
        }
        s = def.in;
        continue;
      }
      default:
        return baseText(s);
    }
  }
  return { text: "a value" };
}

/** The object shape behind wrappers, or undefined. */
function shapeOf(s: AnySchema): Record<string, AnySchema> | undefined {
  const inner = unwrap(s);
  return inner?._def?.typeName === "ZodObject" ? inner.shape : undefined;
}

function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  for (let depth = 0; depth < 50 && s; depth++) {
    const def = s._def;
    if (def.innerType) s = def.innerType;
    else if (def.typeName === "ZodEffects") s = def.schema;
    else if (def.typeName === "ZodPipeline") s = def.in;
    else if (def.typeName === "ZodBranded") s = def.type;
    else if (def.typeName === "ZodLazy") s = def.getter();
    else return s;
  }
  return s;
}

/**
 * The schema at `path` inside `schema` (object fields, list items, record values; a
 * union's first option that has the path), or undefined when it cannot be told.
 *
 * @param schema The root schema.
 * @param path A zod issue path.
 * @returns The schema at that path.
 */
export function schemaAt(
  schema: z.ZodTypeAny,
  path: readonly PropertyKey[],
): z.ZodTypeAny | undefined {
  if (path.length === 0) return schema;
  const s = unwrap(schema);
  const [key, ...rest] = path;
  const def = s?._def;
  let next: AnySchema;
  switch (def?.typeName) {
    case "ZodObject":
      next = s.shape[key as string];
      break;
    case "ZodArray":
      next = def.type;
      break;
    case "ZodRecord":
      next = def.valueType;
      break;
    case "ZodTuple":
      next = def.items[key as number];
      break;
    case "ZodUnion":
    case "ZodDiscriminatedUnion":
      for (const o of def.options.values?.() ?? def.options) {
        const hit = schemaAt(o, path);
        if (hit) return hit;
      }
      return undefined;
    default:
      return undefined;
  }
  return next ? schemaAt(next, rest) : undefined;
}

/**
 * The field names an object schema allows at `path`, for "unknown field" messages.
 *
 * @param schema The root schema.
 * @param path Where the object is.
 * @returns The allowed names, empty when not an object.
 */
export function allowedFields(
  schema: z.ZodTypeAny,
  path: readonly PropertyKey[],
): string[] {
  const at = schemaAt(schema, path);
  return Object.keys((at && shapeOf(at)) ?? {});
}

/** One zod issue in plain words. */
export interface PlainIssue {
  /** Where, as zod's path (field names and list indices). */
  readonly path: readonly PropertyKey[];
  /** What was expected, e.g. `a whole number at least 2`. */
  readonly expected: string;
  /** The field is absent (a required field or flag is missing). */
  readonly missing: boolean;
  /** Unknown field names, for an `unrecognized_keys` issue. */
  readonly unknown?: readonly string[];
}

function isZodDefault(issue: z.ZodIssue): boolean {
  const fallback = z.defaultErrorMap(issue as z.ZodIssueOptionalMessage, {
    defaultError: "",
    data: undefined,
  }).message;
  return issue.message === fallback || issue.message === "";
}

const TYPE_WORDS: Record<string, string> = {
  string: "text",
  number: "a number",
  integer: "a whole number",
  boolean: "true or false",
  object: "an object",
  array: "a list",
  date: "a date",
  null: "null",
};

/** The words of an issue from the issue alone (when the schema cannot be found). */
function issueText(issue: z.ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return TYPE_WORDS[issue.expected] ?? `a ${issue.expected}`;
    case "invalid_enum_value":
      return `one of ${join(issue.options)}`;
    case "invalid_literal":
      return `exactly ${JSON.stringify(issue.expected)}`;
    case "too_small":
    case "too_big": {
      const v = Number(
        issue.code === "too_small" ? issue.minimum : issue.maximum,
      );
      const lo = issue.code === "too_small";
      const bound = issue.exact
        ? `exactly ${v}`
        : lo
        ? issue.inclusive ? `at least ${v}` : `more than ${v}`
        : issue.inclusive
        ? `at most ${v}`
        : `less than ${v}`;
      if (issue.type === "number" || issue.type === "bigint") {
        return `a number ${bound.replace("more than", "greater than")}`;
      }
      if (issue.type === "string") return `text of ${bound} characters`;
      return `${bound} item${v === 1 ? "" : "s"}`;
    }
    case "not_multiple_of":
      return `a multiple of ${issue.multipleOf}`;
    case "not_finite":
      return "a finite number";
    case "invalid_date":
      return "a valid date";
    default:
      return "a valid value";
  }
}

/** The deepest issue among a union's branches: the branch that got furthest. */
function deepestBranch(issue: z.ZodInvalidUnionIssue): z.ZodIssue | undefined {
  let best: z.ZodIssue | undefined;
  for (const e of issue.unionErrors) {
    for (const i of e.issues) {
      if (!best || i.path.length > best.path.length) best = i;
    }
  }
  return best && best.path.length > issue.path.length ? best : undefined;
}

/**
 * One zod issue in plain words: custom messages (ours, already plain) as they are;
 * zod's own wording ("Invalid enum value", "Number must be greater than or equal to 2",
 * "Expected integer, received float", "Required", "Invalid input") replaced by what the
 * schema at the issue's path accepts. A union reports the branch that got furthest.
 *
 * @param issue A zod issue.
 * @param schema The schema that was parsed (to read what the field accepts).
 * @param raw The input that was parsed: an issue inside a value the schema transformed
 *   (a list given as comma-separated text) is then reported on the value as given.
 * @returns Path, expected words, whether the field is missing, unknown fields.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { z } from "zod";
 * import { plainIssue } from "./expected.ts";
 * const S = z.strictObject({ n: z.number().int().min(1) });
 * const issue = S.safeParse({ n: 0.5 }).error!.issues[0];
 * assert.equal(plainIssue(issue, S).expected, "a whole number at least 1");
 * ```
 */
export function plainIssue(
  issue: z.ZodIssue,
  schema: z.ZodTypeAny,
  raw?: unknown,
): PlainIssue {
  if (issue.code === "unrecognized_keys") {
    const allowed = allowedFields(schema, issue.path);
    return {
      path: issue.path,
      expected: allowed.length
        ? `one of the fields ${join(allowed)}`
        : "no other fields",
      missing: false,
      unknown: issue.keys,
    };
  }
  if (issue.code === "invalid_union") {
    const branch = deepestBranch(issue);
    if (branch) return plainIssue(branch, schema, raw);
  }
  const missing = (issue.code === "invalid_type" &&
    issue.received === "undefined") || absentField(raw, issue.path);
  // an issue inside a value the schema transformed (a list given as text) is about
  // the value as given
  const path = missing
    ? issue.path
    : issue.path.slice(0, reach(raw, issue.path));
  if (!isZodDefault(issue)) return { path, expected: issue.message, missing };
  const at = schemaAt(schema, path);
  const expected = at ? expectedOf(at).text : issueText(issue);
  return { path, expected, missing };
}

/**
 * True when `path` names a field its (object) parent in `raw` does not have: a refinement
 * of an absent optional value (a flag required by a transform) is a missing field.
 */
function absentField(raw: unknown, path: readonly PropertyKey[]): boolean {
  if (raw === undefined || path.length === 0) return false;
  if (reach(raw, path) !== path.length - 1) return false;
  let parent: unknown = raw;
  for (const key of path.slice(0, -1)) {
    parent = (parent as Record<PropertyKey, unknown>)[key];
  }
  return parent !== null && typeof parent === "object" &&
    !Array.isArray(parent);
}

/** How many keys of `path` exist in `raw` (all of them when `raw` is not given). */
function reach(raw: unknown, path: readonly PropertyKey[]): number {
  if (raw === undefined) return path.length;
  let v: unknown = raw;
  for (const [i, key] of path.entries()) {
    if (v === null || typeof v !== "object" || !(key in v)) return i;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return path.length;
}
