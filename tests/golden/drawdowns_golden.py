"""Goldens for lib/metrics' drawdownPeriods, ulcerIndex and ulcerPerformanceIndex.

pyfolio and ffn are not packaged in Debian, so their drawdown tables are re-derived here
with pandas (Debian python3-pandas 1.5.3) from their published algorithms, written
independently of lib/:
- pyfolio `gen_drawdown_table` / `get_top_drawdowns`: underwater = cum / cummax - 1 of
  the value started at 1; repeatedly take the deepest remaining point (idxmin), its
  peak = the last 0 before it, its recovery = the first 0 after it (NaN if none), then
  drop the rows strictly between peak and recovery (or everything after the peak when
  not recovered) and repeat.
- ffn `drawdown_details`: a period starts on the first non-zero drawdown after a zero
  and ends on the first zero after it (the last row when it never recovers); its
  drawdown is the minimum in [start, end].
Positions are reported as integer row numbers. Every series starts with an up day so
that pyfolio and ffn (whose underwater series has no starting-value row) and the lib
(which counts the start as a peak) see the same first peak: the S&P 500 case uses the
returns close[t] / close[t-1] - 1 from t = 2 (the first one, 2000-01-04, is a loss). Ulcer index: sqrt(mean(dd^2)) with numpy; UPI =
(CAGR - rf) / UI, CAGR = prod(1 + r)^(252 / n) - 1.

Run: python3 tests/golden/drawdowns_golden.py > tests/golden/drawdowns.json
"""
import csv
import json

import numpy as np
import pandas as pd
from _npm_file import npm_file

SP = npm_file("vega-datasets", "3.2.1", "data", "sp500-2000.csv")


def underwater_of(r):
    cum = (1 + r).cumprod()
    return cum / np.maximum.accumulate(cum) - 1


def pyfolio_table(r, top):
    uw = underwater_of(r)
    pos = {d: i for i, d in enumerate(r.index)}
    out = []
    for _ in range(top):
        valley = uw.idxmin()
        before = uw[:valley]
        peak = before[before == 0].index[-1]
        after = uw[valley:]
        zeros = after[after == 0]
        recovery = zeros.index[0] if len(zeros) else None
        if recovery is not None:
            uw = uw.drop(uw[peak:recovery].index[1:-1])
        else:
            uw = uw.loc[:peak]
        cum = (1 + r).cumprod()
        out.append(dict(peak=pos[peak], valley=pos[valley],
                        recovery=None if recovery is None else pos[recovery],
                        netDrawdownPct=float((cum[peak] - cum[valley]) / cum[peak] * 100)))
        if len(uw) == 0 or uw.min() == 0:
            break
    return out


def ffn_details(r):
    dd = underwater_of(r)
    is_zero = dd == 0
    start = ~is_zero & is_zero.shift(1, fill_value=False)
    end = is_zero & (~is_zero).shift(1, fill_value=False)
    start, end = list(start[start].index), list(end[end].index)
    if not start:
        return []
    if not end:
        end.append(dd.index[-1])
    if start[0] > end[0]:
        start.insert(0, dd.index[0])
    if start[-1] > end[-1]:
        end.append(dd.index[-1])
    pos = {d: i for i, d in enumerate(r.index)}
    return [dict(start=pos[s], end=pos[e], drawdown=float(dd[s:e].min()))
            for s, e in zip(start, end)]


def ulcer(r, rf=0.0):
    dd = underwater_of(r).to_numpy()
    ui = float(np.sqrt(np.mean(dd ** 2)))
    cagr = float(np.prod(1 + r.to_numpy()) ** (252 / len(r)) - 1)
    return ui, (cagr - rf) / ui


def case(name, values, top, stored):
    r = pd.Series(values, index=pd.bdate_range("2001-01-02", periods=len(values)))
    ui, upi = ulcer(r)
    _, upi_rf = ulcer(r, 0.03)
    return dict(name=name, returns=[float(v) for v in values] if stored else None,
                top=top, pyfolio=pyfolio_table(r, top), ffn=ffn_details(r),
                ulcerIndex=ui, ulcerPerformanceIndex=upi, ulcerPerformanceIndexRf3=upi_rf)


def main():
    with open(SP) as f:
        close = [float(row["close"]) for row in csv.DictReader(f)]
    sp = [close[t] / close[t - 1] - 1 for t in range(2, len(close))]
    rng = np.random.default_rng(7)
    synth = np.round(0.001 + 0.006 * rng.standard_t(4, 700), 6)
    synth[0] = 0.005
    synth[-25:] = -0.004  # ends under water
    ties = [0.005, -0.5, 1.0, -0.5, 1.0, 0.01, -0.2, 0.3, -0.1]
    print(json.dumps(dict(
        source="tests/golden/drawdowns_golden.py (pandas %s re-derivation of pyfolio/ffn)"
               % pd.__version__,
        cases=[case("sp500_from_row_2", sp, 10, False),
               case("synthetic_t4_open_at_end", [float(v) for v in synth], 15, True),
               case("equal_depths", ties, 10, True)]), allow_nan=False))


main()
