import { SoftwareAuthenticator } from "@idp-gallery/emulators/testing";
import { idps } from "@idp-gallery/registry/idps";
import { parse } from "node-html-parser";
import { createHttpSession, type HttpSession, postJson } from "../cookie-jar.ts";
import { createPasskeyDevice, type DevicePasskey } from "../passkey-device.ts";
import { type HttpIdpAdapter, type PrepareUserContext, requiredEnv } from "./types.ts";

/**
 * Beyond Identity with the Embedded SDK authenticator, against its emulator: there is no login form at
 * the IdP. Its authorize step hands the sign-in to the app's own `/bi-authenticate?request=<JWT>`, whose
 * script (the app's local passkey client, `@idp-gallery/passkeys`) runs a passkey ceremony against the
 * emulator's local passkey protocol (packages/emulators/README.md): `{iss}/bi-authenticate/options` for
 * the chosen passkey, the device's WebAuthn assertion, `{iss}/bi-authenticate/verify`, which answers the
 * `redirect_url` (the app's callback with the code) the page sends the browser to. Here the device is
 * `@idp-gallery/emulators/testing`'s software authenticator: real P-256 keys and signatures, a counter
 * that rises, checked by the emulator's @simplewebauthn/server as a browser's would be.
 *
 * Before any sign-in, the seeded user enrols passkeys (`prepareUser`, outside the timings): through the
 * app (its `/api/register` → the emailed binding link in the emulator's outbox → the app's `/bind`) for
 * the app's sign-ins, or straight at the Management API (a RETURN binding job, as the app's back end
 * creates for a new address) for the bare client.
 */

// The IdP and the env keys its app reads, from the registry.
const idp = idps["beyond-identity"];

const AUTHENTICATE_PATH = "/bi-authenticate";
const BIND_PATH = "/bind";
/** Auth.js's callback for its built-in `beyondidentity` provider (apps/beyond-identity/src/idp.ts). */
const CALLBACK_PATH = "/api/auth/callback/beyondidentity";
/** The heading of the app's /bi-authenticate page (apps/beyond-identity/src/app/bi-authenticate). */
const PASSKEY_PAGE_HEADING = "Sign in with a passkey";
/** After binding, the app's pages go on to sign-in (apps/beyond-identity/src/registration.ts). */
const POST_BINDING_PATH = "/auth/sign-in?callbackUrl=/protected";

type CreationOptions = Parameters<SoftwareAuthenticator["register"]>[0];
type RequestOptions = Parameters<SoftwareAuthenticator["authenticate"]>[0];

/** A sign-in handed to the app's page: the signed request and where its passkey endpoints are. */
export interface AuthenticateLink {
  /** The `request` JWT, passed back to the IdP unchanged. */
  request: string;
  /** Its `iss`: the application's issuer, under which `/bi-authenticate/*` answer. */
  issuer: string;
  /** The page's origin (the app's, the Invoke URL): the WebAuthn origin and the requests' Origin. */
  pageOrigin: string;
}

/**
 * `{invoke_url}/bi-authenticate?request=<JWT>`, as the authorize step redirects; the JWT's `iss` is read
 * without verifying it, as the app's passkey client does (the IdP verifies the request). Undefined for
 * any other URL.
 */
export function parseAuthenticateLink(url: string): AuthenticateLink | undefined {
  const parsed = URL.parse(url);
  if (parsed?.pathname !== AUTHENTICATE_PATH) return undefined;
  const request = parsed.searchParams.get("request");
  const payload = request?.split(".")[1];
  if (!request || !payload) return undefined;
  let iss: unknown;
  try {
    iss = (JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { iss?: unknown }).iss;
  } catch {
    return undefined;
  }
  const issuer = typeof iss === "string" ? URL.parse(iss) : null;
  if (issuer?.protocol !== "http:" && issuer?.protocol !== "https:") return undefined;
  return { request, issuer: issuer.href.replace(/\/$/, ""), pageOrigin: parsed.origin };
}

