import type { TestInfo } from "@playwright/test";
import { firstLoadJs } from "../src/client-weight.ts";
import { expect, test } from "../src/contract-test.ts";
import { cookieFacts, readProtocol, recordTimeline } from "../src/facts/measure.ts";
import { FACTS_ATTACHMENT, type FactsAttachment, factsAttachment } from "../src/facts/schema.ts";

// Facts about the target, measured beside the contract and written by src/facts/reporter.ts into
// packages/e2e/facts/<target>.json, which the portal compares. Nothing here asserts a target value.
test.describe.configure({ mode: "serial" });

test.beforeEach(async ({ idp }) => {
  await idp.reset();
});

async function attach(testInfo: TestInfo, part: FactsAttachment) {
  await testInfo.attach(FACTS_ATTACHMENT, {
    body: JSON.stringify(factsAttachment.parse(part)),
    contentType: "application/json",
  });
}

test("facts: the IdP's protocol, from its discovery document", async ({
  idp,
  target,
}, testInfo) => {
  // The supervisor knows the issuer (the origin for an IdP that is not OIDC, e.g. django-sso).
  const { issuer } = await idp.status();
  const protocol = await readProtocol({
    issuer,
    caFile: target.idpServer.caFile,
    rpLogout: target.rpLogout,
  });
  await attach(testInfo, { protocol });
});

test("facts: one browser sign-in, from the app's sign-in control to the signed-in page", async ({
  page,
  context,
  browser,
  appA,
  alice,
  flow,
  target,
}, testInfo) => {
  await target.adapter.prepareUser?.(page, alice, { app: appA, idp: target.idpServer.origin });
  await page.goto(appA);
  const control = page.getByTestId("sign-in").first();
  await expect(control).toBeVisible();
  // Hydrated first, so every app's control works as a user's click would meet it.
  await page.waitForLoadState("networkidle");

  const timeline = recordTimeline(page, { app: appA, idp: target.idpServer.origin });
  await control.click();
  await flow.loginAtIdp(page, alice);
  await flow.finishAtApp(page, appA);
  await page.waitForLoadState("load");
  const ms = performance.now() - timeline.started;
  const entries = await timeline.stop();
  await expect(page.getByTestId("session-badge")).toHaveAttribute("data-state", "signed-in");

  const cookies = (await flow.appCookies(context, appA)).map(cookieFacts);
  await attach(testInfo, {
    measurements: {
      browser: `Chromium ${browser.version()}`,
      signIn: { ms: Math.round(ms), from: "/", to: new URL(page.url()).pathname },
      timeline: entries,
      cookies,
    },
  });
});

test("facts: first-load JS of / (signed out) and /protected (signed in)", async ({
  page,
  context,
  browser,
  appA,
  alice,
  flow,
}, testInfo) => {
  await flow.signIn(page, appA, alice, "/protected");
  const signedIn = await context.storageState();
  const firstLoad = [
    await firstLoadJs(browser, `${appA}/`),
    await firstLoadJs(browser, `${appA}/protected`, signedIn),
  ];
  await attach(testInfo, { firstLoadJs: firstLoad });
});
