/**
 * Where Jupyter keeps kernel specs, as the set-up checks them: Jupyter's user folder and
 * search path (jupyter_core's rules on Linux), and the kernel spec Jupyter would pick.
 *
 * @module
 */
import { join } from "node:path";
import type { SetupHost } from "./_setup_host.ts";

/**
 * Jupyter's user data folder as jupyter_core computes it on Linux:
 * `$JUPYTER_DATA_DIR`, else `$XDG_DATA_HOME/jupyter`, else `~/.local/share/jupyter`.
 */
export function jupyterUserDir(host: SetupHost): string | null {
  const data = host.env("JUPYTER_DATA_DIR");
  if (data) return data;
  const xdg = host.env("XDG_DATA_HOME");
  if (xdg) return join(xdg, "jupyter");
  const home = host.env("HOME");
  return home ? join(home, ".local", "share", "jupyter") : null;
}

/**
 * The kernel spec file `kernels/NAME/kernel.json` that Jupyter would use (first in its
 * search path: user folder, `$JUPYTER_PATH`, `/usr/local/share/jupyter`,
 * `/usr/share/jupyter`), provided the program it starts exists; else null.
 */
export function findKernelSpec(host: SetupHost, name: string): string | null {
  const dirs = [
    jupyterUserDir(host),
    ...(host.env("JUPYTER_PATH") ?? "").split(":"),
    "/usr/local/share/jupyter",
    "/usr/share/jupyter",
  ];
  for (const dir of dirs) {
    if (!dir) continue;
    const path = join(dir, "kernels", name, "kernel.json");
    const text = host.readText(path);
    if (text === null) continue;
    try {
      const program = JSON.parse(text).argv?.[0];
      if (typeof program !== "string") return null;
      const ok = program.includes("/")
        ? host.isFile(program)
        : host.which(program) !== null;
      return ok ? path : null;
    } catch {
      return null; // an unreadable spec is Jupyter's choice too: reinstall it
    }
  }
  return null;
}
