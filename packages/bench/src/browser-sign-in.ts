import type { E2eTarget, SeededUser } from "@idp-gallery/e2e";
import type { Browser, BrowserContext } from "@playwright/test";

export interface BrowserSignInOptions {
  browser: Browser;
  appUrl: string;
  target: E2eTarget;
  user: SeededUser;
}

/**
 * One sign-in in a fresh browser context, timed from opening /protected signed out (the app sends the
 * browser into sign-in, as its sign-in control does) to /protected rendered (its load event) after the
 * IdP's screens, which the target's own e2e adapter drives (Playwright's fill: no typing delay). What
 * the adapter prepares first (a passkey IdP: enrolling this browser's passkey) is not timed.
 * Returns the milliseconds and the signed-in context, for the caller to use or close.
 */
export async function browserSignIn(
  options: BrowserSignInOptions,
): Promise<{ ms: number; context: BrowserContext }> {
  const { browser, appUrl, target, user } = options;
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const protectedUrl = new URL("/protected", appUrl);
    // What the IdP needs before a sign-in beyond a password (a passkey on this browser), untimed.
    await target.adapter.prepareUser?.(page, user, {
      app: protectedUrl.origin,
      idp: target.idpServer.origin,
    });
    const started = performance.now();
    await page.goto(protectedUrl.href);
    await target.adapter.expectLoginScreen(page);
    await target.adapter.submitLogin(page, user);
    await page.waitForLoadState("domcontentloaded");
    // Still at the IdP: on its origin, or on one of the app's pages that belong to its flow (Beyond
    // Identity's /bi-authenticate, where "consent" presses Continue with the chosen passkey).
    const at = new URL(page.url());
    if (
      at.origin !== protectedUrl.origin ||
      (target.adapter.idpPagesOnApp ?? []).includes(at.pathname)
    )
      await target.adapter.approveConsentIfShown(page);
    await page.waitForURL((url) => url.href === protectedUrl.href, { waitUntil: "load" });
    const ms = performance.now() - started;
    await page.close();
    return { ms, context };
  } catch (error) {
    await context.close();
    throw error;
  }
}
