"""Independent goldens for lib/metrics (numpy + scipy as the reference implementations).

Run once: python3 tests/golden/metrics_golden.py > tests/golden/metrics.json

Each statistic is written here from empyrical's documented formulas (empyrical itself is
not installed): numpy nanmean / nanstd(ddof=1) / percentile / partition and
scipy.stats.linregress / skew / kurtosis / norm are the references (mpmath, 40 digits,
for the normal CDF, whose far tail scipy only gets to ~1e-13). Non-finite numbers
are written as the strings "NaN", "Infinity", "-Infinity".
"""
import csv
import json
import math

import mpmath
import numpy as np
from scipy import stats

from _npm_file import npm_file

SP_CSV = npm_file("vega-datasets", "3.2.1", "data", "sp500-2000.csv")
AAPL_CSV = npm_file("@observablehq/sample-datasets", "1.0.1", "aapl.csv")


def enc(x):
    if isinstance(x, (list, tuple, np.ndarray)):
        return [enc(v) for v in x]
    if isinstance(x, dict):
        return {k: enc(v) for k, v in x.items()}
    if isinstance(x, str):
        return x
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


def nan0(r):
    return np.where(np.isnan(r), 0.0, r)


def cum_returns(r, sv=0.0):
    c = np.cumprod(1 + nan0(r))
    return c - 1 if sv == 0 else c * sv


def cum_returns_final(r, sv=0.0):
    if len(r) == 0:
        return np.nan
    g = np.nanprod(1 + r)
    return g - 1 if sv == 0 else g * sv


def drawdown_series(r):
    v = np.concatenate([[100.0], 100.0 * np.cumprod(1 + nan0(r))])
    peak = np.fmax.accumulate(v)
    return ((v - peak) / peak)[1:]


def max_drawdown(r):
    if len(r) < 1:
        return np.nan
    v = np.concatenate([[100.0], 100.0 * np.cumprod(1 + nan0(r))])
    peak = np.fmax.accumulate(v)
    return np.nanmin((v - peak) / peak)


def annual_return(r, ppy=252):
    if len(r) < 1:
        return np.nan
    years = len(r) / ppy
    return cum_returns_final(r, 1.0) ** (1 / years) - 1


def annual_volatility(r, ppy=252):
    if len(r) < 2:
        return np.nan
    return np.nanstd(r, ddof=1) * math.sqrt(ppy)


def calmar(r, ppy=252):
    mdd = max_drawdown(r)
    if not mdd < 0:
        return np.nan
    c = annual_return(r, ppy) / abs(mdd)
    return np.nan if np.isinf(c) else c


def omega(r, rf=0.0, req=0.0, ppy=252):
    if len(r) < 2:
        return np.nan
    if ppy == 1:
        thr = req
    elif req <= -1:
        return np.nan
    else:
        thr = (1 + req) ** (1 / ppy) - 1
    x = r - rf - thr
    num = np.sum(x[x > 0])
    den = -np.sum(x[x < 0])
    return num / den if den > 0 else np.nan


def sharpe(r, rf=0.0, ppy=252):
    if len(r) < 2:
        return np.nan
    a = r - rf
    with np.errstate(all="ignore"):
        return np.nanmean(a) / np.nanstd(a, ddof=1) * math.sqrt(ppy)


def downside_risk(r, req=0.0, ppy=252):
    if len(r) < 1:
        return np.nan
    d = np.clip(r - req, -np.inf, 0)
    return math.sqrt(np.nanmean(d * d)) * math.sqrt(ppy)


def sortino(r, req=0.0, ppy=252):
    if len(r) < 2:
        return np.nan
    with np.errstate(all="ignore"):
        return np.nanmean(r - req) * ppy / downside_risk(r, req, ppy)


def excess_sharpe(r, f):
    if len(r) < 2:
        return np.nan
    a = r - f
    te = np.nan_to_num(np.nanstd(a, ddof=1))
    with np.errstate(all="ignore"):
        return np.nanmean(a) / te


def beta(r, f, rf=0.0):
    if len(r) < 2:
        return np.nan
    x, y = r - rf, f - rf
    ok = ~(np.isnan(x) | np.isnan(y))
    if ok.sum() < 1:
        return np.nan
    c = np.cov(np.vstack([x[ok], y[ok]]), ddof=0)
    if abs(c[1, 1]) < 1e-30:
        return np.nan
    return c[0, 1] / c[1, 1]


def alpha(r, f, rf=0.0, ppy=252):
    if len(r) < 2:
        return np.nan
    b = beta(r, f, rf)
    a = (r - rf) - b * (f - rf)
    return (1 + np.nanmean(a)) ** ppy - 1


def stability(r):
    if len(r) < 2:
        return np.nan
    r = r[~np.isnan(r)]
    y = np.cumsum(np.log1p(r))
    return stats.linregress(np.arange(len(y)), y).rvalue ** 2


