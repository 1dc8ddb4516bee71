import assert from "node:assert/strict";
import { writeReport } from "../../lib/report/mod.ts";

Deno.test("writeReport() renames a whole page into place and clears what a killed writer left", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const page = `${dir}/weekly/s-2024-W10.html`;
    await Deno.mkdir(`${dir}/weekly`);
    const left = `${page}.${crypto.randomUUID()}.tmp`;
    const other = `${dir}/weekly/s-2024-W11.html.${crypto.randomUUID()}.tmp`;
    await Deno.writeTextFile(left, "<p>half a pa");
    await Deno.writeTextFile(other, "<p>another page's");
    await writeReport(page, "<p>whole</p>");
    assert.equal(await Deno.readTextFile(page), "<p>whole</p>");
    const names = [...Deno.readDirSync(`${dir}/weekly`)].map((e) => e.name)
      .sort();
    assert.deepEqual(names, [
      "s-2024-W10.html",
      other.slice(other.lastIndexOf("/") + 1),
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
