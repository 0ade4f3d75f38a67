import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import type { Interaction, InteractionResults } from "oidc-provider";
import { readForm, redirect, sendHtml } from "../core/http-utils.ts";
import { grantWhatWasAsked } from "../core/interactions.ts";
import type { ExtraRoute, ExtraRouteContext, InteractionInfo, LogoutView } from "../core/types.ts";
import { findUser, users } from "../fixtures.ts";
import {
  wso2ConsentPage,
  wso2ErrorPage,
  wso2LoginPage,
  wso2LogoutConsentPage,
  wso2NotFoundPage,
} from "./wso2-pages.ts";
import { handleScimMe } from "./wso2-scim.ts";
import { wso2Subject } from "./wso2-users.ts";

export const SUPER_TENANT = "carbon.super";
export const LOGIN_PAGE = "/authenticationendpoint/login.do";
export const CONSENT_PAGE = "/authenticationendpoint/oauth2_consent.do";
export const LOGOUT_CONSENT_PAGE = "/authenticationendpoint/oauth2_logout_consent.do";
export const ERROR_PAGE = "/authenticationendpoint/oauth2_error.do";
// Where the emulator's oidc-provider serves discovery; only reachable through WSO2's two aliases.
export const INTERNAL_DISCOVERY = "/.well-known/openid-configuration";

/** login.do's query as the authentication framework builds it (`sessionDataKey` = interaction id). */
export function loginQuery(info: InteractionInfo): URLSearchParams {
  const param = (name: string) => String(info.params[name] ?? "");
  const clientId = param("client_id");
  return new URLSearchParams({
    client_id: clientId,
    commonAuthCallerPath: "/oauth2/authorize",
    forceAuth: "false",
    passiveAuth: "false",
    redirect_uri: param("redirect_uri"),
    response_type: param("response_type"),
    scope: param("scope"),
    state: param("state"),
    tenantDomain: SUPER_TENANT,
    sessionDataKey: info.uid,
    relyingParty: clientId,
    type: "oidc",
    sp: info.clientName ?? clientId,
    isSaaSApp: "false",
    authenticators: "BasicAuthenticator:LOCAL",
  });
}

export function consentQuery(info: InteractionInfo): URLSearchParams {
  return new URLSearchParams({
    application: info.clientName ?? String(info.params.client_id ?? ""),
    scope: String(info.params.scope ?? ""),
    sessionDataKeyConsent: info.uid,
    spQueryParams: "",
  });
}

// Logout confirmations waiting for the user's answer, by WSO2's `sessionDataKey`.
const pendingLogouts = new Map<string, { xsrf: string; confirmPath: string; expires: number }>();
const LOGOUT_TTL_MS = 10 * 60 * 1000;

/** oidc-provider's logout prompt becomes a redirect to WSO2's logout consent page. */
export function logoutConsentRedirect(view: LogoutView): { redirect: string } {
  const now = Date.now();
  for (const [key, entry] of pendingLogouts) if (entry.expires < now) pendingLogouts.delete(key);
  const key = randomUUID();
  const confirmPath = new URL(view.action).pathname;
  pendingLogouts.set(key, { xsrf: view.xsrf, confirmPath, expires: now + LOGOUT_TTL_MS });
  return { redirect: `${LOGOUT_CONSENT_PAGE}?${new URLSearchParams({ sessionDataKey: key })}` };
}

function errorRedirect(res: ServerResponse, code: string, message: string) {
  const query = new URLSearchParams({ oauthErrorCode: code, oauthErrorMsg: message });
  redirect(res, 302, `${ERROR_PAGE}?${query}`);
}

async function pendingInteraction(
  ctx: ExtraRouteContext,
  key: string | null,
  prompt: "login" | "consent",
): Promise<Interaction | undefined> {
  if (!key) return undefined;
  const interaction = await ctx.provider.Interaction.find(key);
  return interaction?.prompt.name === prompt ? interaction : undefined;
}

/** interactionResult without the interaction cookie: WSO2 carries the key in the form instead. */
async function finish(res: ServerResponse, interaction: Interaction, result: InteractionResults) {
  interaction.result = result;
  await interaction.save(Math.max(1, interaction.exp - Math.floor(Date.now() / 1000)));
  redirect(res, 302, interaction.returnTo);
}

