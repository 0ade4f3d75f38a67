import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, test } from "../src/contract-test.ts";
import { e2eSessionLifetime } from "../src/targets.ts";

// The sign-in contract (../shared/contract.md), identical for every app; only the adapter knows the IdP.
test.describe.configure({ mode: "serial" });

test.beforeEach(async ({ idp }) => {
  await idp.reset();
});

test("C1 anonymous: sign-in control, protected redirects into sign-in, /api/me is 401", async ({
  page,
  request,
  appA,
  flow,
  target,
}) => {
  await page.goto(appA);
  await expect(page.getByTestId("sign-in").first()).toBeVisible();
  await expect(page.getByTestId("profile-card")).toHaveCount(0);

  await page.goto(`${appA}/protected`);
  await target.adapter.expectLoginScreen(page);
  flow.expectAtIdp(page, appA);

  const me = await request.get(`${appA}/api/me`);
  expect(me.status()).toBe(401);
  expect(await me.json()).toEqual({ error: "unauthenticated" });
});

test("C2 sign in: from /protected through the IdP's pages back to /protected", async ({
  page,
  appA,
  alice,
  flow,
  target,
}) => {
  await flow.signIn(page, appA, alice, "/protected");
  expect(page.url()).toBe(`${appA}/protected`);
  await expect(page.getByTestId("profile-card")).toContainText(alice.name);
  await expect(page.getByTestId("profile-card")).toContainText(alice.email);
  await expect(page.getByTestId("claims-table")).toBeVisible();

  const me = await page.request.get(`${appA}/api/me`);
  expect(me.status()).toBe(200);
  const session = await me.json();
  expect(session).toEqual({
    idp: target.idp,
    user: { id: expect.any(String), name: alice.name, email: alice.email },
    expiresAt: expect.any(String),
  });
  expect(session.user.id).not.toBe("");
  expect(new Date(session.expiresAt).getTime()).toBeGreaterThan(Date.now());
});

test("C3 persistence: reload, navigation, a second tab and route handlers share the session", async ({
  page,
  context,
  appA,
  alice,
  flow,
}) => {
  await flow.signIn(page, appA, alice);
  await page.reload();
  await expect(page.getByTestId("profile-card")).toContainText(alice.name);

  await page.goto(appA);
  await expect(page.getByTestId("session-badge")).toContainText(alice.name);
  await page.goto(`${appA}/protected`);
  expect(page.url()).toBe(`${appA}/protected`);

  const secondTab = await context.newPage();
  await secondTab.goto(`${appA}/protected`);
  await expect(secondTab.getByTestId("profile-card")).toContainText(alice.email);
  const me = await secondTab.request.get(`${appA}/api/me`);
  expect((await me.json()).user.email).toBe(alice.email);
});

test("C4 sign out: app session gone, and the IdP session too where RP-initiated logout exists", async ({
  page,
  context,
  appA,
  alice,
  flow,
  target,
}) => {
  await flow.signIn(page, appA, alice);
  await flow.signOut(page, appA);
  if (!target.rpLogout) {
    // The IdP has no RP-initiated logout: the app must say that the IdP session is still active.
    await expect(page.getByTestId("notice")).toContainText("no RP-initiated logout");
  }

  expect(await flow.sessionCookies(context, appA)).toEqual([]);
  const me = await page.request.get(`${appA}/api/me`);
  expect(me.status()).toBe(401);
  await expect(page.getByTestId("sign-in").first()).toBeVisible();

  await page.goto(`${appA}/protected`);
  flow.expectAtIdp(page, appA);
  if (target.rpLogout) {
    // The IdP session ended too, so the next sign-in asks for credentials again.
    await target.adapter.expectLoginScreen(page);
  }
});

test("C5 bad credentials: the user stays on the IdP with an error and gets no app session", async ({
  page,
  context,
  appA,
  alice,
  flow,
  target,
}) => {
  await page.goto(`${appA}/protected`);
  await flow.loginAtIdp(page, { ...alice, password: `${alice.password}-wrong` });
  await target.adapter.expectLoginError(page);
  flow.expectAtIdp(page, appA);
  // An SDK that keeps the sign-in state in its session cookie has that one cookie, holding no session.
  expect(await flow.sessionCookies(context, appA)).toHaveLength(
    target.adapter.signInStateInSessionCookie ? 1 : 0,
  );
  expect((await page.request.get(`${appA}/api/me`)).status()).toBe(401);
});

