"""Goldens for lib/strategies' ADF, Engle-Granger, MacKinnon tables and pair screening,
produced by the reference library itself: statsmodels (Debian python3-statsmodels
0.13.5; `adfuller`, `coint`, `mackinnonp`, `mackinnoncrit`, `multipletests`).

Run: python3 tests/golden/cointegration_golden.py > tests/golden/cointegration.json
(the Debian interpreter, with python3-statsmodels, python3-numpy installed by apt).
Series are drawn from numpy's seeded PCG64 generator, rounded to 6 decimals (so the JSON
stays small) and stored in the JSON under `series`; statsmodels sees exactly the stored
values, and the test reads its inputs from here (it never re-simulates them).
"""
import json
import warnings

import numpy as np
import statsmodels
from statsmodels.stats.multitest import multipletests
from statsmodels.tsa.adfvalues import mackinnoncrit, mackinnonp
from statsmodels.tsa.stattools import adfuller, coint

warnings.simplefilter("ignore")
rng = np.random.default_rng(20240611)


SERIES = {}


def keep(name, a):
    """Round to 6 decimals, store under `name`, return the stored values."""
    a = np.round(np.asarray(a, dtype=float), 6)
    SERIES[name] = [float(v) for v in a]
    return a


def ar(n, phis, scale=1.0):
    e = rng.standard_normal(n) * scale
    x = np.zeros(n)
    for t in range(n):
        x[t] = e[t] + sum(p * x[t - i - 1] for i, p in enumerate(phis) if t - i - 1 >= 0)
    return x


def walk(n, start=0.0, scale=1.0):
    return start + np.cumsum(rng.standard_normal(n) * scale)


def adf_case(name, x, regression, autolag, maxlag=None):
    r = adfuller(x, maxlag=maxlag, regression=regression, autolag=autolag)
    stat, p, lags, nobs, crit = r[0], r[1], r[2], r[3], r[4]
    return dict(name=name, series=name.split("_")[0], regression=regression,
                autolag=None if autolag is None else autolag.upper(), maxLags=maxlag,
                stat=float(stat), pValue=float(p), lags=int(lags), nobs=int(nobs),
                crit=[float(crit["1%"]), float(crit["5%"]), float(crit["10%"])],
                icBest=float(r[5]) if autolag is not None else None)


def coint_case(name, ys, xss, trend, autolag, maxlag=None):
    y = np.asarray(SERIES[ys])
    x = np.column_stack([SERIES[k] for k in xss])
    stat, p, crit = coint(y, x, trend=trend, maxlag=maxlag, autolag=autolag)
    return dict(name=name, y=ys, x=xss, trend=trend,
                autolag=None if autolag is None else autolag.upper(), maxLags=maxlag,
                stat=float(stat), pValue=float(p),
                crit=[None if np.isnan(c) else float(c) for c in crit])


