"""Independent numpy reference of bench workload U1: W1 (shared bench SPEC) applied to
every symbol of a universe CSV, looped over the symbols.

Not run by the tests. `deno task bench --only U1 --numpy` runs it on the bench universe
and reports its compute time next to ours (`numpy_seconds`, `compute_ratio`) and the
largest per-symbol Sharpe difference.

Run: python3 lib/bench/reference/u1_numpy.py UNIVERSE.csv [--runs 3]
Input: columns symbol,date,open,high,low,close,volume (one row per symbol and day).
Output: one JSON object: symbols, folds, oos_days, sharpe_sum, seconds (best of
`--runs` timings of the computation, the CSV already parsed) and the Sharpe per symbol.

Nothing is shared with lib/: features straight from the SPEC table (vectorised numpy;
the recursive averages EMA and Wilder's RSI through scipy.signal.lfilter), ridge with an
unpenalised intercept on standardised features (the intercept is then the train mean of
y), all folds of a symbol solved at once with numpy.linalg.solve.
"""
import json
import sys
import time

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from scipy.signal import lfilter

TRAIN, TEST, STRIDE, LAMBDA, COST = 252, 63, 63, 1.0, 0.0001


def ema(x, n):
    """EMA seeded with x[0]: e[t] = a x[t] + (1 - a) e[t-1]."""
    a = 2.0 / (n + 1)
    out = np.empty_like(x)
    out[0] = x[0]
    out[1:], _ = lfilter([a], [1.0, -(1 - a)], x[1:], zi=[(1 - a) * x[0]])
    return out


def wilder(x, seed_index):
    """avg[seed] = mean(x[1..14]); avg[t] = (13 avg[t-1] + x[t]) / 14 after it."""
    out = np.full_like(x, np.nan)
    out[seed_index] = x[1:seed_index + 1].mean()
    rest = x[seed_index + 1:]
    if rest.size:
        out[seed_index + 1:], _ = lfilter(
            [1 / 14], [1.0, -13 / 14], rest, zi=[13 / 14 * out[seed_index]])
    return out


def rolling_mean(x, k):
    out = np.full_like(x, np.nan)
    out[k - 1:] = sliding_window_view(x, k).mean(axis=1)
    return out


def rolling_std(x, k):
    out = np.full_like(x, np.nan)
    out[k - 1:] = sliding_window_view(x, k).std(axis=1, ddof=1)
    return out


def features(close, volume):
    n = close.size
    lc = np.log(close)
    r = np.full(n, np.nan)
    r[1:] = np.diff(lc)
    f = np.full((n, 12), np.nan)
    for j, k in enumerate((1, 5, 10, 20, 60)):
        f[k:, j] = lc[k:] - lc[:-k]
    f[:, 5] = rolling_std(r, 20)
    f[:, 6] = rolling_std(r, 60)
    d = np.zeros(n)
    d[1:] = np.diff(close)
    ag, al = wilder(np.maximum(d, 0.0), 14), wilder(np.maximum(-d, 0.0), 14)
    with np.errstate(divide="ignore", invalid="ignore"):
        f[:, 7] = np.where(al == 0, 100.0, 100 - 100 / (1 + ag / al))
    macd = ema(close, 12) - ema(close, 26)
    f[:, 8] = (macd - ema(macd, 9)) / close
    f[:, 9] = close / rolling_mean(close, 50) - 1
    f[:, 10] = close / rolling_mean(close, 200) - 1
    f[:, 11] = (volume - rolling_mean(volume, 20)) / rolling_std(volume, 20)
    return f, r


def w1(close, volume):
    """Folds, OOS days and the OOS Sharpe of W1 on one symbol (None: no full fold)."""
    f, _ = features(close, volume)
    y = np.full(close.size, np.nan)
    y[:-1] = np.log(close[1:] / close[:-1])
    rows = np.arange(199, close.size - 1)  # usable rows with a label
    k = (rows.size - TRAIN - TEST) // STRIDE + 1
    if rows.size < TRAIN + TEST:
        return None
    starts = np.arange(k) * STRIDE
    tr = rows[starts[:, None] + np.arange(TRAIN)]            # (k, 252)
    te = rows[starts[:, None] + TRAIN + np.arange(TEST)]     # (k, 63)
    X, Xt = f[tr], f[te]                                     # (k, 252, 12), (k, 63, 12)
    mu, sd = X.mean(axis=1, keepdims=True), X.std(axis=1, ddof=1, keepdims=True)
    Z, Zt = (X - mu) / sd, (Xt - mu) / sd
    yt = y[tr]
    A = np.einsum("kti,ktj->kij", Z, Z) + LAMBDA * np.eye(12)
    b = np.einsum("kti,kt->ki", Z, yt - yt.mean(axis=1, keepdims=True))
    beta = np.linalg.solve(A, b[..., None])[..., 0]          # (k, 12)
    pred = np.einsum("kti,ki->kt", Zt, beta) + yt.mean(axis=1)[:, None]
    p = np.sign(pred).ravel()
    ret = np.exp(y[te].ravel()) - 1
    turn = np.abs(np.diff(p, prepend=0.0))
    s = p * ret - COST * turn
    return k, s.size, s.mean() / s.std(ddof=1) * np.sqrt(252)


def load(path):
    cols = np.loadtxt(path, delimiter=",", skiprows=1, usecols=(0, 1), dtype=str)
    num = np.loadtxt(path, delimiter=",", skiprows=1, usecols=(5, 6))
    order = np.lexsort((cols[:, 1], cols[:, 0]))
    sym, num = cols[order, 0], num[order]
    names, first = np.unique(sym, return_index=True)
    bounds = list(first) + [sym.size]
    return [(str(names[i]), num[bounds[i]:bounds[i + 1], 0],
             num[bounds[i]:bounds[i + 1], 1]) for i in np.argsort(first)]


def main():
    path = sys.argv[1]
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 3
    universe = load(path)
    best, out = float("inf"), None
    for _ in range(runs):
        t0 = time.perf_counter()
        res = [(s, w1(c, v)) for s, c, v in universe]
        best = min(best, time.perf_counter() - t0)
        out = res
    ok = [(s, r) for s, r in out if r is not None]
    print(json.dumps({
        "source": "lib/bench/reference/u1_numpy.py (numpy " + np.__version__ + ")",
        "symbols": len(ok),
        "folds": int(sum(r[0] for _, r in ok)),
        "oos_days": int(sum(r[1] for _, r in ok)),
        "sharpe_sum": float(sum(r[2] for _, r in ok)),
        "seconds": best,
        "sharpe": {s: float(r[2]) for s, r in ok},
    }))


main()
