/**
 * `deno task pairs --symbols A,B,C [--start-date D] [--end-date D] [--trend c]
 * [--autolag aic|bic|none] [--max-lags N] [--direction both|forward]
 * [--correction holm|bonferroni|bh|by|none] [--alpha 0.05] [--min-obs 60] [--levels]
 * [--top 20] [--db P] [--json]`
 *
 * Screens every pair of the symbols for cointegration (Engle-Granger on log closes, as
 * statsmodels `coint`), corrects the p-values for the number of pairs tested, and prints
 * the ranked candidates, or with `--json` one JSON object (`settings, dates, tests,
 * candidates[], skipped[]`; non-finite numbers as null). The built-in samples are loaded
 * on first use. Exit codes: 0 ok, 1 data error (unknown symbol), 2 bad flags.
 *
 * @module
 */
import { z } from "zod";
import { dateOrder, IsoDateSchema, symbolList } from "../_shared/schemas.ts";
import { ensureSampleData, loadBarsMany } from "../data/mod.ts";
import { P_VALUE_CORRECTIONS } from "../metrics/mod.ts";
import {
  alignCloses,
  type PairCandidate,
  type PairScreen,
  screenPairs,
} from "../strategies/mod.ts";
import { jsonText, withStore } from "../store/mod.ts";
import { type CliIo, consoleIo, runAsScript, runTask } from "./_cli.ts";
import { intFlag } from "./_flags.ts";
import { dbPathFlag } from "./_paths.ts";
import { SANITY_FLAGS, sanityPolicy } from "./_sanity_flags.ts";
import { gateBars } from "../jobs/mod.ts";
import { dataSanityLine } from "../report/mod.ts";

/** `deno task pairs` flags. */
export const PairsFlagsSchema = z.strictObject({
  symbols: symbolList(2).describe("the symbols to screen, every pair of them"),
  startDate: IsoDateSchema.optional().describe("first date"),
  endDate: IsoDateSchema.optional().describe("last date"),
  trend: z.enum(["n", "c", "ct", "ctt"]).default("c").describe(
    "terms of the cointegrating regression: none, constant, + trend, + quadratic trend",
  ),
  autolag: z.enum(["aic", "bic", "none"]).default("aic").describe(
    "lag selection of the residual ADF test",
  ),
  maxLags: intFlag(0).optional().describe(
    "most lags searched (default statsmodels' rule, 12 (n / 100)^(1/4) rounded up)",
  ),
  direction: z.enum(["both", "forward"]).default("both").describe(
    "both: a on b and b on a, the larger p-value; forward: the earlier symbol on the later",
  ),
  correction: z.enum(P_VALUE_CORRECTIONS as [string, ...string[]]).default(
    "holm",
  ).describe("multiple-testing correction over the pairs tested"),
  alpha: z.number().gt(0).lt(1).default(0.05).describe(
    "level at which a corrected p-value is significant",
  ),
  minObs: intFlag(10).default(60).describe(
    "fewest common rows; pairs with fewer are skipped",
  ),
  top: intFlag(1).default(20).describe("candidates printed"),
  levels: z.boolean().default(false).describe(
    "test prices instead of log prices",
  ),
  db: dbPathFlag(),
  json: z.boolean().default(false).describe("print one JSON object"),
  ...SANITY_FLAGS,
}).superRefine(dateOrder("startDate", "endDate"));
/** Parsed `deno task pairs` flags. */
export type PairsFlags = z.output<typeof PairsFlagsSchema>;

/**
 * Run the task.
 *
 * @param args Command-line flags.
 * @param io Output sink. @default the console
 * @returns Exit code: 0 ok, 1 data error, 2 bad flags.
 */
