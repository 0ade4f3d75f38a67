// Prints every URL `npm start` serves (the portal, each app, each IdP emulator) and the seeded users.
// Runs on the repo's Node 22 (`pnpm exec node`), which loads TypeScript directly: the IdP registry
// (packages/registry) for each app's folder, and the portal's cards, derived from it, for the URLs.
import { existsSync, readFileSync } from "node:fs";

const root = new URL("../", import.meta.url);
const { idps } = await import(new URL("packages/registry/src/idps.ts", root).href);
const { gallery, portalUrl } = await import(new URL("apps/portal/src/gallery.ts", root).href);
const { users } = JSON.parse(
  readFileSync(new URL("packages/emulators/fixtures/users.json", root), "utf8"),
);
const passwords = users.map((user) => `${user.username} / ${user.password}`).join(", ");

const rows = [
  ["", "URL", "IdP emulator (control port)", "Sign in as"],
  ["Portal", portalUrl, "", ""],
  ...gallery.map((entry) => {
    const here = existsSync(new URL(`${idps[entry.id].app.dir}/package.json`, root));
    return [
      entry.idpName,
      here ? entry.appUrl : `${entry.appUrl} (not in this checkout)`,
      `${entry.idpUrl} (${entry.idpControlPort})`,
      entry.signIn.kind === "passkeys" ? entry.signIn.how : passwords,
    ];
  }),
];

const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
const line = (row) =>
  row
    .map((cell, column) => cell.padEnd(widths[column]))
    .join("  ")
    .trimEnd();
console.log(`\nIdP Gallery — starting every app with its IdP emulator (Ctrl-C stops them all)\n`);
console.log(line(rows[0]));
console.log(widths.map((width) => "─".repeat(width)).join("  "));
for (const row of rows.slice(1)) console.log(line(row));
console.log(`\nThe portal (${portalUrl}) shows which are up, and the e2e facts side by side.\n`);
