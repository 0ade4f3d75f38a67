#!/usr/bin/env node
// Runs the built CLI when present, else the TypeScript source through Node 22's type stripping.
import { existsSync } from "node:fs";

const built = new URL("../dist/supervise-cli.js", import.meta.url);
const source = new URL("../src/supervise-cli.ts", import.meta.url);

if (existsSync(built)) {
  await import(built.href);
} else {
  const [major, minor] = process.versions.node.split(".").map(Number);
  if (major < 22 || (major === 22 && minor < 18)) {
    console.error(
      `idp-supervise needs Node >= 22.18 to run from source (this is ${process.version}); run "pnpm build" or use the repo's Node.`,
    );
    process.exit(1);
  }
  await import(source.href);
}
