"""Independent plain-python ADF / Engle-Granger goldens for tests/strategies/adf_test.ts.

Run: python3 tests/golden/adf_golden.py > tests/golden/adf.json
No numpy: OLS by Gauss-Jordan inversion of X'X, normal CDF by math.erfc.
Conventions follow statsmodels.tsa.stattools.adfuller / coint (AIC autolag on a
common sample, then refit; coint uses regression "n" on the residuals and N=2 tables).
"""
import json
import math


def lcg_normals(seed, n):
    state = seed
    out = []
    while len(out) < n:
        state = (1103515245 * state + 12345) % 2**31
        u1 = (state + 1) / (2**31 + 1)
        state = (1103515245 * state + 12345) % 2**31
        u2 = (state + 1) / (2**31 + 1)
        out.append(math.sqrt(-2 * math.log(u1)) * math.cos(2 * math.pi * u2))
    return out


def inverse(a):
    k = len(a)
    m = [row[:] + [1.0 if i == j else 0.0 for j in range(k)] for i, row in enumerate(a)]
    for c in range(k):
        piv = max(range(c, k), key=lambda r: abs(m[r][c]))
        m[c], m[piv] = m[piv], m[c]
        d = m[c][c]
        m[c] = [v / d for v in m[c]]
        for r in range(k):
            if r != c:
                f = m[r][c]
                m[r] = [vr - f * vc for vr, vc in zip(m[r], m[c])]
    return [row[k:] for row in m]


def ols(X, y):
    k = len(X[0])
    xtx = [[sum(row[i] * row[j] for row in X) for j in range(k)] for i in range(k)]
    xty = [sum(row[i] * yy for row, yy in zip(X, y)) for i in range(k)]
    inv = inverse(xtx)
    beta = [sum(inv[i][j] * xty[j] for j in range(k)) for i in range(k)]
    resid = [yy - sum(b * v for b, v in zip(beta, row)) for row, yy in zip(X, y)]
    ssr = sum(e * e for e in resid)
    n = len(y)
    s2 = ssr / (n - k)
    se = [math.sqrt(s2 * inv[i][i]) for i in range(k)]
    return beta, se, ssr, resid


def design(x, p, start, const):
    dx = [x[i + 1] - x[i] for i in range(len(x) - 1)]
    X, y = [], []
    for t in range(start, len(dx)):
        row = [x[t]] + [dx[t - i] for i in range(1, p + 1)]
        if const:
            row.append(1.0)
        X.append(row)
        y.append(dx[t])
    return X, y


TAU = {  # MacKinnon (1994) constant case, N=1 and N=2
    1: dict(star=-1.61, mn=-18.83, mx=2.74, small=[2.1659, 1.4412, 3.8269e-2],
            large=[1.7339, 0.93202, -0.12745, -0.010368]),
    2: dict(star=-2.62, mn=-18.86, mx=0.92, small=[2.92, 1.5012, 3.9796e-2],
            large=[2.1945, 0.64695, -0.29198, -0.042377]),
}
CRIT = {  # MacKinnon (2010)
    1: [[-3.43035, -6.5393, -16.786, -79.433], [-2.86154, -2.8903, -4.234, -40.040],
        [-2.56677, -1.5384, -2.809, 0]],
    2: [[-3.89644, -10.9519, -33.527, 0], [-3.33613, -6.1101, -6.823, 0],
        [-3.04445, -4.2412, -2.720, 0]],
}


def pvalue(stat, N):
    t = TAU[N]
    if stat > t["mx"]:
        return 1.0
    if stat < t["mn"]:
        return 0.0
    c = t["small"] if stat <= t["star"] else t["large"]
    z = sum(ci * stat**i for i, ci in enumerate(c))
    return 0.5 * math.erfc(-z / math.sqrt(2))


def crit(N, nobs):
    return [b[0] + b[1] / nobs + b[2] / nobs**2 + b[3] / nobs**3 for b in CRIT[N]]


def adf(x, lags=None, const=True, N=1):
    n = len(x)
    ntrend = 1 if const else 0
    if lags is None:
        maxlag = min(math.ceil(12 * (n / 100) ** 0.25), n // 2 - ntrend - 1)
        best, bestp = None, 0
        for p in range(maxlag + 1):
            X, y = design(x, p, maxlag, const)
            _, _, ssr, _ = ols(X, y)
            m = len(y)
            llf = -m / 2 * (math.log(2 * math.pi) + math.log(ssr / m) + 1)
            aic = -2 * llf + 2 * len(X[0])
            if best is None or aic < best:
                best, bestp = aic, p
        lags = bestp
    X, y = design(x, lags, lags, const)
    beta, se, _, _ = ols(X, y)
    stat = beta[0] / se[0]
    return dict(stat=stat, pValue=pvalue(stat, N), lags=lags, nobs=len(y),
                crit=crit(N, len(y)))


def main():
    e = lcg_normals(7, 600)
    ar = [0.0]
    for i in range(1, 300):
        ar.append(0.9 * ar[-1] + e[i])
    ar2 = [0.0, 0.0]
    for i in range(2, 400):
        ar2.append(1.3 * ar2[-1] - 0.4 * ar2[-2] + e[i + 100])
    rw = [0.0]
    for i in range(1, 250):
        rw.append(rw[-1] + e[300 + i])
    # cointegrated pair: b random walk, a = 0.5 + 1.5 b + AR(1) noise
    b = [10.0]
    s = [0.0]
    for i in range(1, 260):
        b.append(b[-1] + 0.5 * e[i])
        s.append(0.8 * s[-1] + 0.3 * e[300 + i - 1])
    a = [0.5 + 1.5 * bb + ss for bb, ss in zip(b, s)]
    beta, _, _, resid = ols([[1.0, bb] for bb in b], a)
    eg = adf(resid, const=False, N=2)
    cases = [
        dict(name="ar1_phi0.9_aic", series=ar, requestedLags=None, regression="c",
             **adf(ar)),
        dict(name="ar2_aic", series=ar2, requestedLags=None, regression="c",
             **adf(ar2)),
        dict(name="random_walk_lags2", series=rw, requestedLags=2, regression="c",
             **adf(rw, lags=2)),
        dict(name="ar1_phi0.9_lags0", series=ar, requestedLags=0, regression="c",
             **adf(ar, lags=0)),
    ]
    coint = dict(a=a, b=b, intercept=beta[0], hedgeRatio=beta[1], **eg)
    print(json.dumps(dict(source="tests/golden/adf_golden.py (plain python)",
                          adf=cases, engleGranger=coint)))


main()
