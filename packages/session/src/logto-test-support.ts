/**
 * Test helpers for the Logto session (tests only): the real Logto emulator as a process, and the
 * real SDK (`@logto/node`'s edge client and `CookieStorage`, what `@logto/next` builds per request)
 * over a one-cookie jar instead of Next.js's `cookies()`.
 */
import { fileURLToPath } from "node:url";
import { freePort } from "@idp-gallery/test-processes/ports";
import { type RunningProcess, startProcess } from "@idp-gallery/test-processes/process";
import { httpAnswers } from "@idp-gallery/test-processes/readiness";
import { CookieStorage, type LogtoConfig, type SessionWrapper } from "@logto/node";
import NodeClient from "@logto/node/edge";

export const emulatorApp = {
  appId: "idpgallerylogto01",
  appSecret: "dev-only-logto-Qm4Xs8Tn2Vb6Kp9Lw3Rz7Hd5",
  // Registered at the emulator; nothing listens there: the test hands the callback to the SDK.
  baseUrl: "http://localhost:3004",
  resource: "https://api.gallery.example",
} as const;

export const cookieName = `logto_${emulatorApp.appId}`;

export interface LogtoEmulator {
  origin: string;
  stop(): Promise<void>;
  /** The emulator's test controls (`/__emulator/...`). */
  control(path: "reset" | "fail-next", body?: Record<string, unknown>): Promise<void>;
}

/** The gallery's Logto emulator (packages/emulators), started through its CLI on a free port. */
export async function startLogtoEmulator(dataDir: string): Promise<LogtoEmulator> {
  // The workspace's emulator package, run from its sources as its README shows.
  const cli = fileURLToPath(new URL("../../emulators/src/cli.ts", import.meta.url));
  const port = await freePort();
  const controlPort = await freePort();
  const origin = `http://localhost:${port}`;
  const server: RunningProcess = await startProcess({
    name: "idp-emulator logto",
    command: process.execPath,
    args: [
      cli,
      "logto",
      "--port",
      `${port}`,
      "--control-port",
      `${controlPort}`,
      "--data-dir",
      dataDir,
    ],
    // First-party app (auto-consent), as in development.
    env: { ...process.env, LOGTO_EMULATOR_THIRD_PARTY: "" },
    port,
    ready: httpAnswers(`${origin}/__emulator/health`),
  });
  return {
    origin,
    stop: () => server.stop(),
    async control(path, body) {
      const response = await fetch(`${origin}/__emulator/${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body ?? {}),
      });
      if (!response.ok) throw new Error(`/__emulator/${path} answered ${response.status}`);
    },
  };
}

/** The app's Logto config, as apps/logto/src/idp.ts has it, against the emulator. */
export function emulatorConfig(origin: string): LogtoConfig {
  return {
    endpoint: origin,
    appId: emulatorApp.appId,
    appSecret: emulatorApp.appSecret,
    scopes: [
      "email",
      "custom_data",
      "urn:logto:scope:organizations",
      "urn:logto:scope:organization_roles",
      "read:data",
    ],
    resources: [emulatorApp.resource],
  };
}

/** The browser's cookie for the app: the one cookie the SDK reads and writes. */
export class CookieJar {
  value = "";
}

/** One request's SDK client, as `@logto/next` builds it: `CookieStorage` over the jar, then the client. */
export async function sdkClient(config: LogtoConfig, wrapper: SessionWrapper, jar: CookieJar) {
  const storage = new CookieStorage({
    cookieKey: cookieName,
    sessionWrapper: wrapper,
    getCookie: () => jar.value,
    setCookie: (_name, value) => {
      jar.value = value;
    },
  });
  await storage.init();
  let navigatedTo = "";
  const client = new NodeClient(config, {
    storage,
    navigate: (url) => {
      navigatedTo = url;
    },
  });
  return { client, storage, navigatedTo: () => navigatedTo };
}

/** Signs alice in through the SDK and the emulator's sign-in page; the jar then holds the session. */
export async function signInAlice(config: LogtoConfig, wrapper: SessionWrapper, jar: CookieJar) {
  const start = await sdkClient(config, wrapper, jar);
  const redirectUri = `${emulatorApp.baseUrl}/callback`;
  await start.client.signIn({ redirectUri, postRedirectUri: `${emulatorApp.baseUrl}/protected` });
  const callbackUrl = await completeSignInPage(start.navigatedTo(), config.endpoint);
  const callback = await sdkClient(config, wrapper, jar);
  await callback.client.handleSignInCallback(callbackUrl);
  return callback;
}

// The emulator's sign-in page: a form with hidden fields, identifier and password; first-party
// consent is granted on the server. Returns the app's callback URL with the code.
async function completeSignInPage(authorizeUrl: string, origin: string): Promise<string> {
  const browser = new EmulatorBrowser();
  const login = await browser.follow(authorizeUrl, origin);
  const hidden = Object.fromEntries(
    [...login.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map(
      (match) => [match[1] ?? "", decodeEntities(match[2] ?? "")],
    ),
  );
  const done = await browser.follow(new URL("/sign-in", origin).href, origin, {
    ...hidden,
    username: "alice",
    password: "wonderland-1865",
  });
  if (!done.location?.startsWith(emulatorApp.baseUrl)) {
    throw new Error(`The sign-in did not come back to the app: ${done.status} ${done.location}`);
  }
  return done.location;
}

// Just enough of a browser for the emulator: its cookies and redirects kept on its origin.
class EmulatorBrowser {
  #cookies = new Map<string, string>();

  async follow(target: string, origin: string, form?: Record<string, string>) {
    let response = await this.#request(target, form);
    for (let hops = 0; hops < 10; hops += 1) {
      if (!response.location?.startsWith(origin)) return response;
      response = await this.#request(response.location);
    }
    throw new Error(`Too many redirects from ${target}`);
  }

  async #request(target: string, form?: Record<string, string>) {
    const headers: Record<string, string> = {
      cookie: [...this.#cookies].map(([name, value]) => `${name}=${value}`).join("; "),
    };
    if (form) headers["content-type"] = "application/x-www-form-urlencoded";
    const response = await fetch(target, {
      method: form ? "POST" : "GET",
      headers,
      body: form ? new URLSearchParams(form) : undefined,
      redirect: "manual",
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair = ""] = header.split(";");
      const index = pair.indexOf("=");
      this.#cookies.set(pair.slice(0, index).trim(), pair.slice(index + 1));
    }
    const location = response.headers.get("location");
    return {
      status: response.status,
      location: location ? new URL(location, target).href : undefined,
      text: await response.text(),
    };
  }
}

function decodeEntities(value: string): string {
  const entities: Record<string, string> = {
    "&amp;": "&",
    "&lt;": "<",
    "&gt;": ">",
    "&quot;": '"',
    "&#x27;": "'",
  };
  return value.replace(/&(amp|lt|gt|quot|#x27);/g, (entity) => entities[entity] ?? entity);
}
