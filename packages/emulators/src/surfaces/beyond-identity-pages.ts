import { escapeHtml as e } from "../core/html.ts";
import type { ErrorView, SurfacePages } from "../core/types.ts";
import type { OutboxMessage } from "./beyond-identity-store.ts";

/**
 * The few pages a Beyond Identity tenant shows in a browser: errors and the emulator's email outbox.
 * Sign-in happens in the app (its /bi-authenticate page), so there is no login, consent or logout page.
 */

export const OUTBOX_SUBJECT = "Bind your passkey";

const CSS = `
body{margin:0;font-family:-apple-system,"Segoe UI",system-ui,Roboto,Arial,sans-serif;background:#f4f6fb;color:#1b1f2a}
main{max-width:640px;margin:64px auto;padding:32px;background:#fff;border-radius:12px;box-shadow:0 2px 16px rgba(0,0,0,.06)}
h1{font-size:1.375rem;margin:0 0 16px}
.message{border-top:1px solid #e3e7f0;padding:16px 0}
.meta{color:#5b6478;font-size:.875rem;margin:4px 0}
a.button{display:inline-block;margin-top:8px;padding:8px 16px;border-radius:8px;background:#5077c5;color:#fff;text-decoration:none}
.footer{color:#7a8294;font-size:.75rem;margin-top:24px}`;

function layout(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(title)}</title><style>${CSS}</style></head>
<body>
<main>
${body}
<p class="footer">Beyond Identity (local emulator)</p>
</main>
</body>
</html>
`;
}

function errorPage(view: ErrorView): string {
  return layout(
    "Error",
    `<h1>Something went wrong</h1>
<p><code data-testid="error-code">${e(view.error)}</code></p>
<p data-testid="error-description">${e(view.description)}</p>`,
  );
}

/** What a credential-binding link that cannot be used any more shows (unknown, expired, used). */
export function bindLinkErrorPage(description: string): string {
  return layout(
    "Passkey binding failed",
    `<h1>This passkey binding link cannot be used</h1>
<p data-testid="error-description">${e(description)}</p>
<p>Ask the application for a new link.</p>`,
  );
}

/** The outbox: the emails the tenant would have sent, newest first. */
export function outboxPage(messages: OutboxMessage[], to: string | undefined): string {
  const items = messages
    .map(
      (
        message,
      ) => `<article class="message" data-testid="outbox-message" data-to="${e(message.to)}">
  <p class="meta">To: <span data-testid="outbox-to">${e(message.to)}</span></p>
  <p class="meta">Subject: <strong>${e(message.subject)}</strong></p>
  <p class="meta">Sent: <time datetime="${e(message.time)}">${e(message.time)}</time></p>
  <a class="button" href="${e(message.link)}">Bind passkey</a>
</article>`,
    )
    .join("\n");
  const heading = to ? `Outbox for ${to}` : "Outbox";
  const empty = `<p data-testid="outbox-empty">No messages${to ? ` to ${e(to)}` : ""}.</p>`;
  return layout(heading, `<h1>${e(heading)}</h1>\n${items || empty}`);
}

function notUsed(what: string) {
  return () =>
    layout(
      "Not available",
      `<h1>Not available</h1><p>A Beyond Identity tenant has no ${e(what)} page.</p>`,
    );
}

export const beyondIdentityPages: SurfacePages = {
  login: notUsed("password sign-in"),
  consent: notUsed("consent"),
  logout: notUsed("logout"),
  logoutSuccess: notUsed("logout"),
  error: errorPage,
  notFound: () => layout("Not found", "<h1>404</h1><p>The page does not exist.</p>"),
};
