/**
 * The gallery's identity providers, one entry per IdP and its app: the only place the list is written.
 * Everything else derives from it: `@idp-gallery/session`'s `idpIds`, the emulators' surfaces and
 * default ports, the e2e targets, the portal's cards, `scripts/print-urls.mjs` and the bench's apps.
 * Plain data with no imports, so a script on Node's type stripping can load it too.
 *
 * Conventions the entries rely on (checked by `idps.test.ts` against the files they describe):
 * - the id is also the app's package name, its first e2e target and `idp-emulator <id>`;
 * - an emulator's control port (stop/start for tests) is its port + 1 under e2e, as `idp-emulator`
 *   defaults it; `dev.idpControlPort` says it for `pnpm dev`;
 * - no two ports below are the same, dev or e2e, across all IdPs and the portal (`./portal`).
 */

/** How a person signs in to the app: a seeded username and password, or the app's passkey flow. */
export type SignIn =
  | { readonly kind: "password" }
  | { readonly kind: "passkeys"; readonly how: string };

/** The ports of one more e2e target for the IdP, `<id>@<variant>`, beside its first one. */
export interface E2eVariantPorts {
  /** Its own IdP process (control port: this + 1). */
  readonly idpPort: number;
  /** A `redis-server` the variant's app instances share. */
  readonly redisPort?: number;
  /** Another instance of the first app (same origin in `AUTH_URL`), as behind a load balancer. */
  readonly replicaPort?: number;
  /** One more app instance, signed in through the IdP's emulator, for the drift check. */
  readonly companionAppPort?: number;
}

/** One IdP of the gallery and the app that signs in with it. */
export interface IdpEntry {
  /** The IdP's slug: also the app's package name, its first e2e target and `idp-emulator <id>`. */
  readonly id: string;
  /** The IdP's product name, as the portal and the e2e reports show it. */
  readonly idpName: string;
  /** What the app shows, in a few words (the portal's card). */
  readonly summary: string;
  /** The app's folder and README, relative to the repository root. */
  readonly app: { readonly dir: string; readonly readme: string };
  readonly signIn: SignIn;
  readonly emulator: {
    /**
     * `surface`: an OpenID provider on the emulators' oidc-provider core (`src/surfaces/<id>.ts`);
     * `server`: an IdP that is not OIDC, a server of its own on the core's helpers.
     */
    readonly kind: "surface" | "server";
    /**
     * Serves https with the project's development CA. Its health check is then the supervisor's
     * plain-http `/ready` on the control port, which needs no CA; otherwise `/__emulator/health`.
     */
    readonly tls: boolean;
    /** The path a person opens on the IdP: its issuer, its login page, or "" for its origin. */
    readonly urlPath: string;
  };
  /** What `pnpm dev` starts: the app, its IdP emulator, and the emulator's control port. */
  readonly dev: {
    readonly appPort: number;
    readonly idpPort: number;
    readonly idpControlPort: number;
  };
  /** What the e2e suite starts for the IdP's targets. */
  readonly e2e: {
    /** Two instances of the app's production build (the second proves cookie isolation, C8). */
    readonly appPorts: readonly [number, number];
    /** The first target's IdP emulator (control port: this + 1). */
    readonly idpPort: number;
    /** Another instance of the first app in every target of the IdP. */
    readonly replicaPort?: number;
    readonly variants?: { readonly [variant: string]: E2eVariantPorts };
  };
  /**
   * The env keys the app reads, by what they hold. Every app reads `url` (`AUTH_URL`, its public
   * origin) and `secret` (`AUTH_SECRET`, the session cookie's key).
   */
  readonly env: { readonly url: "AUTH_URL"; readonly secret: "AUTH_SECRET" } & {
    readonly [role: string]: string;
  };
}

const authEnv = { url: "AUTH_URL", secret: "AUTH_SECRET" } as const;