def tail_ratio(r):
    r = r[~np.isnan(r)]
    if len(r) < 1:
        return np.nan
    return abs(np.percentile(r, 95)) / abs(np.percentile(r, 5))


def var(r, cutoff=0.05):
    r = r[~np.isnan(r)]
    return np.percentile(r, 100 * cutoff) if len(r) else np.nan


def cvar(r, cutoff=0.05):
    r = r[~np.isnan(r)]
    if len(r) == 0:
        return np.nan
    k = int((len(r) - 1) * cutoff)
    return np.mean(np.partition(r, k)[: k + 1])


def capture(r, f, ppy=252):
    with np.errstate(all="ignore"):
        return annual_return(r, ppy) / annual_return(f, ppy)


def up_capture(r, f, ppy=252):
    m = f > 0
    return capture(r[m], f[m], ppy)


def down_capture(r, f, ppy=252):
    m = f < 0
    return capture(r[m], f[m], ppy)


def roll(fn, w, *series):
    return [fn(*[s[i - w:i] for s in series]) for i in range(w, len(series[0]) + 1)]


def psr(sr, sr_star, n, skew, exkurt):
    v = 1 - skew * sr + (exkurt + 2) / 4 * sr * sr
    return stats.norm.cdf((sr - sr_star) * math.sqrt(n - 1) / math.sqrt(v))


def exp_max_sr(n, v):
    g = 0.5772156649015329
    return math.sqrt(v) * ((1 - g) * stats.norm.ppf(1 - 1 / n) + g * stats.norm.ppf(1 - 1 / (n * math.e)))


def correlation(r, f):
    """Pearson correlation over the rows where both are finite (numpy corrcoef)."""
    ok = ~np.isnan(r) & ~np.isnan(f)
    return np.corrcoef(r[ok], f[ok])[0, 1]


def scalar_block(r, f, rf_arr):
    ppy = 252
    out = {
        "cumReturnsFinal": cum_returns_final(r),
        "cumReturnsFinal100": cum_returns_final(r, 100.0),
        "maxDrawdown": max_drawdown(r),
        "annualReturn": annual_return(r, ppy),
        "annualReturn12": annual_return(r, 12),
        "annualVolatility": annual_volatility(r, ppy),
        "calmarRatio": calmar(r, ppy),
        "omegaRatio": omega(r),
        "omegaRatioReq": omega(r, rf=0.0001, req=0.05),
        "omegaRatioPpy1": omega(r, req=0.001, ppy=1),
        "sharpeRatio": sharpe(r),
        "sharpeRatioRf": sharpe(r, 0.0002),
        "sharpeRatioRfArray": sharpe(r, rf_arr),
        "sharpeRatio52": sharpe(r, ppy=52),
        "downsideRisk": downside_risk(r),
        "downsideRiskReq": downside_risk(r, 0.001),
        "sortinoRatio": sortino(r),
        "sortinoRatioReq": sortino(r, 0.001),
        "excessSharpe": excess_sharpe(r, f),
        "alpha": alpha(r, f),
        "alphaRf": alpha(r, f, 0.0001),
        "alphaRfArray": alpha(r, f, rf_arr),
        "beta": beta(r, f),
        "betaRfArray": beta(r, f, rf_arr),
        "upAlpha": alpha(r[f > 0], f[f > 0]),
        "upBeta": beta(r[f > 0], f[f > 0]),
        "downAlpha": alpha(r[f < 0], f[f < 0]),
        "downBeta": beta(r[f < 0], f[f < 0]),
        "stabilityOfTimeseries": stability(r),
        "tailRatio": tail_ratio(r),
        "valueAtRisk": var(r),
        "valueAtRisk10": var(r, 0.1),
        "conditionalValueAtRisk": cvar(r),
        "conditionalValueAtRisk10": cvar(r, 0.1),
        "valueAtRisk0": var(r, 0.0),
        "valueAtRisk1": var(r, 1.0),
        "conditionalValueAtRisk0": cvar(r, 0.0),
        "conditionalValueAtRisk1": cvar(r, 1.0),
        "capture": capture(r, f),
        "upCapture": up_capture(r, f),
        "downCapture": down_capture(r, f),
        "upDownCapture": up_capture(r, f) / down_capture(r, f),
        "skewness": stats.skew(r[~np.isnan(r)]),
        "kurtosis": stats.kurtosis(r[~np.isnan(r)]),
        "correlation": correlation(r, f),
    }
    return out


def lcg_series(n, seed, scale, drift):
    out, s = [], seed
    for _ in range(n):
        s = (1103515245 * s + 12345) % 2147483648
        out.append(round(drift + scale * (s / 2147483648 - 0.5), 6))
    return np.array(out)


