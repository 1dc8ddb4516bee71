import assert from "node:assert/strict";
import { parseConfig } from "../../lib/_shared/config.ts";
import { PaperConfigSchema } from "../../lib/paper/config.ts";
import { ConfigError } from "../../lib/_shared/errors.ts";
import {
  type PreflightProbes,
  runPreflight,
} from "../../lib/paper/preflight.ts";
import { validatePaperConfig } from "../../lib/paper/mod.ts";

const config = parseConfig(PaperConfigSchema, {
  strategy: { name: "ma_crossover", params: { fastDays: 20, slowDays: 100 } },
  symbols: ["SP500"],
  capital: 100000,
  feed: { from: "2019-01-02", to: "2020-04-17" },
}, "test");

function probes(over: Partial<PreflightProbes> = {}): PreflightProbes {
  const now = new Date("2026-11-24T12:00:00Z");
  return {
    loadConfig: () => Promise.resolve(config),
    coverage: () =>
      Promise.resolve({ first: "2000-01-03", last: "2020-04-17", rows: 5105 }),
    sanity: () => Promise.resolve([]),
    killPending: () => Promise.resolve(false),
    broker: () => Promise.resolve("simulated broker"),
    reportsWritable: () => Promise.resolve("reports/ writable"),
    dbNow: () => Promise.resolve(now.toISOString()),
    now: () => now,
    ...over,
  };
}

const failing = (checks: { name: string; ok: boolean }[]) =>
  checks.filter((c) => !c.ok).map((c) => c.name);

Deno.test("runPreflight() passes every check on a sane setup", async () => {
  const checks = await runPreflight(probes());
  assert.deepEqual(failing(checks), []);
  assert.deepEqual(checks.map((c) => c.name), [
    "config valid",
    "strategy",
    "capital",
    "limits sane",
    "components",
    "broker reachable",
    "data present",
    "data fresh",
    "data sanity",
    "no pending kill",
    "reports writable",
    "clock sane",
  ]);
});

Deno.test("runPreflight() fails each check on its own fault and keeps checking the rest", async () => {
  assert.deepEqual(
    failing(
      await runPreflight(
        probes({ coverage: () => Promise.resolve(undefined) }),
      ),
    ),
    [
      "data present",
      "data fresh",
      "data sanity",
    ],
  );
  assert.deepEqual(
    failing(
      await runPreflight(probes({
        coverage: () =>
          Promise.resolve({
            first: "2000-01-03",
            last: "2019-06-28",
            rows: 4900,
          }),
      })),
    ),
    ["data fresh"],
  );
  assert.deepEqual(
    failing(
      await runPreflight(
        probes({ sanity: () => Promise.resolve(["high_low: 1 row"]) }),
      ),
    ),
    ["data sanity"],
  );
  assert.deepEqual(
    failing(
      await runPreflight(probes({ killPending: () => Promise.resolve(true) })),
    ),
    ["no pending kill"],
  );
  assert.deepEqual(
    failing(
      await runPreflight(
        probes({
          broker: () => Promise.reject(new Error("gateway unreachable")),
        }),
      ),
    ),
    ["broker reachable"],
  );
  assert.deepEqual(
    failing(
      await runPreflight(
        probes({ reportsWritable: () => Promise.reject(new Error("EACCES")) }),
      ),
    ),
    ["reports writable"],
  );
  assert.deepEqual(
    failing(
      await runPreflight(
        probes({ dbNow: () => Promise.resolve("2026-11-24T12:01:00Z") }),
      ),
    ),
    ["clock sane"],
  );
  const bad = await runPreflight(
    probes({ loadConfig: () => Promise.reject(new Error("bad config")) }),
  );
  assert.deepEqual(failing(bad), [
    "config valid",
    "strategy",
    "capital",
    "limits sane",
    "components",
    "broker reachable",
    "data present",
    "data fresh",
    "data sanity",
  ], "every check that needs the config fails as not checked");
});

