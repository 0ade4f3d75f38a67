import { expect, test } from "@idp-gallery/e2e";

// With the gateway stopped, signed-in users keep working, sign-out still ends the app session, and
// the app says what it could not do; once the gateway is back, everything works without a restart.
test.describe.configure({ mode: "serial" });

test.beforeEach(async ({ idp }) => {
  await idp.reset();
});

test("the app keeps serving while the gateway is down, and recovers after", async ({
  page,
  request,
  appA,
  alice,
  flow,
  idp,
}) => {
  await flow.signIn(page, appA, alice);
  await idp.stop();
  try {
    // Sessions need no gateway: /protected still renders, and says the live lookup failed.
    await page.goto(`${appA}/protected`);
    await expect(page.getByTestId("profile-card")).toContainText(alice.name);
    await expect(page.getByTestId("notice")).toContainText("Could not load data from Django SSO");
    expect((await page.request.get(`${appA}/api/me`)).status()).toBe(200);
    expect((await request.get(appA)).status()).toBe(200);

    // Sign-out ends the local session first, then reports that the gateway could not be told.
    await page.goto(appA);
    await flow.signOut(page, appA);
    await expect(page.getByTestId("notice")).toContainText("Django SSO could not be reached");
    expect((await page.request.get(`${appA}/api/me`)).status()).toBe(401);

    // A new sign-in cannot start; the error page names the gateway.
    const errorPage = page.waitForResponse((r) => r.url().startsWith(`${appA}/auth/error`));
    await page.goto(`${appA}/protected`);
    expect((await errorPage).status()).toBeLessThan(500);
    await expect(page.getByTestId("auth-error")).toContainText("Django SSO");
  } finally {
    await idp.start();
  }
  await flow.signIn(page, appA, alice);
  await expect(page.getByTestId("profile-card")).toContainText(alice.name);
  await expect(page.getByTestId("json-panel")).toContainText(alice.email);
});
