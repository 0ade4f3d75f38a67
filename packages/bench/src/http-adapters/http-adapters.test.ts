import { idpIds } from "@idp-gallery/registry/idps";
import { describe, expect, it } from "vitest";
import { createHttpSession, type HttpResponse } from "../cookie-jar.ts";
import { djangoSsoHttpAdapter, gatewayAnswer } from "./django-sso.ts";
import { type Credentials, type HttpIdpAdapter, httpAdapters } from "./index.ts";
import { logtoHttpAdapter } from "./logto.ts";
import { wso2HttpAdapter } from "./wso2.ts";

const user = { username: "alice", password: "s3cret&" };
const page = (url: string, text: string): HttpResponse => ({ url, status: 200, text });

/** A form-based adapter's step, which must be a form (or nothing). */
function formStep(adapter: HttpIdpAdapter, at: HttpResponse, as: Credentials) {
  const step = adapter.nextStep(at, as);
  if (step && "kind" in step) throw new Error(`${adapter.idp} answered a script step`);
  return step;
}

// The emulators' pages, trimmed to their forms (packages/emulators/src/surfaces/*-pages.ts).
const wso2Login = `<form class="ui large form" action="../commonauth" method="post" id="loginForm">
  <input type="text" id="usernameUserInput" name="usernameUserInput" required>
  <input id="username" name="username" type="hidden" value="">
  <input type="password" id="password" name="password" required>
  <input type="hidden" name="sessionDataKey" value="key-1">
  <input type="checkbox" id="chkRemember" name="chkRemember">
  <button type="submit" data-testid="login-page-continue-login-button">Sign In</button>
</form>`;
const wso2Consent = `<form action="../oauth2/authorize" method="post" id="profile" name="oauth2_authz">
  <input type="hidden" name="sessionDataKeyConsent" value="key-2">
  <input type="hidden" name="scope-approval" value="approve">
  <input type="hidden" name="user_claims_consent" value="true">
  <button type="submit" name="consent" value="approve">Allow</button>
  <button type="submit" name="consent" value="deny">Cancel</button>
</form>`;
const ssoLogin = `<form action="/login/?sso=tok" method="post"><h2>Sign in</h2>
  <p><input type="text" name="username" id="id_username"></p>
  <p><input type="password" name="password" id="id_password"></p>
  <input type="submit" value="Log in"></form>`;

describe("wso2HttpAdapter", () => {
  const base = "https://localhost:9843/authenticationendpoint";

  it("posts the login form to /commonauth with the username its onsubmit would copy", () => {
    const step = formStep(wso2HttpAdapter, page(`${base}/login.do?x=1`, wso2Login), user);
    expect(step?.method).toBe("POST");
    expect(step?.url).toBe("https://localhost:9843/commonauth");
    expect(Object.fromEntries(step?.body ?? [])).toEqual({
      usernameUserInput: "alice",
      username: "alice",
      password: "s3cret&",
      sessionDataKey: "key-1",
    });
  });

  it("allows on the consent page, and knows no other page", () => {
    const step = formStep(wso2HttpAdapter, page(`${base}/oauth2_consent.do`, wso2Consent), user);
    expect(step?.url).toBe("https://localhost:9843/oauth2/authorize");
    expect(step?.body.get("consent")).toBe("approve");
    expect(step?.body.get("sessionDataKeyConsent")).toBe("key-2");
    expect(formStep(wso2HttpAdapter, page(base, "<p>error</p>"), user)).toBeUndefined();
  });

  it("is an OIDC client with the app's scopes and Auth.js callback", () => {
    const bare = wso2HttpAdapter.bareClient(
      {
        AUTH_WSO2_ISSUER: "https://localhost:9843/oauth2/token",
        AUTH_WSO2_ID: "id",
        AUTH_WSO2_SECRET: "secret",
      },
      "http://localhost:4001",
    );
    expect(bare).toEqual({
      kind: "oidc",
      client: {
        issuer: "https://localhost:9843/oauth2/token",
        clientId: "id",
        clientSecret: "secret",
        scope: "openid internal_login profile email",
        redirectUri: "http://localhost:4001/api/auth/callback/wso2is",
      },
    });
    expect(() => wso2HttpAdapter.bareClient({}, "http://localhost:4001")).toThrow(
      "AUTH_WSO2_ISSUER",
    );
  });
});

