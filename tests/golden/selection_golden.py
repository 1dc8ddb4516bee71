"""Independent plain-python goldens for lib/optimize/selection_stats.ts.

Run: python3 tests/golden/selection_golden.py > tests/golden/selection.json
DSR per Bailey & Lopez de Prado (2014) using statistics.NormalDist; PBO per CSCV
(Bailey et al. 2017) by brute force over itertools.combinations.
"""
import itertools
import json
import math
from statistics import NormalDist

N = NormalDist()


def series(seed, n, drift):
    out, s = [], seed
    for _ in range(n):
        s = (1103515245 * s + 12345) % 2**31
        out.append(drift + 0.01 * (s / 2**31 - 0.5) * 3.4)
    return out


def dsr(r, trial_sr):
    t = len(r)
    m = sum(r) / t
    m2 = sum((x - m) ** 2 for x in r) / t
    m3 = sum((x - m) ** 3 for x in r) / t
    m4 = sum((x - m) ** 4 for x in r) / t
    sd = math.sqrt(m2 * t / (t - 1))
    sr = m / sd
    skew, kurt = m3 / m2**1.5, m4 / m2**2
    n = len(trial_sr)
    mu = sum(trial_sr) / n
    v = sum((x - mu) ** 2 for x in trial_sr) / (n - 1)
    g = 0.5772156649015329
    sr0 = math.sqrt(v) * ((1 - g) * N.inv_cdf(1 - 1 / n) + g * N.inv_cdf(1 - 1 / (n * math.e)))
    z = (sr - sr0) * math.sqrt(t - 1) / math.sqrt(1 - skew * sr + (kurt - 1) / 4 * sr * sr)
    return dict(sharpe=sr, expectedMaxSharpe=sr0, dsr=N.cdf(z))


def sharpe(x):
    m = sum(x) / len(x)
    v = sum((a - m) ** 2 for a in x) / (len(x) - 1)
    return m / math.sqrt(v)


def pbo(cols, s):
    t = len(cols[0])
    size = t // s
    off = t - size * s
    blocks = [list(range(off + p * size, off + (p + 1) * size)) for p in range(s)]
    logits = []
    for combo in itertools.combinations(range(s), s // 2):
        rows_is = [i for p in combo for i in blocks[p]]
        rows_oos = [i for p in range(s) if p not in combo for i in blocks[p]]
        is_s = [sharpe([c[i] for i in rows_is]) for c in cols]
        oos_s = [sharpe([c[i] for i in rows_oos]) for c in cols]
        best = max(range(len(cols)), key=lambda j: (is_s[j], -j))
        rank = 1 + sum(1 for j in range(len(cols)) if oos_s[j] < oos_s[best])
        w = rank / (len(cols) + 1)
        logits.append(math.log(w / (1 - w)))
    return dict(pbo=sum(1 for l in logits if l <= 0) / len(logits), logits=logits)


def selection_bias(cols, bench):
    """Hindsight-best column (best Sharpe), its DSR vs 0 and on its excess over bench."""
    srs = [sharpe(c) for c in cols]
    best = max(range(len(cols)), key=lambda j: (srs[j], -j))
    excess = [[a - b for a, b in zip(c, bench)] for c in cols]
    return dict(best=best, zero=dsr(cols[best], srs),
                benchmarkSharpe=sharpe(bench),
                excess=dsr(excess[best], [sharpe(e) for e in excess]))


cols = [series(11 + j, 203, 0.0004 * (j % 3) - 0.0003) for j in range(5)]
trial_sr = [sharpe(c) for c in cols]
bench = series(99, 203, 0.0005)
print(json.dumps(dict(
    source="tests/golden/selection_golden.py (plain python)",
    columns=cols,
    trialSharpes=trial_sr,
    dsr=dsr(cols[2], trial_sr),
    pbo6=pbo(cols, 6),
    benchmark=bench,
    selectionBias=selection_bias(cols, bench),
)))
