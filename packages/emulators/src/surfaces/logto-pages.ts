import { escapeHtml as e } from "../core/html.ts";
import type { ConsentView, ErrorView, LoginView, LogoutView, SurfacePages } from "../core/types.ts";

// Logto's phrase for session.invalid_credentials (packages/phrases, en).
export const LOGIN_ERROR = "Incorrect account or password.";

// Logto's sign-in experience look, inlined because the emulator runs offline.
const CSS = `
body{margin:0;font-family:-apple-system,"Segoe UI",system-ui,Roboto,Arial,sans-serif;background:#f7f8f8;color:#191c1d}
main{max-width:400px;margin:80px auto;padding:32px;background:#fff;border-radius:16px;box-shadow:0 4px 24px rgba(0,0,0,.06)}
h1{font-size:1.5rem;margin:0 0 24px;text-align:center}
label{display:block;font-size:.875rem;margin:16px 0 6px;color:#5d5e5f}
input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:12px;border:1px solid #c4c7c7;border-radius:8px;font-size:1rem}
button{width:100%;margin-top:24px;padding:12px;border:0;border-radius:8px;background:#5d34f2;color:#fff;font-size:1rem;cursor:pointer}
.error{color:#ca0c0c;font-size:.875rem;margin:12px 0 0}
.footer{color:#747778;font-size:.75rem;text-align:center;margin-top:24px}`;

function layout(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(title)}</title><style>${CSS}</style></head>
<body>
${body}
</body>
</html>
`;
}

function login(view: LoginView): string {
  const error = view.error ? `<div class="error" role="alert">${e(LOGIN_ERROR)}</div>` : "";
  return layout(
    "Sign in",
    `<main>
  <h1>Sign in to your account</h1>
  <form method="post" action="/sign-in" novalidate>
    <input type="hidden" name="csrfmiddlewaretoken" value="${e(view.csrfToken)}">
    <input type="hidden" name="next" value="${e(view.next)}">
    <label for="identifier">Username / Email</label>
    <input type="text" id="identifier" name="username" autocomplete="username" value="${e(view.username)}" autofocus>
    <label for="password">Password</label>
    <input type="password" id="password" name="password" autocomplete="current-password">
    ${error}
    <button type="submit" name="submit">Sign in</button>
  </form>
  <p class="footer"><a href="/sign-in/cancel">Cancel</a></p>
  <p class="footer">Powered by Logto (local emulator)</p>
</main>`,
  );
}

// Logto's consent page for third-party apps (first-party apps never see it).
function consent(view: ConsentView): string {
  const scopes = view.scopes.map((scope) => `<li>${e(scope.description)}</li>`).join("");
  return layout(
    "Consent",
    `<main>
  <h1>${e(view.applicationName)} wants to access your account</h1>
  <form method="post" action="/consent">
    <input type="hidden" name="csrfmiddlewaretoken" value="${e(view.csrfToken)}">
    <ul>${scopes}</ul>
    <button type="submit" name="allow" value="yes">Authorize</button>
    <button type="submit" name="cancel" value="yes">Cancel</button>
  </form>
</main>`,
  );
}

// Logto's static/html/logout.html: a form that submits itself to the confirm endpoint.
function logout(view: LogoutView): string {
  return layout(
    "Signing out",
    `<main>
  <h1>Signing out…</h1>
  <form id="op.logoutForm" method="post" action="${e(view.action)}">
    <input type="hidden" name="xsrf" value="${e(view.xsrf)}">
    <input type="hidden" name="logout" value="yes">
    <noscript><button type="submit">Continue</button></noscript>
  </form>
  <script>document.forms[0].submit();</script>
</main>`,
  );
}

function logoutSuccess(): string {
  return layout("Signed out", "<main><h1>You have signed out.</h1></main>");
}

function error(view: ErrorView): string {
  return layout(
    "Error",
    `<main><h1>Something went wrong</h1><p><code>${e(view.error)}</code></p><p>${e(view.description)}</p></main>`,
  );
}

function notFound(): string {
  return layout("Not found", "<main><h1>404</h1><p>The page does not exist.</p></main>");
}

export const logtoPages: SurfacePages = {
  login,
  consent,
  logout,
  logoutSuccess,
  error,
  notFound,
};