def read_close(path, date_col, close_col):
    with open(path) as fh:
        rows = list(csv.DictReader(fh))
    return [r[date_col] for r in rows], np.array([float(r[close_col]) for r in rows])


def main():
    mpmath.mp.dps = 40
    n = 40
    r = lcg_series(n, 7, 0.04, 0.001)
    f = lcg_series(n, 11, 0.03, 0.0005)
    r = 0.6 * f + r / 2
    r = np.round(r, 6)
    r[3] = np.nan
    r[17] = np.nan
    f[25] = np.nan
    rf = np.round(np.linspace(0.0, 0.0003, n), 8)
    small = {
        "returns": r.tolist(), "factor": f.tolist(), "riskFree": rf.tolist(),
        "scalars": scalar_block(r, f, rf),
        "cumReturns": cum_returns(r),
        "cumReturns100": cum_returns(r, 100.0),
        "drawdownSeries": drawdown_series(r),
        "rollMaxDrawdown5": roll(max_drawdown, 5, r),
        "rollSharpeRatio6": roll(sharpe, 6, r),
        "rollSharpeRatioRf6": roll(lambda a, k: sharpe(a, k), 6, r, rf),
        "rollAlpha8": roll(alpha, 8, r, f),
        "rollBeta8": roll(beta, 8, r, f),
        "rollUpCapture10": roll(up_capture, 10, r, f),
        "rollDownCapture10": roll(down_capture, 10, r, f),
        "rollUpDownCapture10": roll(lambda a, b: up_capture(a, b) / down_capture(a, b), 10, r, f),
    }
    sp_dates, sp = read_close(SP_CSV, "date", "close")
    sp_r = sp[1:] / sp[:-1] - 1
    a_dates, a = read_close(AAPL_CSV, "Date", "Adj Close")
    a_r = a[1:] / a[:-1] - 1
    idx = {d: i for i, d in enumerate(sp_dates)}
    pair_r, pair_f = [], []
    for i in range(1, len(a_dates)):
        j, k = idx.get(a_dates[i]), idx.get(a_dates[i - 1])
        if j is not None and k is not None and j == k + 1:
            pair_r.append(a_r[i - 1])
            pair_f.append(sp_r[j - 1])
    pair_r, pair_f = np.array(pair_r), np.array(pair_f)
    sp_block = scalar_block(sp_r, sp_r * 0.5 + 0.0001, np.full(len(sp_r), 0.0001))
    aapl_block = scalar_block(pair_r, pair_f, np.full(len(pair_r), 0.00005))
    mdd_i = int(np.argmin(drawdown_series(sp_r)))
    # Deflated Sharpe: Bailey & Lopez de Prado (2014) example, and a per-period case.
    sr_ex = 2.5 / math.sqrt(250)
    sr0_ex = exp_max_sr(100, 0.5 / 250)
    trials = lcg_series(25, 3, 0.08, 0.02)
    v_tr = float(np.var(trials, ddof=1))
    dsr = {
        "paper": {"sr0": sr0_ex, "dsr": psr(sr_ex, sr0_ex, 1250, -3, 7), "psr": psr(sr_ex, 0, 1250, -3, 7)},
        "trials": trials.tolist(),
        "fromTrials": {"observed": 0.1, "nObs": 500, "skew": -0.5, "excessKurtosis": 3.0,
                       "sr0": exp_max_sr(25, v_tr), "dsr": psr(0.1, exp_max_sr(25, v_tr), 500, -0.5, 3.0),
                       "psr": psr(0.1, 0, 500, -0.5, 3.0)},
        "psrBenchmark": psr(0.08, 0.03, 300, 0.2, 1.5),
    }
    norm_x = [-30, -12, -8.5, -5, -3.2, -1.7, -0.3, 0, 0.4, 1.3, 2.6, 4.1, 7.5]
    norm_p = [1e-300, 1e-50, 1e-12, 1e-6, 0.003, 0.02425, 0.1, 0.5, 0.77, 0.97575, 0.999, 1 - 1e-10]
    doc = {
        "small": small,
        "sp500": {"n": len(sp_r), "scalars": sp_block, "maxDrawdownTrough": sp_dates[mdd_i + 1],
                  "rollSharpe252Last": sharpe(sp_r[-252:]), "rollMaxDrawdown252Min": min(roll(max_drawdown, 252, sp_r[-600:]))},
        "aaplVsSp500": {"n": len(pair_r), "scalars": aapl_block},
        "dsr": dsr,
        "normal": {"x": norm_x, "cdf": [float(mpmath.ncdf(x)) for x in norm_x],
                   "p": norm_p, "inv": [float(stats.norm.ppf(p)) for p in norm_p]},
    }
    print(json.dumps(enc(doc), indent=1))


main()
