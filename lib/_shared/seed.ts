/**
 * Seeded pseudo-random numbers. Every random draw in the project comes from here, so
 * the same seed gives bit-identical results. Never use `Math.random`.
 *
 * @module
 */
import { crLog } from "./cr_math.ts";

/** The seed every generator uses when none is given: one place, so one default. */
export const DEFAULT_SEED = 42;

/** A generator of uniform numbers in [0, 1). */
export type Rng = () => number;

/**
 * Mulberry32 generator: fast, 32-bit state, period 2^32; good enough for simulation and
 * bootstrap, not for cryptography.
 *
 * @param seed Any integer; it is reduced to 32 bits.
 * @returns A function returning uniforms in [0, 1).
 * @example
 * ```ts
 * import { createRng } from "./seed.ts";
 * import assert from "node:assert/strict";
 * const a = createRng(42), b = createRng(42);
 * assert.equal(a(), b());
 * ```
 */
export function createRng(seed: number): Rng {
  let s = seed >>> 0;
  return function next(): number {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Standard normal draws by the Box-Muller transform over `rng`.
 *
 * @param rng A uniform generator from {@linkcode createRng}.
 * @returns A function returning N(0, 1) draws.
 * @example
 * ```ts
 * import { createRng, createNormal } from "./seed.ts";
 * import assert from "node:assert/strict";
 * const z = createNormal(createRng(1));
 * assert.ok(Number.isFinite(z()));
 * ```
 */
export function createNormal(rng: Rng): () => number {
  let spare = NaN;
  return function normal(): number {
    if (!Number.isNaN(spare)) {
      const v = spare;
      spare = NaN;
      return v;
    }
    let u = 0;
    while (u === 0) u = rng();
    const v = rng();
    const r = Math.sqrt(-2 * crLog(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}

/**
 * Fisher-Yates shuffle of the indices 0..n-1 driven by `rng`.
 *
 * @returns A new `Int32Array` permutation.
 * @example
 * ```ts
 * import { createRng, permutation } from "./seed.ts";
 * import assert from "node:assert/strict";
 * assert.equal(permutation(5, createRng(3)).length, 5);
 * ```
 */
export function permutation(n: number, rng: Rng): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}
