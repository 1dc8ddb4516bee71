/**
 * The built-in real data sets, read straight from their npm packages (no network at
 * run time: the packages are pinned in `deno.json` and installed with the project).
 *
 * - `SP500`: S&P 500 index daily bars 2000-01-03..2020-04-17 (`vega-datasets@3.2.1`,
 *   `data/sp500-2000.csv`), 5,105 rows; prices used as given.
 * - `AAPL`: Apple daily bars 2013-05-13..2018-05-11 (`@observablehq/sample-datasets@1.0.1`,
 *   `aapl.csv`), 1,260 rows; close = `Adj Close`, and open/high/low scaled by the same
 *   factor `adjClose / close` so every bar stays internally consistent.
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Bars } from "../_shared/types.ts";
import { IngestError } from "../_shared/errors.ts";

/** Names of the built-in daily bar sets. */
export type SampleName = "SP500" | "AAPL";

/** Absolute paths of the sample files inside the installed npm packages. */
export function samplePath(name: SampleName | "stocks"): string {
  const require = createRequire(import.meta.url);
  if (name === "AAPL") {
    return require.resolve("@observablehq/sample-datasets/aapl.csv");
  }
  const root = join(dirname(require.resolve("vega-datasets")), "..", "data");
  return join(root, name === "SP500" ? "sp500-2000.csv" : "stocks.csv");
}

/**
 * Read a built-in sample as {@linkcode Bars} without touching the store (pure parse of
 * the shipped CSV; for tests, benchmarks and notebooks that need no database).
 *
 * @param name `"SP500"` or `"AAPL"`.
 * @returns Bars ascending by date.
 * @example
 * ```ts
 * import { readSampleBars } from "./samples.ts";
 * import assert from "node:assert/strict";
 * const sp = await readSampleBars("SP500");
 * assert.equal(sp.dates.length, 5105);
 * assert.equal(sp.dates[0], "2000-01-03");
 * ```
 */
export async function readSampleBars(name: SampleName): Promise<Bars> {
  const path = samplePath(name);
  const text = await readFile(path, "utf8");
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const header = lines[0].split(",");
  const col = (c: string): number => {
    const i = header.indexOf(c);
    if (i < 0) {
      throw new IngestError(
        path,
        1,
        c,
        header.join(","),
        `a column named "${c}"`,
      );
    }
    return i;
  };
  const aapl = name === "AAPL";
  const iDate = col(aapl ? "Date" : "date");
  const iO = col(aapl ? "Open" : "open");
  const iH = col(aapl ? "High" : "high");
  const iL = col(aapl ? "Low" : "low");
  const iC = col(aapl ? "Close" : "close");
  const iA = col(aapl ? "Adj Close" : "adjclose");
  const iV = col(aapl ? "Volume" : "volume");
  const n = lines.length - 1;
  const dates: string[] = new Array(n);
  const open = new Float64Array(n),
    high = new Float64Array(n),
    low = new Float64Array(n);
  const close = new Float64Array(n), volume = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const f = lines[r + 1].split(",");
    const num = (i: number): number => {
      const v = Number(f[i]);
      if (f[i] === "" || !Number.isFinite(v)) {
        throw new IngestError(
          path,
          r + 2,
          header[i],
          f[i] ?? "",
          "a finite number",
        );
      }
      return v;
    };
    dates[r] = f[iDate];
    const factor = aapl ? num(iA) / num(iC) : 1;
    open[r] = num(iO) * factor;
    high[r] = num(iH) * factor;
    low[r] = num(iL) * factor;
    close[r] = aapl ? num(iA) : num(iC);
    volume[r] = num(iV);
  }
  return { symbol: name, dates, open, high, low, close, volume };
}
