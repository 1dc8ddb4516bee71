/**
 * Agglomerative hierarchical clustering on a distance matrix (scipy
 * `cluster.hierarchy.linkage` conventions). Private to lib/portfolio.
 *
 * @module
 */

/** Linkage criterion: how the distance to a merged cluster is updated (Lance-Williams). */
export type LinkageMethod = "single" | "complete" | "average" | "ward";

/** One merge of the tree (scipy `linkage` row layout). */
export interface LinkageStep {
  /** Ids of the merged clusters (leaves 0..N-1, merge k creates id N + k); left < right. */
  readonly left: number;
  readonly right: number;
  readonly distance: number;
  /** Leaves in the new cluster. */
  readonly size: number;
}

/**
 * Merge the closest pair of clusters until one is left; ties merge the pair with the
 * smallest ids (in id order). Distances to a merged cluster u = i + j follow scipy:
 * single min, complete max, average (n_i d_ki + n_j d_kj) / (n_i + n_j), ward
 * sqrt(((n_k + n_i) d_ki^2 + (n_k + n_j) d_kj^2 - n_k d_ij^2) / (n_i + n_j + n_k)).
 * All four are monotone, so merges come out in non-decreasing distance, as scipy's
 * sorted output. Each cluster keeps its nearest cluster of a larger id (Mullner's
 * "generic" algorithm), so a merge costs O(N) plus a rescan of the clusters whose
 * nearest it merged: about O(N^2) time (O(N^3) at worst), O(N^2) memory.
 */
export function linkage(
  dist: Float64Array,
  n: number,
  method: LinkageMethod,
): LinkageStep[] {
  const d = Float64Array.from(dist);
  const id = Int32Array.from({ length: n }, (_, i) => i); // cluster id in slot
  const size = new Float64Array(n).fill(1);
  const alive = new Uint8Array(n).fill(1);
  // nearest slot of a larger id, and its distance (ties: the smaller id)
  const nn = new Int32Array(n).fill(-1),
    nd = new Float64Array(n).fill(Infinity);
  const rescan = (x: number) => {
    let best = Infinity, at = -1;
    for (let y = 0; y < n; y++) {
      if (y === x || !alive[y] || id[y] < id[x]) continue;
      const v = d[x * n + y];
      if (v < best || (v === best && at >= 0 && id[y] < id[at])) {
        best = v;
        at = y;
      }
    }
    nn[x] = at;
    nd[x] = best;
  };
  for (let x = 0; x < n; x++) rescan(x);
  const out: LinkageStep[] = [];
  for (let step = 0; step < n - 1; step++) {
    let a = -1;
    for (let x = 0; x < n; x++) {
      if (!alive[x] || nn[x] < 0) continue;
      if (a < 0 || nd[x] < nd[a] || (nd[x] === nd[a] && id[x] < id[a])) a = x;
    }
    const b = nn[a], best = nd[a];
    const na = size[a], nb = size[b];
    for (let k = 0; k < n; k++) {
      if (!alive[k] || k === a || k === b) continue;
      const v = update(
        method,
        d[k * n + a],
        d[k * n + b],
        best,
        na,
        nb,
        size[k],
      );
      d[k * n + a] = d[a * n + k] = v;
    }
    out.push({ left: id[a], right: id[b], distance: best, size: na + nb });
    alive[b] = 0;
    size[a] = na + nb;
    id[a] = n + step; // the largest id: no cluster of a larger id is left for it
    nn[a] = -1;
    nd[a] = Infinity;
    for (let k = 0; k < n; k++) {
      if (!alive[k] || k === a) continue;
      if (nn[k] === a || nn[k] === b) rescan(k);
      else if (d[k * n + a] < nd[k]) {
        nn[k] = a;
        nd[k] = d[k * n + a];
      }
    }
  }
  return out;
}

function update(
  method: LinkageMethod,
  dki: number,
  dkj: number,
  dij: number,
  ni: number,
  nj: number,
  nk: number,
): number {
  switch (method) {
    case "single":
      return Math.min(dki, dkj);
    case "complete":
      return Math.max(dki, dkj);
    case "average":
      return (ni * dki + nj * dkj) / (ni + nj);
    case "ward":
      return Math.sqrt(
        ((nk + ni) * dki * dki + (nk + nj) * dkj * dkj - nk * dij * dij) /
          (ni + nj + nk),
      );
  }
}
