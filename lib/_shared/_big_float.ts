/**
 * Slow, exact-enough arithmetic for {@linkcode ./cr_math.ts}: `exp` and `log` of a double
 * as BigInt fixed-point numbers with any number of bits, and the correctly rounded double
 * nearest such a number (or null when the error bound does not decide it). Used to build
 * the fast path's tables and for the rare inputs the fast path cannot round with
 * certainty (about one in 2^30). Private to lib/_shared.
 *
 * A fixed-point number `v` with `p` fraction bits means `v / 2^p`.
 *
 * @module
 */

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);

/** 2^e as a double, for -1074 <= e <= 1023 (exact). */
export function pow2(e: number): number {
  if (e >= -1022) {
    U32[0] = 0;
    U32[1] = (e + 1023) << 20;
    return F64[0];
  }
  return pow2(e + 600) * pow2(-600); // a subnormal: the product is exact
}

/** x * 2^s for a result that is representable (exact; steps keep the middle normal). */
export function ldexp(x: number, s: number): number {
  let r = x, k = s;
  while (k > 600) {
    r *= pow2(600);
    k -= 600;
  }
  while (k < -600) {
    r *= pow2(-600);
    k += 600;
  }
  return r * pow2(k);
}

/** A finite nonzero double as `m * 2^e` with `m` a positive integer of at most 53 bits. */
export function decompose(x: number): { neg: boolean; m: bigint; e: number } {
  F64[0] = x;
  const hi = U32[1], lo = U32[0];
  const biased = (hi >>> 20) & 0x7ff;
  const frac = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  const neg = (hi >>> 31) === 1;
  if (biased === 0) return { neg, m: frac, e: -1074 };
  return { neg, m: frac | (1n << 52n), e: biased - 1075 };
}

/** x * 2^p, exactly (throws when x has bits below 2^-p). */
function toFixed(x: number, p: number): bigint {
  const { neg, m, e } = decompose(x);
  if (e + p < 0) {
    if ((m & ((1n << BigInt(-(e + p))) - 1n)) !== 0n) {
      throw new RangeError(`toFixed: ${x} needs more than ${p} fraction bits`);
    }
    const v = m >> BigInt(-(e + p));
    return neg ? -v : v;
  }
  const v = m << BigInt(e + p);
  return neg ? -v : v;
}

const ln2Cache = new Map<number, bigint>();

/** ln 2 with `p` fraction bits, error below 2^-p (series sum of 1/(k 2^k), 32 guard bits). */
export function ln2Fixed(p: number): bigint {
  const hit = ln2Cache.get(p);
  if (hit !== undefined) return hit;
  const q = p + 32;
  let sum = 0n;
  for (let k = 1; k <= q; k++) sum += (1n << BigInt(q - k)) / BigInt(k);
  const v = sum >> 32n;
  ln2Cache.set(p, v);
  return v;
}

/** floor(a / b) for b > 0. */
function floorDiv(a: bigint, b: bigint): bigint {
  return a >= 0n ? a / b : -((-a + b - 1n) / b);
}

function bitLength(v: bigint): number {
  return v === 0n ? 0 : v.toString(2).length;
}

/** Round half to even of v / 2^s (s >= 0). */
function shiftRound(v: bigint, s: number): bigint {
  if (s <= 0) return v << BigInt(-s);
  const q = v >> BigInt(s);
  const rem = v - (q << BigInt(s));
  const half = 1n << BigInt(s - 1);
  return rem > half || (rem === half && (q & 1n) === 1n) ? q + 1n : q;
}

/**
 * exp of a fixed-point number: `e^(a / 2^p)` with `p` fraction bits, error a few units of
 * 2^-p relative (`a / 2^p` must be below 1100 in magnitude).
 */
export function expFixed(a: bigint, p: number): { v: bigint; exp2: number } {
  const w = p + 64; // working bits
  const ln2 = ln2Fixed(w);
  const aw = a << 64n;
  // a = k ln2 + r, |r| <= ln2 / 2
  const k = floorDiv(2n * aw + ln2, 2n * ln2);
  const r = aw - k * ln2;
  const s = 24; // e^r = (e^(r / 2^s))^(2^s)
  const t = r >> BigInt(s);
  const one = 1n << BigInt(w);
  let sum = one, term = one;
  for (let n = 1n; term !== 0n; n++) {
    term = (term * t >> BigInt(w)) / n;
    sum += term;
  }
  for (let i = 0; i < s; i++) sum = (sum * sum) >> BigInt(w);
  return { v: shiftRound(sum, 64), exp2: Number(k) };
}

/**
 * ln of a positive finite double with `p` fraction bits, error a few units of 2^-p:
 * ln(m 2^e) = 2 atanh((m - 1) / (m + 1)) + e ln 2 with m in [1, 2).
 */
export function logFixed(x: number, p: number): bigint {
  const { m, e } = decompose(x);
  const shift = 52 - (bitLength(m) - 1); // normalise m to [2^52, 2^53)
  const mm = m << BigInt(shift);
  const ex = e + 52 - shift;
  return lnSeries(mm, 1n << 52n, ex, p + 64);
}

/**
 * The double nearest `v / 2^p` (ties cannot occur for the values rounded here), or null
 * when `v` is within `err` units of a rounding boundary, so that the true value's
 * rounding is not decided. Subnormal results round at their own precision; results too
 * large become +-Infinity.
 */
