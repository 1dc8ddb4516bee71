/**
 * Correctly rounded `exp`, `log` and `log1p`: the double nearest the exact result, for
 * every input. `Math.exp`/`Math.log` are only as accurate as each JavaScript engine makes
 * them: Node 20 to 26 (V8 11 to 14) are 1 ulp off in about one call in ten, Deno 2.9 (V8
 * 15) rounds correctly. The lib uses these functions instead, so that log returns,
 * features, labels, likelihoods and everything computed from them are the same bits on
 * Deno and on Node (`tests/architecture_test.ts` keeps `Math.exp`, `Math.log` and
 * `Math.log1p` out of lib/), and equal to what Deno computes with `Math.*`.
 *
 * Method (Ziv's strategy, as in CORE-MATH): a quick path (error below 2^-67 relative)
 * whose result is returned when it rounds the same way at both ends of its error
 * interval (2^-60 used: all but about one input in 2^7); else an accurate path in
 * double-double arithmetic (error below 2^-95, interval 2^-80: all but about one input in
 * 2^27 of those); else an exact BigInt evaluation decides (`_big_float.ts`). The tables
 * are computed once, on first use, by that BigInt arithmetic.
 *
 * - exp: x = (128 m + j) ln2/128 + r with |r| <= ln2/256; e^x = 2^m 2^(j/128) e^r, e^r by
 *   its Taylor series to degree 9.
 * - log: x = 2^e m with m in [sqrt(1/2), sqrt(2)); c = 1/(j/128) rounded, j = round(128 m);
 *   ln x = e ln 2 - ln c + ln(1 + z) with z = m c - 1 exact and |z| <= 2^-8, ln(1 + z) by
 *   its series to degree 14.
 *
 * @module
 */
import {
  expFixed,
  ldexp,
  ln2Fixed,
  logFixed,
  pow2,
  slowExp,
  slowLog,
  slowLog1p,
  toDoubleDouble,
} from "./_big_float.ts";

// --- double-double primitives (results in DD[0], DD[1]: no allocation in the hot path) -------

/** Results of the primitives below: hi in DD[0], lo in DD[1]. */
const DD = new Float64Array(2);
const SPLITTER = 134217729; // 2^27 + 1

/** DD[0] + DD[1] = a + b exactly. */
function twoSum(a: number, b: number): void {
  const s = a + b;
  const bb = s - a;
  DD[1] = (a - (s - bb)) + (b - bb);
  DD[0] = s;
}

/** DD[0] + DD[1] = a * b exactly (Dekker). */
function twoProd(a: number, b: number): void {
  const p = a * b;
  let c = SPLITTER * a;
  const ah = c - (c - a), al = a - ah;
  c = SPLITTER * b;
  const bh = c - (c - b), bl = b - bh;
  DD[1] = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
  DD[0] = p;
}

/** DD[0] + DD[1] = (ah + al) * (bh + bl), to about 2^-104 relative. */
function mulDD(ah: number, al: number, bh: number, bl: number): void {
  twoProd(ah, bh);
  const t = DD[1] + (ah * bl + al * bh);
  const s = DD[0] + t;
  DD[1] = t - (s - DD[0]);
  DD[0] = s;
}

/** DD[0] + DD[1] = (ah + al) + (bh + bl), to about 2^-105 relative (no cancellation here). */
function addDD(ah: number, al: number, bh: number, bl: number): void {
  twoSum(ah, bh);
  const t = DD[1] + al + bl;
  const s = DD[0] + t;
  DD[1] = t - (s - DD[0]);
  DD[0] = s;
}

/**
 * The rounding of (h + l) when the whole interval (h + l) +- bound rounds to one double,
 * else NaN (Ziv's rounding test).
 */
function roundOrNaN(h: number, l: number, bound: number): number {
  const a = h + (l - bound), b = h + (l + bound);
  return a === b ? a : Number.NaN;
}

/** Relative error bound of the quick paths (whose error is below 2^-67) in the rounding test. */
const QUICK_BOUND = pow2(-60);
/** The same for the accurate paths (error below 2^-95). */
const BOUND = pow2(-80);

// --- tables, built on first use --------------------------------------------------------

