/**
 * Building the npm package (`deno task build:npm`): lib/ (without the CLI) compiled by
 * TypeScript's own `tsc` into ESM JavaScript with `.d.ts` types, under a `package.json`
 * whose dependencies are `deno.json`'s npm imports at the same versions
 * (`_npm_package.ts`). The compiler and the packages' types are installed from npm into
 * a git-ignored tools folder (`.tools/npm-build/`) the first time.
 *
 * The build is cached: `dist/build_info.json` records a hash of everything it is built
 * from (lib/'s sources, `deno.json`, this build's own code), and
 * {@linkcode ensureNpmBuild} rebuilds only when that hash changed or `dist/` is missing.
 * It also records the code version at build time, which the package's run manifests
 * report (`codeVersion()` in lib/jobs). A build writes into a temporary folder next to
 * `dist/` and replaces `dist/` only when it succeeded.
 *
 * @module
 */
import {
  copyFile,
  mkdir,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  writeFile,
} from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { hashColumns } from "../_shared/hash.ts";
import { isNotFound, runCommand } from "../_shared/runtime.ts";
import { type CodeDescription, describeCode } from "../jobs/mod.ts";
import {
  entryPoints,
  EXCLUDED_FOLDERS,
  PACKAGE_NAME,
  packageJson,
  readDenoManifest,
  tsconfig,
  TYPES_NODE_VERSION,
  TYPESCRIPT_VERSION,
} from "./_npm_package.ts";

/** The project root (holds `deno.json` and `lib/`). */
export const PROJECT_ROOT: string = fileURLToPath(
  new URL("../../", import.meta.url),
).replace(/\/$/, "");

/** Where the package goes by default. */
export const DEFAULT_DIST: string = join(PROJECT_ROOT, "dist");

/** What `dist/build_info.json` records. */
export interface BuildInfo {
  readonly name: string;
  readonly version: string;
  /** Hash of everything the package is built from (see {@linkcode sourceHash}). */
  readonly sourceHash: string;
  /** The code at build time, as `codeVersion()` reports it from the package. */
  readonly code: CodeDescription;
}

/** Options of the build functions. */
export interface NpmBuildOptions {
  /** The project. @default the project this file belongs to */
  readonly root?: string;
  /** The package folder. @default `<root>/dist` */
  readonly out?: string;
  /** Progress lines ("installing TypeScript ..."). @default silent */
  readonly log?: (line: string) => void;
}

/** What a build produced. */
export interface NpmBuildResult {
  readonly out: string;
  readonly info: BuildInfo;
  /** False when `dist/` was already up to date. */
  readonly built: boolean;
  /** Files in the package and their total size in bytes. */
  readonly files: number;
  readonly bytes: number;
}

/** The build's own code: part of the source hash, so changing the build rebuilds. */
const BUILD_FILES = ["lib/cli/_npm_build.ts", "lib/cli/_npm_package.ts"];

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...await listFiles(p));
    else if (e.isFile()) out.push(p);
  }
  return out.sort();
}

/** lib/ files that go into the package (relative to lib/): every `.ts` but the CLI's. */
async function packagedSources(root: string): Promise<string[]> {
  const lib = join(root, "lib");
  return (await listFiles(lib))
    .map((f) => relative(lib, f))
    .filter((f) =>
      f.endsWith(".ts") && !EXCLUDED_FOLDERS.includes(f.split("/")[0])
    );
}

/**
 * Hash of everything the package is built from: each packaged lib/ file (path and
 * content), `deno.json`'s version and imports (not its tasks) and the build's own code.
 *
 * @param root The project.
 * @returns 16 hex digits.
 */
export async function sourceHash(root: string = PROJECT_ROOT): Promise<string> {
  const parts: (string | Uint8Array)[] = [];
  for (const f of await packagedSources(root)) {
    parts.push(f, await readFile(join(root, "lib", f)));
  }
  const deno = JSON.parse(await readFile(join(root, "deno.json"), "utf8"));
  parts.push(JSON.stringify([deno.version, deno.imports]));
  for (const f of BUILD_FILES) parts.push(f, await readFile(join(root, f)));
  return hashColumns(parts);
}

/**
 * The `build_info.json` of a built or installed package, or null when there is none.
 *
 * @param dir The package folder (`dist/`, or `node_modules/tradelab`).
 * @returns The recorded build.
 */
