"""Goldens for lib/portfolio's hrpWeights and hrpWeightsFromReturns.

PyPortfolioOpt is not packaged in Debian, so its `HRPOpt.optimize` is re-derived here
from its published algorithm with the libraries it calls (Debian python3-scipy,
python3-pandas), written independently of lib/:
- returns given: corr, cov = returns.corr(), returns.cov() (pandas: pairwise-complete
  rows, ddof 1); covariance given: corr = cov_to_corr(cov).round(6);
- dist = sqrt(clip((1 - corr) / 2, 0, 1)), passed to scipy's linkage AS the condensed
  distance (squareform(dist, checks=False)), method = linkage_method;
- order = scipy.cluster.hierarchy.to_tree(Z).pre_order();
- recursive bisection of the ordered list in halves with inverse-variance cluster
  variances, alpha = 1 - V_left / (V_left + V_right).
Returns are drawn from a seeded factor model, written with 6 decimals (some assets
listed late, some with gaps) and stored as the complete matrix (`complete`, row-major)
plus the row-major positions that are missing in the ragged one (`missing`).

Run: python3 tests/golden/hrp_golden.py > tests/golden/hrp.json
"""
import json

import numpy as np
import pandas as pd
import scipy
import scipy.cluster.hierarchy as sch
import scipy.spatial.distance as ssd


def cluster_var(cov, items):
    c = cov[np.ix_(items, items)]
    w = 1 / np.diag(c)
    w /= w.sum()
    return float(w @ c @ w)


def hrp(cov, corr, method):
    dist = np.sqrt(np.clip((1.0 - corr) / 2.0, 0.0, 1.0))
    Z = sch.linkage(ssd.squareform(dist, checks=False), method)
    order = sch.to_tree(Z, rd=False).pre_order()
    w = np.ones(len(order))
    clusters = [order]
    while clusters:
        clusters = [c[a:b] for c in clusters for a, b in ((0, len(c) // 2), (len(c) // 2, len(c)))
                    if len(c) > 1]
        for i in range(0, len(clusters), 2):
            left, right = clusters[i], clusters[i + 1]
            vl, vr = cluster_var(cov, left), cluster_var(cov, right)
            alpha = 1 - vl / (vl + vr)
            w[left] *= alpha
            w[right] *= 1 - alpha
    return dict(weights=[float(v) for v in w], order=[int(i) for i in order],
                linkage=[[int(a), int(b), float(d), int(s)] for a, b, d, s in Z])


def main():
    rng = np.random.default_rng(5)
    T, N = 400, 9
    f = rng.standard_normal((T, 2))
    load = rng.uniform(-1, 1, (N, 2))
    r = 0.01 * (f @ load.T + rng.standard_normal((T, N)) * rng.uniform(0.5, 2, N))
    r = np.round(r, 6)
    ragged = r.copy()
    ragged[:150, 2] = np.nan  # listed late
    ragged[:60, 7] = np.nan
    ragged[200:230, 4] = np.nan  # a gap
    ragged[rng.random((T, N)) < 0.02] = np.nan  # scattered missing days
    df = pd.DataFrame(ragged)
    cases = []
    for method in ["single", "average", "complete", "ward"]:
        cases.append(dict(name=f"ragged_returns_{method}", method=method, input="returns",
                          **hrp(df.cov().to_numpy(), df.corr().to_numpy(), method)))
    cov = pd.DataFrame(r).cov().to_numpy()
    sd = np.sqrt(np.diag(cov))
    corr6 = np.round(cov / np.outer(sd, sd), 6)
    for method in ["single", "ward"]:
        cases.append(dict(name=f"covariance_{method}", method=method, input="covariance",
                          **hrp(cov, corr6, method)))
    # clustering on a correlation estimated elsewhere (the ragged one) with the full cov
    cases.append(dict(name="covariance_with_given_correlation", method="average",
                      input="covariance+correlation",
                      **hrp(cov, df.corr().to_numpy(), "average")))
    print(json.dumps(dict(
        source="tests/golden/hrp_golden.py (scipy %s linkage/to_tree, pandas %s; "
               "re-derivation of PyPortfolioOpt HRPOpt)" % (scipy.__version__, pd.__version__),
        complete=[float(v) for v in r.ravel()], rows=T, cols=N,
        missing=[int(i) for i in np.flatnonzero(np.isnan(ragged.ravel()))],
        covariance=[float(v) for v in cov.ravel()],
        raggedCorrelation=[float(v) for v in df.corr().to_numpy().ravel()],
        cases=cases), allow_nan=False))


main()
