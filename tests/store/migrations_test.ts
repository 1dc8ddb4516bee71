/**
 * Stores written before sessions recorded their identity and stress runs their
 * DataSanity record still work, on both engines: the missing columns are added, old rows
 * read back with nulls, new rows carry the new fields.
 */
import assert from "node:assert/strict";
import {
  createPaperJournal,
  readLatestStress,
  saveStressResults,
  stressRecords,
  withStore,
} from "../../lib/store/mod.ts";

for (const engine of ["native", "wasm"] as const) {
  Deno.test(`an old sessions table gains identity and config_hash; old rows read back [${engine}]`, async () => {
    await withStore({ engine, path: ":memory:" }, async (db) => {
      await db.exec(
        `CREATE TABLE sessions (session_id VARCHAR PRIMARY KEY, config VARCHAR, data_hash VARCHAR,
          code_version VARCHAR, started_at VARCHAR, status VARCHAR, last_heartbeat VARCHAR,
          bars INTEGER, starts INTEGER)`,
      );
      await db.exec(
        "INSERT INTO sessions VALUES ('old', '{}', 'd', 'c', '2024-01-01', 'finished', '2024-01-01', 0, 1)",
      );
      const journal = createPaperJournal(db);
      await journal.ensure();
      await journal.ensure();
      const old = await journal.readSession("old");
      assert.equal(old?.identity, null);
      assert.equal(old?.status, "finished");
      await journal.startSession({
        sessionId: "new",
        config: "{}",
        identity: '{"capital":1}',
        configHash: "h",
        dataHash: "d",
        codeVersion: "c",
        at: "2024-02-01",
      });
      assert.equal(
        (await journal.readSession("new"))?.identity,
        '{"capital":1}',
      );
    });
  });

  Deno.test(`an old stress_results table gains data_sanity [${engine}]`, async () => {
    await withStore({ engine, path: ":memory:" }, async (db) => {
      await db.exec(
        `CREATE TABLE stress_results (run_id VARCHAR, created_at TIMESTAMP, symbols VARCHAR,
          weights_json VARCHAR, scenario VARCHAR, kind VARCHAR, start_date VARCHAR, end_date VARCHAR,
          days INTEGER, pnl DOUBLE, max_drawdown DOUBLE, worst_day DOUBLE, worst_day_date VARCHAR,
          var_1d DOUBLE, var_confidence DOUBLE, var_breaches INTEGER, limit_breaches INTEGER,
          breach_rules VARCHAR, kill_switch_date VARCHAR, skipped VARCHAR)`,
      );
      const rows = stressRecords([{
        name: "x",
        kind: "historical",
        start: "2020-02-19",
        end: "2020-03-23",
        days: 23,
        pnl: -0.3,
        maxDrawdown: 0.3,
        worstDay: -0.1,
        worstDayDate: "2020-03-16",
        var: 0.03,
        varBreaches: 1,
        limitBreaches: 0,
        breachRules: [],
        killSwitchDate: "",
        skipped: "",
      }], {
        runId: "r",
        symbols: ["A"],
        weights: [1],
        confidence: 0.99,
        dataSanity: { mode: "STRICT", rows: 5, repairs: [], allowed: [] },
      });
      await saveStressResults(db, rows, "2024-01-01T00:00:00Z");
      const [back] = await readLatestStress(db);
      assert.deepEqual(JSON.parse(String(back.data_sanity)), {
        mode: "STRICT",
        rows: 5,
        repairs: [],
        allowed: [],
      });
    });
  });
}