export async function readBuildInfo(dir: string): Promise<BuildInfo | null> {
  try {
    const info = JSON.parse(
      await readFile(join(dir, "build_info.json"), "utf8"),
    );
    return typeof info?.sourceHash === "string" ? info as BuildInfo : null;
  } catch (e) {
    if (isNotFound(e) || e instanceof SyntaxError) return null;
    throw e;
  }
}

async function npm(args: string[], cwd: string, what: string): Promise<void> {
  const r = await runCommand("npm", args, { cwd });
  if (r.code !== 0) {
    throw new Error(
      `Cannot ${what}: npm ${args.join(" ")} exited with ${r.code}` +
        (r.notFound ? " (npm is not on PATH: install Node 20+ with npm)" : "") +
        `\n${r.stderr.trim().split("\n").slice(-15).join("\n")}`,
    );
  }
}

/** Install TypeScript, Node's types and the dependencies' types into `tools`, once. */
async function ensureTools(
  tools: string,
  dependencies: Readonly<Record<string, string>>,
  log: (line: string) => void,
): Promise<void> {
  const manifest = JSON.stringify(
    {
      private: true,
      description:
        "Written by lib/cli/_npm_build.ts: the npm package's compiler",
      dependencies: {
        ...dependencies,
        "@types/node": TYPES_NODE_VERSION,
        typescript: TYPESCRIPT_VERSION,
      },
    },
    null,
    2,
  ) + "\n";
  const stamp = join(tools, "installed.json");
  const installed = await readFile(stamp, "utf8").catch(() => "");
  if (installed === manifest) return;
  log(
    `build:npm: installing typescript@${TYPESCRIPT_VERSION} and the dependencies' types into ${tools}`,
  );
  await mkdir(tools, { recursive: true });
  await writeFile(join(tools, "package.json"), manifest);
  await npm(
    ["install", "--no-audit", "--no-fund", "--ignore-scripts"],
    tools,
    "install the package's compiler",
  );
  await writeFile(stamp, manifest);
}

/** Copy the packaged lib/ sources to `src` (ES modules), replacing what was there. */
async function stageSources(root: string, src: string): Promise<void> {
  await rm(src, { recursive: true, force: true });
  for (const f of await packagedSources(root)) {
    await mkdir(dirname(join(src, f)), { recursive: true });
    await copyFile(join(root, "lib", f), join(src, f));
  }
  await writeFile(join(src, "package.json"), '{ "type": "module" }\n');
}

/** Run `tsc` on the staged sources into `out`; its diagnostics become the error. */
async function compile(tools: string, src: string, out: string): Promise<void> {
  const config = join(tools, "tsconfig.json");
  await writeFile(config, JSON.stringify(tsconfig(src, out), null, 2) + "\n");
  const tsc = join(tools, "node_modules", "typescript", "bin", "tsc");
  const r = await runCommand("node", [tsc, "-p", config], { cwd: tools });
  if (r.code !== 0) {
    const said = (r.stdout + r.stderr).trim().split("\n").slice(0, 40);
    throw new Error(
      r.notFound
        ? "Cannot build the npm package: node is not on PATH (install Node 20+)"
        : `Cannot build the npm package: tsc found errors\n${
          said.join("\n").replace(/^src\//gm, "lib/")
        }`,
    );
  }
}

const README = (version: string) =>
  `# ${PACKAGE_NAME} ${version}

TradeLab's library, built from the repository's \`lib/\` by \`deno task build:npm\`:
ESM JavaScript with TypeScript declarations, for Node 20.19+ and tslab.

\`\`\`js
import { ensureSampleData, loadBars, openDb, runWalkForward, w1Config } from "${PACKAGE_NAME}";
import { sharpeRatio } from "${PACKAGE_NAME}/metrics";
\`\`\`

One entry point per domain (\`${PACKAGE_NAME}/data\`, \`${PACKAGE_NAME}/metrics\`,
\`${PACKAGE_NAME}/walkforward\`, ...); \`${PACKAGE_NAME}\` is the common set. Install a
local build with \`npm install --install-links <path to dist>\`.
`;