/** A JSON object answered with `expected` status, or an error naming the step and what came instead. */
export function jsonAnswer<T extends object>(
  step: string,
  answer: { status: number; text: string },
  expected = 200,
): T {
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    throw new Error(`${step}: ${answer.status}, not JSON: ${answer.text.slice(0, 200)}`);
  }
  if (answer.status !== expected || typeof body !== "object" || body === null)
    throw new Error(`${step} answered ${answer.status}: ${answer.text.slice(0, 300)}`);
  return body as T;
}

/**
 * The ceremony of the app's passkey page: options for the chosen passkey, the device's assertion over
 * the challenge for the page's origin, verify. The page's `fetch`es go without cookies and with the
 * page's Origin (cross-origin, CORS). Resolves to the `redirect_url` the IdP answers.
 */
export async function authenticateWithPasskey(
  session: HttpSession,
  link: AuthenticateLink,
  passkey: DevicePasskey,
): Promise<string> {
  const headers = { origin: link.pageOrigin };
  const { options } = jsonAnswer<{ options: RequestOptions }>(
    "bi-authenticate/options",
    await postJson(
      session,
      `${link.issuer}/bi-authenticate/options`,
      { request: link.request, passkey_id: passkey.id },
      headers,
    ),
  );
  const response = passkey.authenticator.authenticate(options, link.pageOrigin);
  const verified = jsonAnswer<{ redirect_url?: unknown }>(
    "bi-authenticate/verify",
    await postJson(
      session,
      `${link.issuer}/bi-authenticate/verify`,
      { request: link.request, response },
      headers,
    ),
  );
  if (typeof verified.redirect_url !== "string")
    throw new Error(`bi-authenticate/verify gave no redirect_url: ${JSON.stringify(verified)}`);
  return verified.redirect_url;
}

/** The newest "Bind passkey" link on the emulator's outbox page (it lists messages newest first). */
export function newestBindingLink(html: string, pageUrl: string): string | undefined {
  const link = parse(html)
    .querySelectorAll("a")
    .find((anchor) => anchor.text.trim() === "Bind passkey");
  const href = link?.getAttribute("href");
  return href ? new URL(href, pageUrl).href : undefined;
}

const ID = /^[\w-]{1,64}$/;

/**
 * Follows a binding link (the IdP redirects to the app's `/bind` with the job), fetches that page when
 * a browser would be there, then does what its script does: `:registrationOptions`, a new software
 * authenticator's attestation for the app's origin, `:complete`.
 */
async function bindPasskey(
  session: HttpSession,
  bindingLink: string,
  appOrigin: string,
  loadBindPage: boolean,
): Promise<DevicePasskey> {
  const followed = await session.request("GET", bindingLink);
  const bind = followed.location ? new URL(followed.location) : undefined;
  if (!bind || bind.origin !== appOrigin || bind.pathname !== BIND_PATH)
    throw new Error(
      `The binding link answered ${followed.status} ${followed.location ?? ""}, not a redirect to the app's ${BIND_PATH}`,
    );
  if (loadBindPage) {
    const page = await session.request("GET", bind.href);
    if (page.status !== 200) throw new Error(`The app's ${BIND_PATH} answered ${page.status}`);
  }
  const q = (name: string) => bind.searchParams.get(name) ?? "";
  const ids = [q("tenant_id"), q("realm_id"), q("identity_id"), q("job_id")];
  const api = URL.parse(q("api_base_url"));
  if (!ids.every((id) => ID.test(id)) || !api || !q("token"))
    throw new Error(`The app's ${BIND_PATH} link does not name a binding job: ${bind.href}`);
  const [tenantId, realmId, identityId, jobId] = ids;
  const job = `${api.origin}/v1/tenants/${tenantId}/realms/${realmId}/identities/${identityId}/credential-binding-jobs/${jobId}`;
  const token = q("token");
  const headers = { origin: appOrigin };
  const { options } = jsonAnswer<{ options: CreationOptions }>(
    ":registrationOptions",
    await postJson(session, `${job}:registrationOptions`, { token }, headers),
  );
  const authenticator = new SoftwareAuthenticator();
  const completed = jsonAnswer<{ passkey?: { id?: unknown } }>(
    ":complete",
    await postJson(
      session,
      `${job}:complete`,
      { token, response: authenticator.register(options, appOrigin) },
      headers,
    ),
  );
  if (typeof completed.passkey?.id !== "string")
    throw new Error(`:complete gave no passkey: ${JSON.stringify(completed)}`);
  return { id: completed.passkey.id, authenticator };
}

