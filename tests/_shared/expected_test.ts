/**
 * The plain-words vocabulary shared by `--help` and error messages (expectedOf,
 * plainIssue), the JSON syntax locator, the binary rule and "did you mean".
 */
import assert from "node:assert/strict";
import { z } from "zod";
import { binaryReason } from "../../lib/_shared/binary.ts";
import { parseConfig } from "../../lib/_shared/config.ts";
import { ConfigError } from "../../lib/_shared/errors.ts";
import {
  expectedOf,
  expects,
  plainIssue,
  schemaAt,
} from "../../lib/_shared/expected.ts";
import { jsonSyntaxError } from "../../lib/_shared/json_syntax.ts";
import { nearest } from "../../lib/_shared/nearest.ts";
import {
  IsoDateSchema,
  SanityModeSchema,
  symbolList,
  SymbolSchema,
} from "../../lib/_shared/schemas.ts";
import { createRng } from "../../lib/_shared/seed.ts";

Deno.test("expectedOf() says what numbers, text, enums, lists and objects take", () => {
  const cases: [z.ZodTypeAny, string][] = [
    [z.number(), "a number"],
    [z.number().int(), "a whole number"],
    [z.number().int().min(2).default(252), "a whole number at least 2"],
    [z.number().int().positive(), "a whole number greater than 0"],
    [z.number().nonnegative(), "a number at least 0"],
    [z.number().int().min(0).max(16), "a whole number from 0 to 16"],
    [z.number().gt(0).lt(1), "a number greater than 0 and less than 1"],
    [z.number().gt(0).max(1), "a number greater than 0 and at most 1"],
    [z.number().max(5).optional(), "a number at most 5"],
    [z.number().multipleOf(5), "a number (a multiple of 5)"],
    [z.string(), "text"],
    [z.string().min(1), "text (not empty)"],
    [
      z.string().regex(/^\d{4}-W\d{2}$/, "an ISO week YYYY-Www"),
      "an ISO week YYYY-Www",
    ],
    [z.string().url(), "a URL"],
    [z.boolean().default(false), "true or false"],
    [z.enum(["strict", "relaxed"]), "one of strict, relaxed"],
    [z.literal("x"), 'exactly "x"'],
    [z.array(z.number()).min(1), "a list of at least 1 item, each a number"],
    [z.array(z.string()), "a list, each text"],
    [
      z.strictObject({ a: z.number(), b: z.string() }),
      "an object with fields a, b",
    ],
    [z.union([z.number(), z.string()]), "a number or text"],
    [
      z.string().transform((s) => s.split(",")).pipe(
        z.array(z.enum(["W1", "W2"])),
      ),
      "a comma-separated list of W1, W2",
    ],
    [IsoDateSchema.optional(), "a calendar date YYYY-MM-DD"],
    [SanityModeSchema.default("strict"), "strict or relaxed (either case)"],
    [SymbolSchema.describe("x"), "a ticker such as SP500, BRK.B or ^GSPC"],
    [symbolList(2), "at least 2 comma-separated symbols"],
  ];
  for (const [schema, text] of cases) {
    assert.equal(expectedOf(schema).text, text);
  }
  assert.equal(expectedOf(z.enum(["a", "b"])).placeholder, "a|b");
  assert.equal(expectedOf(IsoDateSchema).placeholder, "YYYY-MM-DD");
});

Deno.test("expects() attaches words that survive .describe(), .optional() and .default()", () => {
  const base = z.string().refine(
    (s) => s.startsWith("x"),
    "text starting with x",
  );
  const hinted = expects(base, { text: "an x-word", placeholder: "XWORD" });
  assert.equal(expectedOf(hinted.describe("d").optional()).text, "an x-word");
  assert.equal(expectedOf(hinted.default("xa")).placeholder, "XWORD");
  assert.equal(expectedOf(base).text, "text", "the original is unchanged");
  assert.equal(hinted.safeParse("y").success, false, "it validates as before");
});

Deno.test("schemaAt() finds a field through objects, lists, records and wrappers", () => {
  const S = z.strictObject({
    a: z.strictObject({ b: z.array(z.number().int()) }).optional(),
    r: z.record(z.enum(["x"])),
  }).superRefine(() => {});
  assert.equal(expectedOf(schemaAt(S, ["a", "b", 3])!).text, "a whole number");
  assert.equal(expectedOf(schemaAt(S, ["r", "k"])!).text, "one of x");
  assert.equal(schemaAt(S, ["nope"]), undefined);
});

