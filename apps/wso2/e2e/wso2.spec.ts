import { connect } from "node:tls";
import { expect, test } from "@idp-gallery/e2e";

// WSO2 extras (shared/contract.md): the SCIM2 /Me resource from the tenant path, and https with the
// project's CA trusted through a CA file (never by turning certificate checks off).

test.beforeEach(async ({ idp }) => {
  await idp.reset();
});

test("/protected shows the user's SCIM2 /Me resource, fetched from the tenant path", async ({
  page,
  appA,
  alice,
  flow,
  idp,
}) => {
  await flow.signIn(page, appA, alice, "/protected");
  const panel = page.getByTestId("json-panel");
  await expect(panel).toContainText("/t/carbon.super/scim2/Me");
  const resource = JSON.parse((await panel.locator("pre").textContent()) ?? "");
  expect(resource).toMatchObject({
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
    userName: alice.username,
    emails: [{ value: alice.email, primary: true }],
    meta: { resourceType: "User" },
  });
  expect(resource.id).toMatch(/^[0-9a-f-]{36}$/);

  // The app asks exactly the tenant path: when that one request fails, the panel says so.
  await idp.failNext({ path: "/t/carbon.super/scim2/Me", status: 503 });
  await page.reload();
  await expect(page.getByTestId("notice")).toContainText("Could not load data from WSO2");
  expect((await idp.health()).pendingFaults).toEqual([]);
  await page.reload();
  await expect(page.getByTestId("json-panel")).toContainText(alice.email);
});

/** A TLS handshake with the IdP: trusted with the CA file, refused without it. */
function handshake(origin: string, ca?: string) {
  const { hostname, port } = new URL(origin);
  return new Promise<{ issuer: string } | { error: string }>((resolve) => {
    const socket = connect({ host: hostname, port: Number(port), servername: hostname, ca }, () => {
      resolve({ issuer: socket.getPeerX509Certificate()?.issuer ?? "" });
      socket.end();
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? "" }));
  });
}

test("the IdP serves https with the project CA's certificate, and only the CA makes it trusted", async ({
  page,
  appA,
  alice,
  flow,
  target,
}) => {
  const { origin, caFile } = target.idpServer;
  expect(origin).toMatch(/^https:/);
  if (!caFile) throw new Error("the wso2 target names no CA file");
  const { readFile } = await import("node:fs/promises");
  const ca = await readFile(caFile, "utf8");

  expect(await handshake(origin, ca)).toEqual({
    issuer: expect.stringContaining("CN=IdP Gallery Development CA"),
  });
  expect(await handshake(origin)).toEqual({ error: "SELF_SIGNED_CERT_IN_CHAIN" });
  const plain = await fetch(`${origin}/oauth2/token/.well-known/openid-configuration`).catch(
    (error: Error) => error,
  );
  expect(plain).toBeInstanceOf(Error);

  // The browser accepts only the pinned certificate: the IdP's page loads and names its issuer.
  const login = await page.goto(`${appA}/protected`);
  expect(login?.ok()).toBe(true);
  const security = await login?.securityDetails();
  expect(security?.issuer).toBe("IdP Gallery Development CA");

  // And the app reached the IdP over that https connection: signed in, SCIM panel rendered.
  await flow.loginAtIdp(page, alice);
  await flow.finishAtApp(page, appA);
  await expect(page.getByTestId("json-panel")).toContainText(alice.username);
});
