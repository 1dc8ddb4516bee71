/**
 * The queue backend's flags, shared by `deno task worker` and every universe task that
 * takes `--backend queue`: `--redis URL` (or the environment's `REDIS_URL`; a URL with
 * credentials is best given there, out of the shell's history), `--redis-ca FILE` (or
 * `REDIS_TLS_CA`: the PEM file of the CA that signed a `rediss://` server's certificate,
 * for a self-signed server) and `--shared DIR` (a directory every worker and the
 * coordinator see).
 *
 * @module
 */
import { readFileSync, statSync } from "node:fs";
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

/**
 * Read a CA file: its PEM text, or what is wrong with it (in plain words).
 *
 * @param raw The path as given.
 * @returns The text, or the problem.
 */
function readCa(raw: string): { pem: string } | { problem: string } {
  const path = resolveUserPath(raw);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    const why = (e as { code?: string }).code === "ENOENT"
      ? "does not exist"
      : "cannot be read";
    return {
      problem:
        `a PEM file of the CA that signed the Redis server's certificate (${path} ${why})`,
    };
  }
  if (!text.includes("-----BEGIN CERTIFICATE-----")) {
    return {
      problem:
        `a PEM file of the CA that signed the Redis server's certificate (${path} holds no "-----BEGIN CERTIFICATE-----" block)`,
    };
  }
  return { pem: text };
}

/** `--redis-ca FILE`: a PEM certificate file, read into its text. */
export const redisCaFlag: z.ZodOptional<
  z.ZodType<string, z.ZodTypeDef, string>
> = z.string().transform((raw, ctx) => {
  const r = readCa(raw);
  if ("problem" in r) {
    ctx.addIssue({ code: "custom", message: r.problem });
    return z.NEVER;
  }
  return r.pem;
}).optional();

/**
 * Refinement: a CA (`--redis-ca` or `REDIS_TLS_CA`) is readable PEM and goes with a
 * `rediss://` URL.
 *
 * @param f The `--redis` and `--redis-ca` flags.
 * @param ctx The refinement context.
 */
function checkRedisCa(
  f: { readonly redis?: string; readonly redisCa?: string },
  ctx: z.RefinementCtx,
): void {
  const fromEnv = env.REDIS_TLS_CA;
  const given = f.redisCa !== undefined ||
    (fromEnv !== undefined && fromEnv !== "");
  if (!given) return;
  if (f.redisCa === undefined) {
    const r = readCa(fromEnv!);
    if ("problem" in r) {
      ctx.addIssue({
        code: "custom",
        path: ["redisCa"],
        message: `REDIS_TLS_CA in the environment to be ${r.problem}`,
      });
      return;
    }
  }
  const url = redisUrl(f.redis);
  if (
    url !== "" && redisUrlProblem(url) === null && !url.startsWith("rediss:")
  ) {
    ctx.addIssue({
      code: "custom",
      path: ["redisCa"],
      message:
        "a rediss:// Redis URL with it (the CA checks a TLS server's certificate)",
    });
  }
}

/**
 * The CA's PEM text: the flag's, else `REDIS_TLS_CA`'s file (checked by the refinements).
 *
 * @param flag The `--redis-ca` flag's text.
 * @returns The PEM text, or undefined for the system's trusted CAs.
 */
export function redisCa(flag: string | undefined): string | undefined {
  if (flag !== undefined) return flag;
  const fromEnv = env.REDIS_TLS_CA;
  if (fromEnv === undefined || fromEnv === "") return undefined;
  const r = readCa(fromEnv);
  return "pem" in r ? r.pem : undefined;
}

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
  f: { readonly redis?: string; readonly redisCa?: string },
  ctx: z.RefinementCtx,
): void {
  checkRedis(f.redis, ctx, "redis");
  checkRedisCa(f, ctx);
}

/** What `--redis-ca` means (the worker's and the coordinator's). */
export const REDIS_CA_TEXT =
  "PEM file of the CA of a rediss:// server with its own certificate (default REDIS_TLS_CA, else the system's CAs)";

/** `--backend`, `--redis`, `--shared`, `--resume` for a universe task. */
export const backendFlags = {
  backend: z.enum(["local", "queue"]).default("local").describe(
    "where shards run: local (this machine's workers) or queue (deno task worker processes through Redis)",
  ),
  redis: redisFlag.describe(
    "queue: the Redis URL (default REDIS_URL from the environment; rediss:// for TLS)",
  ),
  redisCa: redisCaFlag.describe(`queue: ${REDIS_CA_TEXT}`),
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
  readonly redisCa?: string;
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
    for (const k of ["redis", "redisCa", "shared", "resume"] as const) {
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
  checkRedisCa(f, ctx);
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
  const ca = redisCa(f.redisCa);
  return {
    redis: redisUrl(f.redis),
    ...(ca === undefined ? {} : { redisCa: ca }),
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