async function folderSize(
  dir: string,
): Promise<{ files: number; bytes: number }> {
  const files = await listFiles(dir);
  let bytes = 0;
  for (const f of files) bytes += (await stat(f)).size;
  return { files: files.length, bytes };
}

/**
 * Build the package into `out` (always; see {@linkcode ensureNpmBuild} for the cached
 * build). Needs `node` and `npm` on `PATH`.
 *
 * @param options Project, output folder, progress.
 * @returns The package folder, its build info and size.
 */
export async function buildNpm(
  options: NpmBuildOptions = {},
): Promise<NpmBuildResult> {
  const root = options.root ?? PROJECT_ROOT;
  const out = options.out ?? join(root, "dist");
  const log = options.log ?? (() => {});
  const tools = join(root, ".tools", "npm-build");
  const manifest = readDenoManifest(
    await readFile(join(root, "deno.json"), "utf8"),
  );
  await ensureTools(tools, manifest.dependencies, log);
  const hash = await sourceHash(root);
  const code = await describeCode(root); // before the temporary folder exists
  const src = join(tools, "src");
  await stageSources(root, src);
  const tmp = `${out}.tmp-${crypto.randomUUID().slice(0, 8)}`;
  try {
    log(`build:npm: tsc ${relative(root, src) || src} -> ${out}`);
    await compile(tools, src, tmp);
    const domains = (await readdir(join(root, "lib"), { withFileTypes: true }))
      .filter((e) => e.isDirectory()).map((e) => e.name);
    const info: BuildInfo = {
      name: PACKAGE_NAME,
      version: manifest.version,
      sourceHash: hash,
      code,
    };
    const pkg = packageJson(manifest, entryPoints(domains));
    await writeFile(
      join(tmp, "package.json"),
      JSON.stringify(pkg, null, 2) + "\n",
    );
    await writeFile(
      join(tmp, "build_info.json"),
      JSON.stringify(info, null, 2) + "\n",
    );
    await writeFile(join(tmp, "README.md"), README(manifest.version));
    await rm(out, { recursive: true, force: true });
    await rename(tmp, out);
    return { out, info, built: true, ...await folderSize(out) };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/**
 * The package, built only when `out` is missing or was built from other sources (the
 * test command and the tslab notebooks call this; a re-run costs a hash of lib/).
 *
 * @param options Project, output folder, progress.
 * @returns The package folder and whether it was built now.
 */
export async function ensureNpmBuild(
  options: NpmBuildOptions = {},
): Promise<NpmBuildResult> {
  const root = options.root ?? PROJECT_ROOT;
  const out = options.out ?? join(root, "dist");
  const info = await readBuildInfo(out);
  if (info !== null && info.sourceHash === await sourceHash(root)) {
    return { out, info, built: false, ...await folderSize(out) };
  }
  return await buildNpm(options);
}

/**
 * Install the built package into a Node project folder (its `node_modules/tradelab`,
 * with the dependencies), unless the installed copy is this build already. A folder
 * without `package.json` gets a minimal one, so npm installs there and not in a parent.
 * npm installs a local folder as a symlink without its dependencies unless
 * `--install-links` is given, so it is.
 *
 * @param dir The Node project folder.
 * @param dist The built package. @default `dist/` of this project
 * @returns True when it installed, false when the copy was current.
 */
export async function installPackage(
  dir: string,
  dist: string = DEFAULT_DIST,
): Promise<boolean> {
  const built = await readBuildInfo(dist);
  if (built === null) {
    throw new Error(
      `Cannot install ${PACKAGE_NAME}: ${dist} holds no build (run deno task build:npm)`,
    );
  }
  const target = join(dir, "node_modules", PACKAGE_NAME);
  const installed = await readBuildInfo(target);
  if (installed?.sourceHash === built.sourceHash) return false;
  await mkdir(dir, { recursive: true });
  const pkg = join(dir, "package.json");
  await stat(pkg).catch(() => writeFile(pkg, '{ "private": true }\n'));
  await rm(target, { recursive: true, force: true });
  await npm(
    [
      "install",
      "--install-links",
      "--no-save",
      "--no-package-lock",
      "--no-audit",
      "--no-fund",
      "--prefer-offline",
      dist,
    ],
    dir,
    `install ${PACKAGE_NAME} into ${dir}`,
  );
  return true;
}
