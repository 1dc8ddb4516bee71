/**
 * Reading a session config file (the edge where JSON becomes a validated config).
 *
 * @module
 */
import { parseConfig } from "../_shared/config.ts";
import { ConfigError } from "../_shared/errors.ts";
import { type PaperConfig, PaperConfigSchema } from "./config.ts";

/**
 * Read and validate a session config file. A missing file or bad JSON is a
 * `ConfigError` naming the file; a bad field names the field and what was expected.
 *
 * @param path JSON file, e.g. `config/enhanced_paper_trading_config.json`.
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
