import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import {
  type Difference,
  diffDocuments,
  expect,
  type Page,
  parseDeliberateDifferences,
  test,
} from "@idp-gallery/e2e";

// The emulator claims to be Django OAuth Toolkit. This signs the same user in through the real DOT and
// through the emulator and fails on any difference the emulator's README does not list as deliberate.
const readmePath = join(
  dirname(createRequire(import.meta.url).resolve("@idp-gallery/emulators/fixtures/users.json")),
  "..",
  "README.md",
);
const heading = "### Deliberate differences (checked by the drift test)";

// Claims that change on every sign-in: only their presence is compared.
const volatile = ["exp", "iat", "auth_time", "nonce", "at_hash", "c_hash", "jti", "sid"];

/** What the app ended up with after signing in: its claims table, IdP extras and /api/me. */
async function whatTheAppSees(page: Page, appOrigin: string) {
  const claims: Record<string, unknown> = {};
  for (const row of await page.getByTestId("claims-table").locator("tr[data-claim]").all()) {
    const key = (await row.getAttribute("data-claim")) ?? "";
    claims[key] = ((await row.locator("td").textContent()) ?? "").trim();
  }
  const userinfo = JSON.parse(
    (await page.getByTestId("json-panel").locator("pre").textContent()) ?? "",
  );
  const me = await (await page.request.get(`${appOrigin}/api/me`)).json();
  return { claims, userinfo, me };
}

test("drift: the emulator and the real DOT differ only where the README says so", async ({
  page,
  browser,
  request,
  target,
  flow,
  alice,
  appA,
}) => {
  const companion = target.companion;
  if (!companion) throw new Error(`${target.name} runs no emulator beside the real IdP`);
  const real = target.idpServer.origin;
  const emulated = companion.idpServer.origin;
  const emulatorApp = `http://localhost:${companion.appPort}`;
  const origins = [real, emulated] as const;
  const discovery = async (origin: string) =>
    (await request.get(`${origin}/o/.well-known/openid-configuration`)).json();

  await flow.signIn(page, appA, alice);
  const viaReal = await whatTheAppSees(page, appA);
  const other = await (await browser.newContext()).newPage();
  await flow.signIn(other, emulatorApp, alice);
  const viaEmulator = await whatTheAppSees(other, emulatorApp);

  const differences: Difference[] = [
    ...diffDocuments("discovery", await discovery(real), await discovery(emulated), { origins }),
    ...diffDocuments("claims", viaReal.claims, viaEmulator.claims, { volatile, origins }),
    ...diffDocuments("userinfo", viaReal.userinfo, viaEmulator.userinfo, { volatile, origins }),
  ];
  // The normalized session must never drift: it is what every app promises.
  expect(viaEmulator.me.user).toEqual(viaReal.me.user);
  expect(viaReal.me.user).toEqual({ id: alice.id, name: alice.name, email: alice.email });

  const deliberate = parseDeliberateDifferences(await readFile(readmePath, "utf8"), heading);
  const found = new Set(differences.map((d) => `${d.where} ${d.key}`));
  expect(differences.filter((d) => !deliberate.has(`${d.where} ${d.key}`))).toEqual([]);
  // A listed difference that no longer exists means the README is out of date.
  expect([...deliberate].filter((entry) => !found.has(entry))).toEqual([]);
});
