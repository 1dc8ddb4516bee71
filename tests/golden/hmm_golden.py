"""Goldens for lib/regime's Gaussian HMM under FIXED parameters: log-likelihood,
smoothed posteriors, Viterbi path and log-probability, one EM step (diagonal and full
covariances), and the variance floor.

hmmlearn is not packaged in Debian (`apt-cache policy python3-hmmlearn` finds nothing),
so this is an independent reference written from the textbook formulas (Rabiner 1989)
with numpy/scipy (Debian python3-numpy, python3-scipy), in LOG space (scipy logsumexp,
multivariate_normal.logpdf) where lib/ uses per-row scaling:
- forward  ln a_t(j) = logsumexp_i(ln a_{t-1}(i) + ln A_ij) + ln b_j(x_t), ln a_0 = ln pi + ln b(x_0);
  log-likelihood = logsumexp_j ln a_{T-1}(j) (hmmlearn `score`);
- backward ln b_t(i) = logsumexp_j(ln A_ij + ln b_j(x_{t+1}) + ln b_{t+1}(j)), ln b_{T-1} = 0;
  posteriors exp(ln a + ln b - loglik) (hmmlearn `predict_proba`);
- Viterbi with argmax (first maximum), log-probability of the best path (hmmlearn `decode`);
- M-step: pi = gamma_0, A = sum xi / row sums, means and covariances weighted by gamma
  (maximum likelihood: hmmlearn's update with covars_prior = 0), then the floor
  Sigma <- S max(eig(S^-1 Sigma S^-1), 1) S, S = diag(sqrt(floor)) (numpy eigh).
A row holding NaN has ln b = 0 in every state (no information), as lib/ documents.
Observations are drawn from seeded HMMs, written with 6 decimals and stored; the fixed
parameters are deliberately not the generating ones.

Run: python3 tests/golden/hmm_golden.py > tests/golden/hmm.json
"""
import json

import numpy as np
from scipy.special import logsumexp
from scipy.stats import multivariate_normal

rng = np.random.default_rng(11)


def simulate(T, pi, A, means, covs):
    K, d = means.shape
    s = rng.choice(K, p=pi)
    out = np.empty((T, d))
    for t in range(T):
        out[t] = rng.multivariate_normal(means[s], covs[s])
        s = rng.choice(K, p=A[s])
    return np.round(out, 6)


def log_b(x, means, covs):
    T, K = len(x), len(means)
    lb = np.zeros((T, K))
    for t in range(T):
        if np.isnan(x[t]).any():
            continue
        for k in range(K):
            lb[t, k] = multivariate_normal.logpdf(x[t], means[k], covs[k])
    return lb


def e_step(x, pi, A, means, covs):
    lb, lA = log_b(x, means, covs), np.log(A)
    T, K = lb.shape
    la, lbeta = np.zeros((T, K)), np.zeros((T, K))
    la[0] = np.log(pi) + lb[0]
    for t in range(1, T):
        la[t] = logsumexp(la[t - 1][:, None] + lA, axis=0) + lb[t]
    for t in range(T - 2, -1, -1):
        lbeta[t] = logsumexp(lA + lb[t + 1] + lbeta[t + 1], axis=1)
    ll = logsumexp(la[-1])
    gamma = np.exp(la + lbeta - ll)
    xi = np.zeros((K, K))
    for t in range(T - 1):
        xi += np.exp(la[t][:, None] + lA + lb[t + 1] + lbeta[t + 1] - ll)
    return ll, gamma, xi, lb


def viterbi(x, pi, A, means, covs):
    lb, lA = log_b(x, means, covs), np.log(A)
    T, K = lb.shape
    delta = np.log(pi) + lb[0]
    back = np.zeros((T, K), dtype=int)
    for t in range(1, T):
        cand = delta[:, None] + lA
        back[t] = np.argmax(cand, axis=0)
        delta = cand[back[t], np.arange(K)] + lb[t]
    s = int(np.argmax(delta))
    logp = float(delta[s])
    path = [s]
    for t in range(T - 1, 0, -1):
        s = int(back[t, s])
        path.append(s)
    return path[::-1], logp


def floor_cov(c, floor):
    s = np.sqrt(floor)
    m = c / np.outer(s, s)
    w, v = np.linalg.eigh(m)
    if w.min() > 1:
        return c
    return (v * np.maximum(w, 1)) @ v.T * np.outer(s, s)


def m_step(x, gamma, xi, full, floor):
    g = gamma.sum(axis=0)
    means = (gamma.T @ x) / g[:, None]
    covs = []
    for k in range(len(g)):
        e = x - means[k]
        c = (gamma[:, k][:, None] * e).T @ e / g[k]
        if full:
            covs.append(floor_cov(c, floor))
        else:
            covs.append(np.diag(np.maximum(np.diag(c), floor)))
    return gamma[0], xi / xi.sum(axis=1, keepdims=True), means, np.array(covs)


def flat(a):
    return [None if np.isnan(v) else float(v) for v in np.asarray(a, dtype=float).ravel()]


