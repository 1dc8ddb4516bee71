"""Independent plain-python W2 (bench SPEC) golden for tests/sweep/.

Run: python3 tests/golden/w2_golden.py > tests/golden/w2.json   (about a minute)
No numpy, nothing shared with lib/: every SMA window is summed with math.fsum (correctly
rounded, so no float drift can flip the near-tie SMA40/SMA45 on 2005-04-06), then the SPEC's
long/flat crossover returns day by day, Sharpe with a two-pass sample std, equity product
and drawdown with the starting value 1 as a peak.
"""
import csv
import json
import math

from _npm_file import npm_file

CSV = npm_file("vega-datasets", "3.2.1", "data", "sp500-2000.csv")
COST = 0.0001


def main():
    with open(CSV) as f:
        close = [float(r["close"]) for r in csv.DictReader(f)]
    n = len(close)
    days = n - 1
    fasts = list(range(2, 51))
    slows = list(range(20, 251, 5))
    sma = {}
    for k in sorted(set(fasts) | set(slows)):
        sma[k] = [None] * (k - 1) + [math.fsum(close[t - k + 1:t + 1]) / k
                                     for t in range(k - 1, n)]
    ret = [close[t + 1] / close[t] - 1 for t in range(days)]
    pairs = []
    for fa in fasts:
        for sl in slows:
            if fa >= sl:
                continue
            f, s = sma[fa], sma[sl]
            prev = 0
            out = []
            for t in range(days):
                p = 1 if (s[t] is not None and f[t] > s[t]) else 0
                out.append(p * ret[t] - COST * abs(p - prev))
                prev = p
            m = sum(out) / days
            sd = math.sqrt(sum((x - m) ** 2 for x in out) / (days - 1))
            eq, peak, mdd = 1.0, 1.0, 0.0
            for x in out:
                eq *= 1 + x
                if eq > peak:
                    peak = eq
                dd = 1 - eq / peak
                if dd > mdd:
                    mdd = dd
            pairs.append((fa, sl, m / sd * math.sqrt(252), eq - 1, mdd))
    best = max(pairs, key=lambda r: r[2])  # first maximum in (fast, slow) order
    print(json.dumps({
        "source": "tests/golden/w2_golden.py (plain python, independent of lib/)",
        "pairs": len(pairs),
        "days": days,
        "best_fast": best[0],
        "best_slow": best[1],
        "best_sharpe": best[2],
        "best_total_return": best[3],
        "best_max_drawdown": best[4],
        "sharpe_sum": math.fsum(r[2] for r in pairs),
        "order": "fast ascending, then slow ascending",
        "sharpe": [r[2] for r in pairs],
        "sample": [list(r) for i, r in enumerate(pairs) if i % 25 == 0 or
                   (r[0], r[1]) in ((40, 45), best[:2])],
    }, indent=1))


main()
