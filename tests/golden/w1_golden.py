"""Independent plain-python W1 (bench SPEC) golden for tests/walkforward/w1_test.ts.

Run: python3 tests/golden/w1_golden.py > tests/golden/w1.json
No numpy, nothing shared with lib/: features straight from the SPEC table, ridge with an
unpenalised intercept by solving the full (p+1)x(p+1) normal equations
[[n, sum x'], [sum x, X'X + lambda I]] with Gaussian elimination (partial pivoting).
"""
import csv
import json
import math

from _npm_file import npm_file

CSV = npm_file("vega-datasets", "3.2.1", "data", "sp500-2000.csv")


def load():
    with open(CSV) as f:
        rows = list(csv.DictReader(f))
    return ([r["date"] for r in rows], [float(r["close"]) for r in rows],
            [float(r["volume"]) for r in rows])


def sample_std(xs):
    m = sum(xs) / len(xs)
    return math.sqrt(sum((x - m) ** 2 for x in xs) / (len(xs) - 1))


def ema(xs, n):
    a = 2.0 / (n + 1)
    out = [xs[0]]
    for x in xs[1:]:
        out.append(a * x + (1 - a) * out[-1])
    return out


def features(close, volume):
    n = len(close)
    r = [float("nan")] + [math.log(close[t] / close[t - 1]) for t in range(1, n)]
    e12, e26 = ema(close, 12), ema(close, 26)
    macd = [a - b for a, b in zip(e12, e26)]
    sig = ema(macd, 9)
    gain = [0.0] * n
    loss = [0.0] * n
    for t in range(1, n):
        d = close[t] - close[t - 1]
        gain[t] = max(d, 0.0)
        loss[t] = max(-d, 0.0)
    rsi = [float("nan")] * n
    ag = sum(gain[1:15]) / 14
    al = sum(loss[1:15]) / 14
    rsi[14] = 100.0 if al == 0 else 100 - 100 / (1 + ag / al)
    for t in range(15, n):
        ag = (ag * 13 + gain[t]) / 14
        al = (al * 13 + loss[t]) / 14
        rsi[t] = 100.0 if al == 0 else 100 - 100 / (1 + ag / al)
    rows = []
    for t in range(n):
        if t < 199:
            rows.append(None)
            continue
        row = [math.log(close[t] / close[t - k]) for k in (1, 5, 10, 20, 60)]
        row += [sample_std(r[t - k + 1:t + 1]) for k in (20, 60)]
        row.append(rsi[t])
        row.append((macd[t] - sig[t]) / close[t])
        row += [close[t] / (sum(close[t - k + 1:t + 1]) / k) - 1 for k in (50, 200)]
        w = volume[t - 19:t + 1]
        row.append((volume[t] - sum(w) / 20) / sample_std(w))
        rows.append(row)
    return rows


def solve(a, b):
    k = len(b)
    m = [a[i][:] + [b[i]] for i in range(k)]
    for c in range(k):
        piv = max(range(c, k), key=lambda i: abs(m[i][c]))
        m[c], m[piv] = m[piv], m[c]
        for i in range(c + 1, k):
            f = m[i][c] / m[c][c]
            for j in range(c, k + 1):
                m[i][j] -= f * m[c][j]
    x = [0.0] * k
    for i in range(k - 1, -1, -1):
        x[i] = (m[i][k] - sum(m[i][j] * x[j] for j in range(i + 1, k))) / m[i][i]
    return x


def ridge(xs, ys, lam):
    p = len(xs[0])
    z = [[1.0] + row for row in xs]
    a = [[sum(r[i] * r[j] for r in z) for j in range(p + 1)] for i in range(p + 1)]
    for i in range(1, p + 1):
        a[i][i] += lam
    b = [sum(r[i] * y for r, y in zip(z, ys)) for i in range(p + 1)]
    beta = solve(a, b)
    return beta[0], beta[1:]


def main():
    dates, close, volume = load()
    feats = features(close, volume)
    n = len(close)
    usable = [t for t in range(199, n - 1)]
    y = {t: math.log(close[t + 1] / close[t]) for t in usable}
    train, test, stride = 252, 63, 63
    s, coefs = [], []
    prev = 0.0
    k = 0
    while k * stride + train + test <= len(usable):
        tr = usable[k * stride:k * stride + train]
        te = usable[k * stride + train:k * stride + train + test]
        p = len(feats[tr[0]])
        mean = [sum(feats[t][c] for t in tr) / train for c in range(p)]
        sd = [math.sqrt(sum((feats[t][c] - mean[c]) ** 2 for t in tr) / (train - 1))
              for c in range(p)]
        std = lambda t: [(feats[t][c] - mean[c]) / sd[c] for c in range(p)]
        b0, b = ridge([std(t) for t in tr], [y[t] for t in tr], 1.0)
        coefs.append(b)
        for t in te:
            pred = b0 + sum(bi * xi for bi, xi in zip(b, std(t)))
            pos = 1.0 if pred > 0 else (-1.0 if pred < 0 else 0.0)
            s.append(pos * (math.exp(y[t]) - 1) - 0.0001 * abs(pos - prev))
            prev = pos
        k += 1
    m = sum(s) / len(s)
    sharpe = m / math.sqrt(sum((x - m) ** 2 for x in s) / (len(s) - 1)) * math.sqrt(252)
    eq, peak, mdd = 1.0, 1.0, 0.0
    for x in s:
        eq *= 1 + x
        peak = max(peak, eq)
        mdd = max(mdd, 1 - eq / peak)
    nz = [x for x in s if x != 0]
    print(json.dumps({
        "source": "tests/golden/w1_golden.py (plain python, independent of lib/)",
        "folds": k,
        "oos_days": len(s),
        "sharpe": sharpe,
        "total_return": eq - 1,
        "max_drawdown": mdd,
        "hit_rate": sum(1 for x in nz if x > 0) / len(nz),
        "first_oos_date": dates[usable[train]],
        "coefficients": coefs,
    }, indent=1))


main()