const P = 200; // bits of the BigInt table values

/** The fast paths' constants, computed once by BigInt arithmetic. */
interface Tables {
  /** 2^(j/128) as hi + lo, j = 0..127. */
  readonly expHi: Float64Array;
  readonly expLo: Float64Array;
  /** ln2/128 in three parts; k * hi is exact for |k| < 2^21. */
  readonly ln2o128Hi: number;
  readonly ln2o128Mid: number;
  readonly ln2o128Lo: number;
  /** 2^m at index m + 1022, m = -1022..1023. */
  readonly pow2: Float64Array;
  /** ln 2 = hi + lo, hi with 42 bits (e * hi exact for |e| < 2^11). */
  readonly ln2Hi: number;
  readonly ln2Lo: number;
  /** c_j = 1 / (j / 128) rounded, and -ln(c_j) as hi + lo, j = 90..182 at index j - 90. */
  readonly logC: Float64Array;
  readonly logHi: Float64Array;
  readonly logLo: Float64Array;
  /** (-1)^(k+1)/k as hi + lo at index k, k = 3..8. */
  readonly c: Float64Array;
  readonly cl: Float64Array;
  /** 1/6 and 1/24 as hi + lo. */
  readonly e6: number;
  readonly e6Lo: number;
  readonly e24: number;
  readonly e24Lo: number;
}

let TABLES: Tables | undefined;

/** The leading `bits` bits of a fixed-point value as a double, and the rest. */
function truncate(v: bigint, p: number, bits: number): [number, bigint] {
  const n = v.toString(2).length;
  const drop = BigInt(n - bits);
  const head = (v >> drop) << drop;
  return [ldexp(Number(v >> drop), n - bits - p), v - head];
}

function buildTables(): Tables {
  const ln2 = ln2Fixed(P);
  const [h, rest] = truncate(ln2 >> 7n, P, 32);
  const [m, rest2] = truncate(rest, P, 53);
  const [ln2Hi, lrest] = truncate(ln2, P, 42);
  const expHi = new Float64Array(128), expLo = new Float64Array(128);
  for (let j = 0; j < 128; j++) {
    const { v, exp2 } = expFixed((BigInt(j) * ln2) >> 7n, P);
    [expHi[j], expLo[j]] = toDoubleDouble(v << BigInt(exp2), P);
  }
  const n = 182 - 90 + 1;
  const logC = new Float64Array(n), logHi = new Float64Array(n);
  const logLo = new Float64Array(n);
  for (let j = 90; j <= 182; j++) {
    const cj = 128 / j;
    logC[j - 90] = cj;
    [logHi[j - 90], logLo[j - 90]] = toDoubleDouble(-logFixed(cj, P), P);
  }
  const c = new Float64Array(9), cl = new Float64Array(9);
  for (let k = 1; k <= 8; k++) {
    const v = ((1n << BigInt(P)) / BigInt(k)) * (k % 2 === 1 ? 1n : -1n);
    [c[k], cl[k]] = toDoubleDouble(v, P);
  }
  const powers = new Float64Array(2046);
  for (let e = -1022; e <= 1023; e++) powers[e + 1022] = pow2(e);
  const e6 = toDoubleDouble((1n << BigInt(P)) / 6n, P);
  const e24 = toDoubleDouble((1n << BigInt(P)) / 24n, P);
  TABLES = {
    expHi,
    expLo,
    ln2o128Hi: h,
    ln2o128Mid: m,
    ln2o128Lo: toDoubleDouble(rest2, P)[0],
    pow2: powers,
    ln2Hi,
    ln2Lo: toDoubleDouble(lrest, P)[0],
    logC,
    logHi,
    logLo,
    c,
    cl,
    e6: e6[0],
    e6Lo: e6[1],
    e24: e24[0],
    e24Lo: e24[1],
  };
  return TABLES;
}

// --- exp -------------------------------------------------------------------------------

const INV_LN2_128 = 128 / Math.LN2;

/**
 * The correctly rounded e^x.
 *
 * @param x Any number.
 * @returns The double nearest e^x (`Infinity` above 709.78..., 0 below -745.13...).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { crExp } from "./cr_math.ts";
 * assert.equal(crExp(0), 1);
 * assert.equal(crExp(1), Math.E);
 * assert.equal(crExp(-Infinity), 0);
 * assert.equal(crExp(800), Infinity);
 * ```
 */
