// What the consumer app must serve, checked on plain strings so the checks are unit-testable.

/** A class that only @idp-gallery/ui's dist uses (ProfileCard's avatar), never the consumer app. */
export const uiOnlyClass = "bg-accent-soft";
/** A class only the consumer app uses, proving its own sources are scanned too. */
export const appOnlyClass = "tracking-widest";

export const expectedSession = {
  idp: "django-oidc",
  user: { id: "round-trip-1", name: "Ada Lovelace", email: "ada@example.com" },
  expiresAt: "2030-01-01T00:00:00.000Z",
};

const pageMarkers: [string, string][] = [
  ['data-testid="app-title"', "AppShell's header"],
  ["Round Trip IdP", "the IdP name in AppShell"],
  ['data-testid="profile-card"', "ProfileCard"],
  ['data-testid="profile-name"', "ProfileCard's name"],
  ["Ada Lovelace", "the name normalizeSession built from given_name + family_name"],
  ['data-testid="claims-table"', "ClaimsTable"],
  ['data-claim="email"', "a ClaimsTable row"],
  ['data-testid="sign-in"', "SignInButton from @idp-gallery/ui/client"],
  ["Sign in with Round Trip IdP", "SignInButton's label"],
  [
    "/protected?tab=claims | /",
    "safeRedirectPath keeping a local path and refusing another origin",
  ],
];

export function checkPage(html: string): string[] {
  return pageMarkers
    .filter(([marker]) => !html.includes(marker))
    .map(([marker, what]) => `the page lacks ${what} (${marker})`);
}

/** The stylesheet URLs of a page, in document order. */
export function stylesheetHrefs(html: string): string[] {
  const hrefs: string[] = [];
  for (const [tag] of html.matchAll(/<link\b[^>]*>/g)) {
    if (!/\brel="stylesheet"/.test(tag)) continue;
    const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
    if (href) hrefs.push(href.replaceAll("&amp;", "&"));
  }
  return hrefs;
}

const hasRule = (css: string, className: string) =>
  new RegExp(`\\.${className.replace(/[^\w-]/g, "\\$&")}\\s*[{,:]`).test(css);

export function checkCss(css: string): string[] {
  const problems: string[] = [];
  if (!hasRule(css, uiOnlyClass))
    problems.push(
      `the CSS has no .${uiOnlyClass}: Tailwind did not scan @idp-gallery/ui's dist (@source)`,
    );
  if (!hasRule(css, appOnlyClass)) problems.push(`the CSS has no .${appOnlyClass} from the app`);
  if (!/--idp-accent\s*:/.test(css))
    problems.push("the CSS lacks the theme variables of @idp-gallery/ui/styles.css");
  return problems;
}

export function checkMe(status: number, headers: Headers, body: unknown): string[] {
  const problems: string[] = [];
  if (status !== 200) problems.push(`/api/me answered ${status}, not 200`);
  if (!headers.get("content-type")?.includes("application/json"))
    problems.push(`/api/me content-type is ${headers.get("content-type")}`);
  if (headers.get("cache-control") !== "no-store")
    problems.push(`/api/me cache-control is ${headers.get("cache-control")}, not no-store`);
  if (JSON.stringify(body) !== JSON.stringify(expectedSession))
    problems.push(
      `/api/me returned ${JSON.stringify(body)}, not ${JSON.stringify(expectedSession)}`,
    );
  return problems;
}