describe("djangoSsoHttpAdapter", () => {
  const env = { AUTH_DJANGO_SSO_ROOT: "http://localhost:8820/", AUTH_DJANGO_SSO_TOKEN: "svc" };
  const appUrl = "http://localhost:4005";

  it("fills the gateway's login form (no consent screen)", () => {
    const step = formStep(
      djangoSsoHttpAdapter,
      page("http://localhost:8820/login/?sso=tok", ssoLogin),
      user,
    );
    expect(step?.url).toBe("http://localhost:8820/login/?sso=tok");
    expect(step?.body.toString()).toBe("username=alice&password=s3cret%26");
    expect(formStep(djangoSsoHttpAdapter, page(appUrl, "<form></form>"), user)).toBeUndefined();
  });

  it("drives the gateway protocol: obtain, login, get, make_used, the user record", async () => {
    const calls: string[] = [];
    const answers: Record<string, unknown> = {
      "POST /sso/obtain/": { token: "req-1" },
      "POST /sso/get/": { authenticated: true, user_identy: "alice", next_url: "x" },
      "POST /sso/make_used/": { ok: true },
      "GET /users/alice/": { username: "alice" },
    };
    const fake: typeof fetch = async (input, init) => {
      const url = new URL(String(input));
      const key = `${init?.method} ${url.pathname}`;
      calls.push(`${key} ${String(init?.body ?? "")}`.trim());
      return Response.json(answers[key] ?? { error: "unexpected" });
    };
    const session = createHttpSession(() => "idp", fake);
    const bare = djangoSsoHttpAdapter.bareClient(env, appUrl);
    if (bare.kind !== "protocol") throw new Error("expected a protocol client");
    const driven: string[] = [];
    const result = await bare.signIn({
      session,
      user,
      drive: async (startUrl, stop) => {
        driven.push(startUrl);
        expect(stop(`${appUrl}/sso/accept/`)).toBe(true);
        expect(stop(`${appUrl}/protected`)).toBe(false);
        return `${appUrl}/sso/accept/`;
      },
    });
    expect(result).toEqual({ sub: "alice" });
    expect(driven).toEqual(["http://localhost:8820/login/?sso=req-1"]);
    expect(calls).toEqual([
      "POST /sso/obtain/ token=svc&next_url=http%3A%2F%2Flocalhost%3A4005%2Fprotected",
      "POST /sso/get/ token=svc&authentication_token=req-1",
      "POST /sso/make_used/ token=svc&authentication_token=req-1",
      "GET /users/alice/",
    ]);
  });

  it("fails on the gateway's refusals", () => {
    expect(() => gatewayAnswer("/sso/get/", 200, '{"error": "no"}')).toThrow("refused");
    expect(() => gatewayAnswer("/sso/make_used/", 404, '{"ok": true}')).toThrow("404");
    expect(() => gatewayAnswer("/sso/get/", 200, "<html>")).toThrow("not JSON");
    expect(gatewayAnswer("/sso/get/", 200, '{"ok": true}')).toEqual({ ok: true });
  });
});

// Logto's sign-in experience and third-party consent (packages/emulators/src/surfaces/logto-pages.ts).
const logtoLogin = `<form method="post" action="/sign-in" novalidate>
  <input type="hidden" name="csrfmiddlewaretoken" value="csrf-1">
  <input type="hidden" name="next" value="/oidc/auth/uid-1">
  <input type="text" id="identifier" name="username" autocomplete="username" value="" autofocus>
  <input type="password" id="password" name="password" autocomplete="current-password">
  <button type="submit" name="submit">Sign in</button>
</form>
<p class="footer"><a href="/sign-in/cancel">Cancel</a></p>`;
const logtoConsent = `<form method="post" action="/consent">
  <input type="hidden" name="csrfmiddlewaretoken" value="csrf-2">
  <ul><li>OpenID</li></ul>
  <button type="submit" name="allow" value="yes">Authorize</button>
  <button type="submit" name="cancel" value="yes">Cancel</button>
</form>`;

describe("logtoHttpAdapter", () => {
  const origin = "http://localhost:8840";

  it("signs in on Logto's sign-in experience", () => {
    const step = formStep(logtoHttpAdapter, page(`${origin}/sign-in?app_id=x`, logtoLogin), user);
    expect(step?.method).toBe("POST");
    expect(step?.url).toBe(`${origin}/sign-in`);
    expect([...(step?.body ?? [])]).toEqual([
      ["csrfmiddlewaretoken", "csrf-1"],
      ["next", "/oidc/auth/uid-1"],
      ["username", "alice"],
      ["password", "s3cret&"],
      // What a browser sends is an empty value; the form reader takes the label (the IdP ignores it).
      ["submit", "Sign in"],
    ]);
  });

  it("authorizes on the consent page (third-party apps), and knows no other page", () => {
    const step = formStep(logtoHttpAdapter, page(`${origin}/consent`, logtoConsent), user);
    expect(step?.url).toBe(`${origin}/consent`);
    expect(step?.body.toString()).toBe("csrfmiddlewaretoken=csrf-2&allow=yes");
    expect(formStep(logtoHttpAdapter, page(origin, "<h1>Signing out</h1>"), user)).toBeUndefined();
  });

  it("is an OIDC client asking what the app's SDK asks for", () => {
    const bare = logtoHttpAdapter.bareClient(
      {
        LOGTO_ENDPOINT: `${origin}/`,
        LOGTO_APP_ID: "app",
        LOGTO_APP_SECRET: "secret",
        LOGTO_API_RESOURCE: "https://api.gallery.example",
        LOGTO_API_SCOPE: "read:data",
      },
      "http://localhost:4004",
    );
    expect(bare).toEqual({
      kind: "oidc",
      client: {
        issuer: `${origin}/oidc`,
        clientId: "app",
        clientSecret: "secret",
        scope:
          "openid offline_access profile email custom_data urn:logto:scope:organizations urn:logto:scope:organization_roles read:data",
        redirectUri: "http://localhost:4004/callback",
        authorizationParams: [
          ["prompt", "consent"],
          ["resource", "https://api.gallery.example"],
          ["resource", "urn:logto:resource:organizations"],
        ],
      },
    });
    expect(() => logtoHttpAdapter.bareClient({}, "http://localhost:4004")).toThrow(
      "LOGTO_ENDPOINT",
    );
  });
});

describe("httpAdapters", () => {
  it("has one adapter per emulator IdP, under its own id", () => {
    for (const [idp, adapter] of Object.entries(httpAdapters)) expect(adapter.idp).toBe(idp);
    expect(Object.keys(httpAdapters).sort()).toEqual([...idpIds].sort());
  });
});