export function crExp(x: number): number {
  if (!(x > -708.3 && x < 709.7)) {
    if (x !== x) return x; // NaN
    if (x === Infinity) return Infinity;
    if (x === -Infinity) return 0;
    return slowExp(x); // overflow, subnormal results: decided exactly
  }
  const t = TABLES ?? buildTables();
  const k = Math.round(x * INV_LN2_128);
  // r = x - k ln2/128 as a double-double (x - k*hi is exact: Sterbenz)
  const r0 = x - k * t.ln2o128Hi;
  twoProd(k, t.ln2o128Mid);
  const pm = DD[0], pe = DD[1];
  twoSum(r0, -pm);
  const h0 = DD[0];
  twoSum(h0, DD[1] - pe - k * t.ln2o128Lo);
  const rh = DD[0], rl = DD[1];
  const j = k & 127, m = (k - j) / 128;
  const th = t.expHi[j], tl = t.expLo[j];
  // quick: e^r - 1 = r + r^2 (1/2 + r/6 + ...), the r^2 part in doubles (error < 2^-68)
  const q = rh * rh *
    (0.5 + rh * (1 / 6 + rh * (1 / 24 + rh * (1 / 120 + rh / 720))));
  twoSum(rh, q);
  const sh = DD[0], sl = DD[1] + rl;
  twoProd(th, sh); // 2^(j/128) (1 + e^r - 1)
  const pl = DD[1] + th * sl + tl * (1 + sh);
  twoSum(th, DD[0]);
  const quick = roundOrNaN(DD[0], DD[1] + pl, QUICK_BOUND * th);
  if (quick === quick) return quick * t.pow2[m + 1022];
  // accurate: e^r = 1 + r (1 + r/2 (1 + r/3 (...))), degree 5..9 in doubles, the rest
  // in double-double
  const t5 = 1 / 120 +
    rh * (1 / 720 + rh * (1 / 5040 + rh * (1 / 40320 + rh / 362880)));
  mulDD(rh, rl, t5, 0);
  addDD(DD[0], DD[1], t.e24, t.e24Lo);
  mulDD(rh, rl, DD[0], DD[1]);
  addDD(DD[0], DD[1], t.e6, t.e6Lo);
  mulDD(rh, rl, DD[0], DD[1]);
  addDD(DD[0], DD[1], 0.5, 0);
  mulDD(rh, rl, DD[0], DD[1]);
  addDD(DD[0], DD[1], 1, 0);
  mulDD(rh, rl, DD[0], DD[1]);
  addDD(DD[0], DD[1], 1, 0);
  mulDD(DD[0], DD[1], th, tl);
  const r = roundOrNaN(DD[0], DD[1], BOUND * DD[0]);
  return r === r ? r * t.pow2[m + 1022] : slowExp(x);
}

// --- log -------------------------------------------------------------------------------

const SQRT2 = Math.SQRT2;
const TINY = pow2(-53);

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);

