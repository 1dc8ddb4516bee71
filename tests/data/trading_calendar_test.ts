import assert from "node:assert/strict";
import {
  isNyseTradingDay,
  isoWeek,
  lastCompleteWeek,
  lastTradingDay,
  nyseHolidays,
} from "../../lib/data/mod.ts";

const golden: Record<string, string[]> = JSON.parse(
  await Deno.readTextFile(
    new URL("../golden/nyse_holidays.json", import.meta.url),
  ),
);

Deno.test("nyseHolidays() matches the dateutil golden for 2000-2040", () => {
  for (const [year, days] of Object.entries(golden)) {
    assert.deepEqual(nyseHolidays(Number(year)), days, year);
  }
});

Deno.test("nyseHolidays() follows the observance rules on the years that test them", () => {
  // New Year's Day on a Saturday is not observed (the NYSE opened on 2021-12-31)
  assert.ok(!nyseHolidays(2022).includes("2021-12-31"));
  assert.equal(isNyseTradingDay("2021-12-31"), true);
  // on a Sunday it moves to Monday
  assert.ok(nyseHolidays(2023).includes("2023-01-02"));
  // Juneteenth from 2022, observed on Monday 2022-06-20
  assert.ok(!nyseHolidays(2021).some((d) => d.startsWith("2021-06")));
  assert.ok(nyseHolidays(2022).includes("2022-06-20"));
  // Independence Day on a Saturday: Friday 2020-07-03; Christmas on a Saturday: 2021-12-24
  assert.ok(nyseHolidays(2020).includes("2020-07-03"));
  assert.ok(nyseHolidays(2021).includes("2021-12-24"));
  assert.throws(() => nyseHolidays(1.5), RangeError);
});

Deno.test("isNyseTradingDay() knows weekends, holidays and the unscheduled closures", () => {
  assert.equal(isNyseTradingDay("2024-03-30"), false); // Saturday
  assert.equal(isNyseTradingDay("2024-11-28"), false); // Thanksgiving
  assert.equal(isNyseTradingDay("2024-11-29"), true); // early close, still a trading day
  for (const d of ["2001-09-11", "2001-09-14", "2012-10-29", "2025-01-09"]) {
    assert.equal(isNyseTradingDay(d), false, d);
  }
  assert.equal(isNyseTradingDay("2001-09-17"), true);
  assert.throws(() => isNyseTradingDay("2024-3-1"), /YYYY-MM-DD/);
});

Deno.test("lastTradingDay() is Friday, or the day before a Friday holiday", () => {
  assert.equal(lastTradingDay("2024-W14", "nyse"), "2024-04-05");
  assert.equal(lastTradingDay("2024-W13", "nyse"), "2024-03-28"); // Good Friday
  assert.equal(lastTradingDay("2020-W27", "nyse"), "2020-07-02"); // July 3 observed
  assert.equal(lastTradingDay("2021-W51", "nyse"), "2021-12-23"); // Christmas Eve observed
  assert.equal(lastTradingDay("2001-W37", "nyse"), "2001-09-10"); // September 11
  assert.equal(lastTradingDay("2024-W14", "none"), undefined);
});

Deno.test("lastCompleteWeek(): Friday completes a week, Thursday the Good Friday week, a later bar any week", () => {
  const nyse = (bars: Record<string, string | undefined>) =>
    lastCompleteWeek(bars, "nyse");
  // an ordinary week: Thursday is not enough, Friday is
  assert.equal(nyse({ SPY: "2024-03-21" }).week, "2024-W11");
  assert.equal(nyse({ SPY: "2024-03-22" }).week, "2024-W12");
  assert.equal(nyse({ SPY: "2024-03-22" }).through, "2024-03-24");
  // the holiday week: Good Friday 2024-03-29, so Thursday closes 2024-W13
  const gf = nyse({ SPY: "2024-03-28" });
  assert.equal(gf.week, "2024-W13");
  assert.equal(gf.through, "2024-03-31");
  assert.match(gf.reason, /last NYSE trading day of 2024-W13/);
  // the symbol furthest behind decides
  const two = nyse({ SPY: "2024-04-05", QQQ: "2024-04-03" });
  assert.equal(two.week, "2024-W13");
  assert.deepEqual(two.behind, { symbol: "QQQ", date: "2024-04-03" });
  assert.match(two.reason, /QQQ's last bar is 2024-04-03/);
  // a missing symbol completes nothing
  const none = nyse({ SPY: "2024-04-05", NEW: undefined });
  assert.equal(none.week, null);
  assert.match(none.reason, /NEW has no stored bar/);
  // without a calendar only the next week's first bar completes a week
  assert.equal(lastCompleteWeek({ X: "2024-03-29" }, "none").week, "2024-W12");
  assert.equal(lastCompleteWeek({ X: "2024-04-01" }, "none").week, "2024-W13");
  // a bar of a later week completes a week even when the calendar expected more
  assert.equal(nyse({ SPY: "2001-09-17" }).week, "2001-W37");
  assert.equal(isoWeek("2001-09-17"), "2001-W38");
});