def case(name, x, pi, A, means, covs, full, floor=None, em=True):
    K, d = means.shape
    ll, gamma, xi, _ = e_step(x, pi, A, means, covs)
    path, logp = viterbi(x, pi, A, means, covs)
    params = dict(initial=flat(pi), transition=flat(A), means=flat(means))
    if full:
        params["covariances"] = flat(covs)
    else:
        params["variances"] = flat([np.diag(c) for c in covs])
    out = dict(name=name, K=K, d=d, T=len(x), x=flat(x), params=params, logLikelihood=float(ll),
               posteriors=flat(gamma), viterbiPath=path, viterbiLogProbability=logp)
    if em:
        if floor is None:
            floor = np.maximum(1e-300, 1e-6 * np.var(x, axis=0))
        out["varianceFloor"] = flat(floor)
        p2, A2, m2, c2 = m_step(x, gamma, xi, full, floor)
        new = dict(initial=flat(p2), transition=flat(A2), means=flat(m2))
        if full:
            new["covariances"] = flat(c2)
        else:
            new["variances"] = flat([np.diag(c) for c in c2])
        out["emStep"] = new
    return out


def main():
    cases = []
    # univariate, two volatility regimes
    A = np.array([[0.97, 0.03], [0.05, 0.95]])
    x = simulate(200, [0.5, 0.5], A, np.array([[0.0005], [-0.001]]),
                 np.array([[[1e-4]], [[9e-4]]]))
    cases.append(case("univariate_2_states_diag", x, np.array([0.6, 0.4]),
                      np.array([[0.9, 0.1], [0.2, 0.8]]), np.array([[0.0], [0.0]]),
                      np.array([[[2e-4]], [[6e-4]]]), False))
    xn = x.copy()
    xn[[0, 57, 58, 199]] = np.nan
    cases.append(case("univariate_with_nan_rows", xn, np.array([0.6, 0.4]),
                      np.array([[0.9, 0.1], [0.2, 0.8]]), np.array([[0.0], [0.0]]),
                      np.array([[[2e-4]], [[6e-4]]]), False, em=False))
    # two features, three states, diagonal
    A3 = np.array([[0.9, 0.05, 0.05], [0.1, 0.8, 0.1], [0.05, 0.15, 0.8]])
    covs3 = np.array([np.diag([1.0, 0.5]), np.diag([0.3, 2.0]), np.diag([1.5, 1.5])])
    x = simulate(150, [0.3, 0.3, 0.4], A3, np.array([[0, 0], [2, -1], [-2, 1]]), covs3)
    cases.append(case("two_features_3_states_diag", x, np.array([0.2, 0.3, 0.5]),
                      np.array([[0.8, 0.1, 0.1], [0.2, 0.7, 0.1], [0.1, 0.2, 0.7]]),
                      np.array([[0.5, 0.2], [1.5, -0.5], [-1.0, 0.5]]),
                      np.array([np.diag([1.2, 0.8]), np.diag([0.5, 1.5]), np.diag([2.0, 1.0])]),
                      False))
    # two features, full covariances
    c1 = np.array([[1.0, 0.6], [0.6, 0.8]])
    c2 = np.array([[2.0, -0.9], [-0.9, 1.2]])
    x = simulate(200, [0.5, 0.5], np.array([[0.95, 0.05], [0.1, 0.9]]),
                 np.array([[0.0, 0.0], [1.0, 2.0]]), np.array([c1, c2]))
    cases.append(case("two_features_2_states_full", x, np.array([0.5, 0.5]),
                      np.array([[0.9, 0.1], [0.15, 0.85]]), np.array([[0.2, 0.1], [0.8, 1.5]]),
                      np.array([[[1.2, 0.4], [0.4, 1.0]], [[1.5, -0.5], [-0.5, 1.5]]]), True))
    # three features, three states, full covariances
    base = [np.array([[1.0, 0.3, 0.1], [0.3, 1.0, 0.2], [0.1, 0.2, 1.0]]),
            np.array([[2.0, -0.5, 0.3], [-0.5, 1.0, 0.0], [0.3, 0.0, 0.5]]),
            np.array([[0.5, 0.2, -0.2], [0.2, 0.8, 0.3], [-0.2, 0.3, 1.2]])]
    x = simulate(150, [0.4, 0.3, 0.3], A3, np.array([[0, 0, 0], [2, 1, -1], [-1, 2, 1]]),
                 np.array(base))
    cases.append(case("three_features_3_states_full", x, np.array([0.3, 0.3, 0.4]),
                      np.array([[0.85, 0.1, 0.05], [0.1, 0.8, 0.1], [0.1, 0.1, 0.8]]),
                      np.array([[0.1, 0.1, 0.1], [1.5, 1.0, -0.5], [-0.5, 1.5, 0.5]]),
                      np.array([np.eye(3), 1.5 * np.eye(3), np.eye(3) + 0.2]), True))
    # the floor at work: the second feature is twice the first, so every weighted
    # covariance is singular; and a constant feature for the diagonal case
    z = np.round(rng.standard_normal(60), 6)
    xc = np.column_stack([z, 2 * z])
    cases.append(case("collinear_full_floored", xc, np.array([0.5, 0.5]),
                      np.array([[0.8, 0.2], [0.3, 0.7]]), np.array([[-0.5, -1.0], [0.5, 1.0]]),
                      np.array([np.eye(2), 2 * np.eye(2)]), True, floor=np.array([1e-2, 4e-2])))
    xd = np.column_stack([z, np.full(60, 3.0)])
    cases.append(case("constant_feature_diag_floored", xd, np.array([0.5, 0.5]),
                      np.array([[0.8, 0.2], [0.3, 0.7]]), np.array([[-0.5, 3.0], [0.5, 3.0]]),
                      np.array([np.eye(2), 2 * np.eye(2)]), False, floor=np.array([1e-3, 1e-3])))
    print(json.dumps(dict(source="tests/golden/hmm_golden.py (numpy %s, scipy log-space "
                          "reference; hmmlearn is not packaged)" % np.__version__,
                          cases=cases), allow_nan=False))


main()
