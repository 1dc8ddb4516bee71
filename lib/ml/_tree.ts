/**
 * Histogram regression trees (internal kernel of the random forest and boosted trees).
 *
 * Features are binned once per fit at training quantiles (<= `nBins` bins per column);
 * a split "bin <= b" is stored as the raw threshold `x <= edge[b]`, so prediction needs
 * no bins. NaN goes to bin 0 when binning and left (`!(x > t)`) when predicting, which
 * agree. A split maximises the squared-error reduction
 * `SL^2/nL + SR^2/nR - S^2/n` subject to `minLeaf` rows each side; the reduction is
 * added to the feature's impurity importance.
 *
 * @module
 */
import type { Matrix } from "../_shared/types.ts";
import type { Rng } from "../_shared/seed.ts";

/** Binned training matrix: bin index per cell (column-major) and the edges per column. */
export interface Binned {
  readonly rows: number;
  readonly cols: number;
  /** `bins[c * rows + r]`. */
  readonly bins: Uint8Array;
  readonly edges: Float64Array[];
}

/** One tree as flat arrays; `feature[i] < 0` marks a leaf holding `value[i]`. */
export interface Tree {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[];
}

/** Bin every column of `x` at up to `nBins` quantile edges (unique values). */
export function binMatrix(x: Matrix, nBins: number): Binned {
  const { rows: n, cols: p, data } = x;
  const bins = new Uint8Array(n * p), edges: Float64Array[] = [];
  const col = new Float64Array(n);
  for (let c = 0; c < p; c++) {
    let m = 0;
    for (let r = 0; r < n; r++) {
      const v = data[r * p + c];
      if (!Number.isNaN(v)) col[m++] = v;
    }
    const sorted = col.subarray(0, m).slice().sort();
    const e: number[] = [];
    for (let b = 1; b < nBins; b++) {
      const v = sorted[Math.floor((b * m) / nBins)];
      if (
        m > 0 && v !== undefined && v < sorted[m - 1] &&
        (e.length === 0 || v > e[e.length - 1])
      ) {
        e.push(v);
      }
    }
    const ed = Float64Array.from(e);
    edges.push(ed);
    for (let r = 0; r < n; r++) bins[c * n + r] = binOf(data[r * p + c], ed);
  }
  return { rows: n, cols: p, bins, edges };
}

