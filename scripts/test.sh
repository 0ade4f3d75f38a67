#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs what is missing, then lint, types, unit tests,
# production builds and the end-to-end contract in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export NEXT_TELEMETRY_DISABLED=1
pnpm exec biome check .
pnpm exec turbo run typecheck test build --output-logs=errors-only
pnpm exec turbo run e2e --concurrency=1 --output-logs=full