const query = (url: string | undefined) => new URL(url ?? "/", "https://emulator").searchParams;

// `/t/{tenant}/…`: the super tenant's resources answer the same with or without the prefix.
const tenantPrefix: ExtraRoute = {
  method: "*",
  path: /^\/t\/([^/]+)(\/.*)?$/,
  async handle(req, res, ctx) {
    const [, tenant = "", rest = "/"] = ctx.match ?? [];
    if (decodeURIComponent(tenant) !== SUPER_TENANT) {
      return sendHtml(res, 404, wso2NotFoundPage());
    }
    const search = new URL(req.url ?? "/", "https://emulator").search;
    await ctx.reroute(`${rest}${search}`);
  },
};

// OIDCDiscoveryEndpoint: `/oauth2/{issuer}/.well-known/openid-configuration`, {issuer} ∈ token | oidcdiscovery.
const discovery: ExtraRoute = {
  method: "GET",
  path: /^\/oauth2\/([^/]*)\/\.well-known\/openid-configuration$/,
  async handle(_req, res, ctx) {
    const segment = ctx.match?.[1] ?? "";
    if (segment === "token" || segment === "oidcdiscovery") {
      return ctx.forward(INTERNAL_DISCOVERY);
    }
    const text = `Invalid path to the discovery document. Received path : ${segment} is not resolvable`;
    res.writeHead(400, { "Content-Type": "text/plain", "Content-Length": Buffer.byteLength(text) });
    res.end(text);
  },
};

const hiddenDiscovery: ExtraRoute = {
  method: "*",
  path: INTERNAL_DISCOVERY,
  handle: (_req, res) => sendHtml(res, 404, wso2NotFoundPage()),
};

const loginPage: ExtraRoute = {
  method: "GET",
  path: LOGIN_PAGE,
  handle(req, res) {
    const params = query(req.url);
    sendHtml(
      res,
      200,
      wso2LoginPage({
        sessionDataKey: params.get("sessionDataKey") ?? "",
        failed: params.get("authFailure") === "true",
      }),
    );
  },
};

// The authentication framework's endpoint: BasicAuthenticator checks the credentials.
const commonauth: ExtraRoute = {
  method: "POST",
  path: "/commonauth",
  async handle(req, res, ctx) {
    const form = await readForm(req);
    const interaction = await pendingInteraction(ctx, form.get("sessionDataKey"), "login");
    if (!interaction) {
      return errorRedirect(
        res,
        "authentication_error",
        "Authentication Error! Something went wrong during the authentication process. Please try signing in again.",
      );
    }
    const username = (form.get("username") || form.get("usernameUserInput") || "").trim();
    const user = findUser(username);
    if (!user || user.password !== (form.get("password") ?? "")) {
      const client = await ctx.provider.Client.find(String(interaction.params.client_id));
      const info = {
        uid: interaction.uid,
        params: interaction.params,
        clientName: client?.clientName,
      };
      const failed = loginQuery(info);
      failed.set("authFailure", "true");
      failed.set("authFailureMsg", "login.fail.message");
      return redirect(res, 302, `${LOGIN_PAGE}?${failed}`);
    }
    interaction.result = { login: { accountId: wso2Subject(user), amr: ["BasicAuthenticator"] } };
    await interaction.save(Math.max(1, interaction.exp - Math.floor(Date.now() / 1000)));
    redirect(
      res,
      302,
      `/oauth2/authorize?${new URLSearchParams({ sessionDataKey: interaction.uid })}`,
    );
  },
};

// `/oauth2/authorize?sessionDataKey=…` resumes the request; oidc-provider resumes at /oauth2/authorize/{uid}.
const authorizeGet: ExtraRoute = {
  method: "GET",
  path: "/oauth2/authorize",
  async handle(req, res, ctx) {
    const params = query(req.url);
    const key = params.get("sessionDataKey");
    if (key && !params.has("client_id")) {
      const interaction = await ctx.provider.Interaction.find(key);
      if (interaction) return redirect(res, 302, interaction.returnTo);
      return errorRedirect(res, "invalid_request", "Authorization request has expired.");
    }
    await ctx.forward(req.url ?? "/oauth2/authorize");
  },
};

