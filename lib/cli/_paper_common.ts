/**
 * Shared edges of the paper-trading tasks: the config file flag.
 *
 * @module
 */
import { userPathFlag } from "./_paths.ts";

/** The example config shipped with the project. */
export const DEFAULT_PAPER_CONFIG = "config/enhanced_paper_trading_config.json";

/** The `--config` flag: a session config file (default the shipped example). */
export function paperConfigFlag(): ReturnType<typeof userPathFlag> {
  return userPathFlag(DEFAULT_PAPER_CONFIG).describe(
    `the session config JSON (default ${DEFAULT_PAPER_CONFIG})`,
  );
}
