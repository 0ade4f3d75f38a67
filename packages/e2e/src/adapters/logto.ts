import { expect, type Page } from "@playwright/test";
import type { IdpAdapter } from "../adapter.ts";

// Logto's sign-in experience (identifier + password), its consent page (shown to third-party apps;
// first-party apps are consented on the server), and its end-session page, which submits itself.
export const logtoAdapter: IdpAdapter = {
  async expectLoginScreen(page: Page) {
    await expect(page.locator('form input[name="username"]')).toBeVisible();
    await expect(page.locator('form input[name="password"]')).toBeVisible();
  },
  async isLoginScreen(page) {
    return page.locator('form input[name="password"]').isVisible();
  },
  async submitLogin(page, user) {
    await page.locator('input[name="username"]').fill(user.username);
    await page.locator('input[name="password"]').fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
  },
  async expectLoginError(page) {
    await expect(page.getByText("Incorrect account or password.")).toBeVisible();
  },
  async approveConsentIfShown(page) {
    const authorize = page.getByRole("button", { name: "Authorize" });
    await page.waitForLoadState("domcontentloaded");
    if (!(await authorize.isVisible())) return false;
    await authorize.click();
    return true;
  },
  async denyConsent(page) {
    await page.getByRole("button", { name: "Cancel" }).click();
  },
  async confirmLogoutIfShown(page) {
    await page.waitForLoadState("domcontentloaded");
  },
};
