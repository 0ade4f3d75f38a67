import { expect, type Page } from "@playwright/test";
import type { IdpAdapter } from "../adapter.ts";

// WSO2 Identity Server's authentication portal: login.do, oauth2_consent.do (Allow / Cancel) and
// the logout consent page (Yes / No), found by the data-testids the IS 7 portal carries.
export const wso2Adapter: IdpAdapter = {
  async expectLoginScreen(page: Page) {
    await expect(page.getByTestId("login-page-username-input")).toBeVisible();
    await expect(page.getByTestId("login-page-password-input")).toBeVisible();
  },
  async isLoginScreen(page) {
    return page.getByTestId("login-page-password-input").isVisible();
  },
  async submitLogin(page, user) {
    await page.getByTestId("login-page-username-input").fill(user.username);
    await page.getByTestId("login-page-password-input").fill(user.password);
    await page.getByTestId("login-page-continue-login-button").click();
  },
  async expectLoginError(page) {
    await expect(page.getByTestId("login-page-error-message")).toContainText("Login failed!");
  },
  async approveConsentIfShown(page) {
    const allow = page.getByRole("button", { name: "Allow" });
    await page.waitForLoadState("domcontentloaded");
    if (!(await allow.isVisible())) return false;
    await allow.click();
    return true;
  },
  async denyConsent(page) {
    await page.getByRole("button", { name: "Cancel" }).click();
  },
  async confirmLogoutIfShown(page) {
    const yes = page.getByRole("button", { name: "Yes" });
    await page.waitForLoadState("domcontentloaded");
    if (await yes.isVisible()) await yes.click();
  },
};