const setupSession = (context: PrepareUserContext) =>
  createHttpSession(() => "setup", context.fetch);

/**
 * One passkey for the seeded user as a person gets it through the app: the registration form's
 * `POST /api/register` (the app's own Origin); the address is already registered, so Beyond Identity
 * emails a fresh binding link, read from the emulator's outbox (a new address gets the link in the
 * answer); the link leads to the app's `/bind`, whose script binds the passkey.
 */
async function enrolThroughApp(context: PrepareUserContext): Promise<DevicePasskey> {
  const { user, appUrl, idpOrigin } = context;
  const session = setupSession(context);
  const appOrigin = new URL(appUrl).origin;
  const registered = await session.request(
    "POST",
    new URL("/api/register", appUrl).href,
    JSON.stringify({ email: user.email, displayName: user.name }),
    { accept: "application/json", "content-type": "application/json", origin: appOrigin },
  );
  let bindingLink: string | undefined;
  if (registered.status === 201) {
    bindingLink = jsonAnswer<{ bindingLink?: string }>(
      "/api/register",
      registered,
      201,
    ).bindingLink;
  } else {
    jsonAnswer("/api/register", registered, 202);
    const outbox = await session.request(
      "GET",
      `${idpOrigin}/outbox?${new URLSearchParams({ to: user.email })}`,
    );
    bindingLink = newestBindingLink(outbox.text, outbox.url);
  }
  if (!bindingLink) throw new Error(`No binding link for ${user.email} after /api/register`);
  return bindPasskey(session, bindingLink, appOrigin, true);
}

/**
 * Passkeys for the seeded user straight from the Management API, as the app's back end would: its
 * client-credentials token and the identity (looked up once per device), then per passkey a RETURN
 * credential-binding job, whose link is bound without loading the app's page.
 */
function managementEnroller(context: PrepareUserContext): () => Promise<DevicePasskey> {
  const { appEnv: env, appUrl, user } = context;
  const apiUrl = requiredEnv(env, idp.env.apiUrl).replace(/\/$/, "");
  const issuer = new URL(requiredEnv(env, idp.env.issuer));
  const [, tenantId, realmId] =
    /\/v1\/tenants\/([\w-]+)\/realms\/([\w-]+)\//.exec(issuer.pathname) ?? [];
  if (!tenantId || !realmId) throw new Error(`No tenant and realm in the issuer ${issuer.href}`);
  const realm = `${apiUrl}/v1/tenants/${tenantId}/realms/${realmId}`;
  const appOrigin = new URL(appUrl).origin;
  let access: Promise<{ token: string; identityId: string }> | undefined;
  const getAccess = async (session: HttpSession) => {
    const basic = Buffer.from(
      `${encodeURIComponent(requiredEnv(env, idp.env.managementClientId))}:${encodeURIComponent(requiredEnv(env, idp.env.managementClientSecret))}`,
    ).toString("base64");
    const { access_token: token } = jsonAnswer<{ access_token?: string }>(
      "management token",
      await session.request(
        "POST",
        requiredEnv(env, idp.env.managementTokenUrl),
        new URLSearchParams({ grant_type: "client_credentials" }),
        { accept: "application/json", authorization: `Basic ${basic}` },
      ),
    );
    if (!token) throw new Error("The management token endpoint gave no access_token");
    const filter = `traits.primary_email_address eq "${user.email}"`;
    const { identities } = jsonAnswer<{ identities?: Array<{ id?: string }> }>(
      "identities",
      await session.request(
        "GET",
        `${realm}/identities?${new URLSearchParams({ filter })}`,
        undefined,
        { accept: "application/json", authorization: `Bearer ${token}` },
      ),
    );
    const identityId = identities?.[0]?.id;
    if (!identityId) throw new Error(`No identity for ${user.email} at the Management API`);
    return { token, identityId };
  };
  return async () => {
    const session = setupSession(context);
    access ??= getAccess(session);
    const { token, identityId } = await access;
    const { credential_binding_link: bindingLink } = jsonAnswer<{
      credential_binding_link?: string;
    }>(
      "credential-binding-jobs",
      await session.request(
        "POST",
        `${realm}/identities/${identityId}/credential-binding-jobs`,
        JSON.stringify({
          job: {
            delivery_method: "RETURN",
            authenticator_config_id: requiredEnv(env, idp.env.authenticatorConfigId),
            post_binding_redirect_uri: new URL(POST_BINDING_PATH, appUrl).href,
          },
        }),
        {
          accept: "application/json",
          "content-type": "application/json",
          authorization: `Bearer ${token}`,
        },
      ),
    );
    if (!bindingLink) throw new Error("The RETURN binding job gave no credential_binding_link");
    return bindPasskey(session, bindingLink, appOrigin, false);
  };
}

