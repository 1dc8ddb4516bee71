/**
 * Opens generated reports in headless Chromium over the DevTools protocol and checks
 * that each renders offline: no network request besides the file:// page itself, no
 * console error or exception, at least one SVG chart with marks (the top index holds
 * links only), and at phone width (390 px) the narrow rendering of the figures is shown.
 * Layout at 1400 and 400 px: no element sticks out of the page or of its table box (a
 * clipped table), and no two labels of a figure overlap.
 *
 * Needs Debian's `chromium` (CI installs it with apt); without it the test FAILS.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  PHASES,
  writeIndex,
  writePhaseReport,
  writeWeeklyReports,
} from "../../lib/report/mod.ts";
import * as F from "../report/_fixtures.ts";
import { Browser, type CdpEvent, findChromium } from "./_cdp.ts";

/** What one page load showed. */
interface PageCheck {
  requests: string[];
  errors: string[];
  charts: number;
  links: number;
  visibleWidths: number[];
  /** Elements wider than the page or their table box, as "tag.class: px too wide". */
  overflows: string[];
  /** Label pairs of one figure whose boxes intersect, as "'a' on 'b'". */
  overlaps: string[];
}

const CHARTS = `(() => {
  const marks = (svg) => [...svg.querySelectorAll("g[aria-label]")]
    .filter((g) => !/axis|grid|tick/.test(g.getAttribute("aria-label")) && g.childElementCount > 0);
  const svgs = [...document.querySelectorAll("svg")];
  return JSON.stringify({
    charts: svgs.filter((s) => marks(s).length > 0).length,
    links: document.querySelectorAll("a[href]").length,
    visibleWidths: svgs.map((s) => s.getBoundingClientRect().width).filter((w) => w > 0),
    overflows: overflows(),
    overlaps: svgs.flatMap(overlaps),
  });
  function overflows() {
    const out = [];
    const page = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > page + 1) {
      out.push("page: " + (document.documentElement.scrollWidth - page) + " px too wide");
    }
    for (const el of document.querySelectorAll("main *:not(svg *)")) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > page + 1) {
        out.push(el.tagName.toLowerCase() + "." + el.className + ": " + Math.round(r.right - page) + " px past the page");
      }
    }
    for (const box of document.querySelectorAll(".tw")) {
      if (box.scrollWidth > box.clientWidth + 1) {
        out.push("table: " + (box.scrollWidth - box.clientWidth) + " px clipped");
      }
    }
    return out;
  }
  function overlaps(svg) {
    if (svg.getBoundingClientRect().width === 0) return [];
    const labels = [...svg.querySelectorAll("text")]
      .filter((t) => t.textContent.trim() !== "")
      .map((t) => ({ text: t.textContent.trim(), r: t.getBoundingClientRect() }))
      .filter((l) => l.r.width > 0);
    const out = [];
    const fig = svg.closest("[aria-label]")?.getAttribute("aria-label") ?? "figure";
    for (let i = 0; i < labels.length; i++) {
      for (let j = i + 1; j < labels.length; j++) {
        const a = labels[i].r, b = labels[j].r;
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 1 && h > 1) out.push(fig + ": '" + labels[i].text + "' on '" + labels[j].text + "'");
      }
    }
    return out;
  }
})()`;

async function generate(dir: string): Promise<string[]> {
  const db = await F.memoryDb();
  await F.seedWalkForward(db, {
    symbol: "SP500",
    foldSharpes: [1.2, 0.9],
    maxDrawdown: -0.05,
    sharpe: 1,
    winRate: 0.6,
  });
  await F.seedWalkForward(db, {
    symbol: F.XSS,
    foldSharpes: [0.7],
    maxDrawdown: -0.09,
    sharpe: 0.3,
    winRate: 0.5,
    startedAt: "2026-01-02T00:00:00.000Z",
  });
  await F.seedBars(db, "SP500", F.weekdays("2018-06-01", 600));
  await F.seedMl(db);
  await F.seedStress(db);
  await F.seedPortfolio(db);
  await F.seedPaper(db);
  await F.seedOptimize(db);
  const pages: string[] = [];
  for (const p of PHASES) pages.push(await writePhaseReport(db, p, dir));
  pages.push(...(await writeWeeklyReports(db, dir)));
  pages.push(await writeIndex(dir));
  await db.close();
  return pages;
}

