/**
 * What the npm package (`deno task build:npm`) is, as data: its dependencies (the npm
 * imports of `deno.json`, same exact versions), its entry points (one per domain, plus
 * the common set `lib/mod.ts` as `tradelab`), its `package.json`, and the compiler
 * options that turn lib/ into ESM JavaScript with `.d.ts` types. Pure: the build
 * (`_npm_build.ts`) does the I/O.
 *
 * @module
 */
import { z } from "zod";
import { ConfigError } from "../_shared/errors.ts";

/** The package name: `import ... from "tradelab/metrics"`. */
export const PACKAGE_NAME = "tradelab";

/** The TypeScript compiler that builds the package: the version Deno 2.9.6 checks with. */
export const TYPESCRIPT_VERSION = "6.0.3";

/** Node's type declarations for the build (the oldest Node the package supports: 20). */
export const TYPES_NODE_VERSION = "20.19.43";

/** Node versions the package runs on (20.19 loads ES modules with `require()`, as tslab does). */
export const NODE_ENGINES = ">=20.19";

/** lib/ folders left out of the package: the `deno task` entry points. */
export const EXCLUDED_FOLDERS: readonly string[] = ["cli"];

const DenoJsonSchema = z.object({
  version: z.string().regex(/^\d+\.\d+\.\d+/, "a semver version"),
  imports: z.record(z.string()),
});

/** The parts of `deno.json` the package is built from. */
export interface DenoManifest {
  readonly version: string;
  /** npm package name -> exact version, from the `npm:` imports. */
  readonly dependencies: Readonly<Record<string, string>>;
}

const NPM_SPEC = /^npm:((?:@[^/@]+\/)?[^/@]+)@(\d+\.\d+\.\d+[^/]*)(\/.*)?$/;

/**
 * Read `deno.json`'s version and npm imports. Every import must be an exactly pinned
 * `npm:` specifier (`npm:zod@3.25.76`, subpaths allowed), and a package imported twice
 * must name one version.
 *
 * @param text The text of `deno.json`.
 * @returns Version and dependencies.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readDenoManifest } from "./_npm_package.ts";
 * const m = readDenoManifest(JSON.stringify({
 *   version: "0.1.0",
 *   imports: { "a": "npm:@x/a@1.2.3", "a/b": "npm:@x/a@1.2.3/b", "z": "npm:z@3.0.0-r.1" },
 * }));
 * assert.deepEqual(m, { version: "0.1.0", dependencies: { "@x/a": "1.2.3", "z": "3.0.0-r.1" } });
 * ```
 */
export function readDenoManifest(text: string): DenoManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ConfigError("deno.json", "", "valid JSON", (e as Error).message);
  }
  const parsed = DenoJsonSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const value = issue.path.reduce<unknown>(
      (v, k) => (v as Record<string | number, unknown> | undefined)?.[k],
      raw,
    );
    throw new ConfigError(
      "deno.json",
      issue.path.join("."),
      issue.message.toLowerCase(),
      JSON.stringify(value) ?? "nothing",
    );
  }
  const deps: Record<string, string> = {};
  for (const [key, spec] of Object.entries(parsed.data.imports)) {
    const m = NPM_SPEC.exec(spec);
    if (m === null) {
      throw new ConfigError(
        "deno.json",
        `imports.${key}`,
        "an exactly pinned npm: specifier (npm:name@1.2.3)",
        spec,
      );
    }
    const [, name, version] = m;
    if (deps[name] !== undefined && deps[name] !== version) {
      throw new ConfigError(
        "deno.json",
        `imports.${key}`,
        `one version of ${name} (${deps[name]} elsewhere)`,
        version,
      );
    }
    deps[name] = version;
  }
  return { version: parsed.data.version, dependencies: sortKeys(deps) };
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(
    Object.entries(o).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0),
  );
}

/** An entry point: `tradelab/<subpath>` is `<dir>/mod.js` of the package. */
export interface EntryPoint {
  /** `""` for the common set, else the domain (`metrics`). */
  readonly subpath: string;
  /** The module, relative to the package root, without extension (`metrics/mod`). */
  readonly module: string;
}

/**
 * The entry points: the common set (`lib/mod.ts`) and every domain folder with a
 * `mod.ts`, except the private `_shared` and the {@linkcode EXCLUDED_FOLDERS}.
 *
 * @param domains Folders of lib/ that have a `mod.ts`.
 * @returns Entry points, the common set first, then by name.
 */
export function entryPoints(domains: readonly string[]): EntryPoint[] {
  const named = domains
    .filter((d) => !d.startsWith("_") && !EXCLUDED_FOLDERS.includes(d))
    .sort()
    .map((d) => ({ subpath: d, module: `${d}/mod` }));
  return [{ subpath: "", module: "mod" }, ...named];
}

/**
 * The package's `package.json`: ESM (`"type": "module"`), `exports` with types for
 * TypeScript's `node16`/`bundler` resolution, `typesVersions` for older resolution
 * (tslab type-checks with TypeScript 5.0 and `node10`, which ignores `exports`), and
 * the dependencies of `deno.json` at the same exact versions.
 *
 * @param manifest From {@linkcode readDenoManifest}.
 * @param entries From {@linkcode entryPoints}.
 * @returns The JSON object.
 */
export function packageJson(
  manifest: DenoManifest,
  entries: readonly EntryPoint[],
): Record<string, unknown> {
  const exports: Record<string, unknown> = {};
  const typesMap: Record<string, string[]> = {};
  for (const e of entries) {
    exports[e.subpath === "" ? "." : `./${e.subpath}`] = {
      types: `./${e.module}.d.ts`,
      default: `./${e.module}.js`,
    };
    if (e.subpath !== "") typesMap[e.subpath] = [`${e.module}.d.ts`];
  }
  exports["./package.json"] = "./package.json";
  return {
    name: PACKAGE_NAME,
    version: manifest.version,
    description:
      "TradeLab: walk-forward research on DuckDB, honest about overfitting (built from lib/ by deno task build:npm)",
    private: true,
    license: "UNLICENSED",
    type: "module",
    engines: { node: NODE_ENGINES },
    main: "./mod.js",
    types: "./mod.d.ts",
    exports,
    typesVersions: { "*": typesMap },
    sideEffects: false,
    dependencies: manifest.dependencies,
  };
}

/**
 * The TypeScript compiler options of the build (a `tsconfig.json`): lib/'s `.ts` imports
 * become `.js` (`rewriteRelativeImportExtensions`), with declarations, checked strictly
 * against Node's types and the DOM (Observable Plot's figures).
 *
 * @param srcDir The staged sources.
 * @param outDir Where the JavaScript and `.d.ts` files go.
 * @returns The `tsconfig.json` object.
 */
export function tsconfig(
  srcDir: string,
  outDir: string,
): Record<string, unknown> {
  return {
    compilerOptions: {
      target: "ES2022",
      module: "NodeNext",
      moduleResolution: "NodeNext",
      lib: ["ES2023", "DOM", "DOM.Iterable"],
      types: ["node"],
      strict: true,
      skipLibCheck: true,
      declaration: true,
      allowImportingTsExtensions: true,
      rewriteRelativeImportExtensions: true,
      rootDir: srcDir,
      outDir,
      newLine: "lf",
      pretty: false,
    },
    include: [`${srcDir}/**/*.ts`],
  };
}
