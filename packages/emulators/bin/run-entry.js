// Runs a built entry (dist/<name>.js) when present, else its TypeScript source through Node 22's type stripping.
import { existsSync } from "node:fs";

export async function runEntry(name, command) {
  const built = new URL(`../dist/${name}.js`, import.meta.url);
  if (existsSync(built)) return import(built.href);
  const [major, minor] = process.versions.node.split(".").map(Number);
  if (major < 22 || (major === 22 && minor < 18)) {
    console.error(
      `${command} needs Node >= 22.18 to run from source (this is ${process.version}); run "pnpm build" or use the repo's Node.`,
    );
    process.exit(1);
  }
  return import(new URL(`../src/${name}.ts`, import.meta.url).href);
}
