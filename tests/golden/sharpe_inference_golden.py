"""Goldens for lib/metrics' minTrackRecordLength and minBacktestLength, and the deflated
Sharpe ratio's paper example, computed with scipy (Debian python3-scipy) straight from
the published formulas:
- MinTRL (Bailey & Lopez de Prado 2012, "The Sharpe ratio efficient frontier"):
  1 + (1 - g3 SR + (g4 - 1)/4 SR^2) (norm.ppf(confidence) / (SR - SR*))^2, per-period
  Sharpe ratios, g4 the Pearson kurtosis.
- MinBTL (Bailey, Borwein, Lopez de Prado & Zhu 2014): ((1 - gamma) norm.ppf(1 - 1/N)
  + gamma norm.ppf(1 - 1/(N e)))^2 / E[max SR]^2, in years.
- DSR (Bailey & Lopez de Prado 2014): their example SR 2.5 a year, 1,250 daily
  observations at 250 a year, N = 100 trials, V = 0.5 a year, skew -3, kurtosis 10.

Run: python3 tests/golden/sharpe_inference_golden.py > tests/golden/sharpe_inference.json
"""
import json
import math

import numpy as np
from scipy.stats import norm

GAMMA = np.euler_gamma


def min_trl(sr, sr_star, skew, kurt, conf):
    v = 1 - skew * sr + (kurt - 1) / 4 * sr ** 2
    return 1 + v * (norm.ppf(conf) / (sr - sr_star)) ** 2


def e_max(n):
    return (1 - GAMMA) * norm.ppf(1 - 1 / n) + GAMMA * norm.ppf(1 - 1 / (n * math.e))


def main():
    trl = []
    for sr, sr_star, skew, kurt, conf in [(0.1, 0.0, 0.0, 3.0, 0.95), (0.05, 0.01, -1.0, 6.0, 0.95),
                                          (0.2, 0.05, 0.5, 4.0, 0.99), (0.08, 0.0, -2.5, 12.0, 0.9)]:
        trl.append(dict(sharpe=sr, benchmark=sr_star, skew=skew, excessKurtosis=kurt - 3,
                        confidence=conf, annualized=False, periodsPerYear=None,
                        minTRL=float(min_trl(sr, sr_star, skew, kurt, conf))))
    for sr_a, star_a, skew, kurt, ppy in [(1.0, 0.0, -1.0, 6.0, 252), (2.0, 0.5, 0.0, 3.0, 52)]:
        s = math.sqrt(ppy)
        trl.append(dict(sharpe=sr_a, benchmark=star_a, skew=skew, excessKurtosis=kurt - 3,
                        confidence=0.95, annualized=True, periodsPerYear=ppy,
                        minTRL=float(min_trl(sr_a / s, star_a / s, skew, kurt, 0.95))))
    btl = [dict(trials=n, targetSharpe=t, years=float((e_max(n) / t) ** 2))
           for n, t in [(2, 1.0), (10, 1.0), (45, 1.0), (100, 1.5), (1000, 2.0), (7, 0.5)]]
    sr, n, ppy = 2.5 / math.sqrt(250), 1250, 250
    sr0 = math.sqrt(0.5 / 250) * e_max(100)
    v = 1 - (-3) * sr + (10 - 1) / 4 * sr ** 2
    dsr = norm.cdf((sr - sr0) * math.sqrt(n - 1) / math.sqrt(v))
    print(json.dumps(dict(source="tests/golden/sharpe_inference_golden.py (scipy)",
                          minTrackRecordLength=trl, minBacktestLength=btl,
                          dsrPaper=dict(dsr=float(dsr), sr0=float(sr0))), allow_nan=False))


main()
