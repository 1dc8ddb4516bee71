/**
 * `deno task build:npm`: build lib/ as the npm package `tradelab` into `dist/`.
 *
 *   deno task build:npm [--out dist] [--force] [--json]
 *
 * TypeScript's `tsc` (pinned, installed from npm into `.tools/npm-build/` on first use)
 * compiles every lib/ domain but the CLI to ESM JavaScript with `.d.ts` types; the
 * `package.json` pins the dependencies at `deno.json`'s versions and has one entry point
 * per domain (`tradelab/data`, `tradelab/metrics`, ...) and `tradelab` for the common
 * set (`lib/mod.ts`). A build that is current (same sources, see `build_info.json`) is
 * kept unless `--force`. Use the package from a Node project with
 * `npm install --install-links <path to dist>`. Needs `node` (20.19+) and `npm`.
 *
 * Exit codes: 0 built or current, 1 the build failed (tsc's errors are printed), 2 bad
 * flags.
 *
 * @module
 */
import { relative } from "node:path";
import { z } from "zod";
import { cwd } from "../_shared/runtime.ts";
import { type CliIo, consoleIo, runAsScript, runTask } from "./_cli.ts";
import {
  buildNpm,
  DEFAULT_DIST,
  ensureNpmBuild,
  type NpmBuildResult,
} from "./_npm_build.ts";
import { userPathFlag } from "./_paths.ts";

/** Flags of `deno task build:npm`. */
export const BuildNpmFlagsSchema = z.strictObject({
  out: userPathFlag(DEFAULT_DIST).describe(
    "the package folder (default dist/ of the project)",
  ),
  force: z.boolean().default(false).describe(
    "build even when the package is current",
  ),
  json: z.boolean().default(false).describe(
    "print the result (package, version, source hash, files) as one JSON object",
  ),
});

function describe(r: NpmBuildResult): string {
  const where = relative(cwd(), r.out) || ".";
  const size = `${r.files} files, ${(r.bytes / 1024 / 1024).toFixed(1)} MiB`;
  return r.built
    ? `built ${r.info.name} ${r.info.version} in ${where} (${size}; source ${r.info.sourceHash})`
    : `${where} is current (${r.info.name} ${r.info.version}, ${size}; source ${r.info.sourceHash})`;
}

/**
 * Run the task.
 *
 * @param args Command-line flags.
 * @param io Output sink. @default the console
 * @returns Exit code: 0 built or current, 1 the build failed, 2 bad flags.
 */
export function main(args: string[], io: CliIo = consoleIo): Promise<number> {
  return runTask(args, io, {
    name: "build:npm",
    summary:
      "Build lib/ (without the CLI) as the npm package tradelab into dist/: ESM JavaScript, .d.ts types, one entry point per domain.",
    about:
      "TypeScript's tsc (pinned, installed from npm into .tools/npm-build/ on first use) compiles the sources; package.json pins the dependencies at deno.json's versions. A current build (same sources, see build_info.json) is kept unless --force. Use it from Node with npm install --install-links <dist>. Needs node 20.19+ and npm.",
    examples: ["", "--force --json"],
    flags: BuildNpmFlagsSchema,
    run: async (flags) => {
      const options = {
        out: flags.out,
        log: flags.json ? undefined : (line: string) => io.err(line),
      };
      const r = flags.force
        ? await buildNpm(options)
        : await ensureNpmBuild(options);
      io.out(
        flags.json
          ? JSON.stringify({ ...r, info: r.info }, null, 2)
          : describe(r),
      );
      return 0;
    },
  });
}

if (import.meta.main) await runAsScript(main);