const isPasskeyPage = (html: string) =>
  parse(html)
    .querySelectorAll("h1")
    .some((heading) => heading.text.trim() === PASSKEY_PAGE_HEADING);

export const beyondIdentityHttpAdapter: HttpIdpAdapter = {
  idp: idp.id,
  nextStep(page, user) {
    const link = parseAuthenticateLink(page.url);
    if (!link || !isPasskeyPage(page.text)) return undefined;
    const device = user.passkeys;
    if (!device) throw new Error(`${user.username} has no passkey: prepareUser enrols one first`);
    return {
      kind: "script",
      async run(session) {
        const redirect = await device.use((passkey) =>
          authenticateWithPasskey(session, link, passkey),
        );
        // As the page does: only ever on to the app's own callback, whatever the answer says.
        const next = new URL(redirect, link.pageOrigin);
        if (next.origin !== link.pageOrigin || next.pathname !== CALLBACK_PATH)
          throw new Error(
            `Beyond Identity sent the browser to ${redirect}, not the app's callback`,
          );
        return next.href;
      },
    };
  },
  bareClient(env, appUrl) {
    const appOrigin = new URL(appUrl).origin;
    return {
      kind: "oidc",
      client: {
        issuer: requiredEnv(env, idp.env.issuer),
        clientId: requiredEnv(env, idp.env.clientId),
        clientSecret: requiredEnv(env, idp.env.clientSecret),
        // The app asks for openid alone (apps/beyond-identity/src/idp.ts).
        scope: "openid",
        redirectUri: new URL(CALLBACK_PATH, appUrl).href,
      },
      handOff: {
        describe:
          "the hand-off to the app's /bi-authenticate done without the app: bi-authenticate/options, a software authenticator's P-256 assertion, bi-authenticate/verify",
        matches: (location) => parseAuthenticateLink(location)?.pageOrigin === appOrigin,
        async complete(location, session, user) {
          const link = parseAuthenticateLink(location);
          if (!link) throw new Error(`Not a Beyond Identity hand-off: ${location}`);
          if (!user.passkeys) throw new Error(`${user.username} has no passkey: prepareUser first`);
          return user.passkeys.use((passkey) => authenticateWithPasskey(session, link, passkey));
        },
      },
    };
  },
  async prepareUser(context) {
    const { user } = context;
    // Through the app, enrolments go one at a time (each reads the newest email of the outbox).
    const passkeys =
      context.via === "app"
        ? createPasskeyDevice(() => enrolThroughApp(context), 1)
        : createPasskeyDevice(managementEnroller(context));
    await passkeys.ensure(1);
    return { username: user.username, password: user.password, passkeys };
  },
};
