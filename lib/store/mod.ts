/**
 * The store: every table's DDL, typed writer and typed reader (pure domains do not know
 * the store exists). Paper trading: the session journal, reconciliations, preflight.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDb } from "../data/mod.ts";
 * import { createPaperJournal } from "./mod.ts";
 * const db = await openDb({ path: ":memory:" });
 * await createPaperJournal(db).ensure();
 * assert.equal((await db.query("SELECT count(*) AS n FROM equity"))[0].n, 0);
 * await db.close();
 * ```
 *
 * @module
 */
export { createPaperJournal } from "./paper_journal.ts";
export { ensurePaperJournal } from "./paper_journal.ts";
export { PAPER_JOURNAL_DDL } from "./paper_journal.ts";
export { decodeState, encodeState } from "./paper_journal.ts";
export { reconciliationRow } from "./paper_reconciliations.ts";
export { RECONCILIATIONS_DDL } from "./paper_reconciliations.ts";
export { writeReconciliation } from "./paper_reconciliations.ts";
export type { StoredReconciliation } from "./paper_reconciliations.ts";
export { PREFLIGHT_DDL } from "./paper_preflight.ts";
export { writePreflightChecks } from "./paper_preflight.ts";
