/**
 * Shared edges of the paper-trading tasks: the config file flag and the IBKR settings
 * from the environment.
 *
 * @module
 */
import {
  IbkrBroker,
  ibkrSettingsFromEnv,
  loadEnv,
  type PaperConfig,
} from "../paper/mod.ts";
import { userPathFlag } from "./_paths.ts";

/** The example config shipped with the project. */
export const DEFAULT_PAPER_CONFIG = "config/enhanced_paper_trading_config.json";

/** The `--config` flag: a session config file (default the shipped example). */
export function paperConfigFlag(): ReturnType<typeof userPathFlag> {
  return userPathFlag(DEFAULT_PAPER_CONFIG).describe(
    `the session config JSON (default ${DEFAULT_PAPER_CONFIG})`,
  );
}

/** An IBKR adapter from `IBKR_*` variables in the environment or `.env`. */
export async function ibkrFromEnv(config: PaperConfig): Promise<IbkrBroker> {
  const env = await loadEnv();
  return new IbkrBroker({
    ...ibkrSettingsFromEnv(env),
    conids: config.broker.conids,
  });
}
