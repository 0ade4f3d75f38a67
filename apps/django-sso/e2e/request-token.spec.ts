import { expect, test } from "@idp-gallery/e2e";

// A django-sso request token works once, and only in the browser that started the sign-in.
test.describe.configure({ mode: "serial" });

test.beforeEach(async ({ idp }) => {
  await idp.reset();
});

test("a replayed request token is refused, by the app and by the gateway", async ({
  page,
  context,
  browser,
  request,
  appA,
  alice,
  flow,
  target,
}) => {
  await page.goto(`${appA}/auth/sign-in?callbackUrl=/protected`);
  await target.adapter.expectLoginScreen(page);
  const requestToken = new URL(page.url()).searchParams.get("sso") ?? "";
  expect(requestToken).toMatch(/^[A-Za-z0-9]{128}$/);
  const bound = (await context.cookies(appA)).find((c) => c.name.endsWith(".sign-in-request"));
  expect(bound).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  expect(bound?.value).not.toContain(requestToken);

  await flow.loginAtIdp(page, alice);
  await flow.finishAtApp(page, appA);
  expect(page.url()).toBe(`${appA}/protected`);
  // Used up: the browser forgot it, and the gateway no longer knows it.
  expect((await context.cookies(appA)).map((c) => c.name)).not.toContain(bound?.name);

  // A stolen copy of the cookie, replayed from another browser, signs nobody in.
  const thief = await browser.newContext();
  try {
    await thief.addCookies([{ ...(bound as NonNullable<typeof bound>) }]);
    const thiefPage = await thief.newPage();
    const errorPage = thiefPage.waitForResponse((r) => r.url().startsWith(`${appA}/auth/error`));
    await thiefPage.goto(`${appA}/sso/accept/`);
    expect((await errorPage).status()).toBe(403);
    await expect(thiefPage.getByTestId("auth-error")).toContainText("Django SSO");
    expect((await thiefPage.request.get(`${appA}/api/me`)).status()).toBe(401);
  } finally {
    await thief.close();
  }

  // The gateway itself refuses the used request (the emulator really marks it used).
  const token = target.appEnv(appA).AUTH_DJANGO_SSO_TOKEN ?? "";
  const get = await request.post(`${target.idpServer.origin}/sso/get/`, {
    form: { token, authentication_token: requestToken },
  });
  expect(await get.json()).toEqual({ error: "Authentication request token doesn't exist" });
});

test("a request token is useless in a browser that did not start the sign-in", async ({
  page,
  browser,
  appA,
  bob,
  target,
}) => {
  // Browser 1 starts a sign-in; browser 2 completes it at the gateway with the link alone.
  await page.goto(`${appA}/auth/sign-in?callbackUrl=/protected`);
  await target.adapter.expectLoginScreen(page);
  const link = page.url();
  const other = await browser.newContext();
  try {
    const otherPage = await other.newPage();
    await otherPage.goto(link);
    await target.adapter.submitLogin(otherPage, bob);
    const errorPage = otherPage.waitForResponse((r) => r.url().startsWith(`${appA}/auth/error`));
    await target.adapter.approveConsentIfShown(otherPage);
    expect((await errorPage).status()).toBe(400);
    await expect(otherPage.getByTestId("auth-error")).toContainText("expired");
    expect((await otherPage.request.get(`${appA}/api/me`)).status()).toBe(401);
  } finally {
    await other.close();
  }
});
