import { escapeHtml as e } from "../core/html.ts";
import type { ErrorView } from "../core/types.ts";

// identity-apps' authentication portal (IS 7) texts; Resources.properties `login.fail.message`.
export const WSO2_LOGIN_FAILED =
  "Login failed! Please check your username and password and try again.";
export const WSO2_LOGGED_OUT = "You have successfully logged out.";

// The portal's look, inlined because the emulator runs offline (no Semantic UI bundle, no fonts).
const CSS = `
body{margin:0;background:#f7f8fb;font-family:"Gilmer","Helvetica Neue",Arial,sans-serif;color:#1c2024;font-size:14px}
.page{max-width:440px;margin:72px auto;padding:0 16px}.product{text-align:center;font-size:1.5rem;font-weight:600;margin-bottom:24px}
.product span{color:#ff7300}.segment{background:#fff;border:1px solid #e0e1e2;border-radius:8px;padding:28px 32px;box-shadow:0 2px 6px rgba(0,0,0,.05)}
h2{font-size:1.25rem;margin:0 0 20px;text-align:center}.field{margin:0 0 14px}label{display:block;margin:0 0 6px;font-weight:500}
input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:10px 12px;border:1px solid #d4d4d5;border-radius:6px;font-size:1rem}
.button{width:100%;padding:11px;border-radius:6px;border:1px solid transparent;font-size:1rem;cursor:pointer;margin-top:8px}
.primary{background:#ff7300;color:#fff}.secondary{background:#fff;color:#1c2024;border-color:#d4d4d5}
.negative{background:#fff6f6;color:#9f3a38;border:1px solid #e0b4b4;border-radius:6px;padding:10px 12px;margin:0 0 16px}
ul{padding-left:20px}.footer{text-align:center;color:#767676;font-size:.8rem;margin-top:20px}`;

export function wso2Layout(title: string, content: string): string {
  return `<!DOCTYPE html>
<html lang="en-US">
<head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    <title>${e(title)}</title>
    <style>${CSS}</style>
</head>
<body class="login-portal layout authentication-portal-layout">
<main class="page">
    <div class="product">WSO2 <span>Identity Server</span></div>
    <div class="segment">
${content}
    </div>
    <div class="footer">WSO2 Identity Server emulator (IdP Gallery) · &copy; WSO2 LLC.</div>
</main>
</body>
</html>
`;
}

export interface Wso2LoginView {
  sessionDataKey: string;
  failed: boolean;
}

/** basicauth.jsp inside login.jsp: the visible username is copied into the hidden one on submit. */
export function wso2LoginPage(view: Wso2LoginView): string {
  const error = view.failed
    ? `        <div class="ui visible negative message" id="error-msg" data-testid="login-page-error-message">${e(WSO2_LOGIN_FAILED)}</div>\n`
    : "";
  return wso2Layout(
    "WSO2 Identity Server",
    `        <h2>Sign In</h2>
${error}        <form class="ui large form" action="../commonauth" method="post" id="loginForm"
              onsubmit="document.getElementById('username').value=document.getElementById('usernameUserInput').value.trim()">
            <div class="field">
                <label for="usernameUserInput">Username</label>
                <input type="text" id="usernameUserInput" name="usernameUserInput" autocomplete="username" required data-testid="login-page-username-input">
            </div>
            <input id="username" name="username" type="hidden" value="">
            <div class="field">
                <label for="password">Password</label>
                <input type="password" id="password" name="password" autocomplete="current-password" required data-testid="login-page-password-input">
            </div>
            <input type="hidden" name="sessionDataKey" value="${e(view.sessionDataKey)}">
            <div class="field">
                <input type="checkbox" id="chkRemember" name="chkRemember">
                <label for="chkRemember" style="display:inline">Remember me on this computer</label>
            </div>
            <button type="submit" class="ui primary fluid large button primary" data-testid="login-page-continue-login-button">Sign In</button>
        </form>`,
  );
}

export interface Wso2ConsentView {
  applicationName: string;
  scopes: string[];
  sessionDataKeyConsent: string;
}

/** oauth2_consent.jsp: posts the decision back to /oauth2/authorize with the consent key. */
export function wso2ConsentPage(view: Wso2ConsentView): string {
  const scopes = view.scopes.map((scope) => `                <li>${e(scope)}</li>`).join("\n");
  return wso2Layout(
    "WSO2 Identity Server",
    `        <h2>${e(view.applicationName)} wants to access your account</h2>
        <form class="ui large form" action="../oauth2/authorize" method="post" id="profile" name="oauth2_authz">
            <p>${e(view.applicationName)} requests access to:</p>
            <ul id="scopes">
${scopes}
            </ul>
            <input type="hidden" name="sessionDataKeyConsent" value="${e(view.sessionDataKeyConsent)}">
            <input type="hidden" name="scope-approval" value="approve">
            <input type="hidden" name="user_claims_consent" value="true">
            <button type="submit" class="button primary" name="consent" value="approve" data-testid="consent-page-allow-button">Allow</button>
            <button type="submit" class="button secondary" name="consent" value="deny" data-testid="consent-page-deny-button">Cancel</button>
        </form>`,
  );
}

/** oauth2_logout_consent.jsp: approving posts `consent=approve` and the key back to /oidc/logout. */
export function wso2LogoutConsentPage(view: { sessionDataKey: string }): string {
  return wso2Layout(
    "WSO2 Identity Server",
    `        <h2>Logout</h2>
        <form class="ui large form" action="../oidc/logout" method="post" id="oidc_logout_consent_form">
            <p>Are you sure that you want to logout?</p>
            <input type="hidden" name="sessionDataKey" value="${e(view.sessionDataKey)}">
            <button type="submit" class="button primary" name="consent" value="approve" data-testid="logout-page-yes-button">Yes</button>
            <button type="submit" class="button secondary" name="consent" value="deny" data-testid="logout-page-no-button">No</button>
        </form>`,
  );
}

/** oauth2_error.jsp: the error code and message the framework put in the query. */
export function wso2ErrorPage(view: Pick<ErrorView, "error" | "description">): string {
  return wso2Layout(
    "WSO2 Identity Server",
    `        <h2>Something went wrong</h2>
        <div class="ui visible negative message" id="error-msg" data-testid="oauth2-error-page">
            <p id="oauth-error-code">${e(view.error)}</p>
            <p id="oauth-error-msg">${e(view.description)}</p>
        </div>`,
  );
}

export function wso2LoggedOutPage(): string {
  return wso2Layout(
    "WSO2 Identity Server",
    `        <h2>Logout</h2>\n        <p>${e(WSO2_LOGGED_OUT)}</p>`,
  );
}

export function wso2NotFoundPage(): string {
  return wso2Layout("WSO2 Identity Server", "        <h2>404 - Not Found</h2>");
}
