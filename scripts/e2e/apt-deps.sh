#!/usr/bin/env bash
# Debian packages the real-editor tests need:
#   build-essential python3 pkg-config libkrb5-dev  native modules of code-server (argon2, node-pty, kerberos)
#   ripgrep                                          code-server's search (its own download fails offline)
#   chromium fonts-dejavu-core                       the browser that drives code-server's workbench
#   neovim                                           the second LSP client (0.7 in Debian bookworm)
# Usage: scripts/e2e/apt-deps.sh          install what is missing (needs root or sudo)
#        scripts/e2e/apt-deps.sh --list   print the package names and exit
set -euo pipefail

PACKAGES=(build-essential python3 pkg-config libkrb5-dev ripgrep chromium fonts-dejavu-core neovim)

if [[ "${1:-}" == "--list" ]]; then
  printf '%s\n' "${PACKAGES[@]}"
  exit 0
fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "apt-deps: all ${#PACKAGES[@]} packages already installed"
  exit 0
fi

SUDO=()
if [[ $(id -u) -ne 0 ]]; then SUDO=(sudo); fi

echo "apt-deps: installing ${missing[*]}"
"${SUDO[@]}" apt-get update
DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
