import assert from "node:assert/strict";
import { isoWeek, isoWeekRange } from "../../lib/data/mod.ts";

Deno.test("isoWeek() handles year boundaries", () => {
  assert.equal(isoWeek("2020-12-31"), "2020-W53");
  assert.equal(isoWeek("2021-01-03"), "2020-W53");
  assert.equal(isoWeek("2021-01-04"), "2021-W01");
  assert.equal(isoWeek("2019-12-30"), "2020-W01");
  assert.equal(isoWeek("2020-03-16"), "2020-W12");
  assert.equal(isoWeek("2016-01-01"), "2015-W53");
});

Deno.test("isoWeekRange() returns Monday..Sunday and round-trips with isoWeek()", () => {
  assert.deepEqual(isoWeekRange("2020-W12"), {
    start: "2020-03-16",
    end: "2020-03-22",
  });
  assert.deepEqual(isoWeekRange("2021-W01"), {
    start: "2021-01-04",
    end: "2021-01-10",
  });
  assert.deepEqual(isoWeekRange("2020-W01"), {
    start: "2019-12-30",
    end: "2020-01-05",
  });
  const { start, end } = isoWeekRange("2020-W53");
  assert.equal(isoWeek(start), "2020-W53");
  assert.equal(isoWeek(end), "2020-W53");
});

Deno.test("isoWeek() and isoWeekRange() reject malformed input", () => {
  assert.throws(() => isoWeek("2020/01/01"), RangeError);
  assert.throws(() => isoWeekRange("2021-W53"), RangeError);
  assert.throws(() => isoWeekRange("2021-W00"), RangeError);
  assert.throws(() => isoWeekRange("2021W01"), RangeError);
});
