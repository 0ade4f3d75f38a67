import { expect, type Page } from "@playwright/test";
import type { IdpAdapter } from "../adapter.ts";

// Django's login page, DOT's consent page (Authorize / Cancel) and its RP-initiated logout prompt.
export const djangoOidcAdapter: IdpAdapter = {
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
    await page.getByRole("button", { name: "Log in" }).click();
  },
  async expectLoginError(page) {
    await expect(page.getByText("Please enter a correct username and password")).toBeVisible();
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
    const confirm = page.getByRole("button", { name: /log ?out|yes/i });
    await page.waitForLoadState("domcontentloaded");
    if (await confirm.isVisible()) await confirm.click();
  },
};
