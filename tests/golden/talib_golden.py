"""TA-Lib goldens for lib/features' indicators (tests/features/talib_golden_test.ts).

Produced by TA-Lib itself: the C sources of TA-Lib 0.6 ship inside the npm package
`talib@2.0.5`. This script packs that package into a temporary directory, writes a small
C harness (below; our code, not TA-Lib's), compiles it with gcc against TA-Lib's
ta_func/ and ta_common/ sources, runs it on the S&P 500 (5,105 daily bars) and AAPL
(1,260 bars) samples exactly as lib/data/samples.ts reads them, and prints the outputs
at a fixed set of rows. Nothing of TA-Lib is committed.

Stored per output: TA-Lib's first output row (`begin`), its first three values, and the
values at every 101st row and the last five rows (`rows`), to keep the file small.
`--full FILE` also writes every output value to FILE (for measuring the largest
difference over whole series; not committed).

Run (needs npm, gcc, network access to the npm registry, and any Deno task run once so
the sample packages are cached):
    python3 tests/golden/talib_golden.py > tests/golden/talib.json
"""
import csv
import glob
import json
import os
import subprocess
import sys
import tempfile

from _npm_file import npm_file

SP = npm_file("vega-datasets", "3.2.1", "data", "sp500-2000.csv")
AAPL = npm_file("@observablehq/sample-datasets", "1.0.1", "aapl.csv")
TALIB = "talib@2.0.5"

HARNESS = r"""
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "ta_libc.h"

static int n;
static double *o, *h, *l, *c, *v, *zero, *out1, *out2, *out3;

static void emit(const char *name, int beg, int nb, const double *x) {
  printf("%s %d %d", name, beg, nb);
  for (int i = 0; i < nb; i++) printf(" %.17g", x[i]);
  printf("\n");
}

int main(void) {
  if (scanf("%d", &n) != 1) return 1;
  double **cols[] = {&o, &h, &l, &c, &v, &zero, &out1, &out2, &out3};
  for (int k = 0; k < 9; k++) *cols[k] = calloc(n, sizeof(double));
  for (int i = 0; i < n; i++)
    if (scanf("%lf %lf %lf %lf %lf", &o[i], &h[i], &l[i], &c[i], &v[i]) != 5) return 2;
  TA_Initialize();
  int beg, nb;
  char name[64];
  int emaP[] = {2, 10, 30, 200};
  for (int k = 0; k < 4; k++) {
    TA_EMA(0, n - 1, c, emaP[k], &beg, &nb, out1);
    sprintf(name, "ema_%d", emaP[k]); emit(name, beg, nb, out1);
  }
  int smaP[] = {50, 200};
  for (int k = 0; k < 2; k++) {
    TA_SMA(0, n - 1, c, smaP[k], &beg, &nb, out1);
    sprintf(name, "sma_%d", smaP[k]); emit(name, beg, nb, out1);
  }
  TA_SetCompatibility(TA_COMPATIBILITY_METASTOCK);
  int emaF[] = {10, 30};
  for (int k = 0; k < 2; k++) {
    TA_EMA(0, n - 1, c, emaF[k], &beg, &nb, out1);
    sprintf(name, "ema_first_%d", emaF[k]); emit(name, beg, nb, out1);
  }
  TA_SetCompatibility(TA_COMPATIBILITY_DEFAULT);
  int macdP[][3] = {{12, 26, 9}, {5, 35, 5}, {3, 10, 16}};
  for (int k = 0; k < 3; k++) {
    TA_MACD(0, n - 1, c, macdP[k][0], macdP[k][1], macdP[k][2], &beg, &nb, out1, out2, out3);
    sprintf(name, "macd_%d_%d_%d_line", macdP[k][0], macdP[k][1], macdP[k][2]); emit(name, beg, nb, out1);
    sprintf(name, "macd_%d_%d_%d_signal", macdP[k][0], macdP[k][1], macdP[k][2]); emit(name, beg, nb, out2);
    sprintf(name, "macd_%d_%d_%d_hist", macdP[k][0], macdP[k][1], macdP[k][2]); emit(name, beg, nb, out3);
  }
  TA_TRANGE(0, n - 1, h, l, c, &beg, &nb, out1); emit("trange", beg, nb, out1);
  int atrP[] = {1, 14, 50};
  for (int k = 0; k < 3; k++) {
    TA_ATR(0, n - 1, h, l, c, atrP[k], &beg, &nb, out1);
    sprintf(name, "atr_%d", atrP[k]); emit(name, beg, nb, out1);
  }
  /* Wilder's smoothing of v: ATR with high = v, low = close = 0 has TR[t] = v[t]. */
  int wP[] = {5, 14};
  for (int k = 0; k < 2; k++) {
    TA_ATR(0, n - 1, v, zero, zero, wP[k], &beg, &nb, out1);
    sprintf(name, "wilder_%d", wP[k]); emit(name, beg, nb, out1);
  }
  TA_RSI(0, n - 1, c, 14, &beg, &nb, out1); emit("rsi_14", beg, nb, out1);
  double bb[][3] = {{20, 2, 2}, {5, 1.5, 2.5}, {50, 2, 2}};
  for (int k = 0; k < 3; k++) {
    TA_BBANDS(0, n - 1, c, (int)bb[k][0], bb[k][1], bb[k][2], TA_MAType_SMA, &beg, &nb, out1, out2, out3);
    sprintf(name, "bb_%d_%g_%g_upper", (int)bb[k][0], bb[k][1], bb[k][2]); emit(name, beg, nb, out1);
    sprintf(name, "bb_%d_%g_%g_middle", (int)bb[k][0], bb[k][1], bb[k][2]); emit(name, beg, nb, out2);
    sprintf(name, "bb_%d_%g_%g_lower", (int)bb[k][0], bb[k][1], bb[k][2]); emit(name, beg, nb, out3);
  }
  int st[][3] = {{5, 3, 3}, {14, 3, 3}, {14, 1, 1}, {9, 5, 2}};
  for (int k = 0; k < 4; k++) {
    TA_STOCH(0, n - 1, h, l, c, st[k][0], st[k][1], TA_MAType_SMA, st[k][2], TA_MAType_SMA, &beg, &nb, out1, out2);
    sprintf(name, "stoch_%d_%d_%d_k", st[k][0], st[k][1], st[k][2]); emit(name, beg, nb, out1);
    sprintf(name, "stoch_%d_%d_%d_d", st[k][0], st[k][1], st[k][2]); emit(name, beg, nb, out2);
  }
  return 0;
}
"""


