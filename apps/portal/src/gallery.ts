/**
 * The five apps and their IdPs with their development defaults (what `pnpm dev` starts). Plain data
 * with no imports: scripts/print-urls.mjs reads it too, so the URLs are listed in one place.
 */
export interface GalleryEntry {
  /** The IdP's slug: also the app's folder and package name, and its primary e2e target. */
  id: "wso2" | "beyond-identity" | "django-oidc" | "logto" | "django-sso";
  idpName: string;
  /** What the app shows, in a few words. */
  summary: string;
  /** The app's origin under `pnpm dev`. */
  appUrl: string;
  /** Where the IdP's emulator answers, as a person would open it. */
  idpUrl: string;
  /**
   * The emulator's health check. WSO2's emulator serves https with the project's CA, so the portal
   * asks its supervisor's plain-http readiness probe (control port) instead.
   */
  idpHealthUrl: string;
  /** The IdP emulator's control port (stop/start for tests). */
  idpControlPort: number;
  signIn: { kind: "password" } | { kind: "passkeys"; how: string };
  /** The app's README, relative to the repository root. */
  readme: string;
}

export const gallery: readonly GalleryEntry[] = [
  {
    id: "wso2",
    idpName: "WSO2 Identity Server",
    summary: "Auth.js v5, OIDC over https with the project's CA, SCIM2 /Me",
    appUrl: "http://localhost:3001",
    idpUrl: "https://localhost:9443/oauth2/token",
    idpHealthUrl: "http://localhost:9444/ready",
    idpControlPort: 9444,
    signIn: { kind: "password" },
    readme: "apps/wso2/README.md",
  },
  {
    id: "beyond-identity",
    idpName: "Beyond Identity",
    summary: "Auth.js v5 with passkeys: registration, credential binding, WebAuthn",
    appUrl: "http://localhost:3002",
    idpUrl: "http://localhost:8300",
    idpHealthUrl: "http://localhost:8300/__emulator/health",
    idpControlPort: 8301,
    signIn: { kind: "passkeys", how: "passkeys — register at /register" },
    readme: "apps/beyond-identity/README.md",
  },
  {
    id: "django-oidc",
    idpName: "Django OAuth Toolkit",
    summary: "Auth.js v5 against Django OAuth Toolkit (OIDC), the whole app gated",
    appUrl: "http://localhost:3003",
    idpUrl: "http://localhost:8000/o",
    idpHealthUrl: "http://localhost:8000/__emulator/health",
    idpControlPort: 8001,
    signIn: { kind: "password" },
    readme: "apps/django-oidc/README.md",
  },
  {
    id: "logto",
    idpName: "Logto",
    summary: "@logto/next server actions, an API resource, organizations, Redis sessions",
    appUrl: "http://localhost:3004",
    idpUrl: "http://localhost:3301/oidc",
    idpHealthUrl: "http://localhost:3301/__emulator/health",
    idpControlPort: 3302,
    signIn: { kind: "password" },
    readme: "apps/logto/README.md",
  },
  {
    id: "django-sso",
    idpName: "Django SSO",
    summary: "Auth.js Credentials against a django-sso gateway, back-channel logout",
    appUrl: "http://localhost:3005",
    idpUrl: "http://localhost:8200/login/",
    idpHealthUrl: "http://localhost:8200/__emulator/health",
    idpControlPort: 8201,
    signIn: { kind: "password" },
    readme: "apps/django-sso/README.md",
  },
];

/** The portal itself under `pnpm dev`. */
export const portalUrl = "http://localhost:3000";
