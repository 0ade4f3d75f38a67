import { decode, encode } from "@auth/core/jwt";
import { EmulatorControl } from "@idp-gallery/emulators/control";
import { EXPECT_TIMEOUT_MS } from "@idp-gallery/test-processes/bounds";
import {
  type BrowserContext,
  test as base,
  expect,
  type Page,
  type Request,
  type Response,
} from "@playwright/test";
import type { SeededUser } from "./adapter.ts";
import { type E2eTarget, getTarget } from "./targets.ts";

interface WorkerFixtures {
  targetName: string;
  target: E2eTarget;
  idp: EmulatorControl;
}

interface TestFixtures {
  /** The first app instance's origin. */
  appA: string;
  /** The second instance, on another localhost port (C8). */
  appB: string;
  alice: SeededUser;
  bob: SeededUser;
  flow: SignInFlow;
}

/** The IdP-agnostic steps of the contract, driven through the target's adapter. */
export interface SignInFlow {
  /** From wherever the browser is, waits for the IdP login screen and signs in as `user`. */
  loginAtIdp(page: Page, user: SeededUser): Promise<void>;
  /** Approves consent if shown and waits until the browser is back on `appOrigin`. */
  finishAtApp(page: Page, appOrigin: string): Promise<void>;
  /** Finishes a sign-in already under way: logs in if the IdP asks, consents if asked, back to the app. */
  completeSignIn(page: Page, appOrigin: string, user: SeededUser): Promise<void>;
  /** The whole sign-in, starting at `path` on `appOrigin`. */
  signIn(page: Page, appOrigin: string, user: SeededUser, path?: string): Promise<void>;
  /** Uses the app's sign-out control and follows the IdP's logout screens back to the app. */
  signOut(page: Page, appOrigin: string): Promise<void>;
  /** Asserts the browser is on the IdP's screens: its origin, or an app page that belongs to its flow. */
  expectAtIdp(page: Page, appOrigin: string): void;
  /** The app's cookies for one origin: those in its per-app namespace, or named by its IdP's SDK. */
  appCookies(context: BrowserContext, appOrigin: string): Promise<Cookie[]>;
  /** The app's session cookies that hold something (an emptied cookie holds no session). */
  sessionCookies(context: BrowserContext, appOrigin: string): Promise<Cookie[]>;
  /** Rewrites the browser's session cookie as if its sign-in had happened `byMs` earlier. */
  ageSession(context: BrowserContext, appOrigin: string, byMs: number): Promise<void>;
}

type Cookie = Awaited<ReturnType<BrowserContext["cookies"]>>[number];

export const test = base.extend<TestFixtures, WorkerFixtures>({
  targetName: [process.env.E2E_TARGET ?? "", { option: true, scope: "worker" }],
  target: [async ({ targetName }, use) => use(getTarget(targetName)), { scope: "worker" }],
  // An https IdP with a development certificate: Chromium accepts exactly that certificate (by its
  // public key hash) and nothing else; certificate checks stay on for every other site. The hash is
  // read once the IdP is up, because the IdP creates its certificate on first start.
  launchOptions: [
    async ({ launchOptions, target }, use) => {
      const pins = target.idpServer.spkiPins?.() ?? [];
      const args = [...(launchOptions.args ?? [])];
      if (pins.length) args.push(`--ignore-certificate-errors-spki-list=${pins.join(",")}`);
      await use({ ...launchOptions, args });
    },
    { scope: "worker" },
  ],
  idp: [
    async ({ target }, use) =>
      use(
        new EmulatorControl({
          url: target.idpServer.origin,
          controlUrl: target.idpServer.controlUrl,
          caFile: target.idpServer.caFile,
        }),
      ),
    { scope: "worker" },
  ],
  appA: async ({ target }, use) => use(`http://localhost:${target.appPorts[0]}`),
  appB: async ({ target }, use) => use(`http://localhost:${target.appPorts[1]}`),
  alice: async ({ target }, use) => use(userAt(target, 0)),
  bob: async ({ target }, use) => use(userAt(target, 1)),
  flow: async ({ target }, use) => use(createSignInFlow(target)),
});