def read_sp500():
    with open(SP) as f:
        rows = list(csv.DictReader(f))
    return [[float(r[k]) for k in ("open", "high", "low", "close", "volume")] for r in rows]


def read_aapl():
    """As lib/data/samples.ts: close = Adj Close, open/high/low scaled by Adj/Close."""
    out = []
    with open(AAPL) as f:
        for r in csv.DictReader(f):
            factor = float(r["Adj Close"]) / float(r["Close"])
            out.append([float(r["Open"]) * factor, float(r["High"]) * factor,
                        float(r["Low"]) * factor, float(r["Adj Close"]), float(r["Volume"])])
    return out


def build(tmp):
    subprocess.run(["npm", "pack", TALIB, "--silent"], cwd=tmp, check=True,
                   stdout=subprocess.DEVNULL)
    tgz = glob.glob(os.path.join(tmp, "talib-*.tgz"))[0]
    subprocess.run(["tar", "xzf", tgz], cwd=tmp, check=True)
    lib = os.path.join(tmp, "package", "src", "lib")
    with open(os.path.join(tmp, "harness.c"), "w") as f:
        f.write(HARNESS)
    srcs = glob.glob(os.path.join(lib, "src", "ta_func", "*.c")) + \
        glob.glob(os.path.join(lib, "src", "ta_common", "*.c"))
    exe = os.path.join(tmp, "harness")
    subprocess.run(["gcc", "-O2", "-I", os.path.join(lib, "include"),
                    "-I", os.path.join(lib, "src", "ta_common"),
                    "-I", os.path.join(lib, "src", "ta_func"),
                    os.path.join(tmp, "harness.c"), *srcs, "-lm", "-o", exe], check=True)
    version = open(os.path.join(lib, "src", "ta_common", "ta_version.c")).read()
    return exe, version


def rows_to_keep(n):
    return sorted(set(range(0, n, 101)) | set(range(max(0, n - 5), n)))


def run(exe, data, full_out):
    text = "%d\n" % len(data) + "\n".join(" ".join(repr(x) for x in r) for r in data)
    res = subprocess.run([exe], input=text, capture_output=True, text=True, check=True)
    n, keep = len(data), rows_to_keep(len(data))
    outputs, full_outputs = {}, {}
    for line in res.stdout.strip().split("\n"):
        parts = line.split()
        name, beg, nb = parts[0], int(parts[1]), int(parts[2])
        vals = [float(x) for x in parts[3:]]
        assert len(vals) == nb and beg + nb == n, name
        full = [None] * beg + vals
        outputs[name] = dict(begin=beg, first=vals[:3], values=[full[i] for i in keep])
        full_outputs[name] = full
    full_out.append(full_outputs)
    return dict(rows=keep, outputs=outputs)


def main():
    full = []
    with tempfile.TemporaryDirectory(prefix="talib_golden_") as tmp:
        exe, _ = build(tmp)
        result = dict(
            source="tests/golden/talib_golden.py (TA-Lib 0.6 C sources from npm %s, "
                   "compiled with gcc)" % TALIB,
            sp500=run(exe, read_sp500(), full),
            aapl=run(exe, read_aapl(), full),
        )
    print(json.dumps(result, allow_nan=False))
    if len(sys.argv) == 3 and sys.argv[1] == "--full":
        with open(sys.argv[2], "w") as f:
            json.dump(dict(sp500=full[0], aapl=full[1]), f)


main()