/** The message parseConfig gives for `raw`. */
function messageOf(schema: z.ZodTypeAny, raw: unknown): string {
  try {
    parseConfig(schema, raw, "f.json");
  } catch (e) {
    assert.ok(e instanceof ConfigError);
    return e.message;
  }
  throw new Error("expected a ConfigError");
}

Deno.test("plainIssue() replaces zod's wording for every kind of issue", () => {
  const S = z.strictObject({
    n: z.number().int().min(1).optional(),
    e: z.enum(["a", "b"]).optional(),
    s: z.string().min(1).optional(),
    l: z.array(z.number()).min(2).optional(),
    u: z.union([
      z.strictObject({ kind: z.literal("a"), v: z.number() }),
      z.strictObject({ kind: z.literal("b") }),
    ]).optional(),
    req: z.number().gt(0),
  });
  const ok = { req: 1 };
  const cases: [unknown, string][] = [
    [
      { ...ok, n: 1.5 },
      'field "n": expected a whole number at least 1, got 1.5',
    ],
    [{ ...ok, n: 0 }, 'field "n": expected a whole number at least 1, got 0'],
    [
      { ...ok, n: "x" },
      'field "n": expected a whole number at least 1, got "x"',
    ],
    [{ ...ok, e: "c" }, 'field "e": expected one of a, b, got "c"'],
    [{ ...ok, s: "" }, 'field "s": expected text (not empty), got ""'],
    [
      { ...ok, l: [1] },
      'field "l": expected a list of at least 2 items, each a number, got [1]',
    ],
    [
      { ...ok, u: { kind: "a", v: "x" } },
      'field "u.v": expected a number, got "x"',
    ],
    [{}, 'missing field "req": expected a number greater than 0'],
    [
      { ...ok, nn: 1 },
      'unknown field "nn" (did you mean "n"?); allowed: n, e, s, l, u, req',
    ],
    ["x", 'expected an object with fields n, e, s, l, u, req, got "x"'],
  ];
  for (const [raw, says] of cases) {
    assert.equal(messageOf(S, raw), `Invalid config in f.json: ${says}`);
  }
  // custom messages are ours, already plain: kept as they are
  const C = z.strictObject({
    p: z.number().refine((v) => v % 2 === 0, "an even number"),
  });
  assert.equal(
    messageOf(C, { p: 3 }),
    'Invalid config in f.json: field "p": expected an even number, got 3',
  );
  const issue = C.safeParse({ p: 3 }).error!.issues[0];
  assert.deepEqual(plainIssue(issue, C), {
    path: ["p"],
    expected: "an even number",
    missing: false,
  });
});

Deno.test("plainIssue() reports an issue inside a transformed value on the value as given", () => {
  const S = z.strictObject({
    only: z.string().transform((s) => s.split(",")).pipe(
      z.array(z.enum(["W1", "W2"])),
    ),
  });
  assert.equal(
    messageOf(S, { only: "W1,W9" }),
    'Invalid config in f.json: field "only": expected a comma-separated list of W1, W2, got "W1,W9"',
  );
});

Deno.test("no zod wording survives parseConfig on a battery of bad inputs", () => {
  const S = z.strictObject({
    a: z.number().int().min(0).max(9),
    b: z.enum(["x", "y"]),
    c: z.array(z.string().min(1)).min(1),
    d: z.strictObject({ e: z.boolean() }),
    f: IsoDateSchema,
  });
  const rng = createRng(7);
  const values = [undefined, null, 1.5, -1, 99, "", "z", true, [], [""], {}, {
    e: 1,
  }, "2019-02-30"];
  for (let i = 0; i < 300; i++) {
    const raw: Record<string, unknown> = {
      a: 1,
      b: "x",
      c: ["s"],
      d: { e: true },
      f: "2020-01-01",
    };
    const key = "abcdf"[Math.floor(rng() * 5)];
    raw[key] = values[Math.floor(rng() * values.length)];
    if (rng() < 0.2) raw.extra = 1;
    let message = "";
    try {
      parseConfig(S, raw, "f.json");
      continue;
    } catch (e) {
      message = (e as Error).message;
    }
    assert.doesNotMatch(
      message,
      /Invalid enum value|Number must|Expected \w+, received|Required|Invalid input|a integer|String must|Array must|Unrecognized key/,
    );
    assert.match(
      message,
      /^Invalid config in f\.json: (missing |unknown )?field/,
    );
  }
});

