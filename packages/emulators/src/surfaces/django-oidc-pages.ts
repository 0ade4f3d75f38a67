import { escapeHtml as e } from "../core/html.ts";
import type { ConsentView, ErrorView, LoginView, LogoutView, SurfacePages } from "../core/types.ts";

export const LOGIN_ERROR =
  "Please enter a correct username and password. Note that both fields may be case-sensitive.";

export const LOGOUT_DENIED_PATH = "/o/logout/denied/";

// Django admin's look, inlined because the emulator runs offline (no static files, no CDN).
const ADMIN_CSS = `
body{margin:0;font-family:-apple-system,"Segoe UI",system-ui,Roboto,"Helvetica Neue",Arial,sans-serif;font-size:14px;color:#333;background:#f8f8f8}
#header{background:#417690;color:#ffc;padding:10px 40px}#site-name{margin:0;font-size:1.4rem;font-weight:400}#site-name a{color:#f5dd5d;text-decoration:none}
body.login #container{background:#fff;border:1px solid #e8e8e8;border-radius:4px;overflow:hidden;width:28em;min-width:300px;margin:100px auto;height:auto}
body.login #header{padding:15px 16px;text-align:center}body.login #content{padding:20px}
.form-row{padding:4px 0}label{display:block;padding:0 0 6px;font-weight:600}
input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:6px 8px;border:1px solid #ccc;border-radius:4px;font-size:1rem}
.submit-row{padding:16px 0 0;text-align:center}input[type=submit]{background:#417690;color:#fff;border:0;border-radius:4px;padding:10px 15px;font-size:.9rem;cursor:pointer}
.errornote{font-size:1rem;font-weight:700;display:block;padding:10px 12px;margin:0 0 10px;color:#ba2121;border:1px solid #ba2121;border-radius:4px;background:#fff}
.emulator-note{color:#666;font-size:.75rem;text-align:center;margin:16px 0 0}`;

// DOT's oauth2_provider/base.html styles, minus the Bootstrap CDN link.
const DOT_CSS = `
body{padding-top:40px;padding-bottom:40px;background-color:#f5f5f5;font-family:"Helvetica Neue",Helvetica,Arial,sans-serif;font-size:14px;color:#333}
.container{width:940px;max-width:100%;margin:0 auto}
.block-center{max-width:500px;padding:19px 29px 29px;margin:0 auto 20px;background-color:#fff;border:1px solid #e5e5e5;border-radius:5px;box-shadow:0 1px 2px rgba(0,0,0,.05)}
.block-center .block-center-heading{margin-bottom:10px}
.btn{display:inline-block;padding:11px 19px;font-size:17.5px;border:1px solid #bbb;border-radius:6px;background:#f5f5f5;cursor:pointer}
.btn-primary{color:#fff;background:#006dcc;border-color:#04c}`;

function layout(title: string, css: string, body: string, bodyClass = ""): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
    <meta charset="utf-8">
    <title>${e(title)}</title>
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    <style>${css}</style>
</head>
<body${bodyClass ? ` class="${bodyClass}"` : ""}>
${body}
</body>
</html>
`;
}

function hidden(name: string, value: string | undefined): string {
  return `<input type="hidden" name="${name}" value="${e(value ?? "")}" id="id_${name}">`;
}

function dotPage(title: string, content: string): string {
  return layout(
    title,
    DOT_CSS,
    `<div class="container">\n    <div class="block-center">\n${content}\n    </div>\n</div>`,
  );
}

function login(view: LoginView): string {
  const error = view.error ? `<p class="errornote" role="alert">${e(LOGIN_ERROR)}</p>\n` : "";
  return layout(
    "Log in | Django site admin",
    ADMIN_CSS,
    `<div id="container">
  <div id="header"><div id="branding"><h1 id="site-name"><a href="/accounts/login/">Django administration</a></h1></div></div>
  <main id="main"><div id="content" class="colM">
