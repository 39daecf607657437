#!/usr/bin/env bash
# Install code-server (VS Code 1.100.3 server + web workbench) into a cache folder outside the
# repository, without running its install scripts (they download ripgrep, which fails offline).
# The manual steps mirror code-server's postinstall.sh; see /work/shared/notes/real-editors.md.
#
# Needs: Node 20 with headers, the Debian packages from scripts/e2e/apt-deps.sh, the npm registry.
# Idempotent: exits early when the cached install already starts.
# Usage: scripts/e2e/install-code-server.sh [--force]
# Prints nothing on stdout but the path of the code-server entry point (last line).
set -euo pipefail

VERSION="${CODE_SERVER_VERSION:-4.100.3}"
CACHE="${HARDEN_E2E_CACHE:-$HOME/.cache/harden-e2e}"
PREFIX="$CACHE/code-server-$VERSION"
PKG="$PREFIX/node_modules/code-server"
VSCODE="$PKG/lib/vscode"
BIN="$PKG/out/node/entry.js"
STAMP="$PREFIX/.harden-installed"

log() { echo "install-code-server: $*" >&2; }

works() {
  [[ -f "$STAMP" && -f "$BIN" ]] || return 1
  # code-server writes a default config on first run: keep that out of $HOME.
  local tmp out
  tmp="$(mktemp -d)"
  out="$(XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" node "$BIN" --version 2>/dev/null)" || true
  rm -rf "$tmp"
  grep -q "^$VERSION .* with Code " <<<"$out"
}

if [[ "${1:-}" != "--force" ]] && works; then
  log "code-server $VERSION already installed in $PREFIX"
  echo "$BIN"
  exit 0
fi

command -v rg >/dev/null || { log "ripgrep missing: run scripts/e2e/apt-deps.sh"; exit 1; }
command -v make >/dev/null || { log "build tools missing: run scripts/e2e/apt-deps.sh"; exit 1; }

NODE_PREFIX="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
[[ -f "$NODE_PREFIX/include/node/node.h" ]] || { log "Node headers not found under $NODE_PREFIX/include/node"; exit 1; }

rm -f "$STAMP"
mkdir -p "$PREFIX"
cd "$PREFIX"
[[ -f package.json ]] || echo '{ "name": "harden-e2e-code-server", "private": true }' > package.json

# 1. The package itself, scripts off; argon2 then builds from source.
log "npm install code-server@$VERSION (scripts off)"
npm install --no-audit --no-fund --ignore-scripts --omit=dev "code-server@$VERSION" >&2
log "npm rebuild argon2"
npm_config_nodedir="$NODE_PREFIX" npm rebuild argon2 >&2

# 2. VS Code's own dependencies; ripgrep comes from Debian, native modules build against local headers.
cd "$VSCODE"
log "npm install in lib/vscode (scripts off)"
npm install --no-audit --no-fund --omit=dev --ignore-scripts >&2
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sfn "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
log "npm rebuild in lib/vscode (native modules)"
npm_config_nodedir="$NODE_PREFIX" npm_config_yes=true npm rebuild >&2

# 3. The symlinks postinstall.sh would create, then the built-in extensions' dependencies.
ln -sfn node_modules node_modules.asar
ln -sfn code-linux.sh bin/remote-cli/code-server
ln -sfn browser-linux.sh bin/helpers/browser.sh
log "npm install in lib/vscode/extensions"
(cd extensions && npm install --no-audit --no-fund --omit=dev >&2)

touch "$STAMP"
works || { log "installed, but '$BIN --version' does not report $VERSION"; exit 1; }
log "code-server $VERSION ready in $PREFIX ($(du -sh "$PREFIX" | cut -f1))"
echo "$BIN"
