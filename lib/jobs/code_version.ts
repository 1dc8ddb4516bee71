/**
 * Which code ran: the version in `deno.json`, the git commit, and when the working tree
 * has uncommitted changes, a dirty flag with a hash of the changed files' contents. Every
 * run manifest carries it, so a stored number can be traced to the exact code.
 *
 * In the npm package (`deno task build:npm`) there is no checkout: the build records
 * the description of the code it compiled in `build_info.json` at the package root, and
 * that is what the package reports.
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import { runCommand } from "../_shared/runtime.ts";
import { hashColumns } from "../_shared/hash.ts";

/** What {@linkcode describeCode} found. */
export interface CodeDescription {
  /** `version` of `deno.json`, or `"unknown"` when it cannot be read. */
  readonly version: string;
  /** Full commit hash of HEAD; null without git. */
  readonly commit: string | null;
  /** Uncommitted changes (tracked or untracked, not ignored) exist. */
  readonly dirty: boolean;
  /** FNV-1a 64 of the changed files (path, status, content); null when clean. */
  readonly changesHash: string | null;
  /** Changed files counted in `changesHash`. */
  readonly changedFiles: number;
  /** Why there is no commit: the git command is missing, or this is no checkout. */
  readonly noGit: string | null;
}

const PROJECT_ROOT = new URL("../../", import.meta.url);
/** Present only in the built npm package (lib/jobs/ is then `<package>/jobs/`). */
const BUILD_INFO = new URL("../build_info.json", import.meta.url);

/** The code the npm package was built from, or null outside the package. */
async function builtCode(): Promise<CodeDescription | null> {
  let text: string;
  try {
    text = await readFile(BUILD_INFO, "utf8");
  } catch {
    return null;
  }
  const code = JSON.parse(text)?.code;
  if (typeof code?.version !== "string" || !("commit" in code)) {
    throw new Error(
      `Cannot read the code version from ${BUILD_INFO.pathname}: expected a "code" object with version and commit`,
    );
  }
  return code as CodeDescription;
}

async function git(
  root: string | URL,
  args: string[],
): Promise<{ ok: boolean; out: string } | "missing"> {
  const r = await runCommand("git", args, { cwd: toDirUrl(root) });
  if (r.notFound) return "missing";
  return { ok: r.code === 0, out: r.stdout };
}

async function readVersion(root: string | URL): Promise<string> {
  try {
    const url = new URL("deno.json", toDirUrl(root));
    const v = JSON.parse(await readFile(url, "utf8")).version;
    return typeof v === "string" && v !== "" ? v : "unknown";
  } catch {
    return "unknown";
  }
}

function toDirUrl(root: string | URL): URL {
  if (root instanceof URL) return root;
  const abs = root.endsWith("/") ? root : `${root}/`;
  return new URL(`file://${abs.startsWith("/") ? "" : "/"}${abs}`);
}

/** Paths of `git status --porcelain -z` entries (renames: the new path). */
function changedPaths(z: string): { status: string; path: string }[] {
  const parts = z.split("\0").filter((p) => p !== "");
  const out: { status: string; path: string }[] = [];
  for (let i = 0; i < parts.length; i++) {
    const status = parts[i].slice(0, 2), path = parts[i].slice(3);
    out.push({ status, path });
    if (status.includes("R") || status.includes("C")) i++; // skip the old path
  }
  return out.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}

async function hashChanges(
  root: string | URL,
  changes: readonly { status: string; path: string }[],
): Promise<string> {
  const parts: (string | Uint8Array)[] = [];
  for (const c of changes) {
    parts.push(c.path, c.status);
    try {
      parts.push(await readFile(new URL(c.path, toDirUrl(root))));
    } catch {
      parts.push("<missing>");
    }
  }
  return hashColumns(parts);
}

/**
 * Describe the code in `root`: version, commit, dirty flag and changes hash.
 *
 * @param root The project directory. @default this project (in the npm package: the
 * code it was built from)
 * @returns The description; never throws for a missing git or a non-checkout.
 */
export async function describeCode(
  root?: string | URL,
): Promise<CodeDescription> {
  if (root === undefined) {
    const built = await builtCode();
    if (built !== null) return built;
    root = PROJECT_ROOT;
  }
  const version = await readVersion(root);
  const none = (noGit: string): CodeDescription => ({
    version,
    commit: null,
    dirty: false,
    changesHash: null,
    changedFiles: 0,
    noGit,
  });
  const head = await git(root, ["rev-parse", "HEAD"]);
  if (head === "missing") return none("the git command is missing");
  if (!head.ok) return none("not a git checkout");
  const commit = head.out.trim();
  const status = await git(root, [
    "status",
    "--porcelain=v1",
    "-z",
    "--untracked-files=all",
  ]);
  if (status === "missing" || !status.ok) {
    throw new Error(`Cannot read the git status of ${String(root)}`);
  }
  const changes = changedPaths(status.out);
  return {
    version,
    commit,
    dirty: changes.length > 0,
    changesHash: changes.length > 0 ? await hashChanges(root, changes) : null,
    changedFiles: changes.length,
    noGit: null,
  };
}

/**
 * The code version as stored in manifests: `0.1.0+<commit>` for a clean checkout,
 * `0.1.0+<commit>.dirty.<16 hex of the changed files>` with uncommitted changes, and
 * `0.1.0 (no git: <why>)` without git. Never a silent "unknown".
 *
 * @param d A description from {@linkcode describeCode}.
 * @returns The version text.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatCodeVersion } from "./code_version.ts";
 * const d = { version: "0.1.0", commit: "abc", dirty: true, changesHash: "00ff", changedFiles: 1, noGit: null };
 * assert.equal(formatCodeVersion(d), "0.1.0+abc.dirty.00ff");
 * assert.equal(formatCodeVersion({ ...d, commit: null, noGit: "not a git checkout" }), "0.1.0 (no git: not a git checkout)");
 * ```
 */
export function formatCodeVersion(d: CodeDescription): string {
  if (d.commit === null) return `${d.version} (no git: ${d.noGit})`;
  return d.dirty
    ? `${d.version}+${d.commit}.dirty.${d.changesHash}`
    : `${d.version}+${d.commit}`;
}

/**
 * The code version of this project (see {@linkcode formatCodeVersion}).
 *
 * @param root The project directory. @default this project (in the npm package: the
 * code it was built from)
 * @returns The version text.
 */
export async function codeVersion(
  root?: string | URL,
): Promise<string> {
  return formatCodeVersion(await describeCode(root));
}
