/**
 * Shared edges of the paper-trading tasks: the config file, the store with the session's
 * bars, and the IBKR settings from the environment.
 *
 * @module
 */
import type { Bars } from "../_shared/types.ts";
import {
  type DbEngine,
  ensureSampleData,
  loadBars,
  openDb,
} from "../data/mod.ts";
import {
  IbkrBroker,
  ibkrSettingsFromEnv,
  loadEnv,
  type PaperConfig,
} from "../paper/mod.ts";

/** The example config shipped with the project. */
export const DEFAULT_PAPER_CONFIG = "config/enhanced_paper_trading_config.json";

/** Open the store (samples loaded on first use) and read every bar of the session's symbols. */
export async function openSessionData(
  dbPath: string,
  config: PaperConfig,
): Promise<{ db: DbEngine; bars: Bars[] }> {
  const db = await openDb({ path: dbPath });
  try {
    await ensureSampleData(db);
    const bars: Bars[] = [];
    for (const s of config.symbols) bars.push(await loadBars(db, s));
    return { db, bars };
  } catch (e) {
    await db.close();
    throw e;
  }
}

/** An IBKR adapter from `IBKR_*` variables in the environment or `.env`. */
export async function ibkrFromEnv(config: PaperConfig): Promise<IbkrBroker> {
  const env = await loadEnv();
  return new IbkrBroker({
    ...ibkrSettingsFromEnv(env),
    conids: config.broker.conids,
  });
}
