import { expect, type Page } from "@playwright/test";
import type { IdpAdapter } from "../adapter.ts";

export interface PasswordFormScreens {
  /** The login form's submit button. */
  submitLabel: string;
  /** The text the login form shows for bad credentials. */
  loginError: string;
  /** The logout prompt's confirm button, when the IdP shows one (some submit themselves). */
  logoutConfirm?: RegExp;
}

/**
 * An IdP whose screens are a `username` + `password` form, a consent page with Authorize / Cancel
 * buttons and, optionally, a logout prompt: only the labels differ between such IdPs.
 */
export function passwordFormAdapter(screens: PasswordFormScreens): IdpAdapter {
  return {
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
      await page.getByRole("button", { name: screens.submitLabel }).click();
    },
    async expectLoginError(page) {
      await expect(page.getByText(screens.loginError)).toBeVisible();
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
      if (!screens.logoutConfirm) return;
      const confirm = page.getByRole("button", { name: screens.logoutConfirm });
      if (await confirm.isVisible()) await confirm.click();
    },
  };
}