/** The IdP-agnostic steps of a sign-in, driven through one target's adapter. */
export function createSignInFlow(target: E2eTarget): SignInFlow {
  const { adapter } = target;
  const idpPages = adapter.idpPagesOnApp ?? [];
  // Back at the app: its origin, and not one of its pages that belong to the IdP's flow.
  const atApp = (appOrigin: string) => (url: URL) =>
    url.origin === appOrigin && !idpPages.includes(url.pathname);
  // Cookies on localhost are shared by every port: an SDK-named cookie is told apart by its name.
  const sdkSessionCookie = (appOrigin: string) =>
    adapter.sessionCookieName?.(target.appEnv(appOrigin));
  const flow: SignInFlow = {
    async loginAtIdp(page, user) {
      await adapter.expectLoginScreen(page);
      await adapter.submitLogin(page, user);
    },
    async finishAtApp(page, appOrigin) {
      await page.waitForLoadState("domcontentloaded");
      if (!atApp(appOrigin)(new URL(page.url()))) await adapter.approveConsentIfShown(page);
      await page.waitForURL(atApp(appOrigin));
    },
    async completeSignIn(page, appOrigin, user) {
      await page.waitForLoadState("domcontentloaded");
      if (atApp(appOrigin)(new URL(page.url()))) return;
      if (await adapter.isLoginScreen(page)) await adapter.submitLogin(page, user);
      await flow.finishAtApp(page, appOrigin);
    },
    async signIn(page, appOrigin, user, path = "/protected") {
      await page.goto(`${appOrigin}${path}`);
      await flow.loginAtIdp(page, user);
      await flow.finishAtApp(page, appOrigin);
    },
    async signOut(page, appOrigin) {
      // The control posts to /auth/sign-out, or runs a React server action (a POST to the page).
      const signOut = page.waitForResponse(
        (r) =>
          r.request().method() === "POST" &&
          (r.url() === `${appOrigin}/auth/sign-out` ||
            (r.url().startsWith(`${appOrigin}/`) && !!r.request().headers()["next-action"])),
      );
      // Every main-frame navigation request, redirect hops included: the IdP's logout may answer
      // with a redirect straight back, so its page is never committed and waitForURL would miss it.
      const navigations: string[] = [];
      const track = (request: Request) => {
        if (request.isNavigationRequest() && request.frame() === page.mainFrame()) {
          navigations.push(request.url());
        }
      };
      page.on("request", track);
      try {
        await page.getByTestId("sign-out").click();
        await followSignOut(await signOut);
      } finally {
        page.off("request", track);
      }
      async function followSignOut(response: Response) {
        const headers = response.headers();
        // A server action's redirect comes as `x-action-redirect: <url>;<type>`.
        const redirectTo = headers.location ?? headers["x-action-redirect"]?.split(";")[0];
        const location = new URL(redirectTo ?? "/", appOrigin);
        if (location.origin === appOrigin) {
          // Only the app session ended (no RP-initiated logout); the app says why.
          await page.waitForURL(
            (url) => url.origin === appOrigin && url.searchParams.has("signed-out"),
          );
          return;
        }
        // RP-initiated logout: through the IdP (confirming its prompt if it shows one) and back.
        const wentToIdp = () => navigations.some((url) => new URL(url).origin === location.origin);
        await expect
          .poll(
            async () => {
              const here = new URL(page.url()).origin;
              if (here === location.origin) await adapter.confirmLogoutIfShown(page);
              return wentToIdp() && here === appOrigin;
            },
            { timeout: EXPECT_TIMEOUT_MS },
          )
          .toBe(true);
        await page.waitForLoadState("domcontentloaded");
      }
    },
    expectAtIdp(page, appOrigin) {
      const url = new URL(page.url());
      if (url.origin === appOrigin) expect(idpPages).toContain(url.pathname);
      else expect(url.origin).toBe(target.idpServer.origin);
    },
    async appCookies(context, appOrigin) {
      const port = new URL(appOrigin).port;
      const sdkName = sdkSessionCookie(appOrigin);
      return (await context.cookies(appOrigin)).filter(
        (cookie) => cookie.name.includes(`-${port}.`) || cookie.name === sdkName,
      );
    },
    async sessionCookies(context, appOrigin) {
      const sdkName = sdkSessionCookie(appOrigin);
      return (await flow.appCookies(context, appOrigin)).filter(
        (cookie) =>
          cookie.value !== "" &&
          (sdkName ? cookie.name === sdkName : cookie.name.endsWith("session-token")),
      );
    },
    async ageSession(context, appOrigin, byMs) {
      const [cookie, ...more] = await flow.sessionCookies(context, appOrigin);
      if (!cookie || more.length > 0)
        throw new Error(`expected one session cookie at ${appOrigin}`);
      const appEnv = target.appEnv(appOrigin);
      const value = adapter.agedSessionCookie
        ? await adapter.agedSessionCookie(cookie, appEnv, byMs)
        : await agedAuthJsSession(cookie, appEnv.AUTH_SECRET ?? "", byMs);
      await context.addCookies([{ ...cookie, value }]);
    },
  };
  return flow;
}

/**
 * An Auth.js session cookie whose sign-in time lies `byMs` further back: decrypted and sealed again
 * with the instance's secret (Auth.js's own jwt module), as only the server could have done.
 */
async function agedAuthJsSession(
  cookie: { name: string; value: string },
  secret: string,
  byMs: number,
): Promise<string> {
  const token = await decode({ token: cookie.value, secret, salt: cookie.name });
  if (!token || typeof token.signedInAt !== "number") {
    throw new Error(`${cookie.name} is no gallery session (no signedInAt)`);
  }
  return encode({
    token: { ...token, signedInAt: token.signedInAt - byMs },
    secret,
    salt: cookie.name,
  });
}

function userAt(target: E2eTarget, index: number): SeededUser {
  const user = target.users[index];
  if (!user) throw new Error(`The fixture needs at least ${index + 1} users`);
  return user;
}

export { expect };
