#!/usr/bin/env bash
# Installs what is missing, then starts every app with its IdP emulator (Ctrl-C stops everything).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export NEXT_TELEMETRY_DISABLED=1
exec pnpm exec turbo run dev
