import { test as base, expect } from "@playwright/test";
import { createSignInFlow } from "../src/contract-test.ts";
import { galleryOrigin, galleryTargets } from "../src/gallery.ts";

// One browser may hold a pin for an https IdP's development certificate (WSO2), as the contract does.
const test = base.extend({
  launchOptions: async ({ launchOptions }, use) => {
    const pins = galleryTargets.flatMap((target) => target.idpServer.spkiPins?.() ?? []);
    const args = [...(launchOptions.args ?? [])];
    if (pins.length) args.push(`--ignore-certificate-errors-spki-list=${pins.join(",")}`);
    await use({ ...launchOptions, args });
  },
});

const apps = galleryTargets.map((target, index) => ({
  target,
  origin: galleryOrigin(target),
  flow: createSignInFlow(target),
  // Alternate the seeded users, so each app has to show its own.
  user: target.users[index % 2] ?? target.users[0],
}));

async function me(page: import("@playwright/test").Page, origin: string) {
  const response = await page.request.get(`${origin}/api/me`);
  return { status: response.status(), body: response.ok() ? await response.json() : null };
}

test("C8 across all five apps: one browser signs in to each, and signing out of one leaves the others", async ({
  page,
  context,
}) => {
  for (const { target, origin, flow, user } of apps) {
    if (!user) throw new Error(`${target.name} has no seeded user`);
    await flow.signIn(page, origin, user);
    await expect(page.getByTestId("profile-card")).toContainText(user.name);
  }

  // Every app still shows its own user after all five sign-ins.
  for (const { target, origin, user } of apps) {
    const session = await me(page, origin);
    expect(session.status, target.name).toBe(200);
    expect(session.body, target.name).toMatchObject({
      idp: target.idp,
      user: { email: user?.email },
    });
    await page.goto(origin);
    await expect(page.getByTestId("session-badge")).toContainText(user?.name ?? "");
  }

  // Each app has its own session cookie (named by the gallery or by its SDK); no two share a name.
  const sessionCookieNames: string[] = [];
  for (const { target, origin, flow } of apps) {
    const own = await flow.sessionCookies(context, origin);
    expect(own.length, target.name).toBeGreaterThan(0);
    sessionCookieNames.push(...own.map((cookie) => cookie.name));
  }
  expect(new Set(sessionCookieNames).size).toBe(sessionCookieNames.length);

  // Sign out of each in turn: it alone is signed out; the ones not yet signed out keep their session.
  for (const [index, { target, origin, flow }] of apps.entries()) {
    await page.goto(origin);
    await flow.signOut(page, origin);
    expect((await me(page, origin)).status, `${target.name} after its sign-out`).toBe(401);
    for (const other of apps.slice(index + 1)) {
      const session = await me(page, other.origin);
      expect(session.status, `${other.target.name} after ${target.name} signed out`).toBe(200);
      expect(session.body.user.email).toBe(other.user?.email);
    }
  }
});
