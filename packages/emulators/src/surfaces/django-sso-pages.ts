import { escapeHtml as e } from "../core/html.ts";

// Django's AuthenticationForm.error_messages["invalid_login"] with the default username label.
export const SSO_LOGIN_ERROR =
  "Please enter a correct username and password. Note that both fields may be case-sensitive.";

// django_sso/static/django_sso/index.css is a few lines; inlined because the emulator runs offline.
const CSS = `body{font-family:-apple-system,"Segoe UI",system-ui,Roboto,Arial,sans-serif;color:#333;background:#f8f8f8;margin:0}
#container{display:flex;justify-content:center;align-items:center;height:80vh}
form{display:inline-block;text-align:right;background:#fff;border:1px solid #e8e8e8;border-radius:4px;padding:16px 24px}
input[type=text],input[type=password]{padding:6px 8px;border:1px solid #ccc;border-radius:4px;font-size:1rem}
input[type=submit],input[type=button]{background:#417690;color:#fff;border:0;border-radius:4px;padding:8px 14px;cursor:pointer}
.errorlist{color:#ba2121;list-style:none;padding:0;text-align:left}
.emulator-note{color:#666;font-size:.75rem;text-align:center}`;

function page(body: string, title = ""): string {
  return `<!DOCTYPE html>
<html>
    <head>
        <meta charset="utf-8">
        <title>${e(title)}</title>
        <style>${CSS}</style>
    </head>
    <body>
${body}
    </body>
</html>
`;
}

export interface SsoLoginView {
  /** `{% url 'login' %}?{{ request.GET.urlencode }}` */
  action: string;
  username: string;
  error: boolean;
}

/** django_sso/login.html with Django's `{{ form.as_p }}` of an AuthenticationForm. */
export function ssoLoginPage(view: SsoLoginView): string {
  const errors = view.error
    ? `                <ul class="errorlist nonfield"><li>${e(SSO_LOGIN_ERROR)}</li></ul>\n`
    : "";
  const username = view.username ? ` value="${e(view.username)}"` : "";
  return page(
    `        <div id="container">
            <form action="${e(view.action)}" method="post">
                <h2>Sign in</h2>
${errors}                <p><label for="id_username">Username:</label> <input type="text" name="username"${username} autofocus autocapitalize="none" autocomplete="username" maxlength="150" required id="id_username"></p>
                <p><label for="id_password">Password:</label> <input type="password" name="password" autocomplete="current-password" required id="id_password"></p>
                <br>
                <input type="submit" value="Log in">
                <p class="emulator-note">django-sso gateway emulator (IdP Gallery)</p>
            </form>
        </div>`,
    "Sign in",
  );
}

/** django_sso/welcome.html: where the gateway sends users it has no service to return to. */
export function ssoWelcomePage(view: { username: string | null; fallback: boolean }): string {
  const who = view.username ? `${e(view.username)}!` : "guest!";
  const action = view.username
    ? `<form action="/logout/" method="post">
            <input type="submit" value="Sign out">
        </form>`
    : `<a href="/login/">
            <input type="button" value="Sign in">
        </a>`;
  const fallback = view.fallback
    ? `\n        <p style="text-align: center">You are signed in, but the service could not be told about it.</p>`
    : "";
  return page(
    `        <h2 style="display: block; text-align: center">
            Y're welcome,
            ${who}
        </h2>${fallback}
        ${action}`,
    "Welcome",
  );
}

// Django's production 404 and 500 bodies.
export function ssoNotFoundPage(): string {
  return page("<h1>Not Found</h1><p>The requested resource was not found on this server.</p>");
}

export function ssoServerErrorPage(): string {
  return page("<h1>Server Error (500)</h1>");
}
