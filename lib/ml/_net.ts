/**
 * Dense feed-forward network kernels for the MLP (internal). All parameters live in one
 * Float64Array: for each layer, the weights (out x in, row-major) then the biases.
 *
 * @module
 */

/** Layer sizes `[p, h1, (h2,) 1]`, hidden activation and the flat parameters. */
export interface Net {
  readonly sizes: number[];
  readonly activation: "tanh" | "relu";
  readonly w: Float64Array;
}

/** A new net with Glorot-normal weights (`sd = sqrt(2 / (in + out))`) and zero biases. */
export function newNet(
  sizes: number[],
  activation: "tanh" | "relu",
  normal: () => number,
): Net {
  let total = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    total += sizes[l] * sizes[l + 1] + sizes[l + 1];
  }
  const w = new Float64Array(total);
  let o = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const nin = sizes[l], nout = sizes[l + 1], sd = Math.sqrt(2 / (nin + nout));
    for (let i = 0; i < nin * nout; i++) w[o++] = normal() * sd;
    o += nout;
  }
  return { sizes, activation, w };
}

function act(a: "tanh" | "relu", v: number): number {
  return a === "tanh" ? Math.tanh(v) : v > 0 ? v : 0;
}

/** Run rows [from, to) of the standardised matrix `z` through the net; returns outputs. */
export function forward(
  net: Net,
  z: Float64Array,
  from: number,
  to: number,
): Float64Array {
  const out = new Float64Array(to - from), acts = buffers(net.sizes);
  for (let r = from; r < to; r++) {
    run(net, z, r, acts);
    out[r - from] = acts[acts.length - 1][0];
  }
  return out;
}

function buffers(sizes: number[]): Float64Array[] {
  return sizes.map((s) => new Float64Array(s));
}

/** Forward pass of row r, filling the activation of every layer. */
function run(net: Net, z: Float64Array, r: number, acts: Float64Array[]): void {
  const { sizes, w } = net, p = sizes[0];
  for (let c = 0; c < p; c++) acts[0][c] = z[r * p + c];
  let o = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const nin = sizes[l], nout = sizes[l + 1], a = acts[l], b = acts[l + 1];
    const bo = o + nin * nout, last = l + 2 === sizes.length;
    for (let j = 0; j < nout; j++) {
      let s = w[bo + j];
      for (let i = 0; i < nin; i++) s += w[o + j * nin + i] * a[i];
      b[j] = last ? s : act(net.activation, s);
    }
    o = bo + nout;
  }
}

/**
 * Gradient of `mean over the batch of 0.5 (out - t)^2 + l2/2 |W|^2` with respect to every
 * parameter, for the rows `order[start..end)`, written into `grad`.
 */
export function netGradient(
  net: Net,
  z: Float64Array,
  t: Float64Array,
  order: Int32Array,
  start: number,
  end: number,
  l2: number,
  grad: Float64Array,
): void {
  const { sizes, w } = net, L = sizes.length;
  grad.fill(0);
  const acts = buffers(sizes), deltas = buffers(sizes);
  const offs: number[] = [];
  let o = 0;
  for (let l = 0; l + 1 < L; l++) {
    offs.push(o);
    o += sizes[l] * sizes[l + 1] + sizes[l + 1];
  }
  const inv = 1 / (end - start);
  for (let k = start; k < end; k++) {
    const r = order[k];
    run(net, z, r, acts);
    deltas[L - 1][0] = (acts[L - 1][0] - t[r]) * inv;
    for (let l = L - 2; l >= 0; l--) {
      const nin = sizes[l],
        nout = sizes[l + 1],
        off = offs[l],
        bo = off + nin * nout;
      const a = acts[l], d = deltas[l + 1], dPrev = deltas[l];
      for (let j = 0; j < nout; j++) {
        grad[bo + j] += d[j];
        for (let i = 0; i < nin; i++) grad[off + j * nin + i] += d[j] * a[i];
      }
      if (l === 0) break;
      for (let i = 0; i < nin; i++) {
        let s = 0;
        for (let j = 0; j < nout; j++) s += w[off + j * nin + i] * d[j];
        const ai = a[i];
        dPrev[i] = net.activation === "tanh"
          ? s * (1 - ai * ai)
          : ai > 0
          ? s
          : 0;
      }
    }
  }
  for (let l = 0; l + 1 < L; l++) {
    const n = sizes[l] * sizes[l + 1];
    for (let i = 0; i < n; i++) grad[offs[l] + i] += l2 * w[offs[l] + i];
  }
}
