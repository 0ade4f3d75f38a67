import {
  CookieStorage,
  type GetContextParameters,
  PersistKey,
  type SessionWrapper,
  type SignInOptions,
} from "@logto/node";
import NodeClient from "@logto/node/edge";
import { cookies } from "next/headers";
import { flowCookieName, logtoConfig, sessionCookieName } from "./idp.ts";
import { flowWrapper } from "./session-store.ts";

type Key = Parameters<CookieStorage["getItem"]>[0];

function cookieStorage(name: string, wrapper: SessionWrapper | undefined, readOnly: boolean) {
  return new CookieStorage({
    encryptionKey: logtoConfig.cookieSecret ?? "",
    sessionWrapper: wrapper,
    cookieKey: name,
    isSecure: logtoConfig.cookieSecure,
    getCookie: async (key) => (await cookies()).get(key)?.value ?? "",
    setCookie: async (key, value, options) => {
      // Server components may not write cookies; route handlers and server actions may.
      if (readOnly) return;
      const store = await cookies();
      if (value) store.set(key, value, options);
      else
        store.delete({
          name: key,
          path: "/",
          secure: options.secure,
          httpOnly: true,
          sameSite: "lax",
        });
    },
  });
}

/**
 * What `@logto/next/server-actions` does per request (its LogtoClient), with two changes: cookies
 * are named per app and port (the SDK's `logto_<appId>` would be shared by two instances on
 * localhost), and the sign-in round trip's state lives in its own cookie, so no session cookie
 * exists before the sign-in completes; an empty cookie is deleted, not left as an encrypted `{}`.
 */
async function requestScopedClient({ ignoreCookieChange = false } = {}) {
  const session = cookieStorage(sessionCookieName, logtoConfig.sessionWrapper, ignoreCookieChange);
  const flow = cookieStorage(flowCookieName, flowWrapper, ignoreCookieChange);
  await Promise.all([session.init(), flow.init()]);
  const pick = (key: Key) => (key === PersistKey.SignInSession ? flow : session);
  const storage = {
    getItem: (key: Key) => pick(key).getItem(key),
    setItem: (key: Key, value: string) => pick(key).setItem(key, value),
    removeItem: (key: Key) => pick(key).removeItem(key),
    destroy: () => Promise.all([session.destroy(), flow.destroy()]),
  };
  let url: string | undefined;
  const nodeClient = new NodeClient(logtoConfig, {
    storage,
    navigate: (target: string) => {
      url = target;
    },
  });
  return { nodeClient, storage, navigateUrl: () => url };
}

function navigated(url: string | undefined): string {
  if (!url) throw new Error("The Logto client did not navigate.");
  return url;
}

/** Starts a sign-in; returns Logto's authorization URL. */
export async function handleSignIn(options: SignInOptions): Promise<string> {
  const { nodeClient, navigateUrl } = await requestScopedClient();
  await nodeClient.signIn(options);
  return navigated(navigateUrl());
}

/** Finishes a sign-in at the redirect URI; returns the post-sign-in path, if one was given. */
export async function handleSignInCallback(callbackUrl: string): Promise<string | undefined> {
  const { nodeClient, navigateUrl } = await requestScopedClient();
  await nodeClient.handleSignInCallback(callbackUrl);
  return navigateUrl();
}

/** Revokes the refresh token, clears the session; returns Logto's end-session URL. */
export async function handleSignOut(postSignOutUri: string): Promise<string> {
  const { nodeClient, storage, navigateUrl } = await requestScopedClient();
  await nodeClient.signOut(postSignOutUri);
  await storage.destroy();
  return navigated(navigateUrl());
}

/** The session's context (read-only: safe in server components). */
export async function getLogtoContext(parameters: GetContextParameters = {}) {
  const { nodeClient } = await requestScopedClient({ ignoreCookieChange: true });
  return nodeClient.getContext(parameters);
}

/** The Node client for tokens and userinfo; `ignoreCookieChange` in server components. */
export async function createNodeClient(options: { ignoreCookieChange?: boolean } = {}) {
  return (await requestScopedClient(options)).nodeClient;
}
