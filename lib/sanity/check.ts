/**
 * Run every rule over a table in one SQL statement: the row-local rules in one scan of
 * `norm` (each offending row tagged with every rule it breaks), the set rules over the
 * once-sorted `moves`; offending rows are then counted per (rule, symbol) with up to 5
 * example dates.
 *
 * @module
 */
import type { DbEngine } from "../data/mod.ts";
import { EG_ROW, type SanityContext } from "./_context.ts";
import { ctesSql } from "./_ctes.ts";
import { paramsFor, splitExamples } from "./_params.ts";
import type { SanityOptions } from "./config.ts";
import type { Violation } from "./report.ts";
import { RULES } from "./rules/_all.ts";

function rowRulesSql(ctx: SanityContext, opts: SanityOptions): string | null {
  const preds: [string, string][] = [];
  for (const rule of RULES) {
    if (rule.kind !== "row" || opts.skip.includes(rule.id)) continue;
    const p = rule.predicate(ctx, opts);
    if (p !== null) preds.push([rule.id, p]);
  }
  if (preds.length === 0) return null;
  const tags = preds.map(([id, p]) => `CASE WHEN ${p} THEN '${id}' END`).join(
    ", ",
  );
  return `SELECT unnest(list_filter([${tags}], x -> x IS NOT NULL)) AS rule, symbol,
      ${EG_ROW} AS eg, CAST(NULL AS VARCHAR) AS note
    FROM norm WHERE ${preds.map(([, p]) => p).join(" OR ")}`;
}

/** The single SQL statement of all active rules, or null when none applies. */
export function checkSql(
  ctx: SanityContext,
  opts: SanityOptions,
): string | null {
  const parts: string[] = [];
  const row = rowRulesSql(ctx, opts);
  if (row !== null) parts.push(row);
  for (const rule of RULES) {
    if (rule.kind !== "set" || opts.skip.includes(rule.id)) continue;
    const sql = rule.hits(ctx, opts);
    if (sql !== null) {
      parts.push(`SELECT '${rule.id}' AS rule, symbol, eg, note FROM (${sql})`);
    }
  }
  if (parts.length === 0) return null;
  return `WITH ${ctesSql(ctx, opts)},
  hits AS (${parts.join("\nUNION ALL\n")})
  SELECT rule, symbol, count(*) AS n,
    string_agg(eg, chr(31) ORDER BY eg) FILTER (WHERE k <= 5) AS ex,
    arg_min(note, eg) AS note
  FROM (SELECT *, row_number() OVER (PARTITION BY rule, symbol ORDER BY eg) AS k FROM hits)
  GROUP BY rule, symbol`;
}

/**
 * Violations of the table, ordered by rule (as in `RULE_IDS`) then symbol.
 *
 * @param db Open engine.
 * @param ctx Table context from `buildContext`.
 * @param opts Complete options.
 * @returns One entry per (rule, symbol) with offending rows.
 */
export async function runRules(
  db: DbEngine,
  ctx: SanityContext,
  opts: SanityOptions,
): Promise<Violation[]> {
  const sql = checkSql(ctx, opts);
  if (sql === null) return [];
  const rows = await db.query<
    {
      rule: string;
      symbol: string;
      n: number;
      ex: unknown;
      note: string | null;
    }
  >(sql, paramsFor(sql, opts));
  const order = RULES.map((r) => r.id as string);
  return rows
    .map((r) => ({
      rule: r.rule,
      symbol: r.symbol,
      count: Number(r.n),
      dates: splitExamples(r.ex),
      ...(r.note ? { detail: r.note } : {}),
    }))
    .sort((a, b) =>
      order.indexOf(a.rule) - order.indexOf(b.rule) ||
      (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0)
    );
}
