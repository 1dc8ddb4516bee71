"""Independent pandas golden for lib/data adjustmentFactors (back-adjustment).

Run: /usr/bin/python3 tests/golden/back_adjust_golden.py > tests/golden/back_adjust.json

Convention (Yahoo's adjclose, CRSP cumulative factors), computed column-wise here: for
each event a factor column is 1 on and after the ex-date and r before it; the price
factor is the product of the columns. Split of v new shares per old: r = 1/v (volume:
v). Cash dividend D: r = 1 - D / P, P = the close of the last bar before the ex-date
(found with pandas' asof on the index, so an ex-date on a day without a bar works).
"""
import json

import pandas as pd

dates = pd.bdate_range("2023-03-01", periods=40)
# as-traded closes: a 3:1 split on day 12 (prices /3), a 1:2 reverse split on day 30 (x2)
base = [50 + 0.37 * i + (1.5 if i % 7 == 3 else -0.8 if i % 5 == 1 else 0.0) for i in range(40)]
close = [
    b * (1 if i < 12 else 1 / 3) * (1 if i < 30 else 2)
    for i, b in enumerate(base)
]
s = pd.Series(close, index=dates)
events = [
    {"exDate": "2023-02-15", "kind": "dividend", "value": 0.4},  # before the first bar
    {"exDate": str(dates[5].date()), "kind": "dividend", "value": 0.25},
    {"exDate": str(dates[12].date()), "kind": "split", "value": 3.0},
    # ex-date on a Saturday: the previous close is Friday's
    {"exDate": str((dates[19] + pd.Timedelta(days=1)).date()), "kind": "dividend", "value": 0.11},
    {"exDate": str(dates[30].date()), "kind": "split", "value": 0.5},
    {"exDate": str(dates[33].date()), "kind": "dividend", "value": 0.3},
    {"exDate": "2023-06-30", "kind": "dividend", "value": 0.2},  # after the last bar
]

price = pd.Series(1.0, index=dates)
volume = pd.Series(1.0, index=dates)
for e in events:
    ex = pd.Timestamp(e["exDate"])
    before = dates < ex
    if e["kind"] == "split":
        price[before] *= 1 / e["value"]
        volume[before] *= e["value"]
    else:
        prev = s.asof(ex - pd.Timedelta(days=1))
        if pd.isna(prev):
            continue  # no bar before the ex-date: nothing to adjust
        price[before] *= 1 - e["value"] / prev

print(json.dumps({
    "dates": [str(d.date()) for d in dates],
    "close": close,
    "events": events,
    "price": price.tolist(),
    "volume": volume.tolist(),
}, indent=1))
