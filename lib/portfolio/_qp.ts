/**
 * A primal active-set solver for the quadratic programs of long-only allocation:
 *   minimise 1/2 w' Sigma w  subject to  a' w = 1,  lo <= w <= hi
 * (a = 1: minimum variance; a = mu - rf on the Sharpe-scaled variables: maximum Sharpe).
 * Each step solves the equality-constrained problem on the free assets exactly
 * (Cholesky of their covariance block), so the answer satisfies the KKT conditions to
 * rounding; with a few dozen assets held out of hundreds it costs milliseconds.
 * Private to lib/portfolio.
 *
 * @module
 */

/** Cholesky factor (lower, row-major k x k) of the sub-matrix `idx` of S; null if not PD. */
function cholesky(
  S: Float64Array,
  n: number,
  idx: readonly number[],
): Float64Array | null {
  const k = idx.length, L = new Float64Array(k * k);
  for (let r = 0; r < k; r++) {
    const ir = idx[r] * n;
    for (let c = 0; c <= r; c++) {
      let s = S[ir + idx[c]];
      for (let m = 0; m < c; m++) s -= L[r * k + m] * L[c * k + m];
      if (r === c) {
        if (!(s > 0)) return null;
        L[r * k + r] = Math.sqrt(s);
      } else L[r * k + c] = s / L[c * k + c];
    }
  }
  return L;
}

/** Solve (L L') x = b in place. */
function cholSolve(L: Float64Array, k: number, b: Float64Array): Float64Array {
  for (let r = 0; r < k; r++) {
    let s = b[r];
    for (let m = 0; m < r; m++) s -= L[r * k + m] * b[m];
    b[r] = s / L[r * k + r];
  }
  for (let r = k - 1; r >= 0; r--) {
    let s = b[r];
    for (let m = r + 1; m < k; m++) s -= L[m * k + r] * b[m];
    b[r] = s / L[r * k + r];
  }
  return b;
}

/** The problem: S (n x n, row-major), a, bounds. */
export interface BoxQp {
  readonly S: Float64Array;
  readonly n: number;
  readonly a: ArrayLike<number>;
  readonly lo: ArrayLike<number>;
  readonly hi: ArrayLike<number>;
}

/**
 * Solve a {@linkcode BoxQp} from a feasible start whose free assets are `free` (the
 * others sit at a bound). Returns null when a covariance block is not positive definite
 * or the iterations run out (the callers then use their projected-gradient solver).
 *
 * @param p The problem.
 * @param w0 A feasible start (a' w0 = 1, within the bounds).
 * @param free0 The start's free assets.
 * @returns The optimal weights, or null.
 */
export function solveBoxQp(
  p: BoxQp,
  w0: Float64Array,
  free0: readonly number[],
): Float64Array | null {
  const { S, n, a, lo, hi } = p;
  const w = Float64Array.from(w0);
  const isFree = new Uint8Array(n);
  for (const i of free0) isFree[i] = 1;
  const g = new Float64Array(n);
  for (let iter = 0; iter < 20 * n + 100; iter++) {
    const F: number[] = [];
    for (let i = 0; i < n; i++) if (isFree[i]) F.push(i);
    const k = F.length;
    if (k === 0) return null;
    const L = cholesky(S, n, F);
    if (L === null) return null;
    // w_F* = Sigma_FF^-1 (lambda a_F - c), c = Sigma_FB w_B; lambda from a' w = 1
    const c = new Float64Array(k), u = new Float64Array(k);
    let rest = 1;
    for (let j = 0; j < n; j++) if (!isFree[j]) rest -= a[j] * w[j];
    for (let r = 0; r < k; r++) {
      const row = F[r] * n;
      let s = 0;
      for (let j = 0; j < n; j++) {
        if (!isFree[j] && w[j] !== 0) s += S[row + j] * w[j];
      }
      c[r] = s;
      u[r] = a[F[r]];
    }
    cholSolve(L, k, u);
    cholSolve(L, k, c);
    let au = 0, ac = 0;
    for (let r = 0; r < k; r++) {
      au += a[F[r]] * u[r];
      ac += a[F[r]] * c[r];
    }
    if (!(au > 0)) return null;
    const lambda = (rest + ac) / au;
    // step towards the target, as far as the bounds allow
    let step = 1, block = -1;
    for (let r = 0; r < k; r++) {
      const i = F[r], target = lambda * u[r] - c[r], d = target - w[i];
      if (d < 0 && w[i] + d < lo[i]) {
        const s = (lo[i] - w[i]) / d;
        if (s < step) [step, block] = [s, r];
      } else if (d > 0 && w[i] + d > hi[i]) {
        const s = (hi[i] - w[i]) / d;
        if (s < step) [step, block] = [s, r];
      }
    }
    for (let r = 0; r < k; r++) {
      const i = F[r];
      w[i] = r === block
        ? (lambda * u[r] - c[r] < w[i] ? lo[i] : hi[i])
        : w[i] + step * (lambda * u[r] - c[r] - w[i]);
    }
    if (block >= 0) {
      isFree[F[block]] = 0;
      continue;
    }
    // at the optimum of the free set: an asset at a bound whose multiplier has the
    // wrong sign would lower the objective by moving: free the worst one
    let worst = 0, enter = -1;
    let scale = Math.abs(lambda);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) if (w[j] !== 0) s += S[i * n + j] * w[j];
      g[i] = s - lambda * a[i];
      scale = Math.max(scale, Math.abs(s));
    }
    const tol = 1e-12 * scale;
    for (let i = 0; i < n; i++) {
      if (isFree[i]) continue;
      const v = w[i] <= lo[i] ? -g[i] : w[i] >= hi[i] ? g[i] : 0;
      if (v > tol && v > worst) [worst, enter] = [v, i];
    }
    if (enter < 0) return w;
    isFree[enter] = 1;
  }
  return null;
}

/**
 * A feasible start for lower bounds 0: the assets by ascending variance, each filled to
 * its cap until the weights sum to 1; the last one filled is free.
 */
export function greedyStart(
  S: Float64Array,
  n: number,
  hi: Float64Array,
): [Float64Array, number[]] {
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) =>
    S[i * n + i] - S[j * n + j] || i - j
  );
  const w = new Float64Array(n);
  let left = 1, last = order[0];
  for (const i of order) {
    if (left <= 0) break;
    w[i] = Math.min(hi[i], left);
    left -= w[i];
    last = i;
  }
  return [w, [last]];
}
