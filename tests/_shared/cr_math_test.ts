/**
 * lib/_shared/cr_math.ts: correctly rounded exp, log and log1p, checked against Python's
 * decimal module (tests/golden/cr_math_golden.py), against Deno's own Math functions
 * (which round correctly, so the lib's numbers on Deno did not change), on special
 * values, and on the exact BigInt path that decides the cases the fast path cannot.
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { crExp, crLog, crLog1p } from "../../lib/_shared/cr_math.ts";
import { slowExp, slowLog, slowLog1p } from "../../lib/_shared/_big_float.ts";
import { createRng } from "../../lib/_shared/seed.ts";

const golden: Record<"exp" | "log" | "log1p", [number, number][]> = JSON
  .parse(
    await readFile(
      new URL("../golden/cr_math.json", import.meta.url),
      "utf8",
    ),
  );

const FNS = {
  exp: [crExp, slowExp],
  log: [crLog, slowLog],
  log1p: [crLog1p, slowLog1p],
} as const;

function bitsOf(x: number): string {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  return v.getBigUint64(0).toString(16);
}

for (const name of ["exp", "log", "log1p"] as const) {
  Deno.test(
    `cr${name}() and its exact path match the Python decimal golden on ${
      golden[name].length
    } inputs`,
    () => {
      const [fast, slow] = FNS[name];
      const bad: string[] = [];
      for (const [x, want] of golden[name]) {
        if (bitsOf(fast(x)) !== bitsOf(want)) {
          bad.push(`${name}(${x}) = ${fast(x)}, expected ${want}`);
        }
        if (bitsOf(slow(x)) !== bitsOf(want)) {
          bad.push(`exact ${name}(${x}) = ${slow(x)}, expected ${want}`);
        }
      }
      assert.deepEqual(bad.slice(0, 10), []);
    },
  );
}

Deno.test("crExp/crLog/crLog1p give the bits of Deno's Math.exp/log/log1p (correctly rounded) on 300,000 inputs", () => {
  const rnd = createRng(17);
  const bad: string[] = [];
  for (let i = 0; i < 100_000; i++) {
    const scale = [1400, 2, 1e-3][i % 3];
    const x = (rnd() - 0.5) * scale;
    if (crExp(x) !== Math.exp(x)) bad.push(`exp(${x})`);
    const y = 10 ** ((rnd() - 0.5) * 600);
    if (crLog(y) !== Math.log(y)) bad.push(`log(${y})`);
    const z = (rnd() - 0.4) * (i % 2 ? 1e-3 : 2);
    if (crLog1p(z) !== Math.log1p(z)) bad.push(`log1p(${z})`);
  }
  assert.deepEqual(bad.slice(0, 10), []);
});

Deno.test("crExp/crLog/crLog1p on special values", () => {
  assert.ok(Number.isNaN(crExp(NaN)));
  assert.equal(crExp(Infinity), Infinity);
  assert.equal(crExp(-Infinity), 0);
  assert.equal(crExp(709.79), Infinity);
  assert.equal(crExp(-746), 0);
  assert.equal(crExp(-0), 1);
  assert.equal(crExp(-745), 5e-324);
  assert.ok(Number.isNaN(crLog(NaN)));
  assert.ok(Number.isNaN(crLog(-1e-300)));
  assert.equal(crLog(0), -Infinity);
  assert.equal(crLog(-0), -Infinity);
  assert.equal(crLog(Infinity), Infinity);
  assert.equal(crLog(5e-324), Math.log(5e-324));
  assert.equal(crLog(Number.MAX_VALUE), Math.log(Number.MAX_VALUE));
  assert.ok(Number.isNaN(crLog1p(-1.5)));
  assert.equal(crLog1p(-1), -Infinity);
  assert.equal(crLog1p(Infinity), Infinity);
  assert.ok(Object.is(crLog1p(-0), -0));
  assert.equal(crLog1p(5e-324), 5e-324);
});
