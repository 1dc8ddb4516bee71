/**
 * `deno task build:npm`: the package's manifest comes from deno.json (same exact versions),
 * every domain is an entry point with types for both TypeScript resolutions, the built
 * modules load in Node without installing anything (metrics has no dependency), and the
 * build is cached by a hash of what it is built from.
 */
import assert from "node:assert/strict";
import { cp, mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { makeTempDir, runCommand } from "../../lib/_shared/runtime.ts";
import { main } from "../../lib/cli/build_npm.ts";
import {
  ensureNpmBuild,
  PROJECT_ROOT,
  readBuildInfo,
  sourceHash,
} from "../../lib/cli/_npm_build.ts";
import {
  entryPoints,
  packageJson,
  readDenoManifest,
} from "../../lib/cli/_npm_package.ts";
import { ConfigError } from "../../lib/_shared/errors.ts";
import { capture } from "./_capture.ts";

const DENO_JSON = await readFile(join(PROJECT_ROOT, "deno.json"), "utf8");

Deno.test("readDenoManifest() pins every npm import of deno.json at its exact version", () => {
  const m = readDenoManifest(DENO_JSON);
  const imports: Record<string, string> = JSON.parse(DENO_JSON).imports;
  for (const spec of Object.values(imports)) {
    const [, name, version] = spec.match(/^npm:(@?[^@]+)@([^/]+)/)!;
    assert.equal(m.dependencies[name], version, name);
  }
  assert.equal(m.version, JSON.parse(DENO_JSON).version);
});

Deno.test("readDenoManifest() rejects ranges, other registries and two versions of a package", () => {
  const bad = (imports: Record<string, string>) =>
    readDenoManifest(JSON.stringify({ version: "1.0.0", imports }));
  assert.throws(
    () => bad({ zod: "npm:zod@^3.25.0" }),
    (e: unknown) =>
      e instanceof ConfigError && e.path === "imports.zod" &&
      /exactly pinned npm: specifier/.test(e.message),
  );
  assert.throws(() => bad({ zod: "https://esm.sh/zod@3.25.0" }), ConfigError);
  assert.throws(
    () => bad({ a: "npm:a@1.0.0", "a/b": "npm:a@1.0.1/b" }),
    /one version of a \(1\.0\.0 elsewhere\)/,
  );
  assert.throws(
    () => readDenoManifest('{"imports": {}}'),
    /field "version"/,
  );
});

Deno.test("packageJson(): one entry point per domain, types for exports and for typesVersions", () => {
  const entries = entryPoints(["_shared", "cli", "data", "metrics"]);
  assert.deepEqual(entries, [
    { subpath: "", module: "mod" },
    { subpath: "data", module: "data/mod" },
    { subpath: "metrics", module: "metrics/mod" },
  ]);
  const pkg = packageJson(readDenoManifest(DENO_JSON), entries);
  assert.equal(pkg.type, "module");
  assert.deepEqual((pkg.exports as Record<string, unknown>)["./metrics"], {
    types: "./metrics/mod.d.ts",
    default: "./metrics/mod.js",
  });
  assert.deepEqual(pkg.typesVersions, {
    "*": { data: ["data/mod.d.ts"], metrics: ["metrics/mod.d.ts"] },
  });
});

Deno.test("dist/: built from lib/, with deno.json's dependencies, every entry point and its types", async () => {
  const { out, info } = await ensureNpmBuild();
  const again = await ensureNpmBuild();
  assert.equal(again.built, false, "a current build is kept");
  assert.equal(info.sourceHash, await sourceHash());
  const pkg = JSON.parse(await readFile(join(out, "package.json"), "utf8"));
  assert.deepEqual(pkg.dependencies, readDenoManifest(DENO_JSON).dependencies);
  const exports = Object.entries(pkg.exports as Record<string, unknown>)
    .filter(([k]) => k !== "./package.json");
  for (const d of ["data", "metrics", "walkforward", "sanity", "report"]) {
    assert.ok(pkg.exports[`./${d}`], d);
  }
  assert.ok(!pkg.exports["./cli"], "the CLI is not packaged");
  for (const [, target] of exports) {
    const t = target as { types: string; default: string };
    assert.ok((await stat(join(out, t.types))).isFile(), t.types);
    assert.ok((await stat(join(out, t.default))).isFile(), t.default);
  }
  const r = await runCommand("node", [
    "-e",
    `import(${
      JSON.stringify(join(out, "metrics", "mod.js"))
    }).then((m) => console.log(m.sharpeRatio(Float64Array.of(0.01, -0.02, 0.03))))`,
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(Number(r.stdout), 4.205259864302774);
});

Deno.test("sourceHash() changes with a packaged source or deno.json's imports, not with the CLI or tasks", async () => {
  const root = await makeTempDir("tradelab-hash-");
  try {
    await mkdir(join(root, "lib", "metrics"), { recursive: true });
    await cp(join(PROJECT_ROOT, "lib", "cli"), join(root, "lib", "cli"), {
      recursive: true,
    });
    await writeFile(
      join(root, "lib", "metrics", "x.ts"),
      "export const x = 1;\n",
    );
    await writeFile(join(root, "deno.json"), DENO_JSON);
    const h0 = await sourceHash(root);
    await writeFile(join(root, "lib", "cli", "other.ts"), "// cli only\n");
    assert.equal(await sourceHash(root), h0);
    await writeFile(
      join(root, "lib", "metrics", "x.ts"),
      "export const x = 2;\n",
    );
    const h1 = await sourceHash(root);
    assert.notEqual(h1, h0);
    const deno = JSON.parse(DENO_JSON);
    deno.tasks.extra = "deno run lib/cli/extra.ts";
    await writeFile(join(root, "deno.json"), JSON.stringify(deno));
    assert.equal(await sourceHash(root), h1);
    deno.imports.zod = "npm:zod@3.25.75";
    await writeFile(join(root, "deno.json"), JSON.stringify(deno));
    assert.notEqual(await sourceHash(root), h1);
    assert.equal(await readBuildInfo(root), null);
  } finally {
    await rm(root, { recursive: true });
  }
});

Deno.test("build:npm task: --help, bad flags exit 2, a current build is reported", async () => {
  const help = await capture(main, ["--help"]);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--force/);
  const bad = await capture(main, ["--bogus"]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /bogus/);
  await ensureNpmBuild();
  const ran = await capture(main, []);
  assert.equal(ran.code, 0, ran.stderr);
  assert.match(
    ran.stdout,
    /dist is current \(tradelab \d+\.\d+\.\d+, \d+ files/,
  );
});