test("C6 denied: the app's own error page, 4xx, a sentence and a try-again link, no session", async ({
  page,
  appA,
  alice,
  flow,
  target,
}) => {
  await page.goto(`${appA}/protected`);
  await flow.loginAtIdp(page, alice);
  const errorPage = page.waitForResponse((r) => r.url().startsWith(`${appA}/auth/error`));
  await target.adapter.denyConsent(page);
  const response = await errorPage;
  expect(response.status()).toBeGreaterThanOrEqual(400);
  expect(response.status()).toBeLessThan(500);

  const panel = page.getByTestId("auth-error");
  await expect(panel).toContainText(target.idpName);
  await expect(panel.getByRole("link", { name: /try again/i })).toBeVisible();
  expect((await page.request.get(`${appA}/api/me`)).status()).toBe(401);
});

test("C7 IdP down: error page naming the IdP, the app keeps serving, sign-in works once it is back", async ({
  page,
  request,
  appA,
  alice,
  flow,
  idp,
  target,
}) => {
  await idp.stop();
  try {
    const errorPage = page.waitForResponse((r) => r.url().startsWith(`${appA}/auth/error`));
    await page.goto(`${appA}/protected`);
    expect((await errorPage).status()).toBeLessThan(500);
    await expect(page.getByTestId("auth-error")).toContainText(target.idpName);
    expect((await request.get(appA)).status()).toBe(200);
    expect((await request.get(`${appA}/api/me`)).status()).toBe(401);
  } finally {
    await idp.start();
  }
  await flow.signIn(page, appA, alice);
  await expect(page.getByTestId("profile-card")).toContainText(alice.name);
});

test("C7 IdP misbehaving: a failing token endpoint ends on the error page, then sign-in recovers", async ({
  page,
  appA,
  alice,
  flow,
  idp,
  target,
}) => {
  await page.goto(`${appA}/protected`);
  await flow.loginAtIdp(page, alice);
  await idp.failNext({ path: target.idpServer.tokenPath, status: 500 });
  const errorPage = page.waitForResponse((r) => r.url().startsWith(`${appA}/auth/error`));
  await target.adapter.approveConsentIfShown(page);
  expect((await errorPage).status()).toBeLessThan(500);
  await expect(page.getByTestId("auth-error")).toContainText(target.idpName);
  expect((await page.request.get(`${appA}/api/me`)).status()).toBe(401);

  await page
    .getByTestId("auth-error")
    .getByRole("link", { name: /try again/i })
    .click();
  await target.adapter.approveConsentIfShown(page);
  await page.waitForURL((url) => url.origin === appA);
  expect((await page.request.get(`${appA}/api/me`)).status()).toBe(200);
});

test("C8 isolation: two apps on two localhost ports never share or clear each other's session", async ({
  page,
  context,
  appA,
  appB,
  alice,
  bob,
  flow,
}) => {
  await flow.signIn(page, appA, alice);
  expect((await page.request.get(`${appB}/api/me`)).status()).toBe(401);

  // The IdP may remember alice from app A (single sign-on); either way app B gets its own session.
  const other = await context.newPage();
  await other.goto(`${appB}/protected`);
  await flow.completeSignIn(other, appB, bob);
  const meB = await (await other.request.get(`${appB}/api/me`)).json();
  expect(meB.user.email).toMatch(/@/);

  await page.goto(appA);
  await flow.signOut(page, appA);
  expect((await page.request.get(`${appA}/api/me`)).status()).toBe(401);
  const afterB = await other.request.get(`${appB}/api/me`);
  expect(afterB.status()).toBe(200);
  expect((await afterB.json()).user.email).toBe(meB.user.email);

  const namesA = (await flow.appCookies(context, appA)).map((c) => c.name);
  const namesB = (await flow.appCookies(context, appB)).map((c) => c.name);
  expect(namesB.length).toBeGreaterThan(0);
  expect(namesA.filter((name) => namesB.includes(name))).toEqual([]);
});

