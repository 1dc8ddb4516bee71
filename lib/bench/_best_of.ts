/**
 * Timing of bench workloads: best of three timed runs after one untimed warm-up.
 *
 * @module
 */

/**
 * Best of 3 timed runs (seconds) after one untimed warm-up, and the last result.
 *
 * @param fn The workload.
 * @returns `[best seconds, result]`.
 */
export async function bestOf3<T>(
  fn: () => T | Promise<T>,
): Promise<[number, T]> {
  let result = await fn();
  let best = Infinity;
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    result = await fn();
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  return [best, result];
}
