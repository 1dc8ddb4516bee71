/**
 * What the tests need from the machine, as a declarative list: each {@linkcode Requirement}
 * says how to see that it is present (fast: `PATH` and file checks, no subprocess), how the
 * set-up installs it (apt packages, or commands and files that need no root), and what to
 * tell a user who has to install it by hand. `deno task test` runs the set-up over
 * {@linkcode REQUIREMENTS} before the tests; adding a requirement is adding one entry.
 *
 * @module
 */
import { join } from "node:path";
import type { SetupHost } from "./_setup_host.ts";
import { findKernelSpec, jupyterUserDir } from "./_setup_jupyter_paths.ts";

/** Where the set-up runs from. */
export interface SetupContext {
  /** Absolute path of the project root (holds `deno.json`). */
  readonly root: string;
  /** Absolute path of the running Deno (the Deno kernel spec runs this one). */
  readonly deno: string;
}

/** One step of a requirement's own installer (no root needed). */
export type InstallStep =
  | {
    readonly kind: "run";
    readonly cmd: string;
    readonly args: readonly string[];
  }
  | { readonly kind: "write"; readonly path: string; readonly text: string };

/** Something the tests need, how to check it, how to install it. */
export interface Requirement {
  /** Short id (`deno task setup --only ID`). */
  readonly id: string;
  /** What it is, as printed ("Chromium"). */
  readonly name: string;
  /** True when present. Must be fast: `PATH` lookups and file reads only. */
  present(host: SetupHost, ctx: SetupContext): boolean;
  /** Debian/Ubuntu packages that provide it (installed together with apt-get). */
  readonly apt?: readonly string[];
  /** Otherwise the steps that install it, run in order. */
  steps?(host: SetupHost, ctx: SetupContext): readonly InstallStep[];
  /** Programs the steps need on `PATH` (e.g. `npm`). */
  readonly uses?: readonly string[];
  /** How to install it by hand where apt-get is not available. */
  readonly hint: string;
}

/** The pinned tslab the tslab kernel runs (see issue 17). */
export const TSLAB_VERSION = "1.0.22";

const onPath = (host: SetupHost, cmds: readonly string[]) =>
  cmds.every((c) => host.which(c) !== null);

/** Jupyter's nbconvert, client and nbclient: `deno task notebooks` executes notebooks. */
export const JUPYTER: Requirement = {
  id: "jupyter",
  name: "Jupyter nbconvert/nbclient",
  present: (host) =>
    onPath(host, [
      "jupyter",
      "jupyter-nbconvert",
      "jupyter-kernelspec",
      "jupyter-execute",
    ]),
  apt: ["jupyter-nbconvert", "jupyter-client", "python3-nbclient"],
  hint: "pip install nbconvert nbclient jupyter_client " +
    "(the commands jupyter-nbconvert, jupyter-kernelspec and jupyter-execute on PATH)",
};

/** Headless Chromium: the browser tests open every report. */
export const CHROMIUM: Requirement = {
  id: "chromium",
  name: "Chromium",
  present: (host) =>
    host.which("chromium") !== null || host.which("chromium-browser") !== null,
  apt: ["chromium"],
  hint:
    "install Chromium so that `chromium` or `chromium-browser` is on PATH " +
    "(Ubuntu: snap install chromium)",
};

/** The Deno Jupyter kernel spec (`deno jupyter --install`), reinstalled when broken. */
export const DENO_KERNEL: Requirement = {
  id: "deno-kernel",
  name: "Deno Jupyter kernel",
  present: (host) => findKernelSpec(host, "deno") !== null,
  steps: (_host, ctx) => [
    { kind: "run", cmd: ctx.deno, args: ["jupyter", "--install", "--force"] },
  ],
  hint: "deno jupyter --install --force",
};

/**
 * The tslab Jupyter kernel (TypeScript on Node), which runs `notebooks/tslab/`: tslab
 * from npm in the project's git-ignored `.tools/` folder and a hand-written kernel spec
 * `kernels/tslab/kernel.json` in Jupyter's user folder (tslab's own installer needs
 * Python's `jupyter` module). Present when a spec names an existing tslab.
 */
export const TSLAB: Requirement = {
  id: "tslab",
  name: `tslab ${TSLAB_VERSION} Jupyter kernel`,
  present: (host) => findKernelSpec(host, "tslab") !== null,
  uses: ["npm"],
  steps(host, ctx) {
    const tools = join(ctx.root, ".tools");
    const dir = jupyterUserDir(host);
    if (dir === null) {
      throw new Error("neither JUPYTER_DATA_DIR nor HOME is set");
    }
    const spec = {
      argv: [
        join(tools, "node_modules", ".bin", "tslab"),
        "kernel",
        "--config-path",
        "{connection_file}",
      ],
      display_name: "TypeScript",
      language: "typescript",
    };
    return [
      {
        kind: "run",
        cmd: "npm",
        args: [
          "install",
          "--prefix",
          tools,
          "--save-exact",
          "--no-audit",
          "--no-fund",
          `tslab@${TSLAB_VERSION}`,
        ],
      },
      {
        kind: "write",
        path: join(dir, "kernels", "tslab", "kernel.json"),
        text: JSON.stringify(spec, null, 2) + "\n",
      },
    ];
  },
  hint: `npm install --prefix .tools tslab@${TSLAB_VERSION}, then write ` +
    "~/.local/share/jupyter/kernels/tslab/kernel.json " +
    '({"argv": ["<project>/.tools/node_modules/.bin/tslab", "kernel", ' +
    '"--config-path", "{connection_file}"], "display_name": "TypeScript", ' +
    '"language": "typescript"})',
};

/**
 * Redis: each queue test (tests/jobs/queue_test.ts) starts its own `redis-server` on a
 * free loopback port, without persistence, and stops it at the end.
 */
export const REDIS: Requirement = {
  id: "redis",
  name: "Redis server",
  present: (host) => host.which("redis-server") !== null,
  apt: ["redis-server"],
  hint:
    "install Redis so that `redis-server` is on PATH (macOS: brew install redis)",
};

/**
 * OpenSSL: the queue's TLS test (tests/jobs/queue_tls_test.ts) makes a throwaway CA and
 * a server certificate with `openssl` for its own TLS-only redis-server (Debian's
 * redis-server is built with TLS). On Debian the `openssl` command is usually present.
 */
export const OPENSSL: Requirement = {
  id: "openssl",
  name: "OpenSSL command",
  present: (host) => host.which("openssl") !== null,
  apt: ["openssl"],
  hint:
    "install OpenSSL so that `openssl` is on PATH (macOS: brew install openssl)",
};

/** What `deno task test` installs when missing, in this order. */
export const REQUIREMENTS: readonly Requirement[] = [
  JUPYTER,
  CHROMIUM,
  DENO_KERNEL,
  TSLAB,
  REDIS,
  OPENSSL,
];