// The consent form posts here; any other POST is an ordinary authorization request.
const authorizePost: ExtraRoute = {
  method: "POST",
  path: "/oauth2/authorize",
  async handle(req, res, ctx) {
    const form = await readForm(req);
    const key = form.get("sessionDataKeyConsent");
    if (key === null)
      return ctx.forward(req.url ?? "/oauth2/authorize", { form: Object.fromEntries(form) });
    const interaction = await pendingInteraction(ctx, key, "consent");
    if (!interaction) {
      return errorRedirect(res, "invalid_request", "Consent request has expired or is unknown.");
    }
    if (form.get("consent") !== "approve") {
      return finish(res, interaction, {
        error: "access_denied",
        error_description: "User denied the consent",
      });
    }
    const grantId = await grantWhatWasAsked(ctx.provider, interaction);
    await finish(res, interaction, { ...interaction.lastSubmission, consent: { grantId } });
  },
};

const consentPage: ExtraRoute = {
  method: "GET",
  path: CONSENT_PAGE,
  async handle(req, res, ctx) {
    const params = query(req.url);
    const interaction = await pendingInteraction(
      ctx,
      params.get("sessionDataKeyConsent"),
      "consent",
    );
    if (!interaction) {
      return errorRedirect(res, "invalid_request", "Consent request has expired or is unknown.");
    }
    sendHtml(
      res,
      200,
      wso2ConsentPage({
        applicationName: params.get("application") ?? "",
        scopes: String(interaction.params.scope ?? "")
          .split(" ")
          .filter(Boolean),
        sessionDataKeyConsent: interaction.uid,
      }),
    );
  },
};

const logoutConsentPage: ExtraRoute = {
  method: "GET",
  path: LOGOUT_CONSENT_PAGE,
  handle(req, res) {
    const key = query(req.url).get("sessionDataKey") ?? "";
    if (!pendingLogouts.has(key)) {
      return errorRedirect(res, "access_denied", "Logout request has expired or is unknown.");
    }
    sendHtml(res, 200, wso2LogoutConsentPage({ sessionDataKey: key }));
  },
};

// OIDCLogoutServlet: the consent page posts its answer here; other POSTs are logout requests.
const logoutPost: ExtraRoute = {
  method: "POST",
  path: "/oidc/logout",
  async handle(req, res, ctx) {
    const form = await readForm(req);
    const key = form.get("sessionDataKey");
    if (key === null)
      return ctx.forward(req.url ?? "/oidc/logout", { form: Object.fromEntries(form) });
    const pending = pendingLogouts.get(key);
    pendingLogouts.delete(key);
    if (!pending || pending.expires < Date.now()) {
      return errorRedirect(res, "access_denied", "Logout request has expired or is unknown.");
    }
    if (form.get("consent") !== "approve") {
      return errorRedirect(res, "access_denied", "End User denied the logout request");
    }
    await ctx.forward(pending.confirmPath, { form: { xsrf: pending.xsrf, logout: "yes" } });
  },
};

const errorPage: ExtraRoute = {
  method: "GET",
  path: ERROR_PAGE,
  handle(req, res) {
    const params = query(req.url);
    sendHtml(
      res,
      200,
      wso2ErrorPage({
        error: params.get("oauthErrorCode") ?? "",
        description: params.get("oauthErrorMsg") ?? "",
      }),
    );
  },
};

const scimMe: ExtraRoute = {
  method: "GET",
  path: "/scim2/Me",
  handle(req, res, ctx) {
    return handleScimMe(
      {
        provider: ctx.provider,
        origin: ctx.origin,
        findUser: (subject) => users.find((user) => wso2Subject(user) === subject),
      },
      req,
      res,
    );
  },
};

/** In order: the tenant prefix is stripped first, then each WSO2 endpoint. */
export const wso2Routes: ExtraRoute[] = [
  tenantPrefix,
  discovery,
  hiddenDiscovery,
  loginPage,
  commonauth,
  authorizeGet,
  authorizePost,
  consentPage,
  logoutConsentPage,
  logoutPost,
  errorPage,
  scimMe,
];
