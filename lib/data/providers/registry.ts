/**
 * The connectors by name.
 *
 * @module
 */
import { alpaca } from "./alpaca.ts";
import { ibkr } from "./ibkr.ts";
import { stooq } from "./stooq.ts";
import type { Provider, ProviderName } from "./types.ts";
import { yahoo } from "./yahoo.ts";

/** Every connector, keyed by {@linkcode ProviderName}. */
export const PROVIDERS: Readonly<Record<ProviderName, Provider>> = {
  stooq,
  yahoo,
  ibkr,
  alpaca,
};
