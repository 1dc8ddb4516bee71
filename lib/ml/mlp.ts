/**
 * A small multilayer perceptron for regression: one or two hidden layers (tanh or relu),
 * Adam, seeded Glorot initialisation, early stopping on the chronological tail of the
 * training rows. Inputs and target are standardised internally.
 *
 * @module
 */
import { DEFAULT_SEED } from "../_shared/seed.ts";
import type { Matrix } from "../_shared/types.ts";
import { createNormal, createRng, permutation } from "../_shared/seed.ts";
import type { FeatureImportance, Model, ModelState } from "./model.ts";
import { checkCols, checkXy, columnMeanSd, numbers } from "./_columns.ts";
import { forward, type Net, netGradient, newNet } from "./_net.ts";

/** Options of {@linkcode createMlp}. */
export interface MlpOptions {
  /** Hidden layer sizes (one or two layers). @default [16] */
  hidden?: number[];
  /** Hidden activation. @default "tanh" */
  activation?: "tanh" | "relu";
  /** Adam step size. @default 0.01 */
  learningRate?: number;
  /** Maximum passes over the fitting rows. @default 200 */
  epochs?: number;
  /** Mini-batch size. @default 32 */
  batchSize?: number;
  /** L2 penalty on the weights (not biases), per batch. @default 1e-4 */
  l2?: number;
  /** Share of the training rows (the latest ones) held out for early stopping. @default 0.2 */
  validationFraction?: number;
  /** Epochs without validation improvement before stopping. @default 20 */
  patience?: number;
  /** Previous MLP state with the same shape: its weights initialise this fit. */
  warmStart?: ModelState;
}

/** A fitted MLP: weights plus the standardisation of x and y. */
export interface MlpFit {
  readonly net: Net;
  readonly xMean: Float64Array;
  readonly xSd: Float64Array;
  readonly yMean: number;
  readonly ySd: number;
  /** Mean input gradient (standardised units) on the training rows, per feature. */
  readonly slope: Float64Array;
  /** Mean |input gradient| on the training rows, per feature. */
  readonly absSlope: Float64Array;
  /** Epochs actually run. */
  readonly epochs: number;
}

function settingsOf(o: MlpOptions) {
  const s = {
    hidden: o.hidden ?? [16],
    activation: o.activation ?? "tanh",
    learningRate: o.learningRate ?? 0.01,
    epochs: o.epochs ?? 200,
    batchSize: o.batchSize ?? 32,
    l2: o.l2 ?? 1e-4,
    validationFraction: o.validationFraction ?? 0.2,
    patience: o.patience ?? 20,
  };
  if (
    s.hidden.length < 1 || s.hidden.length > 2 ||
    s.hidden.some((h) => !(h >= 1))
  ) {
    throw new RangeError(
      `hidden must be one or two positive sizes, got ${
        JSON.stringify(s.hidden)
      }`,
    );
  }
  return s;
}

function standardise(
  x: Matrix,
  mean: Float64Array,
  sd: Float64Array,
): Float64Array {
  const { rows, cols, data } = x, z = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      z[r * cols + c] = sd[c] > 0 ? (data[r * cols + c] - mean[c]) / sd[c] : 0;
    }
  }
  return z;
}

/**
 * Fit the MLP on mean squared error of the standardised target. The last
 * `validationFraction` of the rows (in the given order, i.e. the latest training days) are
 * held out; the weights with the lowest held-out loss are kept. Importance is the mean
 * |d prediction / d x_j| over the training rows (standardised units); the sign is that of
 * the mean derivative (the average partial-dependence slope).
 *
 * @param x Features n x p.
 * @param y Targets.
 * @param options Architecture and training settings.
 * @param seed Seed of the initial weights and the batch order.
 * @returns The fitted network and scalers.
 */
export function fitMlp(
  x: Matrix,
  y: Float64Array,
  options: MlpOptions = {},
  seed = DEFAULT_SEED,
): MlpFit {
  checkXy(x, y, "an MLP");
  const s = settingsOf(options);
  const n = x.rows, p = x.cols;
  const { mean: xMean, sd: xSd } = columnMeanSd(x);
  let yMean = 0;
  for (let i = 0; i < n; i++) yMean += y[i];
  yMean /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (y[i] - yMean) ** 2;
  const ySd = Math.sqrt(v / n) || 1;
  const z = standardise(x, xMean, xSd), t = y.map((e) => (e - yMean) / ySd);
  const rng = createRng(seed);
  const sizes = [p, ...s.hidden, 1];
  const warm = options.warmStart?.weights;
  const net = newNet(sizes, s.activation, createNormal(rng));
  if (
    Array.isArray(warm) && warm.length === net.w.length &&
    JSON.stringify(options.warmStart?.sizes) === JSON.stringify(sizes)
  ) {
    net.w.set(warm as number[]);
  }
  const nVal = n >= 10 ? Math.floor(s.validationFraction * n) : 0,
    nFit = n - nVal;
  const grad = new Float64Array(net.w.length),
    m1 = new Float64Array(net.w.length);
  const m2 = new Float64Array(net.w.length);
  const best = net.w.slice();
  let bestLoss = Infinity, wait = 0, step = 0, epoch = 0;
  const b1 = 0.9, b2 = 0.999;
  for (; epoch < s.epochs; epoch++) {
    const order = permutation(nFit, rng);
    for (let start = 0; start < nFit; start += s.batchSize) {
      const end = Math.min(nFit, start + s.batchSize);
      netGradient(net, z, t, order, start, end, s.l2, grad);
      step++;
      const c1 = 1 - b1 ** step, c2 = 1 - b2 ** step;
      for (let i = 0; i < grad.length; i++) {
        m1[i] = b1 * m1[i] + (1 - b1) * grad[i];
        m2[i] = b2 * m2[i] + (1 - b2) * grad[i] * grad[i];
        net.w[i] -= (s.learningRate * (m1[i] / c1)) /
          (Math.sqrt(m2[i] / c2) + 1e-8);
      }
    }
    const evalFrom = nVal > 0 ? nFit : 0;
    let loss = 0;
    const out = forward(net, z, evalFrom, n);
    for (let i = evalFrom; i < n; i++) loss += (out[i - evalFrom] - t[i]) ** 2;
    if (loss < bestLoss - 1e-12) {
      bestLoss = loss;
      best.set(net.w);
      wait = 0;
    } else if (++wait >= s.patience) {
      epoch++;
      break;
    }
  }
  net.w.set(best);
  const { slope, absSlope } = inputSlopes(net, z, n, p);
  return { net, xMean, xSd, yMean, ySd, slope, absSlope, epochs: epoch };
}

