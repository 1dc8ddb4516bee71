/**
 * Reading a provider's JSON answer: incomplete JSON and a shape other than the
 * documented one are `malformed` failures naming what was wrong.
 *
 * @module
 */
import type { z } from "zod";
import { describeReceived } from "../../_shared/config.ts";
import { plainIssue } from "../../_shared/expected.ts";
import { jsonSyntaxError } from "../../_shared/json_syntax.ts";
import type { ProviderContext } from "./types.ts";

/**
 * `text` as JSON of `schema`.
 *
 * @param schema The documented shape (extra fields allowed, missing ones not).
 * @param text The body.
 * @param what The answer's name in messages (`"chart"`, `"bars"`).
 * @param ctx For the failure (provider and symbol).
 * @returns The parsed value.
 */
export function parseJsonAs<S extends z.ZodTypeAny>(
  schema: S,
  text: string,
  what: string,
  ctx: ProviderContext,
): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const at = jsonSyntaxError(text);
    const why = at
      ? `line ${at.line}, column ${at.column}: expected ${at.expected}, got ${at.got}`
      : (e as Error).message.replace(/, ".*" is not valid JSON$/s, "");
    throw ctx.fail(
      "malformed",
      `the ${what} answer is not complete JSON (${why}; a truncated response?)`,
    );
  }
  const r = schema.safeParse(json);
  if (!r.success) {
    const issue = plainIssue(r.error.issues[0]!, schema);
    const got = issue.missing ? "nothing" : describeReceived(json, issue.path);
    throw ctx.fail(
      "malformed",
      `unexpected ${what} JSON at "${
        issue.path.join(".")
      }": expected ${issue.expected}, got ${got} (the format changed?)`,
    );
  }
  return r.data;
}
