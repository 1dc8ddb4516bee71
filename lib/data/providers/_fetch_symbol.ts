/**
 * One symbol of a fetch: plan the range, download, compare with the store, ingest.
 *
 * @module
 */
import { IngestError } from "../../_shared/errors.ts";
import type { DbEngine } from "../engine.ts";
import type { ValidateHook } from "../ingest_file.ts";
import {
  loadCorporateActions,
  upsertCorporateActions,
} from "../corporate_actions.ts";
import { type ContextSettings, makeContext } from "./_context.ts";
import { ingestFetched, storedBars, updateFrom } from "./_symbol_store.ts";
import { describeRevisions, planWrite, type Revision } from "./_revisions.ts";
import type { FetchOptions } from "./config.ts";
import type { SymbolFetchResult } from "./fetch_bars.ts";
import { ProviderError } from "./provider_error.ts";
import type { Provider } from "./types.ts";

/** Everything shared by the symbols of one fetch. */
export interface SymbolPlan {
  readonly opts: FetchOptions & { readonly to: string };
  readonly provider: Provider;
  readonly validate: ValidateHook;
  readonly settings: ContextSettings;
}

/**
 * Fetch and store one symbol. Never throws: a failure is a `failed` result whose error
 * names the provider and the symbol (and the store is unchanged for it).
 */
export async function fetchSymbol(
  db: DbEngine,
  symbol: string,
  plan: SymbolPlan,
): Promise<SymbolFetchResult> {
  const { opts, provider } = plan;
  const from = opts.update
    ? (await updateFrom(db, symbol, opts.overlapBars)) ?? opts.from
    : opts.from;
  const { ctx, requests, commit } = makeContext(symbol, plan.settings);
  const base = { symbol, from, to: opts.to, requests };
  let revisions: Revision[] = [];
  let validation: unknown;
  try {
    const series = await provider.fetchSeries({ from, to: opts.to }, ctx);
    const bars = series.bars.filter((b) =>
      (from === undefined || b.date >= from) && b.date <= opts.to
    );
    const stored = await storedBars(db, symbol, from ?? bars[0]?.date, opts.to);
    const found = planWrite(
      stored,
      await loadCorporateActions(db, symbol),
      bars,
      // an action after `to` would adjust by a close that is not stored
      series.actions.filter((a) => a.exDate <= opts.to),
      opts.update,
    );
    revisions = found.revisions;
    if (revisions.length > 0 && opts.mode === "strict") {
      throw ctx.fail(
        "revision",
        `the provider revised ${revisions.length} stored value${
          revisions.length === 1 ? "" : "s"
        } (${
          describeRevisions(revisions)
        }); nothing was stored: check the vendor's change, then re-run with --mode relaxed to take its values`,
      );
    }
    const { write, actions } = found;
    const url = requests[0]?.url ?? "(cache)";
    const source = `${provider.name} ${symbol} ${
      from ?? "start"
    }..${opts.to} GET ${url}${
      requests.length > 1 ? ` (+${requests.length - 1} more)` : ""
    }`;
    if (bars.length === 0 && !(opts.update && stored.length > 0)) {
      throw ctx.fail(
        "unknown_symbol",
        `no bars between ${
          from ?? "the start"
        } and ${opts.to} (unknown symbol, or no trading in that range)`,
      );
    }
    if (write.length === 0) {
      if (actions.length > 0) {
        await upsertCorporateActions(db, actions, { source });
      }
      await commit();
      return {
        ...base,
        status: "up-to-date",
        fetched: bars.length,
        rows: 0,
        actions: actions.length,
        revisions,
      };
    }
    validation = await ingestFetched(
      db,
      symbol,
      {
        provider: provider.name,
        validate: plan.validate,
        cacheDir: plan.settings.cache?.dir,
      },
      write,
      actions,
      source,
    );
    await commit();
    return {
      ...base,
      status: "stored",
      fetched: bars.length,
      rows: write.length,
      first: write[0].date,
      last: write[write.length - 1].date,
      actions: actions.length,
      revisions,
      validation,
    };
  } catch (e) {
    const report = (e as { report?: unknown }).report;
    const pe = e instanceof ProviderError ? e : ctx.fail(
      report !== undefined || e instanceof IngestError
        ? "invalid_data"
        : "store",
      e instanceof Error ? e.message : String(e),
    );
    return {
      ...base,
      status: "failed",
      fetched: 0,
      rows: 0,
      actions: 0,
      revisions,
      ...(report === undefined ? {} : { validation: report }),
      error: pe.message,
      errorKind: pe.kind,
    };
  }
}
