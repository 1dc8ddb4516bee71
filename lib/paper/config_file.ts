/**
 * Reading a session config file (the edge where JSON becomes a validated config).
 *
 * @module
 */
import { parseConfig, readJsonFile } from "../_shared/config.ts";
import { type PaperConfig, PaperConfigSchema } from "./config.ts";

/**
 * Read and validate a session config file. A missing file or bad JSON is a
 * `ConfigError` naming the file; a bad field names the field and what was expected.
 *
 * @param path JSON file, e.g. `config/enhanced_paper_trading_config.json`.
 */
export async function loadPaperConfig(path: string): Promise<PaperConfig> {
  return parseConfig(PaperConfigSchema, await readJsonFile(path), path);
}