export function main(args: string[], io: CliIo = consoleIo): Promise<number> {
  return runTask(args, io, {
    name: "pairs",
    summary:
      "Screen every pair of the symbols for cointegration and rank the candidates, p-values corrected for the number of pairs.",
    about:
      "Engle-Granger on every pair of log closes (--levels: on prices), MacKinnon p-values, as statsmodels coint. In-sample: screen on a training window.",
    examples: [
      "--symbols SP500,AAPL --start-date 2014-01-01 --correction bonferroni",
    ],
    flags: PairsFlagsSchema,
    run: (flags) =>
      withStore(flags.db, async (db) => {
        await ensureSampleData(db);
        const loaded = await loadBarsMany(db, flags.symbols, {
          start: flags.startDate,
          end: flags.endDate,
        });
        const { bars, record } = await gateBars(
          db,
          loaded,
          sanityPolicy(flags),
        );
        const aligned = alignCloses(bars);
        const screen = screenPairs(aligned.closes, {
          names: aligned.symbols,
          log: !flags.levels,
          trend: flags.trend,
          autolag: flags.autolag === "none"
            ? null
            : flags.autolag === "aic"
            ? "AIC"
            : "BIC",
          ...(flags.maxLags === undefined ? {} : { maxLags: flags.maxLags }),
          direction: flags.direction,
          correction: flags.correction as PairScreen["correction"],
          alpha: flags.alpha,
          minObservations: flags.minObs,
        });
        const range = aligned.dates.length
          ? `${aligned.dates[0]}..${aligned.dates.at(-1)}`
          : "no bars";
        io.out(
          flags.json
            ? jsonText({
              settings: settingsOf(flags),
              dates: range,
              ...screen,
              dataSanity: record,
            })
            : `${formatScreen(screen, flags, range)}\n${
              dataSanityLine(record)
            }`,
        );
        return 0;
      }),
  });
}

function settingsOf(f: PairsFlags) {
  return {
    symbols: f.symbols,
    startDate: f.startDate ?? null,
    endDate: f.endDate ?? null,
    series: f.levels ? "close" : "log close",
    trend: f.trend,
    autolag: f.autolag,
    maxLags: f.maxLags ?? null,
    minObservations: f.minObs,
  };
}

const num = (x: number, digits: number) =>
  Number.isFinite(x) ? x.toFixed(digits) : x === -Infinity ? "-inf" : "-";
const pval = (p: number) => (p < 1e-4 ? p.toExponential(1) : p.toFixed(4));

/** The ranked table, the skipped pairs and the in-sample caveat. */
function formatScreen(s: PairScreen, f: PairsFlags, range: string): string {
  const head =
    `Pair screening ${range}: ${f.symbols.length} symbols, ${s.tests} pair(s) tested ` +
    `(Engle-Granger on ${
      f.levels ? "closes" : "log closes"
    }, trend ${f.trend}, lags by ${f.autolag}, ${s.direction} direction${
      s.direction === "both" ? "s, larger p kept" : ""
    }; ${s.correction}-adjusted at alpha ${s.alpha})`;
  const cols = [
    "rank",
    "pair",
    "obs",
    "hedge",
    "stat",
    "p",
    "p adj",
    "sig",
    "half-life",
  ];
  const rows = s.candidates.slice(0, f.top).map((c: PairCandidate, i) => [
    String(i + 1),
    `${c.a}/${c.b}`,
    String(c.observations),
    num(c.hedgeRatio, 4),
    num(c.stat, 3),
    pval(c.pValue),
    pval(c.adjustedPValue),
    c.significant ? "yes" : "no",
    Number.isFinite(c.halfLifeDays) ? c.halfLifeDays.toFixed(1) : "none",
  ]);
  const widths = cols.map((h, j) =>
    Math.max(h.length, ...rows.map((r) => r[j].length))
  );
  const line = (r: string[]) =>
    r.map((v, j) => v.padEnd(widths[j])).join("  ").trimEnd();
  const out = [head, line(cols), ...rows.map(line)];
  if (s.candidates.length > f.top) {
    out.push(
      `(${s.candidates.length - f.top} more; --top N or --json for all)`,
    );
  }
  for (const k of s.skipped) {
    out.push(
      `skipped ${k.a}/${k.b} (${k.observations} common rows): ${k.reason}`,
    );
  }
  out.push(
    `${s.candidates.filter((c) => c.significant).length} significant. ` +
      "In-sample test over the whole range: screen on a training window and trade after it.",
  );
  return out.join("\n");
}

if (import.meta.main) await runAsScript(main);
