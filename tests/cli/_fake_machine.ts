/**
 * Test helper: a fake machine for the set-up (`lib/cli/setup.ts`). Files and `PATH` live
 * in memory; `apt-get`, `sudo`, `npm` and `deno jupyter --install` act on them the way the
 * real programs would (or fail the way they do when offline or without a password), and
 * every command run is recorded.
 */
import { join } from "node:path";
import type { RunResult, SetupHost } from "../../lib/cli/_setup_host.ts";
import type { SetupContext } from "../../lib/cli/_setup_requirements.ts";

/** The project root and Deno of the fake machine. */
export const CTX: SetupContext = {
  root: "/fakehome/ana/tradelab",
  deno: "/fakehome/ana/.npm/_npx/1a2b/node_modules/deno/deno",
};

/** What each Debian package puts on `PATH`. */
const APT_BINARIES: Record<string, readonly string[]> = {
  "jupyter-nbconvert": ["jupyter", "jupyter-nbconvert"],
  "jupyter-client": ["jupyter-kernelspec", "jupyter-run"],
  "python3-nbclient": ["jupyter-execute"],
  chromium: ["chromium"],
  "redis-server": ["redis-server"],
  openssl: ["openssl"],
};

const ok = (stdout = ""): RunResult => ({ code: 0, stdout, stderr: "" });
const fail = (code: number, stderr: string): RunResult => ({
  code,
  stdout: "",
  stderr,
});

/** A Debian machine with Node/npm and whatever the test adds. */
export class FakeMachine implements SetupHost {
  readonly files = new Map<string, string>();
  readonly vars: Record<string, string> = { HOME: "/fakehome/ana" };
  /** Every command run, as one string (`apt-get install -y ...`). */
  readonly calls: string[] = [];
  user = 0;
  online = true;
  hasApt = true;
  /** The Jupyter user folder cannot be written (`deno jupyter --install` fails). */
  readOnlyHome = false;
  /** `sudo -n` works (passwordless sudo); null = no sudo at all. */
  sudo: boolean | null = null;

  constructor() {
    this.files.set(CTX.deno, "#!elf");
    for (const b of ["node", "npm", "sh"]) this.files.set(`/usr/bin/${b}`, "");
  }

  /** Install Debian packages without recording a call. */
  addPackages(...packages: string[]): this {
    for (const p of packages) {
      for (const b of APT_BINARIES[p] ?? []) {
        this.files.set(`/usr/bin/${b}`, "");
      }
    }
    return this;
  }

  /** The kernel spec `deno jupyter --install` writes. */
  kernelSpecPath(name = "deno"): string {
    return `${this.vars.HOME}/.local/share/jupyter/kernels/${name}/kernel.json`;
  }

  env(name: string): string | undefined {
    return this.vars[name];
  }
  which(cmd: string): string | null {
    if (cmd === "apt-get" && !this.hasApt) return null;
    if (cmd === "apt-get") return "/usr/bin/apt-get";
    if (cmd === "sudo") return this.sudo === null ? null : "/usr/bin/sudo";
    return this.files.has(`/usr/bin/${cmd}`) ? `/usr/bin/${cmd}` : null;
  }
  isFile(path: string): boolean {
    return this.files.has(path);
  }
  readText(path: string): string | null {
    return this.files.get(path) ?? null;
  }
  writeText(path: string, text: string): Promise<void> {
    this.files.set(path, text);
    return Promise.resolve();
  }
  uid(): number | null {
    return this.user;
  }

  run(
    cmd: string,
    args: readonly string[],
    env?: Readonly<Record<string, string>>,
  ): Promise<RunResult> {
    const envText = env
      ? Object.entries(env).map(([k, v]) => `${k}=${v} `).join("")
      : "";
    this.calls.push(`${envText}${[cmd, ...args].join(" ")}`);
    return Promise.resolve(this.#act(cmd, [...args]));
  }

  #act(cmd: string, args: string[]): RunResult {
    if (cmd === "sudo") {
      if (!this.sudo) return fail(1, "sudo: a password is required");
      if (args[1] === "true") return ok();
      return this.#apt(args.slice(4)); // -n env DEBIAN_FRONTEND=... apt-get ARGS
    }
    if (cmd === "apt-get") {
      return this.user === 0 ? this.#apt(args) : fail(
        100,
        "E: Could not open lock file - open (13: Permission denied)",
      );
    }
    if (cmd === CTX.deno && args.join(" ") === "jupyter --install --force") {
      if (this.readOnlyHome) {
        const dir = this.kernelSpecPath().replace(/\/kernel\.json$/, "");
        return fail(
          1,
          'Warning "deno jupyter" is unstable and might change in the future.\n' +
            `error: Failed to create kernel directory at ${dir}\n\nCaused by:\n` +
            "    Permission denied (os error 13)\n\nStack backtrace:\n   0: <unknown>\n",
        );
      }
      const spec = {
        argv: [CTX.deno, "jupyter", "--kernel", "--conn", "{connection_file}"],
        display_name: "Deno",
        language: "typescript",
      };
      this.files.set(this.kernelSpecPath(), JSON.stringify(spec));
      return ok();
    }
    if (cmd === "npm" && args[0] === "install") {
      if (!this.online) {
        return fail(
          1,
          "npm error code ENOTFOUND\nnpm error network request failed",
        );
      }
      const prefix = args[args.indexOf("--prefix") + 1];
      this.files.set(join(prefix, "node_modules", ".bin", "tslab"), "");
      return ok();
    }
    return fail(127, `${cmd}: command not found`);
  }

  #apt(args: string[]): RunResult {
    if (args[0] === "update") {
      return this.online ? ok() : ok(
        "W: Failed to fetch http://deb.debian.org/debian/dists/bookworm/InRelease" +
          "  Temporary failure resolving 'deb.debian.org'",
      );
    }
    const packages = args.filter((a) => !a.startsWith("-")).slice(1);
    if (!this.online) {
      return fail(100, `E: Unable to locate package ${packages[0]}`);
    }
    this.addPackages(...packages);
    return ok();
  }
}
