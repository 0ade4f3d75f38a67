import { randomBytes } from "node:crypto";
import {
  bindOnThisPage,
  enrollKnownUser,
  expect,
  type Page,
  passkeyOption,
  test,
  virtualAuthenticator,
} from "@idp-gallery/e2e";

// Beyond Identity's extras (shared/contract.md): registration by email, the binding link landing on
// /bind, sign-in through /bi-authenticate, a passkey picked in the page, a cancelled ceremony, and a
// replayed assertion. Chromium's virtual authenticator holds the passkeys.
test.beforeEach(async ({ idp }) => {
  await idp.reset();
});

const newEmail = () => `reg-${randomBytes(4).toString("hex")}@example.com`;

async function sessionCookies(page: Page, appOrigin: string) {
  return (await page.context().cookies(appOrigin)).filter((c) => c.name.endsWith("session-token"));
}

test("registration creates an identity whose binding link lands on /bind, creates a passkey, and signs in", async ({
  page,
  appA,
}) => {
  await virtualAuthenticator(page);
  const email = newEmail();
  await page.goto(`${appA}/register`);
  await page.getByLabel("Name").fill("Carol Example");
  await page.getByLabel("Email").fill(email);
  // Read the answer on its way to the page, which leaves for the binding link as soon as it has it.
  let answer: { status: number; body: { bindingLink: string } } | undefined;
  await page.route(`${appA}/api/register`, async (route) => {
    const response = await route.fetch();
    answer = { status: response.status(), body: await response.json() };
    await route.fulfill({ response });
  });
  await page.getByTestId("register").click();
  await expect.poll(() => answer?.status).toBe(201);
  const body = answer?.body ?? { bindingLink: "" };
  // The browser gets the link and nothing else: no management token, no identity internals.
  expect(Object.keys(body).sort()).toEqual(["bindingLink", "status"]);
  expect(body.bindingLink).toMatch(/\/credential-binding-jobs\/[\w-]+:invokeAuthenticator\?token=/);

  await bindOnThisPage(page, appA);
  await expect(page.getByTestId("passkey-bound")).toContainText("Carol Example");
  await expect(page.getByTestId("passkey-bound")).toContainText(email);
  // The one-time token does not stay in the address bar.
  expect(page.url()).not.toContain("token=");

  // A binding link works once.
  const again = await page.request.get(body.bindingLink, { maxRedirects: 0 });
  expect(again.status()).toBeGreaterThanOrEqual(400);

  await page.getByTestId("passkey-bound-continue").click();
  await page.waitForURL((url) => url.pathname === "/bi-authenticate");
  await expect(passkeyOption(page, email).getByRole("radio")).toBeChecked();
  await page.getByTestId("passkey-continue").click();
  await page.waitForURL(`${appA}/protected`);
  await expect(page.getByTestId("profile-card")).toContainText("Carol Example");
  const me = await (await page.request.get(`${appA}/api/me`)).json();
  expect(me.user).toMatchObject({ name: "Carol Example", email });
});

test("the registration API validates input, refuses other origins, and never hands out a link for a known address", async ({
  page,
  appA,
  alice,
  idp,
}) => {
  const post = (data: unknown, origin = appA) =>
    page.request.post(`${appA}/api/register`, { data, headers: { origin } });

  const invalid = await post({ email: "not-an-email", displayName: "X" });
  expect(invalid.status()).toBe(400);
  expect((await invalid.json()).message).toMatch(/valid email/i);
  const tooLong = await post({ email: `${"a".repeat(250)}@example.com`, displayName: "X" });
  expect(tooLong.status()).toBe(400);
  expect((await post({ email: newEmail(), displayName: "" })).status()).toBe(400);
  expect(
    (await post({ email: newEmail(), displayName: "X" }, "https://evil.example")).status(),
  ).toBe(403);

  // alice is already registered: no link in the answer, a fresh one in her mailbox instead.
  const duplicate = await post({ email: alice.email.toUpperCase(), displayName: "Mallory" });
  expect(duplicate.status()).toBe(202);
  const answer = await duplicate.json();
  expect(answer.status).toBe("emailed");
  expect(JSON.stringify(answer)).not.toMatch(/token|invokeAuthenticator|http/);
  await page.goto(`${idp.url}/outbox?${new URLSearchParams({ to: alice.email })}`);
  await expect(page.getByRole("link", { name: "Bind passkey" })).toHaveCount(1);
});

