/**
 * The set-up engine: probe every requirement, install the missing ones (apt packages in
 * one `apt-get install` as root or through passwordless sudo, then each requirement's own
 * steps), check each again, print one line per thing installed, and where something
 * cannot be installed print one message saying what to install and how.
 *
 * @module
 */
import { basename } from "node:path";
import type { CliIo } from "./_cli.ts";
import type { RunResult, SetupHost } from "./_setup_host.ts";
import type {
  InstallStep,
  Requirement,
  SetupContext,
} from "./_setup_requirements.ts";

/** A requirement that could not be installed, why, and whether apt-get could do it. */
interface Failure {
  readonly req: Requirement;
  readonly why: string;
  /** True when running apt-get (as root, online) would install it. */
  readonly apt?: boolean;
}

/** How apt-get is run here: as root, through `sudo -n`, or not at all (and why). */
type AptAccess = { readonly sudo: boolean } | { readonly why: string };

const NO_APT = "this machine has no apt-get";
const NO_ROOT =
  "apt-get needs root, and sudo is missing or asks for a password";

/**
 * What a failed command said, in one line: its last output line (stderr last), after
 * Deno's own `error:` line when there is one; a stack backtrace is left out.
 */
function lastLine(r: RunResult): string {
  const text = `${r.stdout}\n${r.stderr}`.split(/^Stack backtrace:/m)[0];
  const lines = text.split("\n").map((l) => l.trim())
    .filter((l) => l !== "" && l !== "Caused by:");
  const last = lines.at(-1) ?? `exit code ${r.code}`;
  const error = lines.find((l) => l.startsWith("error: "));
  const line = error !== undefined && error !== last
    ? `${error}: ${last}`
    : last;
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

async function aptAccess(host: SetupHost): Promise<AptAccess> {
  if (host.which("apt-get") === null) return { why: NO_APT };
  if (host.uid() === 0) return { sudo: false };
  if (host.which("sudo") === null) return { why: NO_ROOT };
  const probe = await host.run("sudo", ["-n", "true"]);
  return probe.code === 0 ? { sudo: true } : { why: NO_ROOT };
}

function aptRun(
  host: SetupHost,
  sudo: boolean,
  args: readonly string[],
): Promise<RunResult> {
  const env = "DEBIAN_FRONTEND=noninteractive";
  return sudo
    ? host.run("sudo", ["-n", "env", env, "apt-get", ...args])
    : host.run("apt-get", args, { DEBIAN_FRONTEND: "noninteractive" });
}

/** Install every apt requirement with one `apt-get install`; return the failures. */
async function installApt(
  reqs: readonly Requirement[],
  host: SetupHost,
  ctx: SetupContext,
  io: CliIo,
): Promise<Failure[]> {
  const fail = (why: string) => reqs.map((req) => ({ req, why, apt: true }));
  const access = await aptAccess(host);
  if ("why" in access) {
    return reqs.map((req) => ({
      req,
      why: access.why,
      apt: access.why !== NO_APT,
    }));
  }
  const update = await aptRun(host, access.sudo, ["update"]);
  if (update.code !== 0) {
    return fail(`apt-get update failed (offline?): ${lastLine(update)}`);
  }
  const packages = reqs.flatMap((r) => r.apt ?? []);
  const install = await aptRun(host, access.sudo, [
    "install",
    "-y",
    "--no-install-recommends",
    ...packages,
  ]);
  if (install.code !== 0) {
    return fail(`apt-get install failed (offline?): ${lastLine(install)}`);
  }
  const failures: Failure[] = [];
  for (const req of reqs) {
    const how = `apt-get install ${req.apt?.join(" ")}`;
    if (req.present(host, ctx)) {
      io.out(`set-up: installed ${req.name} (${how})`);
    } else failures.push({ req, why: `still missing after ${how}` });
  }
  return failures;
}

function describe(steps: readonly InstallStep[]): string {
  return steps.map((s) =>
    s.kind === "run"
      ? [basename(s.cmd), ...s.args].join(" ")
      : `wrote ${s.path}`
  ).join(", ");
}

/** Run one requirement's own steps; return why it failed, or null when installed. */
async function installSteps(
  req: Requirement,
  host: SetupHost,
  ctx: SetupContext,
  io: CliIo,
): Promise<string | null> {
  const lacking = (req.uses ?? []).filter((c) => host.which(c) === null);
  if (lacking.length > 0) return `needs ${lacking.join(", ")} on PATH`;
  let steps: readonly InstallStep[];
  try {
    steps = req.steps?.(host, ctx) ?? [];
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  for (const step of steps) {
    if (step.kind === "write") {
      try {
        await host.writeText(step.path, step.text);
      } catch (e) {
        return `cannot write ${step.path}: ${
          e instanceof Error ? e.message : String(e)
        }`;
      }
      continue;
    }
    const r = await host.run(step.cmd, step.args);
    if (r.code !== 0) return `${describe([step])} failed: ${lastLine(r)}`;
  }
  if (!req.present(host, ctx)) return `still missing after ${describe(steps)}`;
  io.out(`set-up: installed ${req.name} (${describe(steps)})`);
  return null;
}

/** The one message for what could not be installed: why, then what to run. */
function failureMessage(failures: readonly Failure[], host: SetupHost): string {
  const reasons = new Map<string, string[]>();
  for (const f of failures) {
    reasons.set(f.why, [...(reasons.get(f.why) ?? []), f.req.name]);
  }
  const why = [...reasons].map(([w, names]) => `${names.join(", ")}: ${w}`);
  const viaApt = failures.filter((f) => f.apt);
  const byHand = failures.filter((f) => !viaApt.includes(f));
  const how: string[] = [];
  if (viaApt.length > 0) {
    const sudo = host.uid() === 0 ? "" : "sudo ";
    const pkgs = viaApt.flatMap((f) => f.req.apt ?? []).join(" ");
    how.push(
      `${sudo}apt-get update && ${sudo}apt-get install -y --no-install-recommends ${pkgs}`,
    );
  }
  for (const f of byHand) how.push(`${f.req.name}: ${f.req.hint}`);
  return [
    `Cannot set up the tests (${why.join("; ")})`,
    "Install what is missing, then run the tests again:",
    ...how.map((h) => `  ${h}`),
  ].join("\n");
}

/** What {@linkcode setUp} does besides installing. */
export interface SetUpOptions {
  /** Only list what is present and missing; install nothing. @default false */
  readonly check?: boolean;
  /** Say so when nothing is missing. @default false */
  readonly verbose?: boolean;
}

/**
 * Install the missing `reqs` on `host`.
 *
 * @returns Exit code: 0 everything present (or installed), 1 something is still missing
 *   (with `check`: something is missing).
 */
export async function setUp(
  reqs: readonly Requirement[],
  host: SetupHost,
  ctx: SetupContext,
  io: CliIo,
  options: SetUpOptions = {},
): Promise<number> {
  const missing = reqs.filter((r) => !r.present(host, ctx));
  if (options.check) {
    for (const r of reqs) {
      io.out(`${missing.includes(r) ? "missing" : "present"}  ${r.name}`);
    }
    return missing.length > 0 ? 1 : 0;
  }
  if (missing.length === 0) {
    if (options.verbose) {
      io.out(`set-up: present: ${reqs.map((r) => r.name).join(", ")}`);
    }
    return 0;
  }
  const apt = missing.filter((r) => r.apt !== undefined);
  const failures = apt.length > 0 ? await installApt(apt, host, ctx, io) : [];
  for (const req of missing.filter((r) => r.apt === undefined)) {
    const why = await installSteps(req, host, ctx, io);
    if (why !== null) failures.push({ req, why });
  }
  if (failures.length === 0) return 0;
  io.err(failureMessage(failures, host));
  return 1;
}
