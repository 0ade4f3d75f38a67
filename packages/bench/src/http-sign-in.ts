import {
  createHttpSession,
  type Hop,
  type HttpResponse,
  type HttpSession,
  pathTemplate,
} from "./cookie-jar.ts";
import type { Credentials, HttpIdpAdapter } from "./http-adapters/index.ts";

/** One complete sign-in: its wall time and every request it made. */
export interface SignInSample {
  ms: number;
  hops: Hop[];
}

const MAX_STEPS = 30;

/** Labels requests by side ("app", "idp", …) and path, so hops add up across sign-ins. */
export function hopLabeler(origins: Record<string, string>) {
  return (method: string, url: URL) =>
    `${origins[url.origin] ?? url.origin} ${method} ${pathTemplate(url.pathname)}`;
}

/**
 * Follows redirects and answers the IdP's pages through its adapter (its forms, or the requests of a
 * page's script), as a browser and a person would, until a redirect to a URL that `stop` accepts
 * (that URL is returned, not requested).
 */
export async function driveFlow(
  session: HttpSession,
  startUrl: string,
  adapter: HttpIdpAdapter,
  user: Credentials,
  stop: (location: string) => boolean,
): Promise<string> {
  let response: HttpResponse = await session.request("GET", startUrl);
  for (let step = 0; step < MAX_STEPS; step++) {
    if (response.location) {
      if (stop(response.location)) return response.location;
      response = await session.request("GET", response.location);
      continue;
    }
    const next = response.status === 200 ? adapter.nextStep(response, user) : undefined;
    if (!next) throw new Error(`Unexpected page in the flow: ${describe(response)}`);
    if ("kind" in next) {
      // The page's script did its requests and sends the browser on, as a redirect would.
      const location = await next.run(session);
      if (stop(location)) return location;
      response = await session.request("GET", location);
      continue;
    }
    response = await session.request(
      next.method,
      next.url,
      next.method === "POST" ? next.body : undefined,
    );
  }
  throw new Error(`The flow did not finish in ${MAX_STEPS} steps (last: ${describe(response)})`);
}

function describe(response: HttpResponse): string {
  const text = response.text.replace(/<style[\s\S]*?<\/style>/g, "").replace(/<[^>]+>/g, " ");
  return `${response.status} ${response.url}: ${text.replace(/\s+/g, " ").trim().slice(0, 200)}`;
}

export interface AppSignInOptions {
  appUrl: string;
  idpOrigin: string;
  adapter: HttpIdpAdapter;
  user: Credentials;
  /** The target's fetch (trusts an https IdP's development CA); the global fetch by default. */
  fetch?: typeof fetch;
}

/**
 * The app's own flow over HTTP: `/auth/sign-in?callbackUrl=/protected`, the IdP's login and consent,
 * the app's callback (which must send the browser to /protected), then `/api/me` must answer 200.
 */
export async function appSignIn(
  options: AppSignInOptions,
): Promise<SignInSample & { cookie: string }> {
  const { appUrl, idpOrigin, adapter, user } = options;
  const session = createHttpSession(
    hopLabeler({ [appUrl]: "app", [idpOrigin]: "idp" }),
    options.fetch,
  );
  const protectedUrl = new URL("/protected", appUrl).href;
  const started = performance.now();
  await driveFlow(
    session,
    new URL("/auth/sign-in?callbackUrl=/protected", appUrl).href,
    adapter,
    user,
    (location) => location === protectedUrl,
  );
  const me = await session.request("GET", new URL("/api/me", appUrl).href, undefined, {
    accept: "application/json",
  });
  const ms = performance.now() - started;
  if (me.status !== 200) throw new Error(`/api/me after sign-in: ${describe(me)}`);
  const body = JSON.parse(me.text) as { user?: { id?: string } };
  if (!body.user?.id)
    throw new Error(`/api/me after sign-in has no user: ${me.text.slice(0, 200)}`);
  return { ms, hops: session.hops, cookie: await session.jar.getCookieString(appUrl) };
}
