/**
 * The paper-trading jobs over one store: the go-live checklist (stored in
 * `preflight_checks`), a replay or live session (journaled by lib/paper), and the
 * reconciliation of a session with the backtest of its own rules (stored in
 * `reconciliations`).
 *
 * @module
 */
import { ConfigError } from "../_shared/errors.ts";
import type { Bars } from "../_shared/types.ts";
import { type DbEngine, ensureSampleData, loadBars } from "../data/mod.ts";
import {
  chooseSession,
  identityHash,
  type PaperConfig,
  type PaperRunOptions,
  type PeriodOverrides,
  planPaper,
  type PreflightCheck,
  reconcilePaper,
  runPaper,
  runPreflight,
  sessionIdentity,
  type SessionSummary,
  storePreflightProbes,
  type StoreProbeOptions,
  validatePaperConfig,
} from "../paper/mod.ts";
import {
  createPaperJournal,
  reconciliationRow,
  savePreflightChecks,
  saveReconciliation,
} from "../store/mod.ts";
import { codeVersion } from "./code_version.ts";

/**
 * Every stored bar of the session's symbols, as the session trades them: back-adjusted
 * by the stored splits and dividends, or, for a session with a `data` section (advanced
 * week by week by `deno task weekly`), as stored (as traded), so the weeks it already
 * traded keep their prices when a later split or dividend is recorded. The built-in
 * samples are loaded first unless a provider feeds the session (no `data` section, or
 * `data.provider` "store"). The one rule for the session, its reconciliation and its
 * reports.
 *
 * @param db The store.
 * @param config The session config.
 * @param options `samples: false` reads only (a report): the built-in samples are not
 *   loaded into the store first. @default { samples: true }
 * @returns One bars object per symbol, in config order.
 */
export async function loadSessionBars(
  db: DbEngine,
  config: PaperConfig,
  options: { readonly samples?: boolean } = {},
): Promise<Bars[]> {
  const fromStore = config.data === undefined ||
    config.data.provider === "store";
  if (fromStore && options.samples !== false) await ensureSampleData(db);
  const adjusted = config.data === undefined;
  const bars: Bars[] = [];
  for (const s of config.symbols) {
    bars.push(await loadBars(db, s, { adjusted }));
  }
  return bars;
}

/**
 * Run the go-live checklist over the store and keep it in `preflight_checks`.
 *
 * @param db The store.
 * @param options How to load the config, the store's path, the reports folder.
 * @returns The checks, in order (every check runs even when one fails).
 */
export async function runPreflightJob(
  db: DbEngine,
  options: StoreProbeOptions,
): Promise<PreflightCheck[]> {
  await ensureSampleData(db);
  const checks = await runPreflight(storePreflightProbes(db, options));
  await savePreflightChecks(db, checks, new Date().toISOString());
  return checks;
}

/**
 * Run (or resume) a paper session on the store's bars of its symbols; the session
 * journals itself in the store. The config is validated first (lib/paper
 * `validatePaperConfig`, the checks preflight shows), before the store is touched. The
 * code version is recorded unless given.
 *
 * @param db The store.
 * @param config The session config.
 * @param options Session naming, pace, period, live feed, hooks.
 * @returns The session's summary.
 */
export async function runPaperJob(
  db: DbEngine,
  config: PaperConfig,
  options: PaperRunOptions = {},
): Promise<SessionSummary> {
  const checks = await validatePaperConfig(
    config,
    options.source ?? "the session config",
    options.probes,
  );
  // runPaper validates again; the broker was reached a moment ago
  const broker = checks.find((c) => c.name === "broker reachable")?.detail;
  const bars = await loadSessionBars(db, config);
  return await runPaper(createPaperJournal(db), config, bars, {
    ...options,
    probes: { ...options.probes, broker: () => Promise.resolve(broker ?? "") },
    codeVersion: options.codeVersion ?? await codeVersion(),
  });
}

/**
 * The session a job that must run whatever config it is given (the demo) continues:
 * the config's name when the store has no such session or has it under this very
 * config (lib/paper `chooseSession` would resume it), else `<name>-<identity hash>`, a
 * session of its own for the edited config (resumed on the next run with it).
 *
 * @param db The store.
 * @param config The session config.
 * @returns The session id.
 */
export async function sessionIdFor(
  db: DbEngine,
  config: PaperConfig,
): Promise<string> {
  const journal = createPaperJournal(db);
  await journal.ensure();
  const plan = planPaper(config, await loadSessionBars(db, config));
  try {
    await chooseSession(journal, config, plan.from);
    return config.name;
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    const hash = identityHash(sessionIdentity(config, plan.from));
    return `${config.name}-${hash.slice(0, 8)}`;
  }
}

/** Options of {@linkcode runReconcileJob}. */
export interface ReconcileJobOptions extends PeriodOverrides {
  /** The session. @default the config's name */
  readonly sessionId?: string;
  /** Allowed relative difference to the backtest. */
  readonly target: number;
}

/**
 * Reconcile a stored session with the backtest of its rules and keep the result in
 * `reconciliations`.
 *
 * @param db The store.
 * @param config The session config.
 * @param options Session and target.
 * @returns The reconciliation.
 */
export async function runReconcileJob(
  db: DbEngine,
  config: PaperConfig,
  options: ReconcileJobOptions,
): Promise<Awaited<ReturnType<typeof reconcilePaper>>> {
  const bars = await loadSessionBars(db, config);
  const r = await reconcilePaper(createPaperJournal(db), config, bars, options);
  await saveReconciliation(db, reconciliationRow(r, new Date().toISOString()));
  return r;
}
