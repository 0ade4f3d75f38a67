import { cookies } from "next/headers";
import { redirect, unstable_rethrow } from "next/navigation";
import { credentialsErrorCode, type SignInStart } from "./credentials.ts";
import { safeRedirectPath } from "./redirect.ts";
import type { SignInRequestCookie } from "./sign-in-request.ts";

export interface CredentialsRoutesOptions {
  appUrl: string;
  idpName: string;
  paths: { home: string; error: string };
  providerId: string;
  cookie: SignInRequestCookie;
  start: SignInStart;
  /** Auth.js's server-side signIn (no CSRF round trip; authorize() still reads the cookie). */
  signIn(providerId: string, options: { redirectTo: string }): Promise<unknown>;
}

/**
 * The two browser routes of a credentials sign-in: GET `/auth/sign-in?callbackUrl=…` starts it at
 * the IdP and binds it to this browser; the IdP's return route (django-sso: `/sso/accept/`)
 * completes it through the Credentials provider.
 */
export function createCredentialsRoutes(options: CredentialsRoutesOptions) {
  const { paths, cookie } = options;
  const fail = (error: string): never =>
    redirect(`${paths.error}?${new URLSearchParams({ error })}`);

  async function signInRoute(request: Request): Promise<Response> {
    const params = new URL(request.url).searchParams;
    const error = params.get("error");
    if (error) fail(error);
    const redirectTo = safeRedirectPath(params.get("callbackUrl"), options.appUrl, paths.home);
    let started: { location: string; state: string };
    try {
      started = await options.start({ redirectTo, request });
    } catch (cause) {
      console.error(`[auth] could not start sign-in with ${options.idpName}: ${describe(cause)}`);
      return fail("IdpUnavailable");
    }
    (await cookies()).set(
      cookie.name,
      await cookie.seal({ state: started.state, redirectTo }),
      cookie.options,
    );
    return redirect(started.location);
  }

  async function completeSignInRoute(request: Request): Promise<Response> {
    const pending = await cookie.read(request.headers.get("cookie"));
    const jar = await cookies();
    const forget = () => jar.set(cookie.name, "", { ...cookie.options, maxAge: 0 });
    if (!pending) {
      forget();
      return fail("Verification");
    }
    try {
      await options.signIn(options.providerId, {
        redirectTo: safeRedirectPath(pending.redirectTo, options.appUrl, paths.home),
      });
    } catch (cause) {
      unstable_rethrow(cause);
      return fail(credentialsErrorCode(cause));
    } finally {
      // The request works once: whatever happened, this browser forgets it.
      forget();
    }
    return redirect(paths.home);
  }

  return { signInRoute, completeSignInRoute };
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? `${error.message} (${error.cause.message})` : error.message;
}