export function roundFixed(v: bigint, p: number, err: bigint): number | null {
  if (v === 0n) return 0;
  const neg = v < 0n;
  const a = neg ? -v : v;
  const n = bitLength(a);
  const lead = n - 1 - p; // 2^lead <= |value| < 2^(lead + 1)
  if (lead > 1023) return neg ? -Infinity : Infinity;
  const bits = lead >= -1022 ? 53 : 53 - (-1022 - lead);
  if (bits <= 0) {
    // below half the smallest subnormal, unless near it
    const half = 1n << BigInt(p - 1075);
    if (a + err < half) return neg ? -0 : 0;
    if (a - err > half) return neg ? -pow2(-1074) : pow2(-1074);
    return null;
  }
  const drop = n - bits;
  if (drop <= 0) {
    const r = ldexp(Number(a), -p);
    return neg ? -r : r;
  }
  const q = a >> BigInt(drop);
  const rem = a - (q << BigInt(drop));
  const half = 1n << BigInt(drop - 1);
  const gap = rem > half ? rem - half : half - rem;
  if (gap <= err) return null;
  const rounded = rem > half ? q + 1n : q;
  const r = ldexp(Number(rounded), drop - p);
  if (!Number.isFinite(r)) return neg ? -Infinity : Infinity;
  return neg ? -r : r;
}

/** The correctly rounded exp(x) by BigInt arithmetic (slow; x finite). */
export function slowExp(x: number): number {
  if (Math.abs(x) < pow2(-100)) return 1; // e^x within 2^-100 of 1
  if (x > 710) return Infinity;
  if (x < -746) return 0;
  for (let p = 192;; p *= 2) {
    // x has no bits below 2^-153 here; value = v / 2^p * 2^exp2, error a few units
    const { v, exp2 } = expFixed(toFixed(x, p), p);
    const r = roundFixed(v, p - exp2, 1n << 16n);
    if (r !== null) return r;
  }
}

/** The correctly rounded ln(x) by BigInt arithmetic (slow; x positive finite). */
export function slowLog(x: number): number {
  for (let p = 160;; p *= 2) {
    const r = roundFixed(logFixed(x, p), p, 1n << 16n);
    if (r !== null) return r;
  }
}

/** The correctly rounded ln(1 + x) by BigInt arithmetic (slow; x > -1 finite). */
export function slowLog1p(x: number): number {
  if (x === 0) return x;
  if (Math.abs(x) < pow2(-20)) return slowLog1pSmall(x);
  // 1 + x is exact in fixed point; ln of it through ln(m) + e ln 2 on its parts
  for (let p = 160;; p *= 2) {
    const q = p + 1200;
    const onePlus = (1n << BigInt(q)) + toFixed(x, q);
    const r = roundFixed(logOfFixed(onePlus, q, p), p, 1n << 16n);
    if (r !== null) return r;
  }
}

/** ln(1 + x) for |x| < 2^-20 by its series, with precision relative to x. */
function slowLog1pSmall(x: number): number {
  const { e, m } = decompose(x);
  const lead = e + bitLength(m) - 1; // 2^lead <= |x|
  for (let p = 160;; p *= 2) {
    const q = p - lead; // |X| has about p bits
    const X = toFixed(x, q);
    const one = 1n << BigInt(q);
    let sum = 0n, pw = X;
    for (let k = 1n; pw !== 0n; k++) {
      sum += (k % 2n === 1n ? pw : -pw) / k;
      pw = (pw * X) / one;
    }
    const r = roundFixed(sum, q, 1n << 16n);
    if (r !== null) return r;
  }
}

/** ln(v / 2^q) with p fraction bits (v > 0). */
function logOfFixed(v: bigint, q: number, p: number): bigint {
  const n = bitLength(v);
  const ex = n - 1 - q; // v / 2^q = mm * 2^ex, mm in [1, 2)
  const w = p + 64;
  const mm = n - 1 > w ? v >> BigInt(n - 1 - w) : v << BigInt(w - (n - 1));
  return lnSeries(mm, 1n << BigInt(w), ex, w);
}

/**
 * ln(mm / one * 2^ex) for mm / one in [1, 2), computed with w fraction bits and returned
 * with w - 64: 2 atanh((mm - one) / (mm + one)) + ex ln 2.
 */
function lnSeries(mm: bigint, one: bigint, ex: number, w: number): bigint {
  const s = ((mm - one) << BigInt(w)) / (mm + one);
  const s2 = (s * s) >> BigInt(w);
  let sum = 0n, pw = s;
  for (let k = 1n; pw !== 0n; k += 2n) {
    sum += pw / k;
    pw = (pw * s2) >> BigInt(w);
  }
  return shiftRound(2n * sum + BigInt(ex) * ln2Fixed(w), 64);
}

/** A fixed-point number as a double-double `[hi, lo]` (hi + lo within 2^-106 relative). */
export function toDoubleDouble(v: bigint, p: number): [number, number] {
  const hi = roundFixed(v, p, 0n) ?? Number.NaN;
  const rest = v - toFixed(hi, p);
  const lo = roundFixed(rest, p, 0n) ?? Number.NaN;
  return [hi, lo];
}
