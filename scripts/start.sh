#!/usr/bin/env bash
# Installs what is missing, then starts the portal and every app with its IdP emulator (Ctrl-C stops
# everything).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/quiet-env.sh
bash scripts/setup.sh
pnpm exec node scripts/print-urls.mjs
# Every app and its emulator, plus the portal, are persistent tasks: more than turbo's default 10.
exec pnpm exec turbo run dev --concurrency=16
