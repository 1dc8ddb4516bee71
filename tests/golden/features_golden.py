"""Independent plain-python golden for tests/features/golden_test.ts.

Run: python3 tests/golden/features_golden.py > tests/golden/features_sp500.json
No numpy, nothing shared with lib/: every feature is computed straight from its written
definition (bench SPEC W1 table; the catalogue's documented conventions for the others),
with direct window loops, at a handful of rows of the S&P 500 sample. Cross-asset
features: AAPL (Adj Close) against the S&P 500 aligned as of each AAPL date.
"""
import csv
import json
import math

from _npm_file import npm_file

SP = npm_file("vega-datasets", "3.2.1", "data", "sp500-2000.csv")
AAPL = npm_file("@observablehq/sample-datasets", "1.0.1", "aapl.csv")
SP_ROWS = [199, 251, 1000, 2500, 4000, 5104]
AAPL_ROWS = [60, 61, 500, 1259]


def rows(path):
    with open(path) as f:
        return list(csv.DictReader(f))


def mean(xs):
    return sum(xs) / len(xs)


def sstd(xs):
    m = mean(xs)
    return math.sqrt(sum((x - m) ** 2 for x in xs) / (len(xs) - 1))


def ema_list(xs, n):
    a = 2.0 / (n + 1)
    out = [xs[0]]
    for x in xs[1:]:
        out.append(a * x + (1 - a) * out[-1])
    return out


def wilder(xs, n):
    """xs[0] unused; seed at index n with mean(xs[1..n]), then (a*(n-1)+x)/n."""
    out = [None] * len(xs)
    a = sum(xs[1:n + 1]) / n
    out[n] = a
    for t in range(n + 1, len(xs)):
        a = (a * (n - 1) + xs[t]) / n
        out[t] = a
    return out


def sp500_features():
    d = rows(SP)
    c = [float(r["close"]) for r in d]
    h = [float(r["high"]) for r in d]
    lo = [float(r["low"]) for r in d]
    v = [float(r["volume"]) for r in d]
    n = len(c)
    r = [None] + [math.log(c[t] / c[t - 1]) for t in range(1, n)]
    gains = [0.0] + [max(c[t] - c[t - 1], 0.0) for t in range(1, n)]
    losses = [0.0] + [max(c[t - 1] - c[t], 0.0) for t in range(1, n)]
    ag, al = wilder(gains, 14), wilder(losses, 14)
    e12, e26 = ema_list(c, 12), ema_list(c, 26)
    line = [a - b for a, b in zip(e12, e26)]
    sig = ema_list(line, 9)
    tr = [None] + [max(h[t] - lo[t], abs(h[t] - c[t - 1]), abs(lo[t] - c[t - 1]))
                   for t in range(1, n)]
    atr = wilder(tr, 14)
    obv = [0.0]
    for t in range(1, n):
        s = 1 if c[t] > c[t - 1] else (-1 if c[t] < c[t - 1] else 0)
        obv.append(obv[-1] + s * v[t])

    def moments(t, k):
        w = r[t - k + 1:t + 1]
        m = mean(w)
        m2 = sum((x - m) ** 2 for x in w) / k
        m3 = sum((x - m) ** 3 for x in w) / k
        m4 = sum((x - m) ** 4 for x in w) / k
        g1 = m3 / m2 ** 1.5 * math.sqrt(k * (k - 1)) / (k - 2)
        g2 = ((k + 1) * (m4 / m2 ** 2 - 3) + 6) * (k - 1) / ((k - 2) * (k - 3))
        return g1, g2

    out = {}
    for t in SP_ROWS:
        f = {}
        for k in (1, 5, 10, 20, 60):
            f["ret_%d" % k] = math.log(c[t] / c[t - k])
        for k in (20, 60):
            f["vol_%d" % k] = sstd(r[t - k + 1:t + 1])
        f["rsi_14"] = 100.0 if al[t] == 0 else 100 - 100 / (1 + ag[t] / al[t])
        f["macd_hist"] = (line[t] - sig[t]) / c[t]
        for k in (50, 200):
            f["dist_sma%d" % k] = c[t] / mean(c[t - k + 1:t + 1]) - 1
        w = v[t - 19:t + 1]
        f["vol_z20"] = (v[t] - mean(w)) / sstd(w)
        f["atr_14"] = atr[t] / c[t]
        w = c[t - 19:t + 1]
        f["bb_z20"] = (c[t] - mean(w)) / sstd(w)
        hh, ll = max(h[t - 13:t + 1]), min(lo[t - 13:t + 1])
        f["stoch_k14"] = 50.0 if hh == ll else 100 * (c[t] - ll) / (hh - ll)
        ys = obv[t - 19:t + 1]
        xb, yb = 9.5, mean(ys)
        slope = (sum((i - xb) * (y - yb) for i, y in enumerate(ys))
                 / sum((i - xb) ** 2 for i in range(20)))
        f["obv_slope20"] = slope / mean(v[t - 19:t + 1])
        f["skew_60"], f["kurt_60"] = moments(t, 60)
        if t >= 251:
            f["dist_high252"] = c[t] / max(h[t - 251:t + 1]) - 1
        out[str(t)] = f
    return {"dates": {str(t): d[t]["date"] for t in SP_ROWS}, "rows": out}


def cross_features():
    sp = rows(SP)
    ap = rows(AAPL)
    sd = [r["date"] for r in sp]
    sc = [float(r["close"]) for r in sp]
    ad = [r["Date"] for r in ap]
    ac = [float(r["Adj Close"]) for r in ap]
    # as-of alignment: last S&P close dated <= the AAPL date (plain scan)
    b = []
    for day in ad:
        last = None
        for i, x in enumerate(sd):
            if x <= day:
                last = sc[i]
            else:
                break
        b.append(last)
    n = len(ac)
    ra = [None] + [math.log(ac[t] / ac[t - 1]) for t in range(1, n)]
    rb = [None] + [math.log(b[t] / b[t - 1]) for t in range(1, n)]
    out = {}
    for t in AAPL_ROWS:
        x, y = ra[t - 59:t + 1], rb[t - 59:t + 1]
        mx, my = mean(x), mean(y)
        sxy = sum((p - mx) * (q - my) for p, q in zip(x, y))
        sxx = sum((p - mx) ** 2 for p in x)
        syy = sum((q - my) ** 2 for q in y)
        out[str(t)] = {"bench_ret_1": rb[t], "beta_60": sxy / syy,
                       "corr_60": sxy / math.sqrt(sxx * syy)}
    return {"dates": {str(t): ad[t] for t in AAPL_ROWS}, "rows": out}


print(json.dumps({
    "source": "tests/golden/features_golden.py (plain python, independent of lib/)",
    "sp500": sp500_features(),
    "aapl_vs_sp500": cross_features(),
}, indent=1))
