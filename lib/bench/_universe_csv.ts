/**
 * The bench universes (shared bench SPEC, `synth-N-M`) as one CSV
 * `symbol,date,open,high,low,close,volume`, one row per symbol and day.
 *
 * @module
 */
import { open } from "node:fs/promises";
import type { Bars } from "../_shared/types.ts";

const r4 = (x: number): string => String(Math.round(x * 1e4) / 1e4);

/**
 * Write `bars` as one universe CSV (prices rounded to 1e-4, volumes as given).
 *
 * @param path The file (created or truncated).
 * @param bars One `Bars` per symbol.
 * @returns Bytes written.
 */
export async function writeUniverseCsv(
  path: string,
  bars: readonly Bars[],
): Promise<number> {
  const file = await open(path, "w");
  const enc = new TextEncoder();
  let bytes = 0;
  try {
    const head = enc.encode("symbol,date,open,high,low,close,volume\n");
    bytes += (await file.write(head)).bytesWritten;
    for (const b of bars) {
      const lines = new Array<string>(b.dates.length);
      for (let t = 0; t < b.dates.length; t++) {
        lines[t] = `${b.symbol},${b.dates[t]},${r4(b.open[t])},${
          r4(b.high[t])
        },${r4(b.low[t])},${r4(b.close[t])},${b.volume[t]}\n`;
      }
      const chunk = enc.encode(lines.join(""));
      let off = 0;
      while (off < chunk.length) {
        off += (await file.write(chunk, off)).bytesWritten;
      }
      bytes += chunk.length;
    }
  } finally {
    await file.close();
  }
  return bytes;
}