${error}    <div id="content-main">
      <form action="" method="post" id="login-form">
        <input type="hidden" name="csrfmiddlewaretoken" value="${e(view.csrfToken)}">
        <div class="form-row">
          <label class="required" for="id_username">Username:</label>
          <input type="text" name="username" value="${e(view.username)}" autofocus autocapitalize="none" autocomplete="username" maxlength="150" required id="id_username">
        </div>
        <div class="form-row">
          <label class="required" for="id_password">Password:</label>
          <input type="password" name="password" autocomplete="current-password" required id="id_password">
          <input type="hidden" name="next" value="${e(view.next)}">
        </div>
        <div class="submit-row"><input type="submit" value="Log in"></div>
      </form>
      <p class="emulator-note">Django OAuth Toolkit emulator (IdP Gallery)</p>
    </div>
  </div></main>
</div>`,
    "login",
  );
}

function consent(view: ConsentView): string {
  const hiddenFields = Object.entries(view.params)
    .map(([name, value]) => `            ${hidden(name, value)}`)
    .join("\n");
  const scopes = view.scopes.map((scope) => `<li>${e(scope.description)}</li>`).join("\n");
  return dotPage(
    "",
    `        <form id="authorizationForm" method="post">
            <h3 class="block-center-heading">Authorize ${e(view.applicationName)}?</h3>
            <input type="hidden" name="csrfmiddlewaretoken" value="${e(view.csrfToken)}">
${hiddenFields}
            <p>Application requires the following permissions</p>
            <ul>
${scopes}
            </ul>
            <div class="control-group">
                <div class="controls">
                    <input type="submit" class="btn btn-large" value="Cancel"/>
                    <input type="submit" class="btn btn-large btn-primary" name="allow" value="Authorize"/>
                </div>
            </div>
        </form>`,
  );
}

function logout(view: LogoutView): string {
  const heading = view.applicationName
    ? `Confirm Logout requested by ${e(view.applicationName)}`
    : "Confirm Logout";
  const hiddenFields = Object.entries(view.params)
    .map(([name, value]) => `            ${hidden(name, value)}`)
    .join("\n");
  // "logout=yes" is what oidc-provider's confirm step reads; Cancel posts elsewhere (formaction).
  return dotPage(
    "",
    `        <form id="authorizationForm" method="post" action="${e(view.action)}">
            <h3 class="block-center-heading">${heading}</h3>
            <input type="hidden" name="xsrf" value="${e(view.xsrf)}">
            <input type="hidden" name="logout" value="yes">
${hiddenFields}
            <div class="control-group">
                <div class="controls">
                    <input type="submit" class="btn btn-large" value="Cancel" formaction="${LOGOUT_DENIED_PATH}"/>
                    <input type="submit" class="btn btn-large btn-primary" name="allow" value="Logout"/>
                </div>
            </div>
        </form>`,
  );
}

function logoutSuccess(): string {
  return layout(
    "Logged out | Django site admin",
    ADMIN_CSS,
    `<div id="container">
  <div id="header"><div id="branding"><h1 id="site-name"><a href="/accounts/login/">Django administration</a></h1></div></div>
  <main id="main"><div id="content" class="colM">
    <h1>Logged out</h1>
    <p>Thanks for spending some quality time with the web site today.</p>
    <p><a href="/accounts/login/">Log in again</a></p>
  </div></main>
</div>`,
  );
}

function error(view: ErrorView): string {
  return dotPage(
    "",
    `        <h2>Error: ${e(view.error)}</h2>\n        <p>${e(view.description)}</p>`,
  );
}

// Django's production 404 body; the path is deliberately not echoed, as in Django.
function notFound(): string {
  return layout(
    "Not Found",
    "",
    "<h1>Not Found</h1><p>The requested resource was not found on this server.</p>",
  );
}

export const djangoOidcPages: SurfacePages = {
  login,
  consent,
  logout,
  logoutSuccess,
  error,
  notFound,
};
