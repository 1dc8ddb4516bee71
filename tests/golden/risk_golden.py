"""Independent plain-python goldens for lib/risk tests (no numpy).

Run: python3 tests/golden/risk_golden.py > tests/golden/risk.json
- Kupiec / Christoffersen / conditional coverage LR statistics and chi-square p-values
  (dof 1: erfc(sqrt(x/2)); dof 2: exp(-x/2)) on hand-written breach sequences.
- Ledoit-Wolf shrinkage (constant-correlation target, Ledoit & Wolf 2004 "Honey" appendix,
  written from the paper's formulas; identity target as in sklearn's ledoit_wolf_shrinkage)
  on a small deterministic returns matrix.
"""
import json
import math


def xlogy(x, y):
    return 0.0 if x == 0 else x * math.log(y)


def pval(x, dof):
    x = max(0.0, x)
    return math.erfc(math.sqrt(x / 2)) if dof == 1 else math.exp(-x / 2)


def tests(hits, conf):
    p = 1 - conf
    T = len(hits)
    x = sum(hits)
    ph = x / T
    uc = -2 * (xlogy(T - x, 1 - p) + xlogy(x, p)) + 2 * (xlogy(T - x, 1 - ph) + xlogy(x, ph))
    n = {(0, 0): 0, (0, 1): 0, (1, 0): 0, (1, 1): 0}
    for a, b in zip(hits[:-1], hits[1:]):
        n[(a, b)] += 1
    n00, n01, n10, n11 = n[(0, 0)], n[(0, 1)], n[(1, 0)], n[(1, 1)]
    pi01 = n01 / (n00 + n01) if n00 + n01 else 0.0
    pi11 = n11 / (n10 + n11) if n10 + n11 else 0.0
    pi = (n01 + n11) / (n00 + n01 + n10 + n11)
    ind = -2 * (xlogy(n00 + n10, 1 - pi) + xlogy(n01 + n11, pi)) + 2 * (
        xlogy(n00, 1 - pi01) + xlogy(n01, pi01) + xlogy(n10, 1 - pi11) + xlogy(n11, pi11))
    return {
        "hits": hits, "confidence": conf, "breaches": x, "transitions": [n00, n01, n10, n11],
        "kupiecLR": uc, "kupiecPValue": pval(uc, 1),
        "christoffersenLR": ind, "christoffersenPValue": pval(ind, 1),
        "conditionalCoverageLR": uc + ind, "conditionalCoveragePValue": pval(uc + ind, 2),
    }


def seq(n, ones):
    return [1 if i in ones else 0 for i in range(n)]


cases = [
    tests(seq(250, {10, 50, 120, 200}), 0.99),           # 4 scattered breaches
    tests(seq(250, {10, 11, 12, 13, 14, 15}), 0.99),      # a cluster of 6
    tests(seq(100, {3, 20, 21, 40, 41, 42, 77, 90}), 0.95),
    tests(seq(500, set(range(0, 500, 25))), 0.95),        # 20 evenly spaced
]


def lcg_matrix(T, N, seed):
    s = seed
    out = []
    for _ in range(T):
        row = []
        for _ in range(N):
            s = (1103515245 * s + 12345) % 2147483648
            row.append((s / 2147483648 - 0.5) / 50)
        out.append(row)
    # add a common factor so the columns correlate
    for t in range(T):
        f = out[t][0]
        for j in range(1, N):
            out[t][j] += (0.3 + 0.4 * j) * f
    return out


def lw_constant_corr(X):
    T, N = len(X), len(X[0])
    mu = [sum(X[t][j] for t in range(T)) / T for j in range(N)]
    x = [[X[t][j] - mu[j] for j in range(N)] for t in range(T)]
    S = [[sum(x[t][i] * x[t][j] for t in range(T)) / T for j in range(N)] for i in range(N)]
    sd = [math.sqrt(S[i][i]) for i in range(N)]
    rbar = sum(S[i][j] / (sd[i] * sd[j]) for i in range(N) for j in range(N) if i != j) / (N * (N - 1))
    F = [[S[i][i] if i == j else rbar * sd[i] * sd[j] for j in range(N)] for i in range(N)]
    pi_mat = [[sum((x[t][i] * x[t][j] - S[i][j]) ** 2 for t in range(T)) / T for j in range(N)] for i in range(N)]
    pi_hat = sum(map(sum, pi_mat))
    def theta(k, i, j):  # theta_{kk,ij}
        return sum((x[t][k] ** 2 - S[k][k]) * (x[t][i] * x[t][j] - S[i][j]) for t in range(T)) / T
    rho = sum(pi_mat[i][i] for i in range(N))
    for i in range(N):
        for j in range(N):
            if i != j:
                rho += rbar / 2 * (math.sqrt(S[j][j] / S[i][i]) * theta(i, i, j) + math.sqrt(S[i][i] / S[j][j]) * theta(j, i, j))
    gamma = sum((F[i][j] - S[i][j]) ** 2 for i in range(N) for j in range(N))
    kappa = (pi_hat - rho) / gamma
    delta = max(0.0, min(1.0, kappa / T))
    cov = [[delta * F[i][j] + (1 - delta) * S[i][j] for j in range(N)] for i in range(N)]
    return delta, cov


def lw_identity(X):
    T, N = len(X), len(X[0])
    mu = [sum(X[t][j] for t in range(T)) / T for j in range(N)]
    x = [[X[t][j] - mu[j] for j in range(N)] for t in range(T)]
    S = [[sum(x[t][i] * x[t][j] for t in range(T)) / T for j in range(N)] for i in range(N)]
    m = sum(S[i][i] for i in range(N)) / N
    d2 = sum((S[i][j] - (m if i == j else 0)) ** 2 for i in range(N) for j in range(N))
    b2 = sum((x[t][i] * x[t][j] - S[i][j]) ** 2 for t in range(T) for i in range(N) for j in range(N)) / T ** 2
    delta = min(b2, d2) / d2
    cov = [[delta * (m if i == j else 0) + (1 - delta) * S[i][j] for j in range(N)] for i in range(N)]
    return delta, cov


X = lcg_matrix(60, 4, 12345)
dc, cc = lw_constant_corr(X)
di, ci = lw_identity(X)
print(json.dumps({
    "breachTests": cases,
    "ledoitWolf": {
        "returns": X,
        "constantCorrelation": {"shrinkage": dc, "covariance": cc},
        "identity": {"shrinkage": di, "covariance": ci},
    },
}, indent=1))
