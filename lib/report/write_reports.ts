/**
 * Build, render and write reports: the entry points the pipeline (`deno task demo`) and
 * `deno task report` call.
 *
 * @module
 */
import { join } from "node:path";
import type { DbEngine } from "../data/mod.ts";
import { buildIndex, buildWeeklyIndex } from "./index_page.ts";
import type { ReportModel } from "./model.ts";
import { buildPhase1, type PhaseOptions } from "./phase1.ts";
import { buildPhase2 } from "./phase2.ts";
import { buildPhase3 } from "./phase3.ts";
import { buildPhase4 } from "./phase4.ts";
import { buildPhase5 } from "./phase5.ts";
import { renderHtml } from "./render_html.ts";
import { buildWeekly, type WeeklyOptions } from "./weekly.ts";
import {
  buildUniverseReport,
  type UniverseReportOptions,
} from "./universe_report.ts";
import { slug } from "./weekly_data.ts";
import { writeReport } from "./write_report.ts";

/** The phase reports. */
export const PHASES = [
  "phase1",
  "phase2",
  "phase3",
  "phase4",
  "phase5",
] as const;
/** A phase report name. */
export type Phase = (typeof PHASES)[number];

const BUILDERS: Record<
  Phase,
  (db: DbEngine, o: PhaseOptions) => Promise<ReportModel>
> = {
  phase1: buildPhase1,
  phase2: buildPhase2,
  phase3: buildPhase3,
  phase4: buildPhase4,
  phase5: buildPhase5,
};

/**
 * Build one phase report from the store and write `<outDir>/<phase>.html`.
 *
 * @param db The store.
 * @param phase `"phase1"` ... `"phase5"`.
 * @param outDir Reports folder (created when missing).
 * @param options Symbol / run id / generation time.
 * @returns The path written.
 */
export async function writePhaseReport(
  db: DbEngine,
  phase: Phase,
  outDir: string,
  options: PhaseOptions = {},
): Promise<string> {
  const build = BUILDERS[phase];
  if (!build) {
    throw new RangeError(
      `Unknown report "${phase}": expected one of ${PHASES.join(", ")}`,
    );
  }
  const path = join(outDir, `${phase}.html`);
  await writeReport(path, renderHtml(await build(db, options)));
  return path;
}

/**
 * Build the weekly reports and write `<outDir>/weekly/<source>-<week>.html` plus
 * `<outDir>/weekly/index.html`.
 *
 * @param db The store.
 * @param outDir Reports folder.
 * @param options Week / source / last N weeks.
 * @returns The paths written (weekly pages, then the weekly index).
 */
export async function writeWeeklyReports(
  db: DbEngine,
  outDir: string,
  options: WeeklyOptions = {},
): Promise<string[]> {
  const reports = await buildWeekly(db, options);
  const paths: string[] = [];
  const linked = [];
  for (const r of reports) {
    const name = `${slug(r.source)}-${r.week}.html`;
    const path = join(outDir, "weekly", name);
    await writeReport(path, renderHtml(r.model));
    paths.push(path);
    linked.push({ ...r, href: name });
  }
  const index = join(outDir, "weekly", "index.html");
  await writeReport(index, renderHtml(buildWeeklyIndex(linked, options)));
  paths.push(index);
  return paths;
}

/**
 * Write `<outDir>/index.html` linking every report in the folder.
 *
 * @param outDir Reports folder.
 * @returns The path written.
 */
export async function writeIndex(outDir: string): Promise<string> {
  const path = join(outDir, "index.html");
  await writeReport(path, renderHtml(await buildIndex(outDir)));
  return path;
}

/**
 * Build the universe report of a multi-symbol run and write `<outDir>/universe.html`.
 *
 * @param db The store.
 * @param outDir Reports folder (created when missing).
 * @param options Run id (default the newest multi-symbol run), table size, time.
 * @returns The path written.
 */
export async function writeUniverseReport(
  db: DbEngine,
  outDir: string,
  options: UniverseReportOptions = {},
): Promise<string> {
  const path = join(outDir, "universe.html");
  await writeReport(path, renderHtml(await buildUniverseReport(db, options)));
  return path;
}
