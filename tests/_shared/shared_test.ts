import assert from "node:assert/strict";
import { z } from "zod";
import { parseConfig } from "../../lib/_shared/config.ts";
import { ConfigError, IngestError } from "../../lib/_shared/errors.ts";
import { hashColumns } from "../../lib/_shared/hash.ts";
import {
  createNormal,
  createRng,
  permutation,
} from "../../lib/_shared/seed.ts";

Deno.test("hashColumns() matches FNV-1a 64 computed independently", () => {
  // python: h=0xcbf29ce484222325; for b in b"a\0": h^=b; h=(h*0x100000001b3)%2**64
  assert.equal(hashColumns(["a"]), "089be207b544f1e4");
  // python over the little-endian bytes of float64 1.0 (00 00 00 00 00 00 f0 3f)
  assert.equal(hashColumns([new Float64Array([1])]), "aab1693229ba1db8");
});

Deno.test("hashColumns() depends on every byte and on order", () => {
  const a = hashColumns([new Float64Array([1, 2, 3])]);
  assert.notEqual(a, hashColumns([new Float64Array([1, 2, 3.0000000001])]));
  assert.notEqual(hashColumns(["x", "y"]), hashColumns(["y", "x"]));
});

Deno.test("createRng() gives identical streams for one seed and different ones otherwise", () => {
  const a = createRng(7), b = createRng(7), c = createRng(8);
  const xs = Array.from({ length: 100 }, () => a());
  assert.deepEqual(xs, Array.from({ length: 100 }, () => b()));
  assert.notDeepEqual(xs, Array.from({ length: 100 }, () => c()));
  assert.ok(xs.every((x) => x >= 0 && x < 1));
});

Deno.test("createNormal() has mean 0 and variance 1 within sampling error", () => {
  const z = createNormal(createRng(1));
  let s = 0, s2 = 0;
  const n = 200_000;
  for (let i = 0; i < n; i++) {
    const v = z();
    s += v;
    s2 += v * v;
  }
  const mean = s / n, variance = s2 / n - mean * mean;
  assert.ok(Math.abs(mean) < 5 / Math.sqrt(n), `mean ${mean}`);
  assert.ok(Math.abs(variance - 1) < 0.02, `variance ${variance}`);
});

Deno.test("permutation() is a permutation", () => {
  const p = Array.from(permutation(1000, createRng(3)));
  assert.deepEqual(
    [...p].sort((x, y) => x - y),
    Array.from({ length: 1000 }, (_, i) => i),
  );
  assert.notDeepEqual(p, Array.from({ length: 1000 }, (_, i) => i));
});

Deno.test("parseConfig() names the source, field, expectation and received value", () => {
  const S = z.strictObject({
    limits: z.strictObject({ maxDrawdown: z.number().max(1) }),
  });
  try {
    parseConfig(S, { limits: { maxDrawdown: 5 } }, "config/x.json");
    assert.fail("expected a ConfigError");
  } catch (e) {
    assert.ok(e instanceof ConfigError);
    assert.equal(e.source, "config/x.json");
    assert.equal(e.path, "limits.maxDrawdown");
    assert.equal(e.received, "5");
    assert.match(
      e.message,
      /config\/x\.json: field "limits\.maxDrawdown": expected .*1.*, got 5/,
    );
  }
});

Deno.test("parseConfig() rejects unknown keys and lists the allowed ones", () => {
  const S = z.strictObject({ train: z.number(), test: z.number() });
  assert.throws(
    () => parseConfig(S, { train: 1, test: 2, tset: 3 }, "--flags"),
    (e: unknown) =>
      e instanceof ConfigError && /tset/.test(e.message) &&
      /allowed: train, test/.test(e.message),
  );
});

Deno.test("IngestError message names file, line, column and value", () => {
  const e = new IngestError(
    "data/x.csv",
    14,
    "close",
    "n/a",
    "a finite number",
  );
  assert.equal(
    e.message,
    'Cannot load bars from data/x.csv: line 14, column "close": expected a finite number, got "n/a"',
  );
  assert.ok(e instanceof SyntaxError);
});
