/** Synthetic data for the ml tests (seeded). */
import { createNormal, createRng } from "../../lib/_shared/seed.ts";
import type { Matrix } from "../../lib/_shared/types.ts";

/** n x p standard normal features. */
export function normalMatrix(n: number, p: number, seed: number): Matrix {
  const z = createNormal(createRng(seed));
  return {
    data: Float64Array.from({ length: n * p }, () => z()),
    rows: n,
    cols: p,
  };
}

/** y = x . beta + b0 + noiseSd * e. */
export function linearTarget(
  x: Matrix,
  beta: number[],
  b0: number,
  noiseSd: number,
  seed: number,
): Float64Array {
  const z = createNormal(createRng(seed));
  const y = new Float64Array(x.rows);
  for (let r = 0; r < x.rows; r++) {
    let s = b0;
    for (let c = 0; c < x.cols; c++) {
      s += x.data[r * x.cols + c] * (beta[c] ?? 0);
    }
    y[r] = s + noiseSd * z();
  }
  return y;
}

/** Rows [from, to) of a matrix. */
export function sliceRows(x: Matrix, from: number, to: number): Matrix {
  return {
    data: x.data.slice(from * x.cols, to * x.cols),
    rows: to - from,
    cols: x.cols,
  };
}
