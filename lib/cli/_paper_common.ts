/**
 * Shared edges of the paper-trading tasks: the config file, the store with the session's
 * bars, and the IBKR settings from the environment.
 *
 * @module
 */
import { parseConfig } from "../_shared/config.ts";
import { ConfigError } from "../_shared/errors.ts";
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
  PaperConfigSchema,
} from "../paper/mod.ts";

/** The example config shipped with the project. */
export const DEFAULT_PAPER_CONFIG = "config/enhanced_paper_trading_config.json";

/**
 * Read and validate a session config file. A missing file or bad JSON is a
 * `ConfigError` naming the file; a bad field names the field and what was expected.
 */
export async function loadPaperConfig(path: string): Promise<PaperConfig> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    throw new ConfigError(
      path,
      "",
      "a readable JSON file",
      (e as Error).message,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(path, "", "valid JSON", (e as Error).message);
  }
  return parseConfig(PaperConfigSchema, raw, path);
}

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
