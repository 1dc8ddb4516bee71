/**
 * The transaction wrapper both engines share: one transaction at a time per connection,
 * COMMIT on success, ROLLBACK (best effort, the original error wins) on failure.
 *
 * @module
 */

/**
 * Build an engine's `transaction` method over its statement runner.
 *
 * @param run Runs one SQL statement (sync or async).
 * @returns `transaction(fn, tx)`: runs `fn(tx)` inside BEGIN/COMMIT.
 */
export function transactionRunner(
  run: (sql: string) => unknown,
): <E, T>(tx: E, fn: (tx: E) => Promise<T>) => Promise<T> {
  let inTx = false;
  return async (tx, fn) => {
    if (inTx) {
      throw new Error("Cannot start a transaction inside a transaction");
    }
    inTx = true;
    try {
      await run("BEGIN TRANSACTION");
      try {
        const out = await fn(tx);
        await run("COMMIT");
        return out;
      } catch (e) {
        try {
          await run("ROLLBACK");
        } catch { /* the original error matters more */ }
        throw e;
      }
    } finally {
      inTx = false;
    }
  };
}
