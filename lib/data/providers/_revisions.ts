/**
 * Comparing what a provider returns with what is stored (pure): a vendor revision is a
 * stored bar (or split/dividend) whose values the provider now gives differently, or a
 * stored bar inside the provider's returned span that it no longer has.
 *
 * @module
 */
import type { CorporateAction } from "../corporate_actions.ts";
import type { ProviderBar } from "./types.ts";

/** One disagreement between the store and the provider. */
export interface Revision {
  readonly date: string;
  /** `open`..`volume`, `bar` (the provider has no bar of that stored date), `split`, `dividend`. */
  readonly field: string;
  /** Stored value (null: none). */
  readonly stored: number | null;
  /** The provider's value (null: none). */
  readonly provider: number | null;
}

/** Relative tolerance of "agrees" (float noise of a CSV round trip and float32 vendors). */
export const REVISION_TOLERANCE = 1e-6;

const FIELDS = ["open", "high", "low", "close", "volume"] as const;

function differs(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) {
    return Number.isNaN(a) !== Number.isNaN(b);
  }
  return Math.abs(a - b) >
    REVISION_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
}

/**
 * Revisions of stored bars: each stored date within the span of `fetched` (first to last
 * date) must have a fetched bar with the same open, high, low, close and volume (within
 * {@linkcode REVISION_TOLERANCE}, NaN = NaN).
 *
 * @param stored Stored bars of the symbol over (at least) the fetched span.
 * @param fetched Provider bars, ascending.
 * @returns The disagreements, by date then field.
 */
export function barRevisions(
  stored: readonly ProviderBar[],
  fetched: readonly ProviderBar[],
): Revision[] {
  if (fetched.length === 0) return [];
  const first = fetched[0].date, last = fetched[fetched.length - 1].date;
  const byDate = new Map(fetched.map((b) => [b.date, b]));
  const out: Revision[] = [];
  for (const s of stored) {
    if (s.date < first || s.date > last) continue;
    const f = byDate.get(s.date);
    if (f === undefined) {
      out.push({ date: s.date, field: "bar", stored: s.close, provider: null });
      continue;
    }
    for (const k of FIELDS) {
      if (differs(s[k], f[k])) {
        out.push({
          date: s.date,
          field: k,
          stored: nz(s[k]),
          provider: nz(f[k]),
        });
      }
    }
  }
  return out;
}

function nz(v: number): number | null {
  return Number.isNaN(v) ? null : v;
}

/**
 * Revisions of stored splits and dividends: a fetched action whose `(exDate, kind)` is
 * stored with another value.
 *
 * @param stored Stored actions of the symbol.
 * @param fetched Provider actions.
 * @returns The disagreements.
 */
export function actionRevisions(
  stored: readonly CorporateAction[],
  fetched: readonly CorporateAction[],
): Revision[] {
  const byKey = new Map(stored.map((a) => [`${a.exDate}/${a.kind}`, a]));
  return fetched.flatMap((f) => {
    const s = byKey.get(`${f.exDate}/${f.kind}`);
    return s !== undefined && differs(s.value, f.value)
      ? [{ date: f.exDate, field: f.kind, stored: s.value, provider: f.value }]
      : [];
  });
}

/** `2024-01-05 close 185.14 -> 185.2; ... and 3 more` (at most `max` listed). */
export function describeRevisions(
  revisions: readonly Revision[],
  max = 5,
): string {
  const shown = revisions.slice(0, max).map((r) =>
    r.field === "bar"
      ? `${r.date}: stored bar missing at the provider`
      : `${r.date} ${r.field} ${r.stored ?? "none"} -> ${r.provider ?? "none"}`
  );
  const more = revisions.length - shown.length;
  return shown.join("; ") + (more > 0 ? `; and ${more} more` : "");
}

/** What to write for one symbol, and the revisions found on the way. */
export interface WritePlan {
  readonly revisions: Revision[];
  /** Fetched bars not stored yet, plus the revised ones. */
  readonly write: ProviderBar[];
  /** Fetched actions not stored yet with that value. */
  readonly actions: CorporateAction[];
}

/**
 * Compare a fetch with the store and choose what to write. An update whose window comes
 * back empty while bars are stored in it lost those bars at the provider (revisions).
 *
 * @param stored Stored bars over the fetched range.
 * @param storedActions Stored actions of the symbol.
 * @param fetched Provider bars in the range, ascending.
 * @param fetchedActions Provider actions.
 * @param update Whether this is an update.
 * @returns The plan.
 */
export function planWrite(
  stored: readonly ProviderBar[],
  storedActions: readonly CorporateAction[],
  fetched: readonly ProviderBar[],
  fetchedActions: readonly CorporateAction[],
  update: boolean,
): WritePlan {
  const lost = fetched.length === 0 && update;
  const revisions = [
    ...(lost
      ? stored.map((b) => ({
        date: b.date,
        field: "bar",
        stored: nz(b.close),
        provider: null,
      }))
      : barRevisions(stored, fetched)),
    ...actionRevisions(storedActions, fetchedActions),
  ];
  const storedDates = new Set(stored.map((b) => b.date));
  const revised = new Set(revisions.map((r) => r.date));
  const key = (a: CorporateAction) => `${a.exDate}/${a.kind}/${a.value}`;
  const known = new Set(storedActions.map(key));
  return {
    revisions,
    write: fetched.filter((b) =>
      !storedDates.has(b.date) || revised.has(b.date)
    ),
    actions: fetchedActions.filter((a) => !known.has(key(a))),
  };
}
