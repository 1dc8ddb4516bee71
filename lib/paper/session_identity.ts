/**
 * Which session a run continues: the one place that decides it. A session is what its
 * config made it (capital, strategy and parameters, symbols, limits, sizing, broker,
 * first trading day and warm-up); resuming it under a changed config would mix two
 * configs in one journal. So:
 *
 * - `--new-session NAME` starts a session with id NAME (refused when the store already
 *   has one of that name) and leaves every other session as it is;
 * - otherwise the id is `--session` or the config's `name`: a new id starts a session,
 *   a stored one is resumed only when its identity is unchanged, else the run is
 *   refused with the changed fields named (a `ConfigError`, exit 2).
 *
 * The identity is stored with the session (`sessions.identity`, JSON) together with its
 * FNV-1a hash; the feed's end (`feed.to`), pace and alert rules are not part of it, so a
 * session can be continued over newer bars.
 *
 * @module
 */
import { UsageError } from "../_shared/errors.ts";
import { hashColumns } from "../_shared/hash.ts";
import { type PaperConfig, PaperConfigSchema } from "./config.ts";
import type { PaperJournal, StoredSession } from "./journal.ts";
import { checkStrategy } from "./resolve_strategy.ts";

/** What makes a session what it is. */
export interface SessionIdentity {
  readonly capital: number;
  /** Name and every parameter (defaults resolved). */
  readonly strategy: {
    readonly name: string;
    readonly params: Readonly<Record<string, unknown>>;
  };
  readonly symbols: readonly string[];
  readonly limits: Readonly<Record<string, unknown>>;
  readonly sizing: Readonly<Record<string, unknown>>;
  readonly broker: Readonly<Record<string, unknown>>;
  /** First trading day. */
  readonly from: string;
  readonly warmupBars: number;
}

/**
 * The identity of a session run with `config` from `from`.
 *
 * @param config The validated config.
 * @param from The first trading day (the plan's).
 * @returns The identity (plain JSON).
 */
export function sessionIdentity(
  config: PaperConfig,
  from: string,
): SessionIdentity {
  const resolved = checkStrategy(config.strategy, config.symbols).resolved;
  return {
    capital: config.capital,
    strategy: {
      name: config.strategy.name,
      params: resolved?.params ?? config.strategy.params,
    },
    symbols: config.symbols,
    limits: config.limits,
    sizing: config.sizing,
    broker: config.broker,
    // a session trading through IBKR trades live bars, whatever is stored
    from: config.broker.kind === "ibkr" ? "live" : from,
    warmupBars: config.feed.warmupBars,
  };
}

/**
 * The hash of an identity (16 hex digits of FNV-1a over its canonical JSON).
 *
 * @param identity The identity.
 * @returns The hash.
 */
export function identityHash(identity: SessionIdentity): string {
  return hashColumns([canonical(identity)]);
}

function canonical(v: unknown): string {
  if (v === null || typeof v !== "object") return JSON.stringify(v) ?? "null";
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  const keys = Object.keys(v).sort();
  return `{${
    keys.map((k) =>
      `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`
    ).join(",")
  }}`;
}

function flatten(v: unknown, prefix: string, out: Map<string, string>): void {
  if (v !== null && typeof v === "object" && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v)) {
      flatten(x, prefix ? `${prefix}.${k}` : k, out);
    }
  } else out.set(prefix, canonical(v));
}

/**
 * The fields that differ between a stored identity and the current one.
 *
 * @param stored The stored identity.
 * @param current The current identity.
 * @returns One `field: old -> new` per changed field, in field order.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { identityChanges } from "./session_identity.ts";
 * assert.deepEqual(
 *   identityChanges({ capital: 100000, symbols: ["SP500"] }, { capital: 50000, symbols: ["SP500"] }),
 *   ["capital: 100000 -> 50000"],
 * );
 * ```
 */
export function identityChanges(stored: unknown, current: unknown): string[] {
  const a = new Map<string, string>(), b = new Map<string, string>();
  flatten(stored, "", a);
  flatten(current, "", b);
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  return keys.filter((k) => a.get(k) !== b.get(k)).map((k) =>
    `${k}: ${a.get(k) ?? "(none)"} -> ${b.get(k) ?? "(none)"}`
  );
}

/** The identity a stored session was started with (older rows: from its config). */
function storedIdentity(s: StoredSession): SessionIdentity | undefined {
  if (s.identity) return JSON.parse(s.identity) as SessionIdentity;
  const parsed = PaperConfigSchema.safeParse(JSON.parse(s.config || "null"));
  const from = s.firstDate ?? (parsed.success ? parsed.data.feed.from : null);
  return parsed.success && from
    ? sessionIdentity(parsed.data, from)
    : undefined;
}

/**
 * What changed between a stored session's identity and `config` run from `from`.
 *
 * @param journal The journal.
 * @param sessionId The session.
 * @param config The config at hand.
 * @param from Its first trading day.
 * @returns undefined when the journal has no such session, else the changed fields
 *   (empty: the same session).
 */
export async function sessionChanges(
  journal: PaperJournal,
  sessionId: string,
  config: PaperConfig,
  from: string,
): Promise<string[] | undefined> {
  const stored = await journal.readSession(sessionId);
  if (!stored) return undefined;
  const before = storedIdentity(stored);
  return before
    ? identityChanges(before, sessionIdentity(config, from))
    : ["(the stored session records no config to compare)"];
}

/** Which session to run and whether it continues a stored one. */
export interface SessionChoice {
  readonly sessionId: string;
  /** True when the session exists in the journal and is continued. */
  readonly resume: boolean;
  readonly identity: SessionIdentity;
}

/** How the run names its session. */
export interface SessionNaming {
  /** Continue (or start) the session with this id. @default the config's name */
  readonly sessionId?: string;
  /** Start a new session with this id; the store must not have one of that name. */
  readonly newSession?: string;
  /** Where the config came from, for messages. @default "the session config" */
  readonly source?: string;
}

/**
 * Decide which session a run continues (see the module doc).
 *
 * @param journal The journal to look in.
 * @param config The validated config.
 * @param from The first trading day of the plan.
 * @param naming `sessionId`, `newSession`, the config's source.
 * @returns The session to run.
 * @throws UsageError (a `ConfigError`, exit 2) when the id is taken (`newSession`) or the stored
 *   session's identity differs (naming the changed fields).
 */
export async function chooseSession(
  journal: PaperJournal,
  config: PaperConfig,
  from: string,
  naming: SessionNaming = {},
): Promise<SessionChoice> {
  const identity = sessionIdentity(config, from);
  const source = naming.source ?? "the session config";
  if (naming.newSession !== undefined) {
    const name = naming.newSession;
    const taken = await journal.readSession(name);
    if (taken) {
      throw new UsageError(
        "--new-session",
        `--new-session ${name}: this store already has a session "${name}" (${taken.status}, started ${taken.startedAt}): choose another name, or continue it with --session ${name}`,
      );
    }
    return { sessionId: naming.newSession, resume: false, identity };
  }
  const sessionId = naming.sessionId ?? config.name;
  const changes = await sessionChanges(journal, sessionId, config, from);
  if (changes === undefined) return { sessionId, resume: false, identity };
  if (changes.length) {
    throw new UsageError(
      source,
      `Cannot resume session "${sessionId}" with ${source}: its config changed since the session started (${
        changes.join("; ")
      }). Run it with the config it started with, or start a new session with --new-session NAME (the stored session stays as it is)`,
    );
  }
  return { sessionId, resume: true, identity };
}
