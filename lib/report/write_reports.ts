/**
 * Build, render and write reports: the entry points the pipeline (`deno task demo`) and
 * `deno task report` call.
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { isNotFound } from "../_shared/runtime.ts";
import type { DbEngine } from "../data/mod.ts";
import {
  buildIndex,
  buildWeeklyIndex,
  readReportMeta,
  type ReportMeta,
} from "./index_page.ts";
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

/** Options of {@linkcode writeWeeklyReports}. */
export interface WriteWeeklyOptions extends WeeklyOptions {
  /**
   * Leave weekly pages that exist untouched (the weekly cycle: a week's page is written
   * once, when the week is complete) and rewrite the weekly index only when a page was
   * written or the index is missing. @default false
   */
  readonly keepExisting?: boolean;
}

async function existingMeta(path: string): Promise<ReportMeta | null> {
  try {
    return readReportMeta(await readFile(path, "utf8"));
  } catch (e) {
    if (isNotFound(e)) return null;
    throw e;
  }
}

/**
 * Build the weekly reports and write `<outDir>/weekly/<source>-<week>.html` plus
 * `<outDir>/weekly/index.html`.
 *
 * @param db The store.
 * @param outDir Reports folder.
 * @param options Week / source / last N weeks; keep existing pages.
 * @returns The paths written (weekly pages, then the weekly index).
 */
export async function writeWeeklyReports(
  db: DbEngine,
  outDir: string,
  options: WriteWeeklyOptions = {},
): Promise<string[]> {
  const reports = await buildWeekly(db, options);
  const paths: string[] = [];
  const linked = [];
  for (const r of reports) {
    const name = `${slug(r.source)}-${r.week}.html`;
    const path = join(outDir, "weekly", name);
    const kept = options.keepExisting ? await existingMeta(path) : null;
    if (kept) {
      linked.push({
        ...r,
        model: { ...r.model, generatedAt: kept.generatedAt },
        href: name,
      });
      continue;
    }
    await writeReport(path, renderHtml(r.model));
    paths.push(path);
    linked.push({ ...r, href: name });
  }
  const index = join(outDir, "weekly", "index.html");
  const model = buildWeeklyIndex(linked, options);
  if (
    options.keepExisting
      ? await writeIfChanged(index, model)
      : (await writeReport(index, renderHtml(model)), true)
  ) {
    paths.push(index);
  }
  return paths;
}

/**
 * Write a page unless the file holds it already: the model is rendered with the stored
 * page's generation time and compared; only a page whose content changed is written
 * (with a new time). Keeps re-runs with nothing new from touching the reports.
 *
 * @param path The page.
 * @param model Its model.
 * @returns Whether it was written.
 */
async function writeIfChanged(
  path: string,
  model: ReportModel,
): Promise<boolean> {
  const meta = await existingMeta(path);
  if (meta) {
    const same = renderHtml({ ...model, generatedAt: meta.generatedAt });
    if (same === await readFile(path, "utf8")) return false;
  }
  await writeReport(path, renderHtml(model));
  return true;
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
 * {@linkcode writeIndex}, leaving the file alone when it already links the same pages
 * with the same figures (a re-run with nothing new touches no file).
 *
 * @param outDir Reports folder.
 * @returns The path, or null when the index was already up to date.
 */
export async function writeIndexIfChanged(
  outDir: string,
): Promise<string | null> {
  const path = join(outDir, "index.html");
  return await writeIfChanged(path, await buildIndex(outDir)) ? path : null;
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