Deno.test("jsonSyntaxError() names line, column and what was expected", () => {
  const cases: [string, [number, number, string, string]][] = [
    ['{\n  "a": 1,\n}', [
      3,
      1,
      "a property name in double quotes (no comma after the last one)",
      '"}"',
    ]],
    ['{"a": x}', [
      1,
      7,
      "a value (a string, number, object, array, true, false or null)",
      '"x"',
    ]],
    ['{"a" 1}', [1, 6, "':' after the property name", '"1"']],
    ['{"a": 1', [1, 8, "',' or '}' after a value", "the end of the file"]],
    ["[1,2,]", [
      1,
      6,
      "a value (a string, number, object, array, true, false or null) (no comma after the last item)",
      '"]"',
    ]],
    ["[1 2]", [1, 4, "',' or ']' after a value", '"2"']],
    ['{"a": "b\nc"}', [
      1,
      9,
      "no control characters inside a string (write \\n for a line break)",
      '"\\n"',
    ]],
    ['{"a": "\\q"}', [1, 8, 'an escape such as \\n, \\" or \\u00e9', '"\\\\"']],
    ['{"a":1} x', [1, 9, "the end of the file after the JSON value", '"x"']],
    ["{'a':1}", [1, 2, "a property name in double quotes", `"'"`]],
    ['{"a": tru}', [
      1,
      7,
      "a value (a string, number, object, array, true, false or null)",
      '"t"',
    ]],
  ];
  for (const [text, [line, column, expected, got]] of cases) {
    assert.deepEqual(
      jsonSyntaxError(text),
      { line, column, expected, got },
      text,
    );
  }
});

Deno.test("jsonSyntaxError() agrees with JSON.parse on what is valid (mutated documents)", () => {
  const doc = JSON.stringify(
    {
      name: "x",
      n: [1, -2.5, 3e-4, 0],
      nested: { ok: true, no: false, nil: null, s: 'a "q" \\ \u00e9' },
    },
    null,
    2,
  );
  const alphabet = [
    '"',
    ",",
    ":",
    "{",
    "}",
    "[",
    "]",
    " ",
    "\n",
    "1",
    "-",
    "e",
    ".",
    "t",
    "\\",
    "x",
  ];
  const rng = createRng(11);
  for (let i = 0; i < 2000; i++) {
    let text = doc;
    for (let k = 0; k < 1 + Math.floor(rng() * 3); k++) {
      const at = Math.floor(rng() * text.length);
      const op = rng();
      const ch = alphabet[Math.floor(rng() * alphabet.length)];
      text = op < 0.4
        ? text.slice(0, at) + text.slice(at + 1)
        : op < 0.8
        ? text.slice(0, at) + ch + text.slice(at)
        : text.slice(0, at) + ch + text.slice(at + 1);
    }
    let valid = true;
    try {
      JSON.parse(text);
    } catch {
      valid = false;
    }
    assert.equal(jsonSyntaxError(text) === undefined, valid, text);
  }
});

Deno.test("binaryReason() refuses NUL bytes and bytes that are not UTF-8, not a cut character", () => {
  const text = new TextEncoder().encode("date,close\n2020-01-02,1\n");
  assert.equal(binaryReason(text), undefined);
  assert.equal(
    binaryReason(new Uint8Array([0x41, 0x00])),
    "binary data (a NUL byte at byte 1)",
  );
  assert.equal(
    binaryReason(new Uint8Array([0xc3, 0x28])),
    "binary data (bytes that are not UTF-8 text)",
  );
  const cut = new TextEncoder().encode("caf\u00e9").subarray(0, 4); // é cut in half
  assert.equal(
    binaryReason(cut, false),
    undefined,
    "the start of a longer file",
  );
  assert.ok(
    binaryReason(cut) !== undefined,
    "a whole file that ends mid-character",
  );
});

Deno.test("nearest() suggests within a third of the name's length", () => {
  assert.equal(nearest("nope", ["mode", "now"]), undefined);
  assert.equal(
    nearest("trian-len", ["train-len", "test-len", "gap"]),
    "train-len",
  );
  assert.equal(nearest("DB", ["db", "out"]), "db");
  assert.equal(nearest("json", ["jsn", "js"]), "jsn");
  assert.equal(nearest("verbose", ["db", "out"]), undefined);
  assert.equal(nearest("x", []), undefined);
});
