#!/usr/bin/env bash
# Installs what the gallery needs on a fresh machine (Node 20+ and npm; root for system packages).
# Safe to run again: it only installs what is missing. `--test` also installs what the tests need.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/quiet-env.sh

want_pnpm=$(node -p "require('./package.json').packageManager.split('@')[1]")
if [ "$(pnpm --version 2>/dev/null || true)" != "$want_pnpm" ]; then
  echo "› installing pnpm $want_pnpm (corepack cannot verify current pnpm releases here)"
  npm install --global --no-fund --no-audit "pnpm@$want_pnpm"
fi

# Node 22 LTS arrives as a dev dependency (the npm `node` package); every pnpm script runs on it.
echo "› installing the workspace's dependencies (pnpm install)"
if [ -n "${CI:-}" ]; then pnpm install --frozen-lockfile; else pnpm install; fi

apt_install() {
  local missing=()
  # Installed means "installed", not a package removed with only its config files left.
  for pkg in "$@"; do
    [ "$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null)" = "installed" ] || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo="sudo"; else
      echo "✗ missing Debian packages: ${missing[*]}. Run as root, or: sudo apt-get install -y ${missing[*]}" >&2
      exit 1
    fi
  fi
  echo "› installing Debian packages: ${missing[*]}"
  $sudo apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null ||
    { $sudo apt-get update -qq && $sudo apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null; }
}

if [ "${1:-}" = "--test" ]; then
  # Playwright's browser download cannot work offline: the tests drive Debian's Chromium, and the
  # real Django OAuth Toolkit 1.7.0 comes from Debian too; Redis backs django-sso's shared revocations.
  apt_install chromium python3-django-oauth-toolkit redis-server
fi
echo "✓ setup complete"