async function openPage(
  browser: Browser,
  path: string,
  width: number,
): Promise<PageCheck> {
  const url = pathToFileURL(path).href;
  const { targetId } = await browser.send("Target.createTarget", {
    url: "about:blank",
  });
  const { sessionId } = await browser.send("Target.attachToTarget", {
    targetId,
    flatten: true,
  }) as { sessionId: string };
  const check: PageCheck = {
    requests: [],
    errors: [],
    charts: 0,
    links: 0,
    visibleWidths: [],
    overflows: [],
    overlaps: [],
  };
  let loaded!: () => void;
  const load = new Promise<void>((r) => (loaded = r));
  const off = browser.on((e: CdpEvent) => {
    if (e.sessionId !== sessionId) return;
    const p = e.params as Record<string, Record<string, unknown>>;
    if (e.method === "Network.requestWillBeSent") {
      check.requests.push(String(p.request.url));
    }
    if (e.method === "Runtime.exceptionThrown") {
      check.errors.push(`exception: ${JSON.stringify(p.exceptionDetails)}`);
    }
    if (
      e.method === "Runtime.consoleAPICalled" &&
      (e.params.type === "error" || e.params.type === "assert")
    ) {
      check.errors.push(
        `console.${e.params.type}: ${JSON.stringify(e.params.args)}`,
      );
    }
    if (e.method === "Log.entryAdded" && p.entry.level === "error") {
      check.errors.push(`log: ${String(p.entry.text)}`);
    }
    if (e.method === "Page.loadEventFired") loaded();
  });
  for (const d of ["Network", "Runtime", "Log", "Page"]) {
    await browser.send(`${d}.enable`, {}, sessionId);
  }
  await browser.send("Emulation.setDeviceMetricsOverride", {
    width,
    height: 900,
    deviceScaleFactor: 1,
    mobile: width < 600,
  }, sessionId);
  await browser.send("Page.navigate", { url }, sessionId);
  await Promise.race([
    load,
    new Promise((_, rej) =>
      setTimeout(() => rej(new Error(`${url} did not load in 20 s`)), 20_000)
    ),
  ]);
  await new Promise((r) => setTimeout(r, 150)); // late console messages / requests
  const res = await browser.send("Runtime.evaluate", {
    expression: CHARTS,
    returnByValue: true,
  }, sessionId);
  Object.assign(
    check,
    JSON.parse(String((res.result as { value: string }).value)),
  );
  off();
  await browser.send("Target.closeTarget", { targetId });
  check.requests = check.requests.filter((r) => r !== url);
  return check;
}

Deno.test({
  name:
    "generated reports render offline in headless Chromium with their charts and no console error",
  fn: async () => {
    const binary = findChromium();
    assert.ok(
      binary,
      "Chromium is not installed: install Debian's chromium (apt-get install chromium) to run the browser tests",
    );
    const dir = await Deno.makeTempDir({ prefix: "reports-e2e-" });
    const pages = await generate(dir);
    const browser = await Browser.launch(binary);
    try {
      // control: the harness must see a request, a console error and the missing chart
      const bad = join(dir, "control.html");
      await Deno.writeTextFile(
        bad,
        `<!doctype html><img src="http://127.0.0.1:9/x.png"><script>console.error("boom")</script>` +
          `<main><div style="width:3000px">wide</div><div class="tw" style="overflow-x:auto"><table><tr><td style="white-space:nowrap">${
            "clipped ".repeat(400)
          }</td></tr></table></div><svg width="200" height="50"><text x="10" y="20">label one</text><text x="14" y="22">label two</text></svg></main>`,
      );
      const ctl = await openPage(browser, bad, 1000);
      assert.deepEqual(ctl.requests, ["http://127.0.0.1:9/x.png"]);
      assert.ok(
        ctl.errors.some((e) => e.includes("boom")),
        ctl.errors.join("; "),
      );
      assert.equal(ctl.charts, 0);
      assert.ok(
        ctl.overflows.some((o) => o.startsWith("page:")),
        "sees a wide page",
      );
      assert.ok(
        ctl.overflows.some((o) => o.startsWith("table:")),
        "sees a clipped table",
      );
      assert.deepEqual(ctl.overlaps, ["figure: 'label one' on 'label two'"]);
      for (const page of pages) {
        const name = page.slice(dir.length + 1);
        const c = await openPage(browser, page, 1000);
        assert.deepEqual(c.requests, [], `${name}: network requests`);
        assert.deepEqual(c.errors, [], `${name}: console errors`);
        if (name === "index.html") {
          assert.ok(c.links >= 6, `${name}: links to every report`);
        } else {assert.ok(
            c.charts >= 1,
            `${name}: at least one SVG chart with marks`,
          );}
        for (const width of [1400, 400]) {
          const l = width === 1000 ? c : await openPage(browser, page, width);
          assert.deepEqual(l.overflows, [], `${name} at ${width} px: overflow`);
          assert.deepEqual(
            l.overlaps,
            [],
            `${name} at ${width} px: labels overlap`,
          );
        }
        if (name === "phase1.html") {
          assert.ok(
            c.visibleWidths.every((w) => w > 600),
            `${name}: wide figures on a laptop`,
          );
          const phone = await openPage(browser, page, 390);
          assert.deepEqual(phone.errors, []);
          assert.ok(
            phone.visibleWidths.length > 0,
            `${name}: figures visible on a phone`,
          );
          assert.ok(
            phone.visibleWidths.every((w) => w <= 390),
            `${name}: only the narrow figures show at 390 px`,
          );
        }
      }
    } finally {
      await browser.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});
