import assert from "node:assert/strict";
import { escapeHtml } from "../../lib/report/mod.ts";

Deno.test("escapeHtml() neutralises a script tag used as a symbol", () => {
  const out = escapeHtml("<script>alert(1)</script>");
  assert.equal(out, "&lt;script&gt;alert(1)&lt;/script&gt;");
  assert.ok(!out.includes("<"));
});

Deno.test("escapeHtml() escapes quotes and ampersands, maps null to empty", () => {
  assert.equal(escapeHtml(`a&b "c" 'd'`), "a&amp;b &quot;c&quot; &#39;d&#39;");
  assert.equal(escapeHtml(null), "");
  assert.equal(escapeHtml(undefined), "");
  assert.equal(escapeHtml(1.5), "1.5");
});