test("C9 redirects: a callback URL on another origin ends on the app's own origin", async ({
  page,
  appA,
  alice,
  flow,
}) => {
  for (const evil of ["https://evil.example/steal", "//evil.example/steal", "/\\evil.example"]) {
    await page.goto(`${appA}/auth/sign-in?callbackUrl=${encodeURIComponent(evil)}`);
    await flow.completeSignIn(page, appA, alice);
    expect(new URL(page.url()).origin).toBe(appA);
    expect(page.url()).not.toContain("evil.example");
  }
});

test("C10 secrets: no secret, key or token in client chunks or served HTML", async ({
  page,
  appA,
  alice,
  flow,
  target,
}) => {
  const appDir = process.env.E2E_APP_DIR;
  if (!appDir) throw new Error("E2E_APP_DIR is not set; run the contract through idp-gallery-e2e");
  const secrets = target.secrets();
  expect(secrets.length).toBeGreaterThan(1);

  const chunks = await listFiles(join(appDir, ".next", "static"));
  expect(chunks.length).toBeGreaterThan(0);
  for (const file of chunks) {
    const text = await readFile(file, "utf8");
    for (const secret of secrets)
      expect(text.includes(secret), `${secret.slice(0, 6)}… in ${file}`).toBe(false);
    expect(text).not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
  }

  await flow.signIn(page, appA, alice);
  const cookieValues = (await page.context().cookies(appA))
    .map((c) => c.value)
    .filter((v) => v.length > 20);
  for (const path of ["/", "/protected", "/api/me", "/api/auth/session"]) {
    const body = await (await page.request.get(`${appA}${path}`)).text();
    for (const secret of [...secrets, ...cookieValues])
      expect(body.includes(secret), `secret in ${path}`).toBe(false);
    expect(body, `a JWT in ${path}`).not.toMatch(/eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{10,}/);
    expect(body).not.toMatch(/access_token|refresh_token|id_token/);
  }
});

test("C11 cookies: HttpOnly, SameSite Lax or Strict, Secure over https, per-app names", async ({
  page,
  context,
  appA,
  alice,
  flow,
}) => {
  await flow.signIn(page, appA, alice);
  const cookies = await flow.appCookies(context, appA);
  expect(await flow.sessionCookies(context, appA)).toHaveLength(1);
  const https = appA.startsWith("https:");
  for (const cookie of cookies) {
    expect(cookie.httpOnly, cookie.name).toBe(true);
    expect(["Lax", "Strict"], cookie.name).toContain(cookie.sameSite);
    expect(cookie.secure, cookie.name).toBe(https);
    if (https) expect(cookie.name).toMatch(/^__(Secure|Host)-/);
  }
});

test("C12 token expiry: the extras outlive a short access-token lifetime; a refused refresh ends the session", async ({
  page,
  appA,
  alice,
  flow,
  idp,
  target,
}) => {
  if (!target.refreshTokens.issued) {
    // No refresh token from this IdP: the app says what that means for the session.
    await flow.signIn(page, appA, alice);
    await expect(page.getByTestId("session-refresh")).toContainText(
      `${target.idpName} gave this session no refresh token`,
    );
    return;
  }
  const accessTokenSeconds = 2;
  await idp.setTokenLifetimes({ accessTokenSeconds });
  await flow.signIn(page, appA, alice);
  const signedInAt = Date.now();
  // The condition is time itself: the access token of the sign-in must have expired.
  await expect
    .poll(() => Date.now(), { intervals: [250] })
    .toBeGreaterThan(signedInAt + (accessTokenSeconds + 1) * 1000);
  await page.goto(`${appA}/protected`);
  await expect(page.getByTestId("profile-card")).toContainText(alice.name);
  await expect(page.getByTestId("json-panel").first()).toBeVisible();
  // Every IdP call on the page worked, with a refreshed token.
  await expect(page.getByTestId("notice")).toHaveCount(0);

  await idp.revokeRefreshTokens();
  // Past the refreshed token's lifetime too, so the next request must refresh again.
  const refreshedAt = Date.now();
  await expect
    .poll(() => Date.now(), { intervals: [250] })
    .toBeGreaterThan(refreshedAt + (accessTokenSeconds + 1) * 1000);
  const ended = page.waitForResponse((r) => r.url().startsWith(`${appA}/auth/error`));
  await page.goto(`${appA}/protected`);
  expect((await ended).status()).toBe(401);
  await expect(page.getByTestId("auth-error")).toContainText(target.idpName);
  expect((await page.request.get(`${appA}/api/me`)).status()).toBe(401);

  await page
    .getByTestId("auth-error")
    .getByRole("link", { name: /try again/i })
    .click();
  await flow.completeSignIn(page, appA, alice);
  expect((await page.request.get(`${appA}/api/me`)).status()).toBe(200);
});

