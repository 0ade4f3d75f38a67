import { idps } from "@idp-gallery/registry/idps";
import { findForm, submission } from "../html-form.ts";
import { type HttpIdpAdapter, requiredEnv } from "./types.ts";

// The IdP and the env keys its app reads, from the registry.
const idp = idps["django-sso"];

/** The gateway's JSON answer, or an error naming the request when it refused. */
export function gatewayAnswer(step: string, status: number, text: string): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${step}: ${status}, not JSON: ${text.slice(0, 200)}`);
  }
  if (status !== 200 || typeof body !== "object" || body === null || "error" in body)
    throw new Error(`${step} refused (${status}): ${text.slice(0, 200)}`);
  return body as Record<string, unknown>;
}

/**
 * A django-sso gateway (not OIDC): Django's login form on /login/?sso=…, no consent screen.
 *
 * Its bare baseline is the gateway protocol itself, as a service speaks it with no app around it:
 * `POST sso/obtain/` with the service token, the login form (the gateway then sends its
 * update_account event to the service and redirects to the service's `/sso/accept/`), `POST sso/get/`,
 * `POST sso/make_used/`, and the user's record from the gateway's `/users/<name>/` (the profile, as
 * the OIDC baseline ends with the ID token's claims).
 */
export const djangoSsoHttpAdapter: HttpIdpAdapter = {
  idp: idp.id,
  nextStep(page, user) {
    const login = findForm(page.text, page.url, "form:has(input[name=password])");
    if (login) return submission(login, { username: user.username, password: user.password });
    return undefined;
  },
  bareClient(env, appUrl) {
    const root = requiredEnv(env, idp.env.root).replace(/\/$/, "");
    const token = requiredEnv(env, idp.env.token);
    const acceptUrl = new URL("/sso/accept/", appUrl).href;
    return {
      kind: "protocol",
      describe: "sso/obtain/, the gateway's login form, sso/get/, sso/make_used/, /users/<name>/",
      async signIn({ session, drive }) {
        const post = async (path: string, fields: Record<string, string>) => {
          const response = await session.request(
            "POST",
            `${root}${path}`,
            new URLSearchParams({ token, ...fields }),
            { accept: "application/json" },
          );
          return gatewayAnswer(path, response.status, response.text);
        };
        const obtained = await post("/sso/obtain/", {
          next_url: new URL("/protected", appUrl).href,
        });
        if (typeof obtained.token !== "string") throw new Error("sso/obtain/ gave no token");
        const login = new URL(`${root}/login/`);
        login.searchParams.set("sso", obtained.token);
        await drive(login.href, (location) => location === acceptUrl);
        const request = await post("/sso/get/", { authentication_token: obtained.token });
        if (request.authenticated !== true || typeof request.user_identy !== "string")
          throw new Error(`sso/get/: not authenticated: ${JSON.stringify(request)}`);
        await post("/sso/make_used/", { authentication_token: obtained.token });
        const user = await session.request(
          "GET",
          `${root}/users/${encodeURIComponent(request.user_identy)}/`,
          undefined,
          { accept: "application/json", authorization: `Token ${token}` },
        );
        const record = gatewayAnswer("/users/", user.status, user.text);
        if (record.username !== request.user_identy)
          throw new Error(`/users/ answered for ${String(record.username)}`);
        return { sub: request.user_identy };
      },
    };
  },
};