/** The IdPs in the order the gallery shows them. */
export const idpList = [
  {
    id: "wso2",
    idpName: "WSO2 Identity Server",
    summary: "Auth.js v5, OIDC over https with the project's CA, SCIM2 /Me",
    app: { dir: "apps/wso2", readme: "apps/wso2/README.md" },
    signIn: { kind: "password" },
    emulator: { kind: "surface", tls: true, urlPath: "/oauth2/token" },
    dev: { appPort: 3001, idpPort: 9443, idpControlPort: 9444 },
    e2e: { appPorts: [4001, 4101], idpPort: 9843 },
    env: {
      ...authEnv,
      issuer: "AUTH_WSO2_ISSUER",
      clientId: "AUTH_WSO2_ID",
      clientSecret: "AUTH_WSO2_SECRET",
      tenant: "AUTH_WSO2_TENANT",
      caFile: "AUTH_WSO2_CA_FILE",
    },
  },
  {
    id: "beyond-identity",
    idpName: "Beyond Identity",
    summary: "Auth.js v5 with passkeys: registration, credential binding, WebAuthn",
    app: { dir: "apps/beyond-identity", readme: "apps/beyond-identity/README.md" },
    signIn: { kind: "passkeys", how: "passkeys — register at /register" },
    emulator: { kind: "surface", tls: false, urlPath: "" },
    dev: { appPort: 3002, idpPort: 8300, idpControlPort: 8301 },
    e2e: { appPorts: [4002, 4102], idpPort: 8860 },
    env: {
      ...authEnv,
      issuer: "AUTH_BEYONDIDENTITY_ISSUER",
      clientId: "AUTH_BEYONDIDENTITY_ID",
      clientSecret: "AUTH_BEYONDIDENTITY_SECRET",
      apiUrl: "BEYOND_IDENTITY_API_URL",
      authenticatorConfigId: "BEYOND_IDENTITY_AUTHENTICATOR_CONFIG_ID",
      managementTokenUrl: "BEYOND_IDENTITY_MANAGEMENT_TOKEN_URL",
      managementClientId: "BEYOND_IDENTITY_MANAGEMENT_CLIENT_ID",
      managementClientSecret: "BEYOND_IDENTITY_MANAGEMENT_CLIENT_SECRET",
      passkeyClient: "BEYOND_IDENTITY_PASSKEY_CLIENT",
    },
  },
  {
    id: "django-oidc",
    idpName: "Django OAuth Toolkit",
    summary: "Auth.js v5 against Django OAuth Toolkit (OIDC), the whole app gated",
    app: { dir: "apps/django-oidc", readme: "apps/django-oidc/README.md" },
    signIn: { kind: "password" },
    emulator: { kind: "surface", tls: false, urlPath: "/o" },
    dev: { appPort: 3003, idpPort: 8000, idpControlPort: 8001 },
    e2e: {
      appPorts: [4003, 4103],
      idpPort: 8800,
      // The real Django OAuth Toolkit 1.7.0 (@idp-gallery/django-idp), its emulator beside it.
      variants: { "dot-1.7": { idpPort: 8810, companionAppPort: 4203 } },
    },
    env: {
      ...authEnv,
      issuer: "AUTH_DJANGO_ISSUER",
      clientId: "AUTH_DJANGO_ID",
      clientSecret: "AUTH_DJANGO_SECRET",
    },
  },
  {
    id: "logto",
    idpName: "Logto",
    summary: "@logto/next, its official SDK: an API resource, organizations, Redis sessions",
    app: { dir: "apps/logto", readme: "apps/logto/README.md" },
    signIn: { kind: "password" },
    emulator: { kind: "surface", tls: false, urlPath: "/oidc" },
    dev: { appPort: 3004, idpPort: 3301, idpControlPort: 3302 },
    e2e: {
      appPorts: [4004, 4104],
      idpPort: 8840,
      variants: { redis: { idpPort: 8850, redisPort: 6391, replicaPort: 4204 } },
    },
    env: {
      ...authEnv,
      endpoint: "LOGTO_ENDPOINT",
      appId: "LOGTO_APP_ID",
      appSecret: "LOGTO_APP_SECRET",
      apiResource: "LOGTO_API_RESOURCE",
      apiScope: "LOGTO_API_SCOPE",
      redisUrl: "REDIS_URL",
    },
  },
  {
    id: "django-sso",
    idpName: "Django SSO",
    summary: "Auth.js Credentials against a django-sso gateway, back-channel logout",
    app: { dir: "apps/django-sso", readme: "apps/django-sso/README.md" },
    signIn: { kind: "password" },
    emulator: { kind: "server", tls: false, urlPath: "/login/" },
    dev: { appPort: 3005, idpPort: 8200, idpControlPort: 8201 },
    e2e: {
      appPorts: [4005, 4105],
      idpPort: 8820,
      replicaPort: 4205,
      variants: { redis: { idpPort: 8830, redisPort: 6390 } },
    },
    env: {
      ...authEnv,
      root: "AUTH_DJANGO_SSO_ROOT",
      token: "AUTH_DJANGO_SSO_TOKEN",
      redisUrl: "REDIS_URL",
      dataDir: "AUTH_DATA_DIR",
    },
  },
] as const satisfies readonly IdpEntry[];

/** One entry of the registry, as written (its literal ids, ports and env keys). */
export type Idp = (typeof idpList)[number];

/** The id of one of the gallery's IdPs. */
export type IdpId = Idp["id"];

/** The entry of one IdP. */
export type IdpOf<Id extends IdpId> = Extract<Idp, { id: Id }>;

/** The ids in the registry's order, as a tuple type (what `z.enum` wants). */
export type IdpIds = {
  readonly [K in keyof typeof idpList]: (typeof idpList)[K] extends { id: infer Id } ? Id : never;
};

/** The ids of the gallery's IdPs, in the registry's order. */
export const idpIds = idpList.map((idp) => idp.id) as unknown as IdpIds;

/** The entries by id. */
export const idps = Object.fromEntries(idpList.map((idp) => [idp.id, idp])) as unknown as {
  readonly [Id in IdpId]: IdpOf<Id>;
};
