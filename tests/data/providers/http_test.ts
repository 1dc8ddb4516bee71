/**
 * The pieces of the retrying GET: Retry-After, HTML detection, excerpts and redaction.
 */
import assert from "node:assert/strict";
import { redact } from "../../../lib/data/mod.ts";
import {
  excerpt,
  looksLikeHtml,
  retryAfterMs,
} from "../../../lib/data/providers/http.ts";

Deno.test("retryAfterMs() reads seconds and HTTP dates, and ignores what is neither", () => {
  const now = Date.parse("2024-03-01T12:00:00Z");
  assert.equal(retryAfterMs("120", now), 120_000);
  assert.equal(retryAfterMs(" 0 ", now), 0);
  assert.equal(retryAfterMs("Fri, 01 Mar 2024 12:00:30 GMT", now), 30_000);
  assert.equal(retryAfterMs("Fri, 01 Mar 2024 11:00:00 GMT", now), 0);
  assert.equal(retryAfterMs(null, now), undefined);
  assert.equal(retryAfterMs("", now), undefined);
  assert.equal(retryAfterMs("soon", now), undefined);
  assert.equal(retryAfterMs("-5", now), undefined);
});

Deno.test("looksLikeHtml() and excerpt(): a page served instead of data is told by type or start", () => {
  assert.equal(looksLikeHtml("Date,Open\n", "text/csv"), false);
  assert.equal(looksLikeHtml('{"a":1}', "application/json"), false);
  assert.equal(looksLikeHtml("x", "text/html; charset=utf-8"), true);
  assert.equal(looksLikeHtml("\n  <!DOCTYPE html><html>", ""), true);
  assert.equal(looksLikeHtml("<HTML><body>", "text/plain"), true);
  assert.equal(
    excerpt("<html><head><title> Just a\nmoment </title></head></html>"),
    "Just a moment",
  );
  assert.equal(excerpt("x".repeat(300)).length, 160);
});

Deno.test("redact() hides given secrets and credential-like parameters, and nothing else", () => {
  assert.equal(
    redact("GET /a?s=aapl.us&apikey=K&token=T#x key=V monkey=ok", ["DU123"]),
    "GET /a?s=aapl.us&apikey=***&token=***#x key=*** monkey=ok",
  );
  assert.equal(
    redact("id DU123 and DU12", ["DU123", "", "ab"]),
    "id *** and DU12",
  );
});
