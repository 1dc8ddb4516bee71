/**
 * Server-side Observable Plot rendering on a linkedom document, and the responsive
 * wrapper every figure uses.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";

/** Size a figure is drawn at: width in px and a font size that stays readable. */
export interface FigureSize {
  readonly width: number;
  readonly fontSize: number;
}

/** The two renderings of every figure: laptop/print and phone. */
export const WIDE: FigureSize = { width: 720, fontSize: 12 };
/** Phone rendering (shown below 600 px of viewport). */
export const NARROW: FigureSize = { width: 360, fontSize: 11 };

/** Render one Plot to its SVG (or figure) markup with a fresh linkedom document. */
export function plotSvg(
  size: FigureSize,
  options: Omit<Plot.PlotOptions, "document" | "width" | "style">,
): string {
  const { document } = parseHTML(
    "<!doctype html><html><head></head><body></body></html>",
  );
  // room for the y axis label above the top tick and the x axis label below the tick
  // labels, so no axis label sits on a tick; a given height keeps its plot area (the
  // room beyond Plot's default margins of 20 and 30 px is added to it)
  const marginTop = options.marginTop ?? 2 * size.fontSize + 6;
  const marginBottom = options.marginBottom ?? 2 * size.fontSize + 14;
  const extra = (options.marginTop === undefined ? marginTop - 20 : 0) +
    (options.marginBottom === undefined ? marginBottom - 30 : 0);
  const el = Plot.plot({
    marginLeft: Math.round(size.fontSize * 5.5),
    ...options,
    marginTop,
    marginBottom,
    height: options.height === undefined ? undefined : options.height + extra,
    document: document as unknown as Document,
    width: size.width,
    style: {
      fontFamily: "system-ui, sans-serif",
      fontSize: `${size.fontSize}px`,
      background: "transparent",
    },
  }) as unknown as { outerHTML: string };
  return compactNumbers(el.outerHTML);
}

/** Round coordinates inside attribute values to 0.1 px (text content untouched). */
function compactNumbers(svg: string): string {
  return svg.replace(
    /="([^"]*)"/g,
    (_m, v: string) => `="${v.replace(/(\d\.\d)\d+/g, "$1")}"`,
  );
}

/**
 * Wrap a figure drawn twice - wide (720 px, shown on screens over 600 px and in print)
 * and narrow (360 px, shown on phones) - so text never shrinks below ~10 px. The narrow
 * one is hidden inline, so a page without the report CSS (a notebook cell) shows the wide
 * one only; `renderHtml`'s CSS swaps them under 600 px.
 *
 * @param label Accessible label of the figure.
 * @param draw Draws the figure at a size.
 * @returns `<div class="fig">` holding both renderings.
 */
export function responsive(
  label: string,
  draw: (size: FigureSize) => string,
): string {
  const aria = label.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<div class="fig" role="img" aria-label="${aria}"><div class="wide">${
    draw(WIDE)
  }</div><div class="narrow" style="display:none">${draw(NARROW)}</div></div>`;
}

/** ISO date "YYYY-MM-DD" as a UTC Date. */
export function utcDate(iso: string): Date {
  return new Date(iso.slice(0, 10) + "T00:00:00Z");
}

/** Palette shared by the figures. */
export const COLORS = {
  line: "#1f4e79",
  loss: "#b22222",
  gain: "#2e7d32",
  second: "#e07b00",
  grey: "#777777",
} as const;

export { Plot };
