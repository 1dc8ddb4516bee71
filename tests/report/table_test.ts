import assert from "node:assert/strict";
import { formatCell, textTable, wrapText } from "../../lib/report/mod.ts";

Deno.test("formatCell() speaks one unit convention: percents, ratios, counts, money, and a dash for nothing", () => {
  assert.equal(formatCell(-0.3731, "pct"), "-37.31%");
  assert.equal(formatCell(-0.00001, "pct"), "0.00%", "no negative zero");
  assert.equal(formatCell(0.47391, "ratio"), "0.47");
  assert.equal(formatCell(0.0714, "dec3"), "0.071");
  assert.equal(formatCell(4599.0000, "int"), "4,599");
  assert.equal(formatCell(-1234567.4, "int"), "-1,234,567");
  assert.equal(formatCell(100000, "money"), "100,000");
  assert.equal(formatCell(100057.041, "money"), "100,057.04");
  for (const v of [NaN, Infinity, -Infinity, null, undefined]) {
    assert.equal(formatCell(v, "pct"), "-");
  }
  assert.equal(formatCell(12n, "int"), "12");
});

Deno.test("textTable() wraps a wide table into blocks under its key columns, every line within the width", () => {
  const columns = [
    { title: "scenario" },
    ...Array.from({ length: 12 }, (_, j) => ({
      title: `column ${j}`,
      format: "pct" as const,
    })),
  ];
  const rows = [["gfc", ...Array.from({ length: 12 }, (_, j) => -j / 100)]];
  const t = textTable(columns, rows, { maxWidth: 60 });
  const blocks = t.split("\n\n");
  assert.ok(blocks.length > 1);
  for (const b of blocks) {
    const [head, row] = b.split("\n");
    assert.ok(head.startsWith("scenario"));
    assert.ok(row.startsWith("gfc"));
  }
  for (const line of t.split("\n")) assert.ok(line.length <= 60, line);
  // every column appears exactly once, in order, after the key column
  const titles = blocks.flatMap((b) =>
    b.split("\n")[0].split(/ {2,}/).slice(1)
  );
  assert.deepEqual(titles, columns.slice(1).map((c) => c.title));
  assert.match(t, /-11\.00%/);
});

Deno.test("wrapText() keeps the leading indent and indents continuation lines", () => {
  assert.equal(
    wrapText("  one two three four", 12),
    "  one two\n    three\n    four",
  );
  assert.equal(wrapText("short"), "short");
});
