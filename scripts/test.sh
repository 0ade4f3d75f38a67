#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs what is missing, then lint, unit tests, types,
# production builds, the published packages' checks and release round trip, and the end-to-end
# contract in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/quiet-env.sh
started=$SECONDS
phase() { echo "› [$((SECONDS - started)) s] $*"; }

phase "setup: pnpm, the workspace's dependencies, Debian's chromium, Django OAuth Toolkit, Redis"
bash scripts/setup.sh --test
phase "lint and format (biome)"
pnpm exec biome check .
# Every app differs from the baseline app only where its IdP does; docs/app-shape/*.diff says where.
phase "app shape"
pnpm app-shape --check
# A change to a published package needs a changeset (a no-op, said so, with no base to compare to).
phase "changesets"
pnpm check:changesets
# Unit tests start real processes (redis-server, the emulator CLIs, the real Django OAuth Toolkit):
# one package at a time, in a phase of their own, so they never compete with next build for the cores.
phase "unit tests, one package at a time"
pnpm exec turbo run test --concurrency=1 --output-logs=errors-only
# check:package packs each published package and checks the tarball (contents, publint, attw).
phase "type checks, production builds, package checks"
pnpm exec turbo run typecheck build check:package --output-logs=errors-only
# Publishes the packages to a local registry and installs them into a fresh Next.js app.
phase "release round trip through a local registry"
pnpm exec turbo run round-trip --filter=@idp-gallery/release-check --output-logs=full
# --continue: one failing suite still lets the others run, so a CI log shows every failure at once.
phase "end-to-end: the contract per app, the gallery run, the portal"
pnpm exec turbo run e2e --concurrency=1 --continue --output-logs=full
phase "bench smoke"
BENCH_SMOKE=1 pnpm exec turbo run bench --output-logs=errors-only
phase "all tests passed"
