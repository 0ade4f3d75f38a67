#!/usr/bin/env node
// Packs the package in the current folder and checks the tarball as a consumer would get it.
await import("../src/check-package/cli.ts");
