/**
 * The adversarial controls of a walk-forward run, shown next to the result they
 * control: the run itself first, then every control with what it does, its Sharpe and
 * the t statistic the verdict gates on. Reports and the console show the same table.
 *
 * @module
 */
import { CONTROL_DESCRIPTIONS } from "../walkforward/mod.ts";
import type { TableCell, TableColumn } from "./table.ts";

/** A control run as stored in a run's metrics (older stores may hold other kinds). */
interface StoredControl {
  readonly kind: string;
  readonly seed: number | null;
  readonly days: number;
  readonly sharpe: number | null;
  readonly tStat: number | null;
  readonly gated: boolean;
}

/** The controls table of one run. */
export interface ControlsTable {
  readonly columns: readonly TableColumn[];
  readonly rows: TableCell[][];
  /** "no edge: every gated control has |t| < 3" or "EDGE FOUND: ..." */
  readonly verdict: string;
  readonly noEdge: boolean;
}

/** Read the controls stored with a run's metrics; null when the run has none. */
export function storedControls(
  metrics: Readonly<Record<string, unknown>>,
): { runs: StoredControl[]; maxAbsT: number; noEdge: boolean } | null {
  const c = metrics.controls as Record<string, unknown> | null | undefined;
  if (!c || !Array.isArray(c.runs)) return null;
  return {
    runs: c.runs as StoredControl[],
    maxAbsT: Number(c.maxAbsT ?? 3),
    noEdge: c.noEdge === true,
  };
}

const num = (v: unknown) => (typeof v === "number" ? v : NaN);

/** What a control kind does; older kinds stored by earlier versions are named as such. */
function describe(kind: string, seed: number | null): string {
  const d = (CONTROL_DESCRIPTIONS as Record<string, string>)[kind];
  if (d) return d;
  if (kind === "reversed" && seed === null) {
    return "real bars reversed in time (stored by an earlier version; not a zero-edge control: the leverage effect gives it a real edge)";
  }
  return `${kind} (stored by an earlier version)`;
}

/**
 * The controls of a run as a table, the run itself in the first row.
 *
 * @param run The run's own out-of-sample days and Sharpe (annualised).
 * @param controls From {@linkcode storedControls} (or a fresh `runControls` result).
 * @returns Columns, rows and the verdict.
 */
export function controlsTable(
  run: { readonly days: number; readonly sharpe: number },
  controls: {
    readonly runs: readonly StoredControl[];
    readonly maxAbsT: number;
    readonly noEdge: boolean;
  },
): ControlsTable {
  const t = (sharpe: number, days: number) =>
    (sharpe / Math.sqrt(252)) * Math.sqrt(days);
  const limit = controls.maxAbsT;
  const verdictCell = (c: StoredControl) =>
    !c.gated ? "not gated" : Math.abs(num(c.tStat)) < limit ? "PASS" : "FAIL";
  return {
    columns: [
      { title: "run" },
      { title: "seed", format: "int" },
      { title: "what it is" },
      { title: "days", format: "int" },
      { title: "Sharpe", format: "ratio" },
      { title: "t", format: "ratio" },
      { title: `|t| < ${limit}` },
    ],
    rows: [
      [
        "the run itself",
        "-",
        "the real bars and labels",
        run.days,
        run.sharpe,
        t(run.sharpe, run.days),
        "-",
      ],
      ...controls.runs.map((c) => [
        c.kind,
        c.seed ?? "-",
        describe(c.kind, c.seed),
        c.days,
        num(c.sharpe),
        num(c.tStat),
        verdictCell(c),
      ]),
    ],
    verdict: controls.noEdge
      ? `no edge: every gated control has |t| < ${limit}, so the pipeline shows no leak on data whose expected edge is zero`
      : `EDGE FOUND: a gated control reached |t| >= ${limit}; the pipeline leaks (or a control is not zero-edge): do not trust the run`,
    noEdge: controls.noEdge,
  };
}