def main():
    ar1 = keep("ar1", ar(300, [0.9]))
    ar2 = keep("ar2", ar(300, [1.3, -0.4]))
    rw = keep("rw", walk(250))
    trending = keep("trending", 0.05 * np.arange(300) + ar(300, [0.7]))
    adf = []
    for reg in ["n", "c", "ct", "ctt"]:
        adf.append(adf_case(f"ar1_{reg}_aic", ar1, reg, "AIC"))
        adf.append(adf_case(f"trending_{reg}_bic", trending, reg, "BIC"))
    adf.append(adf_case("ar2_c_aic", ar2, "c", "AIC"))
    adf.append(adf_case("ar2_ct_fixed4", ar2, "ct", None, 4))
    adf.append(adf_case("rw_c_fixed2", rw, "c", None, 2))
    adf.append(adf_case("rw_ctt_default_lags", rw, "ctt", None))
    adf.append(adf_case("rw_n_aic_max5", rw, "n", "AIC", 5))

    # cointegrated systems: y = a + b1 x1 (+ b2 x2 ...) + stationary noise
    n = 300
    x1 = keep("x1", walk(n, 10.0, 0.5))
    x2 = keep("x2", walk(n, 20.0, 0.7))
    x3 = keep("x3", walk(n, 5.0, 0.3))
    keep("y1", 0.5 + 1.5 * x1 + ar(n, [0.8], 0.3))
    keep("y2", 1.0 + 0.8 * x1 - 0.6 * x2 + ar(n, [0.8], 0.3))
    keep("y3", -2.0 + 0.4 * x1 + 0.3 * x2 + 1.1 * x3 + ar(n, [0.6], 0.2))
    keep("yt", 3.0 + 0.01 * np.arange(n) + 1.2 * x1 + ar(n, [0.9], 0.4))
    keep("indep", walk(n, 0.0, 1.0))
    coints = []
    for trend in ["n", "c", "ct", "ctt"]:
        coints.append(coint_case(f"pair_{trend}_aic", "y1", ["x1"], trend, "aic"))
        coints.append(coint_case(f"trend_pair_{trend}_bic", "yt", ["x1"], trend, "bic"))
    coints.append(coint_case("two_regressors_c_aic", "y2", ["x1", "x2"], "c", "aic"))
    coints.append(coint_case("three_regressors_ct_bic", "y3", ["x1", "x2", "x3"], "ct", "bic"))
    coints.append(coint_case("three_regressors_ctt_fixed3", "y3", ["x1", "x2", "x3"], "ctt", None, 3))
    coints.append(coint_case("independent_walks_c_aic", "indep", ["x2"], "c", "aic"))
    coints.append(coint_case("pair_c_aic_max2", "y1", ["x1"], "c", "aic", 2))
    coints.append(coint_case("pair_c_no_autolag_default", "y1", ["x1"], "c", None))
    # a long sample: polynomial trend columns up to 1200^2
    m = 1200
    lx = keep("lx", walk(m, 50.0, 0.5))
    keep("ly", 2.0 + 0.9 * lx + 0.001 * np.arange(m) + ar(m, [0.95], 0.2))
    coints.append(coint_case("long_pair_ctt_aic", "ly", ["lx"], "ctt", "aic"))
    coints.append(coint_case("long_pair_n_bic", "ly", ["lx"], "n", "bic"))
    # perfect fit: statsmodels returns -inf and p = 0
    keep("y_exact", 2.0 + 3.0 * x1)
    perfect = coint(np.asarray(SERIES["y_exact"]), x1[:, None], trend="c")
    perfect_case = dict(y="y_exact", x=["x1"], stat=str(perfect[0]),
                        pValue=float(perfect[1]))

    taus = [-30.0, -19.0, -8.0, -5.5, -4.2, -3.9, -3.5, -3.2, -3.0, -2.7, -2.62, -2.5,
            -2.0, -1.61, -1.2, -0.5, 0.0, 0.5, 0.9, 1.3, 2.0, 3.0]
    pvals = []
    for reg in ["n", "c", "ct", "ctt"]:
        for N in range(1, 7):
            pvals.append(dict(regression=reg, nSeries=N,
                              p=[float(mackinnonp(t, regression=reg, N=N)) for t in taus]))
    crits = []
    for reg in ["n", "c", "ct", "ctt"]:
        for N in range(1, 2 if reg == "n" else 13):
            for nobs in [25, 100, 499, 1000000]:
                crits.append(dict(regression=reg, nSeries=N, nobs=nobs,
                                  crit=[float(c) for c in mackinnoncrit(N=N, regression=reg, nobs=nobs)]))
            crits.append(dict(regression=reg, nSeries=N, nobs=None,
                              crit=[float(c) for c in mackinnoncrit(N=N, regression=reg)]))

    # pair screening: all pairs (i < j) of 5 log-price series, y = series i, x = series j,
    # statsmodels coint on logs (trend c, AIC), then multipletests on the p-values
    base = walk(300, 4.0, 0.01)
    prices = [keep("pA", np.exp(base + ar(300, [0.85], 0.01))),
              keep("pB", np.exp(0.3 + 1.2 * base + ar(300, [0.9], 0.012))),
              keep("pC", np.exp(walk(300, 3.0, 0.012))),
              keep("pD", np.exp(walk(300, 5.0, 0.01))),
              keep("pE", np.exp(-0.2 + 0.7 * base + ar(300, [0.7], 0.015)))]
    names = ["AAA", "BBB", "CCC", "DDD", "EEE"]
    pairs = []
    for i in range(5):
        for j in range(i + 1, 5):
            li, lj = np.log(prices[i]), np.log(prices[j])
            s, p, _ = coint(li, lj[:, None], trend="c", autolag="aic")
            s2, p2, _ = coint(lj, li[:, None], trend="c", autolag="aic")
            pairs.append(dict(a=names[i], b=names[j], stat=float(s), pValue=float(p),
                              statReverse=float(s2), pValueReverse=float(p2)))
    forward = [q["pValue"] for q in pairs]
    both = [max(q["pValue"], q["pValueReverse"]) for q in pairs]
    adjust = {}
    for method, key in [("bonferroni", "bonferroni"), ("holm", "holm"), ("fdr_bh", "bh"),
                        ("fdr_by", "by")]:
        adjust[key] = dict(forward=[float(v) for v in multipletests(forward, method=method)[1]],
                           both=[float(v) for v in multipletests(both, method=method)[1]])
    # multipletests on its own: uniform p-values with ties, zeros and ones
    raw = np.round(rng.uniform(0, 0.2, 25), 3)
    raw[[3, 7]] = raw[5]
    raw[10], raw[11], raw[12] = 0.0, 1.0, 0.9
    multi = dict(p=[float(v) for v in raw])
    for method, key in [("bonferroni", "bonferroni"), ("holm", "holm"), ("fdr_bh", "bh"),
                        ("fdr_by", "by")]:
        multi[key] = [float(v) for v in multipletests(raw, method=method)[1]]
    screen = dict(names=names, prices=["pA", "pB", "pC", "pD", "pE"], pairs=pairs,
                  adjusted=adjust)

    print(json.dumps(allow_nan=False, obj=dict(
        source="tests/golden/cointegration_golden.py (statsmodels %s)" % statsmodels.__version__,
        series=SERIES, adf=adf, coint=coints, perfect=perfect_case, taus=taus, mackinnonP=pvals,
        mackinnonCrit=crits, multipletests=multi, screen=screen)))


main()
