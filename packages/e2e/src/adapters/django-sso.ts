import { expect, type Locator, type Page } from "@playwright/test";
import type { IdpAdapter } from "../adapter.ts";

/**
 * The django-sso gateway's Django login form (username, password, "Log in").
 *
 * The gateway has no consent screen: pressing "Log in" is the last step there, after which it hands
 * the user straight back to the app. So that the contract can act between the login and the
 * hand-back as it does on other IdPs' consent screens (C6, C7), `submitLogin` fills the form and the
 * contract's consent step presses "Log in": `approveConsentIfShown` just presses it, `denyConsent`
 * first tells the emulator to refuse the request (`sso/get/` then answers that it does not exist,
 * the gateway's own refusal), the closest the gateway comes to a user saying no.
 */
const filled = new WeakMap<Page, { url: string; button: Locator }>();

async function pressLogIn(page: Page): Promise<boolean> {
  const pending = filled.get(page);
  filled.delete(page);
  if (!pending || pending.url !== page.url()) return false;
  await pending.button.click();
  return true;
}

export const djangoSsoAdapter: IdpAdapter = {
  async expectLoginScreen(page) {
    await expect(page.locator('form input[name="username"]')).toBeVisible();
    await expect(page.locator('form input[name="password"]')).toBeVisible();
  },
  async isLoginScreen(page) {
    return page.locator('form input[name="password"]').isVisible();
  },
  async submitLogin(page, user) {
    await page.locator('input[name="username"]').fill(user.username);
    await page.locator('input[name="password"]').fill(user.password);
    filled.set(page, { url: page.url(), button: page.getByRole("button", { name: "Log in" }) });
  },
  async expectLoginError(page) {
    await pressLogIn(page);
    await expect(page.getByText("Please enter a correct username and password")).toBeVisible();
  },
  async approveConsentIfShown(page) {
    await page.waitForLoadState("domcontentloaded");
    return pressLogIn(page);
  },
  async denyConsent(page) {
    const denied = await page.request.post(`${new URL(page.url()).origin}/__emulator/deny-next`, {
      data: {},
    });
    expect(denied.ok()).toBe(true);
    await pressLogIn(page);
  },
  async confirmLogoutIfShown() {
    // Logout happens server to server (sso/deauthenticate/); the gateway shows no page.
  },
};