test("with several passkeys on the device, the user picks one in the page, never in a prompt", async ({
  page,
  appA,
  alice,
  bob,
  idp,
}) => {
  const dialogs: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await enrollKnownUser(page, appA, idp.url, alice);
  await enrollKnownUser(page, appA, idp.url, bob);

  await page.goto(`${appA}/protected`);
  await page.waitForURL((url) => url.pathname === "/bi-authenticate");
  await expect(page.getByTestId("passkey-option")).toHaveCount(2);
  await expect(page.getByTestId("passkey-continue")).toBeDisabled();
  await passkeyOption(page, bob.email).getByRole("radio").check();
  await page.getByTestId("passkey-continue").click();
  await page.waitForURL(`${appA}/protected`);
  await expect(page.getByTestId("profile-card")).toContainText(bob.name);
  expect(dialogs).toEqual([]);
});

test("a cancelled passkey prompt shows an error on the page, creates no session, and a retry works", async ({
  page,
  appA,
  alice,
  idp,
}) => {
  const authenticator = await virtualAuthenticator(page);
  await enrollKnownUser(page, appA, idp.url, alice);
  await page.goto(`${appA}/protected`);
  await page.waitForURL((url) => url.pathname === "/bi-authenticate");

  await authenticator.setUserVerified(false);
  await page.getByTestId("passkey-continue").click();
  await expect(page.getByTestId("passkey-error")).toContainText(/cancelled or timed out/);
  expect(new URL(page.url()).pathname).toBe("/bi-authenticate");
  expect(await sessionCookies(page, appA)).toEqual([]);
  expect((await page.request.get(`${appA}/api/me`)).status()).toBe(401);

  await authenticator.setUserVerified(true);
  await page.getByTestId("passkey-continue").click();
  await page.waitForURL(`${appA}/protected`);
  await expect(page.getByTestId("profile-card")).toContainText(alice.name);
});

test("a replayed assertion is refused, for the same request and for a new one", async ({
  page,
  appA,
  alice,
  idp,
  flow,
}) => {
  await enrollKnownUser(page, appA, idp.url, alice);
  await page.goto(`${appA}/protected`);
  await page.waitForURL((url) => url.pathname === "/bi-authenticate");
  const verify = page.waitForRequest((r) => r.url().endsWith("/bi-authenticate/verify"));
  await page.getByTestId("passkey-continue").click();
  const captured = await verify;
  await page.waitForURL(`${appA}/protected`);
  const replay = (request: string) =>
    page.request.post(captured.url(), {
      data: { ...captured.postDataJSON(), request },
      headers: { origin: appA },
    });

  const sameRequest = await replay(captured.postDataJSON().request);
  expect(sameRequest.status()).toBeGreaterThanOrEqual(400);
  expect(await sameRequest.text()).not.toContain("code=");

  // A new sign-in request (new challenge) with the old assertion is refused too.
  await flow.signOut(page, appA);
  await page.goto(`${appA}/protected`);
  await page.waitForURL((url) => url.pathname === "/bi-authenticate");
  const fresh = new URL(page.url()).searchParams.get("request") ?? "";
  const newRequest = await replay(fresh);
  expect(newRequest.status()).toBeGreaterThanOrEqual(400);
  expect(await newRequest.text()).not.toContain("code=");

  // The real ceremony for that request still works.
  await page.getByTestId("passkey-continue").click();
  await page.waitForURL(`${appA}/protected`);
});
