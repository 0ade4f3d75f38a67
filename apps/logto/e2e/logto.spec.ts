import { createHash, randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { type APIRequestContext, expect, type Page, test } from "@idp-gallery/e2e";

const require = createRequire(import.meta.url);
const client: { clientId: string; clientSecret: string } =
  require("@idp-gallery/emulators/fixtures/clients.json").logto;

// Logto's extras (shared/contract.md): claims table, an API resource token checked by a protected
// API, an organization token, and claims only the userinfo endpoint has (custom data).
test.beforeEach(async ({ idp }) => {
  await idp.reset();
});

function panel(page: Page, title: string | RegExp) {
  return page.getByTestId("json-panel").filter({ has: page.getByRole("heading", { name: title }) });
}

test("the claims table shows Logto's ID token claims, organizations included", async ({
  page,
  appA,
  alice,
  flow,
}) => {
  await flow.signIn(page, appA, alice);
  const table = page.getByTestId("claims-table");
  await expect(table.locator('[data-claim="username"]')).toContainText("alice");
  await expect(table.locator('[data-claim="iss"]')).toContainText("/oidc");
  await expect(table.locator('[data-claim="organizations"]')).toContainText("wonderland");
  await expect(table.locator('[data-claim="organization_roles"]')).toContainText(
    "wonderland:admin",
  );
  // Custom data is not in Logto's default ID token; it comes from userinfo.
  await expect(table.locator('[data-claim="custom_data"]')).toHaveCount(0);
});

test("custom data comes from the userinfo endpoint", async ({ page, appA, alice, flow }) => {
  await flow.signIn(page, appA, alice);
  const userinfo = panel(page, /Userinfo/);
  await expect(userinfo).toContainText('"plan": "pro"');
  await expect(userinfo).toContainText('"favouriteColour": "blue"');
  await expect(userinfo).toContainText("Wonderland Inc.");
});

test("the API resource token is accepted by /api/resource; another audience is refused", async ({
  page,
  appA,
  alice,
  flow,
}) => {
  await flow.signIn(page, appA, alice);
  await expect(panel(page, /decoded token claims/).first()).toContainText(
    '"aud": "https://api.gallery.example"',
  );
  await expect(panel(page, "GET /api/resource with the API resource token")).toContainText(
    '"status": 200',
  );
  const other = panel(page, /organization token \(another audience\)/);
  await expect(other).toContainText('"status": 401');
  await expect(other).toContainText("aud");
});

test("the organization token carries the organization audience and role permissions", async ({
  page,
  appA,
  alice,
  flow,
}) => {
  await flow.signIn(page, appA, alice);
  const organization = panel(page, "Organization wonderland: decoded token claims");
  await expect(organization).toContainText('"aud": "urn:logto:organization:wonderland"');
  await expect(organization).toContainText('"scope": "read:members invite:members"');
});

test("/api/resource refuses requests without a token, with garbage, and with a token lacking the scope", async ({
  request,
  appA,
  target,
}) => {
  expect((await request.get(`${appA}/api/resource`)).status()).toBe(401);
  const garbage = await request.get(`${appA}/api/resource`, {
    headers: { authorization: "Bearer not-a-jwt" },
  });
  expect(garbage.status()).toBe(401);
  expect(await garbage.json()).toMatchObject({ error: "invalid_token" });

  const token = await resourceTokenWithoutScope(request, target.idpServer.origin);
  const refused = await request.get(`${appA}/api/resource`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(refused.status()).toBe(403);
  expect(await refused.json()).toMatchObject({ error: "insufficient_scope" });
});

/** A real token for the API resource without `read:data`: a code flow at the IdP, like the SDK's. */
async function resourceTokenWithoutScope(
  request: APIRequestContext,
  origin: string,
): Promise<string> {
  const redirectUri = "http://localhost:4004/callback";
  const verifier = randomBytes(32).toString("base64url");
  const query = new URLSearchParams({
    client_id: client.clientId,
    redirect_uri: redirectUri,
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
    state: "extras",
    response_type: "code",
    prompt: "consent",
    scope: "openid offline_access profile",
    resource: "https://api.gallery.example",
  });
  let response = await request.get(`${origin}/oidc/auth?${query}`, { maxRedirects: 0 });
  // Follow the IdP's own redirects to its sign-in page, sign in, then stop at the app's callback.
  const follow = async () => {
    while (response.status() >= 300 && response.status() < 400) {
      const location = new URL(response.headers().location ?? "", origin);
      if (location.origin !== origin) return location;
      response = await request.get(location.href, { maxRedirects: 0 });
    }
    return undefined;
  };
  await follow();
  const hiddenFields = (html: string) =>
    Object.fromEntries(
      [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [
        m[1],
        (m[2] ?? "").replaceAll("&amp;", "&"),
      ]),
    );
  response = await request.post(`${origin}/sign-in`, {
    form: {
      ...hiddenFields(await response.text()),
      username: "alice",
      password: "wonderland-1865",
    },
    maxRedirects: 0,
  });
  let callback = await follow();
  // A third-party app (as the e2e targets register it) gets Logto's consent page: authorize.
  if (!callback) {
    response = await request.post(`${origin}/consent`, {
      form: { ...hiddenFields(await response.text()), allow: "yes" },
      maxRedirects: 0,
    });
    callback = await follow();
  }
  const code = callback?.searchParams.get("code") ?? "";
  const basic = `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString("base64")}`;
  const tokens = await (
    await request.post(`${origin}/oidc/token`, {
      headers: { authorization: basic },
      form: {
        grant_type: "authorization_code",
        code,
        code_verifier: verifier,
        redirect_uri: redirectUri,
      },
    })
  ).json();
  const resource = await (
    await request.post(`${origin}/oidc/token`, {
      headers: { authorization: basic },
      form: {
        grant_type: "refresh_token",
        refresh_token: tokens.refresh_token,
        resource: "https://api.gallery.example",
      },
    })
  ).json();
  return resource.access_token;
}