/** ln(xh + xl) rounded, or NaN when not decided; xh positive normal, |xl| <= ulp(xh)/2. */
function logFast(t: Tables, xh: number, xl: number): number {
  // xh = 2^e * m with m in [1, 2), then [sqrt(1/2), sqrt(2))
  F64[0] = xh;
  const top = U32[1];
  let e = ((top >>> 20) & 0x7ff) - 1023;
  U32[1] = (top & 0x000fffff) | 0x3ff00000;
  let m = F64[0];
  if (m >= SQRT2) {
    m *= 0.5;
    e += 1;
  }
  const ml = xl === 0 ? 0 : ldexp(xl, -e);
  const j = Math.round(m * 128);
  const c = t.logC[j - 90];
  twoProd(m, c);
  const ph = DD[0], pl = DD[1];
  twoSum(ph - 1, pl); // m c - 1, exact
  const zh0 = DD[0], zl0 = DD[1] + ml * c;
  const zh = zh0 + zl0, zl = zl0 - (zh - zh0);
  const lh = t.logHi[j - 90], ll = t.logLo[j - 90];
  // quick: ln(1 + z) = z - z^2/2 + z^3 (1/3 - z/4 + ...), z^2/2 exact, the rest in doubles
  twoProd(zh, zh);
  const q2h = DD[0] * 0.5, q2l = (DD[1] + 2 * zh * zl) * 0.5;
  const tail = zh * zh * zh * (1 / 3 - zh * (1 / 4 - zh * (1 / 5 - zh * (1 / 6 -
                zh * (1 / 7 - zh * (1 / 8 - zh * (1 / 9 - zh / 10)))))));
  twoSum(zh, -q2h);
  const a = DD[0], al = DD[1] + zl - q2l + tail;
  twoSum(a, lh); // - ln c
  const b = DD[0], bl = DD[1] + al + ll;
  twoSum(e * t.ln2Hi, b); // + e ln 2
  const qh = DD[0], ql = DD[1] + bl + e * t.ln2Lo;
  const quick = roundOrNaN(qh, ql, QUICK_BOUND * Math.abs(qh));
  if (quick === quick) return quick;
  // accurate: ln(1 + z) = z (1 + z (C2 + z (C3 + ...))), degree 9..14 in doubles
  const u = 1 / 9 +
    zh * (-1 / 10 + zh * (1 / 11 + zh * (-1 / 12 + zh * (1 / 13 - zh / 14))));
  mulDD(zh, zl, u, 0);
  for (let k = 8; k >= 3; k--) {
    addDD(DD[0], DD[1], t.c[k], t.cl[k]);
    mulDD(zh, zl, DD[0], DD[1]);
  }
  addDD(DD[0], DD[1], -0.5, 0);
  mulDD(zh, zl, DD[0], DD[1]);
  addDD(DD[0], DD[1], 1, 0);
  mulDD(zh, zl, DD[0], DD[1]); // ln(1 + z)
  const sh = DD[0], sl = DD[1];
  // + (-ln c) + e ln2
  addDD(sh, sl, lh, ll);
  const th = DD[0], tl = DD[1];
  twoSum(e * t.ln2Hi, th);
  const s = DD[0], u2 = DD[1] + tl + e * t.ln2Lo;
  const rh = s + u2, rl = u2 - (rh - s);
  return roundOrNaN(rh, rl, BOUND * Math.abs(rh));
}

/**
 * The correctly rounded natural logarithm.
 *
 * @param x Any number.
 * @returns The double nearest ln x (NaN below 0, -Infinity at 0).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { crLog } from "./cr_math.ts";
 * assert.equal(crLog(1), 0);
 * assert.equal(crLog(Math.E), 1);
 * assert.equal(crLog(0), -Infinity);
 * assert.ok(Number.isNaN(crLog(-1)));
 * ```
 */
export function crLog(x: number): number {
  if (!(x > 0 && x < Infinity)) {
    if (x === 0) return -Infinity;
    return x === Infinity ? x : Number.NaN;
  }
  if (x === 1) return 0;
  if (x < pow2(-1022)) return slowLog(x); // subnormal
  const r = logFast(TABLES ?? buildTables(), x, 0);
  return r === r ? r : slowLog(x);
}

/**
 * The correctly rounded ln(1 + x), accurate for x near 0.
 *
 * @param x Any number.
 * @returns The double nearest ln(1 + x) (NaN below -1, -Infinity at -1).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { crLog1p } from "./cr_math.ts";
 * assert.equal(crLog1p(0), 0);
 * assert.equal(crLog1p(1e-20), 1e-20);
 * assert.equal(crLog1p(-1), -Infinity);
 * ```
 */
export function crLog1p(x: number): number {
  if (!(x > -1 && x < Infinity)) {
    if (x === -1) return -Infinity;
    return x === Infinity ? x : Number.NaN;
  }
  // |x| < 2^-53: x - x^2/2 + ... is within half an ulp of x (also keeps -0)
  if (Math.abs(x) < TINY) return x;
  const t = TABLES ?? buildTables();
  twoSum(1, x); // 1 + x exactly, as h + l
  const r = logFast(t, DD[0], DD[1]);
  return r === r ? r : slowLog1p(x);
}
