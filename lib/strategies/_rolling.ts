/**
 * Trailing-window kernels shared by the strategies (private). Every output at t uses
 * inputs t - w + 1..t only; NaN until the window is full or when it holds a NaN.
 *
 * @module
 */

/**
 * Trailing mean and sample standard deviation (n - 1) over `w` bars via prefix sums
 * (values are centred on the first finite value for numerical stability).
 *
 * @param x Input column.
 * @param w Window length in bars (>= 2).
 * @returns `{ mean, std }` columns.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rollingMeanStd } from "./_rolling.ts";
 * const { mean, std } = rollingMeanStd(new Float64Array([1, 2, 3, 4]), 3);
 * assert.equal(mean[3], 3);
 * assert.equal(std[3], 1);
 * ```
 */
export function rollingMeanStd(
  x: Float64Array,
  w: number,
): { mean: Float64Array; std: Float64Array } {
  const n = x.length;
  const mean = new Float64Array(n).fill(NaN);
  const std = new Float64Array(n).fill(NaN);
  let shift = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(x[i])) {
      shift = x[i];
      break;
    }
  }
  const s1 = new Float64Array(n + 1), s2 = new Float64Array(n + 1);
  const bad = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const ok = Number.isFinite(x[i]);
    const v = ok ? x[i] - shift : 0;
    s1[i + 1] = s1[i] + v;
    s2[i + 1] = s2[i] + v * v;
    bad[i + 1] = bad[i] + (ok ? 0 : 1);
  }
  for (let t = w - 1; t < n; t++) {
    if (bad[t + 1] - bad[t + 1 - w] > 0) continue;
    const a = s1[t + 1] - s1[t + 1 - w];
    const b = s2[t + 1] - s2[t + 1 - w];
    const m = a / w;
    mean[t] = m + shift;
    const v = w > 1 ? (b - a * m) / (w - 1) : NaN;
    std[t] = Math.sqrt(Math.max(0, v));
  }
  return { mean, std };
}

/**
 * Trailing max (or min) over `w` bars with a monotone deque, O(n). NaN until full or
 * when the window holds a NaN.
 *
 * @param x Input column.
 * @param w Window length in bars (>= 1).
 * @param kind "max" or "min".
 * @returns The trailing extreme at each t.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rollingExtreme } from "./_rolling.ts";
 * const m = rollingExtreme(new Float64Array([1, 3, 2, 0]), 2, "max");
 * assert.deepEqual([...m], [NaN, 3, 3, 2]);
 * ```
 */
export function rollingExtreme(
  x: Float64Array,
  w: number,
  kind: "max" | "min",
): Float64Array {
  const n = x.length;
  const out = new Float64Array(n).fill(NaN);
  const dq = new Int32Array(n);
  let head = 0, tail = 0, lastBad = -1;
  const sign = kind === "max" ? 1 : -1;
  for (let t = 0; t < n; t++) {
    if (!Number.isFinite(x[t])) {
      lastBad = t;
      head = tail = 0;
      continue;
    }
    while (tail > head && sign * x[dq[tail - 1]] <= sign * x[t]) tail--;
    dq[tail++] = t;
    while (dq[head] <= t - w) head++;
    if (t - w + 1 > lastBad && t >= w - 1) out[t] = x[dq[head]];
  }
  return out;
}
