/**
 * The journal port of paper trading: what a session writes and reads, as an interface.
 * lib/store implements it over DuckDB (`createPaperJournal`: the tables `sessions`,
 * `orders`, `fills`, `positions`, `equity`, `events`, `alerts`, `paper_checkpoints`);
 * the CLI, notebooks and tests wire that implementation in. lib/paper never touches a
 * table itself (it sits below lib/store in the layer table).
 *
 * Contract: `writeBar` is atomic (a crash leaves the journal at the end of the last whole
 * bar, checkpoint included), and `readCheckpoint` returns exactly the state written with
 * the last bar (non-finite numbers included).
 *
 * @module
 */
import type { Alert } from "./monitor.ts";
import type { Fill, Order, Position } from "../backtest/mod.ts";

/** Everything one bar writes. */
export interface BarJournal {
  readonly sessionId: string;
  readonly date: string;
  readonly orders: readonly Order[];
  readonly fills: readonly Fill[];
  readonly positions: readonly (Position & { mark: number })[];
  readonly equity: {
    cash: number;
    equity: number;
    ret: number;
    gross: number;
    net: number;
    drawdown: number;
    halted: boolean;
    latencyMs: number;
  };
  /** Events with their sequence numbers within the session. */
  readonly events: readonly { seq: number; kind: string; detail: unknown }[];
  /** Alerts with their sequence numbers within the session. */
  readonly alerts: readonly (Alert & { seq: number })[];
  /** The session state after this bar (plain JSON, non-finite numbers allowed). */
  readonly checkpoint: { barIndex: number; state: unknown };
}

/** The `sessions` row written when a session starts or resumes. */
export interface SessionStart {
  readonly sessionId: string;
  /** The validated config as JSON. */
  readonly config: string;
  /** What makes the session what it is (`SessionIdentity`) as JSON; kept from the first start. */
  readonly identity: string;
  /** Hash of `identity`. */
  readonly configHash: string;
  readonly dataHash: string;
  readonly codeVersion: string;
  /** ISO instant. */
  readonly at: string;
}

/** A session as its `sessions` row records it. */
export interface StoredSession {
  readonly sessionId: string;
  /** The config JSON of its first start. */
  readonly config: string;
  /** Its identity JSON (null for sessions started before identities were recorded). */
  readonly identity: string | null;
  readonly status: string;
  readonly startedAt: string;
  /** First journaled bar, null before any. */
  readonly firstDate: string | null;
}

/** A session's last checkpoint. */
export interface JournalCheckpoint {
  readonly date: string;
  readonly barIndex: number;
  readonly state: unknown;
}

/** The first kill-switch event of a session. */
export interface JournaledKill {
  readonly date: string;
  readonly flatten: boolean;
  readonly manual: boolean;
  /** The guard's rule: "max-drawdown" or "manual". */
  readonly rule: string;
  readonly reason: string;
}

/** What a paper session needs from its journal. */
export interface PaperJournal {
  /** Create the journal's tables if missing (idempotent). */
  ensure(): Promise<void>;
  /** Insert the session row as running, or mark an existing one running again (starts + 1). */
  startSession(start: SessionStart): Promise<void>;
  /** The stored session of this id, if any. */
  readSession(sessionId: string): Promise<StoredSession | undefined>;
  /** Set the final status ("finished", "halted", "stopped") and the bar count. */
  finishSession(sessionId: string, status: string, at: string): Promise<void>;
  /** The last checkpoint of a session, or undefined for a new one. */
  readCheckpoint(sessionId: string): Promise<JournalCheckpoint | undefined>;
  /** Write one bar's rows and its checkpoint, atomically. */
  writeBar(bar: BarJournal): Promise<void>;
  /** How many bars, orders, fills and alerts a session has journaled. */
  counts(
    sessionId: string,
  ): Promise<{ bars: number; orders: number; fills: number; alerts: number }>;
  /** Decision latency (ms) of every journaled bar of a session, in date order. */
  readLatencies(sessionId: string): Promise<Float64Array>;
  /** A session's equity by date, ascending. */
  readEquity(
    sessionId: string,
  ): Promise<{ dates: string[]; equity: Float64Array }>;
  /** A session's first kill-switch event, if any. */
  firstKill(sessionId: string): Promise<JournaledKill | undefined>;
}