function binOf(v: number, edges: Float64Array): number {
  if (Number.isNaN(v)) return 0;
  let lo = 0, hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= edges[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Settings of one tree. */
export interface TreeSettings {
  maxDepth: number;
  minLeaf: number;
  /** Number of candidate features drawn per split (all when >= cols). */
  mtry: number;
  /** Sampling weight per feature (warm-start priors), or undefined for uniform. */
  featureWeights?: Float64Array;
  /** Multiplier of leaf values (the learning rate in boosting). */
  shrink: number;
}

/**
 * Grow one tree on rows `idx` (may repeat rows: a bootstrap) against targets `g`,
 * adding each split's gain to `importance`. `idx` is reordered in place.
 */
export function growTree(
  xb: Binned,
  g: Float64Array,
  idx: Int32Array,
  s: TreeSettings,
  rng: Rng,
  importance: Float64Array,
): Tree {
  const t: Tree = {
    feature: [],
    threshold: [],
    left: [],
    right: [],
    value: [],
  };
  const sum = new Float64Array(256), cnt = new Float64Array(256);
  const cand = new Int32Array(xb.cols);
  const grow = (lo: number, hi: number, depth: number): number => {
    const node = t.feature.length;
    let total = 0;
    for (let i = lo; i < hi; i++) total += g[idx[i]];
    const n = hi - lo;
    t.feature.push(-1);
    t.threshold.push(0);
    t.left.push(-1);
    t.right.push(-1);
    t.value.push((total / n) * s.shrink);
    if (depth >= s.maxDepth || n < 2 * s.minLeaf) return node;
    const k = drawFeatures(xb.cols, s, rng, cand);
    let bestGain = 1e-12, bestF = -1, bestB = -1;
    const base = (total * total) / n;
    for (let ci = 0; ci < k; ci++) {
      const f = cand[ci], nb = xb.edges[f].length + 1;
      if (nb < 2) continue;
      sum.fill(0, 0, nb);
      cnt.fill(0, 0, nb);
      const off = f * xb.rows;
      for (let i = lo; i < hi; i++) {
        const r = idx[i], b = xb.bins[off + r];
        sum[b] += g[r];
        cnt[b]++;
      }
      let sl = 0, nl = 0;
      for (let b = 0; b < nb - 1; b++) {
        sl += sum[b];
        nl += cnt[b];
        const nr = n - nl;
        if (nl < s.minLeaf) continue;
        if (nr < s.minLeaf) break;
        const sr = total - sl;
        const gain = (sl * sl) / nl + (sr * sr) / nr - base;
        if (gain > bestGain) {
          bestGain = gain;
          bestF = f;
          bestB = b;
        }
      }
    }
    if (bestF < 0) return node;
    importance[bestF] += bestGain;
    // partition idx[lo, hi) by bin <= bestB
    const off = bestF * xb.rows;
    let i = lo, j = hi - 1;
    while (i <= j) {
      if (xb.bins[off + idx[i]] <= bestB) i++;
      else {
        const tmp = idx[i];
        idx[i] = idx[j];
        idx[j--] = tmp;
      }
    }
    t.feature[node] = bestF;
    t.threshold[node] = xb.edges[bestF][bestB];
    t.left[node] = grow(lo, i, depth + 1);
    t.right[node] = grow(i, hi, depth + 1);
    return node;
  };
  grow(0, idx.length, 0);
  return t;
}

/** Draw `mtry` distinct candidate features into `out` (weighted when weights are given). */
function drawFeatures(
  p: number,
  s: TreeSettings,
  rng: Rng,
  out: Int32Array,
): number {
  for (let i = 0; i < p; i++) out[i] = i;
  if (s.mtry >= p) return p;
  const w = s.featureWeights;
  for (let i = 0; i < s.mtry; i++) {
    let j: number;
    if (w) {
      let total = 0;
      for (let k = i; k < p; k++) total += w[out[k]];
      let u = rng() * total;
      j = p - 1;
      for (let k = i; k < p; k++) {
        u -= w[out[k]];
        if (u < 0) {
          j = k;
          break;
        }
      }
    } else j = i + Math.floor(rng() * (p - i));
    const tmp = out[i];
    out[i] = out[j];
    out[j] = tmp;
  }
  return s.mtry;
}

/** Add the tree's prediction for every row of `x` into `out`. */
export function addTreePrediction(t: Tree, x: Matrix, out: Float64Array): void {
  const { rows, cols, data } = x;
  for (let r = 0; r < rows; r++) {
    let node = 0;
    while (t.feature[node] >= 0) {
      node = data[r * cols + t.feature[node]] > t.threshold[node]
        ? t.right[node]
        : t.left[node];
    }
    out[r] += t.value[node];
  }
}

/** Validate a serialised tree (arrays of equal length) and return it. */
export function readTree(v: unknown): Tree {
  const o = v as Record<string, unknown>;
  const keys = ["feature", "threshold", "left", "right", "value"] as const;
  for (const key of keys) {
    if (
      !Array.isArray(o?.[key]) ||
      (o[key] as unknown[]).length !== (o.feature as unknown[])?.length
    ) {
      throw new TypeError(
        `Cannot restore a tree: field "${key}" must be an array like "feature"`,
      );
    }
  }
  return o as unknown as Tree;
}

/** Warm-start feature weights: `0.5/p + 0.5 * share` from a previous state's `importanceShare`. */
export function weightsFrom(
  state: Record<string, unknown> | undefined,
  p: number,
): Float64Array | undefined {
  const share = state?.importanceShare;
  if (!Array.isArray(share) || share.length !== p) return undefined;
  return Float64Array.from(
    share as number[],
    (s) => 0.5 / p + 0.5 * (Number(s) || 0),
  );
}
