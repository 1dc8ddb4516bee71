/**
 * The queue backend's flags, shared by `deno task worker` and every universe task that
 * takes `--backend queue`: `--redis URL` (or the environment's `REDIS_URL`; a URL with
 * credentials is best given there, out of the shell's history) and `--shared DIR` (a
 * directory every worker and the coordinator see).
 *
 * @module
 */
import { statSync } from "node:fs";
import { env } from "node:process";
import { z } from "zod";
import { type QueueOptions, redisUrlProblem } from "../jobs/mod.ts";
import { resolveUserPath } from "./_paths.ts";

/** `--redis URL`: checked, never echoed in messages (it may hold a password). */
export const redisFlag: z.ZodOptional<z.ZodEffects<z.ZodString>> = z.string()
  .superRefine((url, ctx) => {
    const problem = redisUrlProblem(url);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }).optional();

/** `--shared DIR`: an existing directory (resolved like every path flag). */
export const sharedFlag: z.ZodType<string, z.ZodTypeDef, string> = z.string()
  .transform((raw, ctx) => {
    const path = resolveUserPath(raw);
    let dir = false;
    try {
      dir = statSync(path).isDirectory();
    } catch { /* reported below */ }
    if (!dir) {
      ctx.addIssue({
        code: "custom",
        message:
          `an existing directory that every worker sees (${path} is not one)`,
      });
      return z.NEVER;
    }
    return path;
  });

/** Report flag `path` as missing (the message names what it must be). */
function missing(ctx: z.RefinementCtx, path: string, message: string): void {
  ctx.addIssue({
    code: z.ZodIssueCode.invalid_type,
    expected: z.ZodParsedType.string,
    received: z.ZodParsedType.undefined,
    path: [path],
    message,
  });
}

/**
 * Refinement: the Redis URL comes from `--redis` or `REDIS_URL`, is well formed, and is
 * given where a queue is used.
 *
 * @param url The `--redis` flag's value.
 * @param ctx The refinement context.
 * @param path Where to report.
 */
function checkRedis(
  url: string | undefined,
  ctx: z.RefinementCtx,
  path: string,
): void {
  if (url !== undefined) return; // checked by the flag itself
  const fromEnv = env.REDIS_URL;
  if (fromEnv === undefined || fromEnv === "") {
    missing(
      ctx,
      path,
      "a Redis URL (redis://host:6379, rediss:// for TLS), or REDIS_URL in the environment",
    );
    return;
  }
  const problem = redisUrlProblem(fromEnv);
  if (problem) {
    ctx.addIssue({
      code: "custom",
      path: [path],
      message: `REDIS_URL in the environment to be ${problem}`,
    });
  }
}

/** The Redis URL: the flag, else `REDIS_URL` (checked by the refinements). */
export function redisUrl(flag: string | undefined): string {
  return flag ?? env.REDIS_URL ?? "";
}

/** Refinement of the worker's flags: a Redis URL from the flag or the environment. */
export function workerRefine(
  f: { readonly redis?: string },
  ctx: z.RefinementCtx,
): void {
  checkRedis(f.redis, ctx, "redis");
}

/** `--backend`, `--redis`, `--shared`, `--resume` for a universe task. */
export const backendFlags = {
  backend: z.enum(["local", "queue"]).default("local").describe(
    "where shards run: local (this machine's workers) or queue (deno task worker processes through Redis)",
  ),
  redis: redisFlag.describe(
    "queue: the Redis URL (default REDIS_URL from the environment; rediss:// for TLS)",
  ),
  shared: sharedFlag.optional().describe(
    "queue: the directory shared with the workers (snapshot and results)",
  ),
  resume: z.string().regex(
    /^[a-z-]+-\d{8}T\d{9}-[0-9a-f]{8}$/,
    "a queue run id",
  )
    .optional().describe(
      "queue: re-attach to queue run RUN whose coordinator stopped (its job is read from --shared)",
    ),
};

interface BackendFlags {
  readonly backend: "local" | "queue";
  readonly redis?: string;
  readonly shared?: string;
  readonly resume?: string;
}

/**
 * Refinement of a universe task's flags: `--redis`, `--shared`, `--resume` only with
 * `--backend queue`, which needs `--shared` and a Redis URL.
 *
 * @param f Parsed flags.
 * @param ctx The refinement context.
 */
export function backendRefine(f: BackendFlags, ctx: z.RefinementCtx): void {
  if (f.backend === "local") {
    for (const k of ["redis", "shared", "resume"] as const) {
      if (f[k] === undefined) continue;
      ctx.addIssue({
        code: "custom",
        path: [k],
        message: "--backend queue with it (the local backend needs no queue)",
      });
    }
    return;
  }
  if (f.shared === undefined) {
    missing(
      ctx,
      "shared",
      "the directory shared with the workers (--backend queue)",
    );
  }
  checkRedis(f.redis, ctx, "redis");
}

/**
 * The queue options the flags describe, or undefined for `--backend local`.
 *
 * @param f Parsed flags.
 * @param onNotice Where the coordinator's messages go.
 * @returns The options.
 */
export function queueFromFlags(
  f: BackendFlags,
  onNotice: (text: string) => void,
): (QueueOptions & { resume?: string }) | undefined {
  if (f.backend === "local" || f.shared === undefined) return undefined;
  return {
    redis: redisUrl(f.redis),
    shared: f.shared,
    resume: f.resume,
    onNotice,
  };
}

/**
 * Refinement of a per-symbol task's flags (optimize, strategies): `--backend queue` runs
 * a `--universe`, one shard per symbol.
 *
 * @param f Parsed flags.
 * @param ctx The refinement context.
 */
export function queueNeedsUniverse(
  f: { readonly backend: "local" | "queue"; readonly universe?: string },
  ctx: z.RefinementCtx,
): void {
  if (f.backend === "queue" && f.universe === undefined) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ["backend"],
      message: "local with a single symbol (--backend queue runs a --universe)",
    });
  }
}
