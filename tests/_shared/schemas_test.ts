import assert from "node:assert/strict";
import { z } from "zod";
import {
  dateOrder,
  isCalendarDate,
  IsoDateSchema,
  SanityModeSchema,
  symbolList,
  SymbolSchema,
} from "../../lib/_shared/schemas.ts";

Deno.test("IsoDateSchema accepts calendar dates only", () => {
  for (const d of ["2020-02-29", "2000-02-29", "1999-12-31", "2024-01-01"]) {
    assert.equal(IsoDateSchema.parse(d), d);
  }
  for (
    const d of [
      "2019-02-29", // not a leap year
      "1900-02-29", // divisible by 100, not by 400
      "2019-02-30",
      "2020-13-45",
      "2020-00-10",
      "2020-04-31",
      "2020-1-1",
      "2020/01/01",
      "20200101",
      " 2020-01-01",
      "",
    ]
  ) {
    assert.equal(IsoDateSchema.safeParse(d).success, false, d);
    assert.equal(isCalendarDate(d), false, d);
  }
});

Deno.test("dateOrder() puts the issue on the end date and names the start", () => {
  const S = z.object({
    a: IsoDateSchema.optional(),
    b: IsoDateSchema.optional(),
  })
    .superRefine(dateOrder("a", "b"));
  assert.equal(S.safeParse({ a: "2020-01-01", b: "2020-01-01" }).success, true);
  assert.equal(S.safeParse({ a: "2020-01-01" }).success, true);
  const r = S.safeParse({ a: "2020-01-02", b: "2020-01-01" });
  assert.equal(r.success, false);
  assert.deepEqual(r.error?.issues[0].path, ["b"]);
  assert.equal(
    r.error?.issues[0].message,
    "a date on or after the start date 2020-01-02",
  );
});

Deno.test("SanityModeSchema has one spelling inside: lower case", () => {
  for (const m of ["strict", "STRICT", "Strict"]) {
    assert.equal(SanityModeSchema.parse(m), "strict");
  }
  assert.equal(SanityModeSchema.parse("RELAXED"), "relaxed");
  assert.equal(SanityModeSchema.safeParse("loose").success, false);
});

Deno.test("SymbolSchema allows tickers and rejects empty, blank and path-like names", () => {
  for (
    const s of [
      "SP500",
      "BRK.B",
      "^GSPC",
      "EURUSD=X",
      "ES1!",
      "BF-B",
      "M&M",
      "X_1",
    ]
  ) {
    assert.equal(SymbolSchema.parse(s), s);
  }
  for (
    const s of [
      "",
      " ",
      "\t",
      "../x",
      "a/b",
      "a\\b",
      "..",
      ".hidden",
      "A B",
      "x".repeat(33),
      "-X",
    ]
  ) {
    const r = SymbolSchema.safeParse(s);
    assert.equal(r.success, false, JSON.stringify(s));
    assert.match(r.error!.issues[0].message, /a symbol such as SP500, BRK\.B/);
  }
});

Deno.test("symbolList() splits, trims, drops repeats and rejects empty items", () => {
  assert.deepEqual(symbolList().parse("SP500, AAPL"), ["SP500", "AAPL"]);
  assert.match(
    symbolList().safeParse("SP500,,AAPL").error!.issues[0].message,
    /"" is not/,
  );
  assert.match(
    symbolList().safeParse("SP500,../x").error!.issues[0].message,
    /"\.\.\/x" is not/,
  );
  assert.deepEqual(symbolList().parse("A,B,A"), ["A", "B"]);
  assert.match(
    symbolList(2).safeParse("A,A").error!.issues[0].message,
    /at least 2 distinct symbols/,
  );
});