test("C13 copied cookie: refused after sign-out, and past the absolute lifetime", async ({
  page,
  context,
  appA,
  alice,
  flow,
}) => {
  // Each check gets the cookies back: the app clears a refused session from the browser.
  const expectRefused = async (cookies: Awaited<ReturnType<typeof flow.sessionCookies>>) => {
    expect(cookies.length).toBeGreaterThan(0);
    await context.addCookies(cookies);
    expect((await page.request.get(`${appA}/api/me`)).status()).toBe(401);
    await context.addCookies(cookies);
    // The first hop: an IdP whose own session is alive may sign the user straight in again. Either
    // the app's "session ended" sentence or sign-in; never a store outage, never the page.
    const gated = await page.request.get(`${appA}/protected`, { maxRedirects: 0 });
    expect(gated.status()).toBeGreaterThanOrEqual(300);
    expect(gated.status()).toBeLessThan(400);
    expect(gated.headers().location).toMatch(/\/auth\/(error\?error=SessionEnded$|sign-in\?)/);
  };

  await flow.signIn(page, appA, alice);
  const copied = await flow.sessionCookies(context, appA);
  await flow.signOut(page, appA);
  await expectRefused(copied);

  // A session used a moment ago, but whose sign-in lies past the absolute lifetime.
  await page.goto(`${appA}/protected`);
  await flow.completeSignIn(page, appA, alice);
  expect((await page.request.get(`${appA}/api/me`)).status()).toBe(200);
  await flow.ageSession(context, appA, (e2eSessionLifetime.absoluteSeconds + 60) * 1000);
  await expectRefused(await flow.sessionCookies(context, appA));
});

test("C14 oversized identity: after a 12 KB claim the browser still reaches the app and can sign out", async ({
  page,
  context,
  appA,
  alice,
  flow,
  idp,
}) => {
  const claim = "x".repeat(12 * 1024);
  await idp.setExtraClaims({ gallery_oversized: claim });
  await page.goto(`${appA}/protected`);
  await flow.completeSignIn(page, appA, alice);

  expect((await page.request.get(`${appA}/api/health`)).status()).toBe(200);
  // The claim stays on the server: all of the app's cookies together stay below what one cookie
  // may hold (4 KB), so none is dropped or split and no request head grows past Node's limit.
  const cookies = await flow.appCookies(context, appA);
  const cookieBytes = cookies.reduce((sum, c) => sum + c.name.length + c.value.length, 0);
  expect(cookieBytes).toBeLessThan(4096);
  expect((await page.request.get(`${appA}/api/me`)).status()).toBe(200);
  await page.goto(`${appA}/protected`);
  await expect(page.getByTestId("claims-table")).toContainText("gallery_oversized");
  await flow.signOut(page, appA);
  expect((await page.request.get(`${appA}/api/me`)).status()).toBe(401);
  expect((await page.request.get(`${appA}/api/health`)).status()).toBe(200);
});

test("C15 security headers: every page and API answer forbids sniffing and framing and keeps URLs in the app", async ({
  page,
  appA,
  alice,
  flow,
  target,
}) => {
  const expectSecurityHeaders = async (path: string, referrerPolicy = "same-origin") => {
    const response = await page.request.get(`${appA}${path}`, { maxRedirects: 0 });
    const headers = response.headers();
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(headers["referrer-policy"], path).toBe(referrerPolicy);
    // HSTS only over https; on http it would be ignored and mislead.
    expect(headers["strict-transport-security"] !== undefined, path).toBe(
      appA.startsWith("https:"),
    );
  };
  const pages = ["/", "/auth/error?error=AccessDenied", "/api/me", "/api/health"];
  for (const path of pages) await expectSecurityHeaders(path);
  // Beyond Identity's binding and authenticate URLs carry one-time tokens: no Referer at all.
  if (target.app === "beyond-identity") {
    for (const path of ["/bind", "/bi-authenticate"])
      await expectSecurityHeaders(path, "no-referrer");
  }

  await flow.signIn(page, appA, alice);
  for (const path of [...pages, "/protected"]) await expectSecurityHeaders(path);
});

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}
