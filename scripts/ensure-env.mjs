// Creates each app's .env.local from its .env.example on first install, with a fresh AUTH_SECRET,
// so a fresh clone runs against the emulators with no manual step. Never overwrites a file.
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const appsDir = new URL("../apps/", import.meta.url).pathname;

for (const app of existsSync(appsDir) ? readdirSync(appsDir) : []) {
  const example = join(appsDir, app, ".env.example");
  const local = join(appsDir, app, ".env.local");
  if (!existsSync(example) || existsSync(local)) continue;
  const text = readFileSync(example, "utf8").replace(
    /^AUTH_SECRET=.*$/m,
    `AUTH_SECRET=${randomBytes(32).toString("base64url")}`,
  );
  writeFileSync(local, text, { mode: 0o600 });
  console.log(`created apps/${app}/.env.local from .env.example`);
}