Deno.test("runPreflight() fails the strategy, capital and components checks on the config's own fault, naming the field and why", async () => {
  const cases: [Record<string, unknown>, string, RegExp][] = [
    [
      { strategy: { name: "nope", params: {} } },
      "strategy",
      /^strategy\.name: expected one of ma_crossover, .*got "nope"$/,
    ],
    [
      {
        strategy: {
          name: "ma_crossover",
          params: { fastDays: 100, slowDays: 20 },
        },
      },
      "strategy",
      /^strategy\.params: ma_crossover cannot run with fastDays 100, slowDays 20, longShort 0: maCrossoverPositions needs 1 <= fastDays < slowDays/,
    ],
    [
      { strategy: { name: "ma_crossover", params: { fast: 10 } } },
      "strategy",
      /^strategy\.params\.fast: ma_crossover has no parameter "fast" \(its parameters: fastDays, slowDays, longShort\)$/,
    ],
    [
      { strategy: { name: "ma_crossover", params: { fastDays: "ten" } } },
      "strategy",
      /^strategy\.params\.fastDays: expected a finite number, got "ten"$/,
    ],
    [
      { strategy: { name: "pairs", params: {} } },
      "strategy",
      /^symbols: pairs trades a pair: expected 2 symbols, got 1$/,
    ],
    [
      { strategy: { name: "ma_crossover", params: { slowDays: 300 } } },
      "strategy",
      /^feed\.warmupBars: 260 bars of history are fewer than the 300 ma_crossover needs/,
    ],
    [
      { capital: 1e308 },
      "capital",
      /^capital: expected a positive amount up to 1e\+12/,
    ],
    [
      { broker: { ...config.broker, kind: "ibkr" } },
      "components",
      /^broker\.kind: "ibkr" sends orders to IBKR, which cannot fill a replay/,
    ],
    [
      { alerts: { ...config.alerts, webhook: "ftp://example.com/x" } },
      "components",
      /^alerts\.webhook: expected an http:\/\/ or https:\/\/ URL/,
    ],
    [
      { alerts: { ...config.alerts, jsonl: "/no/such/folder/alerts.jsonl" } },
      "components",
      /^alerts\.jsonl: cannot write into \/no\/such\/folder/,
    ],
  ];
  for (const [over, name, detail] of cases) {
    const bad = { ...config, ...over } as typeof config;
    const checks = await runPreflight(
      probes({ loadConfig: () => Promise.resolve(bad) }),
    );
    assert.deepEqual(failing(checks), [name], JSON.stringify(over));
    assert.match(checks.find((c) => c.name === name)!.detail, detail);
  }
});

Deno.test("runPreflight() rejects missing or insane limits", async () => {
  const insane = {
    ...config,
    limits: { ...config.limits, maxDrawdown: 0.6, dailyLossLimit: 0.7 },
  };
  const checks = await runPreflight(
    probes({ loadConfig: () => Promise.resolve(insane) }),
  );
  assert.deepEqual(failing(checks), ["limits sane"]);
  // the session refuses what preflight fails, with the same words (exit 2 in the task)
  await assert.rejects(
    () => validatePaperConfig(insane, "insane.json"),
    (e: Error) =>
      e instanceof ConfigError &&
      e.message ===
        "Invalid config in insane.json: maxDrawdown 0.6 above 0.5; dailyLossLimit 0.7 above maxDrawdown 0.6",
  );
  assert.equal(
    checks.find((c) => c.name === "limits sane")!.detail,
    "maxDrawdown 0.6 above 0.5; dailyLossLimit 0.7 above maxDrawdown 0.6",
  );
  const oversized = { ...config, sizing: { ...config.sizing, fraction: 2 } };
  assert.match(
    (await runPreflight(
      probes({ loadConfig: () => Promise.resolve(oversized) }),
    ))
      .find((c) => c.name === "limits sane")!.detail,
    /sizing.fraction 2 exceeds maxPositionWeight 1/,
  );
  const live = { ...config, feed: { ...config.feed, kind: "poll" as const } };
  assert.deepEqual(
    failing(
      await runPreflight(probes({ loadConfig: () => Promise.resolve(live) })),
    ),
    ["data fresh"],
  );
});
