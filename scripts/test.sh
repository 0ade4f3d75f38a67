#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs what is missing, then lint, types, unit tests,
# production builds, the published packages' checks and release round trip, and the end-to-end
# contract in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export NEXT_TELEMETRY_DISABLED=1
pnpm exec biome check .
# A change to a published package needs a changeset (a no-op, said so, with no base to compare to).
pnpm check:changesets
# check:package packs each published package and checks the tarball (contents, publint, attw).
pnpm exec turbo run typecheck test build check:package --output-logs=errors-only
# Publishes the packages to a local registry and installs them into a fresh Next.js app.
pnpm exec turbo run round-trip --filter=@idp-gallery/release-check --output-logs=full
# --continue: one failing suite still lets the others run, so a CI log shows every failure at once.
pnpm exec turbo run e2e --concurrency=1 --continue --output-logs=full
BENCH_SMOKE=1 pnpm exec turbo run bench --output-logs=errors-only
