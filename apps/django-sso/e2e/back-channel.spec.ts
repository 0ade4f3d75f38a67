import { type BrowserContext, expect, test } from "@idp-gallery/e2e";

// django-sso's back channel: the gateway's deauthenticate event ends the user's sessions in this app
// on their next request, and only events carrying this service's token are accepted.
test.describe.configure({ mode: "serial" });

test.beforeEach(async ({ idp }) => {
  await idp.reset();
});

const sessionCookies = async (context: BrowserContext, origin: string) =>
  (await context.cookies(origin)).filter((cookie) => cookie.name.endsWith(".session-token"));

test("logging out in one browser ends the user's sessions in other browsers and other apps", async ({
  page,
  browser,
  appA,
  appB,
  alice,
  flow,
}) => {
  await flow.signIn(page, appA, alice);
  // The same user in two more browsers: one on this app, one on the other registered service (B).
  const sameApp = await browser.newContext();
  const otherApp = await browser.newContext();
  try {
    const second = await sameApp.newPage();
    await flow.signIn(second, appA, alice);
    const third = await otherApp.newPage();
    await flow.signIn(third, appB, alice);
    expect((await second.request.get(`${appA}/api/me`)).status()).toBe(200);
    expect((await third.request.get(`${appB}/api/me`)).status()).toBe(200);

    await flow.signOut(page, appA);
    await expect(page.getByTestId("notice")).toContainText(
      "signed out of this app and of Django SSO",
    );

    // This app revoked the user's other sessions itself (the gateway does not notify the service
    // that asked); the gateway's event told B.
    await second.goto(`${appA}/protected`);
    await expect(second.getByTestId("auth-error")).toContainText(
      "Your session with Django SSO has ended",
    );
    expect(await sessionCookies(sameApp, appA)).toEqual([]);
    expect((await second.request.get(`${appA}/api/me`)).status()).toBe(401);
    expect((await third.request.get(`${appB}/api/me`)).status()).toBe(401);
    await third.goto(appB);
    await expect(third.getByTestId("sign-in").first()).toBeVisible();
    expect(await sessionCookies(otherApp, appB)).toEqual([]);

    // A new sign-in after the revocation is a new session, and it lasts.
    await flow.signIn(third, appB, alice);
    expect((await third.request.get(`${appB}/api/me`)).status()).toBe(200);
  } finally {
    await sameApp.close();
    await otherApp.close();
  }
});

test("events without this service's token are refused with a JSON error and change nothing", async ({
  page,
  request,
  appA,
  appB,
  alice,
  flow,
  target,
}) => {
  await flow.signIn(page, appA, alice);
  const event = `${appA}/sso/event/`;
  const ownToken = target.appEnv(appA).AUTH_DJANGO_SSO_TOKEN ?? "";
  const otherServiceToken = target.appEnv(appB).AUTH_DJANGO_SSO_TOKEN ?? "";
  const deauthenticate = { type: "deauthenticate", user_identy: alice.username };

  const refused = async (response: Awaited<ReturnType<typeof request.post>>, status: number) => {
    expect(response.status()).toBe(status);
    expect(response.headers()["content-type"]).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ error: expect.any(String) });
  };
  await refused(await request.post(event, { data: deauthenticate }), 401);
  await refused(await request.post(event, { data: { ...deauthenticate, token: "" } }), 401);
  await refused(await request.post(event, { data: { ...deauthenticate, token: "forged" } }), 403);
  // Another service's real token is still the wrong one.
  await refused(
    await request.post(event, { data: { ...deauthenticate, token: otherServiceToken } }),
    403,
  );
  await refused(
    await request.post(event, {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      data: `type=deauthenticate&token=${encodeURIComponent(ownToken)}&user_identy=alice`,
    }),
    415,
  );
  await refused(
    await request.post(event, {
      data: { ...deauthenticate, token: ownToken, padding: "x".repeat(32 * 1024) },
    }),
    413,
  );
  await refused(
    await request.post(event, {
      data: { type: "_private", token: ownToken, user_identy: "alice" },
    }),
    400,
  );
  expect((await request.get(event)).status()).toBe(405);
  expect((await page.request.get(`${appA}/api/me`)).status()).toBe(200);

  // The same event with the right token ends the session.
  const accepted = await request.post(event, { data: { ...deauthenticate, token: ownToken } });
  expect(accepted.status()).toBe(200);
  expect(await accepted.json()).toEqual({ ok: true });
  expect((await page.request.get(`${appA}/api/me`)).status()).toBe(401);
});

test("several instances of the app agree on a revocation (the shared store)", async ({
  page,
  context,
  request,
  appA,
  alice,
  flow,
  target,
}) => {
  const replica = target.replica;
  if (!replica) throw new Error(`${target.name} runs no replica of the app`);
  const replicaUrl = `http://localhost:${replica.port}`;
  await flow.signIn(page, appA, alice);
  // The replica serves the same app (same origin in AUTH_URL, same secret) from another port.
  const cookie = (await context.cookies(appA)).map((c) => `${c.name}=${c.value}`).join("; ");
  const meAtReplica = () => request.get(`${replicaUrl}/api/me`, { headers: { cookie } });
  expect((await meAtReplica()).status()).toBe(200);

  // The gateway's event reaches instance A only; the replica learns it from the store.
  const token = target.appEnv(appA).AUTH_DJANGO_SSO_TOKEN;
  const event = { type: "deauthenticate", token, user_identy: alice.username };
  expect((await request.post(`${appA}/sso/event/`, { data: event })).status()).toBe(200);
  expect((await meAtReplica()).status()).toBe(401);
  expect((await page.request.get(`${appA}/api/me`)).status()).toBe(401);
});
