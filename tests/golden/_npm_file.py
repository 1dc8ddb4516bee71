"""Path of a file inside a pinned npm package, for the golden generators.

deno.json sets "nodeModulesDir": "none", so Deno keeps npm packages in its own cache
($DENO_DIR, else $XDG_CACHE_HOME/deno, else ~/.cache/deno) under
npm/registry.npmjs.org/<package>/<version>/; a project-local node_modules/.deno (the
"auto" layout) is used when present. Run any Deno task once first so the package is cached.
"""
import os

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")


def npm_file(package, version, *parts):
    local = os.path.join(ROOT, "node_modules", ".deno",
                         f"{package.replace('/', '+')}@{version}", "node_modules", package)
    cache = os.environ.get("DENO_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser(os.path.join("~", ".cache")),
        "deno")
    for base in (local, os.path.join(cache, "npm", "registry.npmjs.org", package, version)):
        path = os.path.join(base, *parts)
        if os.path.isfile(path):
            return path
    raise SystemExit(f"Cannot find {package}@{version}/{'/'.join(parts)}: "
                     "run `deno install` in the project first")