/** Mean and mean-absolute finite-difference derivative of the output per input. */
function inputSlopes(net: Net, z: Float64Array, n: number, p: number) {
  const slope = new Float64Array(p), absSlope = new Float64Array(p);
  const base = forward(net, z, 0, n), h = 1e-4, zz = z.slice();
  for (let c = 0; c < p; c++) {
    for (let r = 0; r < n; r++) zz[r * p + c] = z[r * p + c] + h;
    const up = forward(net, zz, 0, n);
    for (let r = 0; r < n; r++) {
      const d = (up[r] - base[r]) / h;
      slope[c] += d / n;
      absSlope[c] += Math.abs(d) / n;
      zz[r * p + c] = z[r * p + c];
    }
  }
  return { slope, absSlope };
}

/**
 * The MLP as a {@linkcode Model}; `options.warmStart` (a previous MLP state of the same
 * shape) initialises the weights instead of the seeded Glorot draw.
 *
 * @example
 * ```ts
 * import { createMlp } from "./mlp.ts";
 * import assert from "node:assert/strict";
 * const x = { data: Float64Array.from({ length: 50 }, (_, i) => i / 50), rows: 50, cols: 1 };
 * const y = x.data.map((v) => 2 * v);
 * const m = createMlp({ hidden: [4], epochs: 300 }, 1).fit(x, y);
 * assert.ok(Math.abs(m.predict(x)[25] - 1) < 0.2);
 * ```
 */
export function createMlp(
  options: MlpOptions = {},
  seed = DEFAULT_SEED,
  restored?: MlpFit,
): Model {
  const s = settingsOf(options);
  let fit = restored;
  const need = (): MlpFit => {
    if (!fit) {
      throw new Error("Cannot use an unfitted mlp model: call fit first");
    }
    return fit;
  };
  const model: Model = {
    name: "mlp",
    task: "regression",
    fit(x, y) {
      fit = fitMlp(x, y, options, seed);
      return model;
    },
    predict(x) {
      const f = need();
      checkCols(x, f.xMean.length, "mlp");
      const out = forward(f.net, standardise(x, f.xMean, f.xSd), 0, x.rows);
      for (let i = 0; i < out.length; i++) out[i] = out[i] * f.ySd + f.yMean;
      return out;
    },
    importance: (): FeatureImportance => ({
      importance: need().absSlope.slice(),
      sign: Int8Array.from(need().slope, Math.sign),
    }),
    toJSON(): ModelState {
      const f = need();
      return {
        name: "mlp",
        ...s,
        seed,
        sizes: f.net.sizes,
        weights: Array.from(f.net.w),
        xMean: Array.from(f.xMean),
        xSd: Array.from(f.xSd),
        yMean: f.yMean,
        ySd: f.ySd,
        slope: Array.from(f.slope),
        absSlope: Array.from(f.absSlope),
        epochsRun: f.epochs,
      };
    },
  };
  return model;
}

/** Rebuild an MLP from its `toJSON()` state. */
export function restoreMlp(state: ModelState): Model {
  const o = state as Record<string, unknown>;
  const sizes = o.sizes as number[];
  const activation = o.activation === "relu" ? "relu" : "tanh";
  const net: Net = { sizes, activation, w: numbers(state, "weights") };
  const opts: MlpOptions = {
    hidden: sizes.slice(1, -1),
    activation,
    learningRate: Number(o.learningRate),
    epochs: Number(o.epochs),
    batchSize: Number(o.batchSize),
    l2: Number(o.l2),
    validationFraction: Number(o.validationFraction),
    patience: Number(o.patience),
  };
  return createMlp(opts, Number(o.seed), {
    net,
    xMean: numbers(state, "xMean"),
    xSd: numbers(state, "xSd"),
    yMean: Number(o.yMean),
    ySd: Number(o.ySd),
    slope: numbers(state, "slope"),
    absSlope: numbers(state, "absSlope"),
    epochs: Number(o.epochsRun),
  });
}
