"""Correctly rounded exp, log and log1p for lib/_shared/cr_math.ts, from Python's decimal
module (plain standard library, independent of lib/ and of any JavaScript engine).

Run: python3 tests/golden/cr_math_golden.py > tests/golden/cr_math.json

decimal's exp() and ln() are correctly rounded to the context precision (here 80 digits);
rounding that 80-digit value to the nearest double is then the correctly rounded double:
the hardest binary64 cases of exp and log lie about 2^-113 (1e-34) from a rounding
boundary, far above 1e-80. Inputs: fixed edge cases and seeded random doubles over each
function's range (floats are written with repr, which round-trips exactly).
"""
import json
import random
from decimal import Decimal, getcontext, localcontext

getcontext().prec = 80


def to_double(d):
    return float(str(d))  # float() of a decimal string rounds correctly


def cr_exp(x):
    return to_double(Decimal(x).exp())


def cr_log(x):
    return to_double(Decimal(x).ln())


def cr_log1p(x):
    with localcontext() as ctx:
        ctx.prec = 2000  # 1 + x exactly
        one_plus = Decimal(1) + Decimal(x)
    return to_double(one_plus.ln())


def finite(v):
    return v == v and v not in (float("inf"), float("-inf"))


rng = random.Random(20240917)
exp_in = [0.5, -0.5, 1e-300, -1e-300, 2.0 ** -53, -(2.0 ** -54), 1e-10, 0.6931471805599453,
          -0.6931471805599453, 10.0, -10.0, 100.0, -100.0, 700.0, 709.0, 709.78,
          -700.0, -708.0, -708.39, -708.5, -720.0, -740.0, -745.0, 1.0 / 3, 2.0 ** -30]
exp_in += [rng.uniform(-1, 1) for _ in range(600)]
exp_in += [rng.uniform(-745, 709.7) for _ in range(600)]
exp_in += [rng.uniform(-0.01, 0.01) for _ in range(300)]
exp_in += [rng.uniform(-750, -700) for _ in range(100)]  # subnormal results

log_in = [2.0, 0.5, 10.0, 0.1, 1e-300, 5e-324, 2.2250738585072014e-308, 1e-310,
          1.7976931348622757e308, 1 + 2.0 ** -52, 1 - 2.0 ** -53, 1.0000001, 0.9999999,
          1.4142135623730951, 0.7071067811865476, 3.0, 7.0, 1024.0]
log_in += [rng.uniform(0.5, 2) for _ in range(600)]
log_in += [10 ** rng.uniform(-300, 300) for _ in range(600)]
log_in += [1 + rng.uniform(-1e-6, 1e-6) for _ in range(300)]
log_in += [rng.uniform(5e-324, 1e-308) for _ in range(100)]  # subnormal inputs

log1p_in = [1e-20, -1e-20, 2.0 ** -53, -(2.0 ** -53), 1e-10, -1e-10, 0.5, -0.5, 1.0,
            -0.9999999999, 1e300, 3.0, -0.25, 2.0 ** -60, 5e-324]
log1p_in += [rng.uniform(-0.01, 0.01) for _ in range(600)]
log1p_in += [rng.uniform(-0.99, 3) for _ in range(600)]
log1p_in += [10 ** rng.uniform(-300, -3) * rng.choice([-1, 1]) for _ in range(300)]

out = {
    "source": "tests/golden/cr_math_golden.py (Python decimal, 80 digits)",
    "exp": [[x, cr_exp(x)] for x in exp_in],
    "log": [[x, cr_log(x)] for x in log_in],
    "log1p": [[x, cr_log1p(x)] for x in log1p_in],
}
for k in ("exp", "log", "log1p"):
    assert all(finite(v) for _, v in out[k]), k
lines = ["{", f'  "source": {json.dumps(out["source"])},']
for i, k in enumerate(("exp", "log", "log1p")):
    pairs = ",\n".join(f"    [{x!r}, {y!r}]" for x, y in out[k])
    lines.append(f'  "{k}": [\n{pairs}\n  ]' + ("," if i < 2 else ""))
lines.append("}")
print("\n".join(lines))
