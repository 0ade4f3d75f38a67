import { EXPECT_TIMEOUT_MS } from "@idp-gallery/test-processes/bounds";
import { expect, type Page } from "@playwright/test";
import type { IdpAdapter, SeededUser } from "../adapter.ts";
import { virtualAuthenticator } from "../virtual-authenticator.ts";

const AUTHENTICATE_PATH = "/bi-authenticate";

/** The emulator's origin, read from the signed request the authorize step put in the page's URL. */
export function idpOriginOf(page: Page): string {
  const request = new URL(page.url()).searchParams.get("request");
  if (!request) throw new Error(`No Beyond Identity request in ${page.url()}`);
  const payload = JSON.parse(
    Buffer.from(request.split(".")[1] ?? "", "base64url").toString("utf8"),
  );
  return new URL(payload.iss).origin;
}

export const passkeyOption = (page: Page, email: string) =>
  page.getByTestId("passkey-option").filter({ hasText: email });

/**
 * Gives this page's authenticator a passkey for a user the IdP already knows, as that user would:
 * registering the address again makes Beyond Identity email a binding link (the emulator's outbox),
 * which lands on the app's /bind page, which creates the passkey.
 */
export async function enrollKnownUser(
  page: Page,
  appOrigin: string,
  idpOrigin: string,
  user: Pick<SeededUser, "name" | "email">,
) {
  await virtualAuthenticator(page);
  await page.goto(`${appOrigin}/register`);
  await page.getByLabel("Name").fill(user.name);
  await page.getByLabel("Email").fill(user.email);
  await page.getByTestId("register").click();
  await expect(page.getByTestId("register-emailed")).toBeVisible();
  await page.goto(`${idpOrigin}/outbox?${new URLSearchParams({ to: user.email })}`);
  await page.getByRole("link", { name: "Bind passkey" }).first().click();
  await bindOnThisPage(page, appOrigin);
}

/** On the app's /bind page (after a binding link): creates the passkey and waits for the confirmation. */
export async function bindOnThisPage(page: Page, appOrigin: string) {
  await virtualAuthenticator(page);
  await page.waitForURL((url) => url.origin === appOrigin && url.pathname === "/bind");
  await page.getByTestId("bind-passkey").click();
  await expect(page.getByTestId("passkey-bound")).toBeVisible();
}

/** Presses "Continue with passkey" and waits until the browser leaves the page (or an error shows). */
async function pressContinue(page: Page) {
  const button = page.getByTestId("passkey-continue");
  await expect(button).toBeEnabled();
  await button.click();
  await expect
    .poll(
      async () =>
        new URL(page.url()).pathname !== AUTHENTICATE_PATH ||
        (await page.getByTestId("passkey-error").isVisible()),
      { timeout: EXPECT_TIMEOUT_MS },
    )
    .toBe(true);
}

async function onAuthenticatePage(page: Page): Promise<boolean> {
  await page.waitForLoadState("domcontentloaded");
  return new URL(page.url()).pathname === AUTHENTICATE_PATH;
}

/**
 * Beyond Identity with the Embedded SDK: the IdP's authorize step sends the browser to the app's own
 * `/bi-authenticate`, where the user picks a passkey; Chromium's virtual authenticator plays the
 * device. The "login" picks the user's passkey (enrolling one first when this device has none); the
 * "consent" step presses Continue, which runs the WebAuthn ceremony and returns to the callback, so the
 * contract can act between the two as on other IdPs. A wrong password stands for a cancelled prompt:
 * the authenticator then fails user verification, as when the user dismisses it.
 */
export function beyondIdentityAdapter(seeded: SeededUser[]): IdpAdapter {
  async function expectLoginScreen(page: Page) {
    await page.waitForURL((url) => url.pathname === AUTHENTICATE_PATH);
    await expect(
      page
        .getByTestId("passkey-option")
        .or(page.getByText(/No Beyond Identity passkey/))
        .first(),
    ).toBeVisible();
  }
  return {
    idpPagesOnApp: [AUTHENTICATE_PATH],
    async prepareUser(page, user, at) {
      await enrollKnownUser(page, at.app, at.idp, user);
    },
    expectLoginScreen,
    async isLoginScreen(page) {
      return onAuthenticatePage(page);
    },
    async submitLogin(page, user) {
      const authenticator = await virtualAuthenticator(page);
      await expectLoginScreen(page);
      const known = seeded.find((candidate) => candidate.username === user.username);
      const account = known ?? {
        ...user,
        name: user.username,
        email: `${user.username}@example.com`,
      };
      if ((await passkeyOption(page, account.email).count()) === 0) {
        const here = page.url();
        await enrollKnownUser(page, new URL(here).origin, idpOriginOf(page), account);
        await page.goto(here);
        await expectLoginScreen(page);
      }
      await passkeyOption(page, account.email).getByRole("radio").check();
      if (!known || known.password !== user.password) await authenticator.setUserVerified(false);
    },
    async expectLoginError(page) {
      await pressContinue(page);
      await expect(page.getByTestId("passkey-error")).toContainText(/cancelled or timed out/);
      expect(new URL(page.url()).pathname).toBe(AUTHENTICATE_PATH);
    },
    async approveConsentIfShown(page) {
      await page
        .waitForURL((url) => url.pathname === AUTHENTICATE_PATH, { timeout: 10_000 })
        .catch(() => {});
      if (!(await onAuthenticatePage(page))) return false;
      await virtualAuthenticator(page);
      await pressContinue(page);
      return true;
    },
    async denyConsent(page) {
      // Beyond Identity's policy engine denies the authentication (the emulator's deny-next).
      const denied = await page.request.post(`${idpOriginOf(page)}/__emulator/deny-next`, {
        data: {},
      });
      expect(denied.ok()).toBe(true);
      await pressContinue(page);
    },
    async confirmLogoutIfShown() {
      // Beyond Identity has no RP-initiated logout, so there is no logout screen.
    },
  };
}
