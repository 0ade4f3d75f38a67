import { z } from "zod";
import { bearerAuthorization } from "./bearer.ts";
import { parseHttpUrl } from "./describe-url.ts";
import { type FetchLike, requestJson } from "./request-json.ts";

/**
 * Beyond Identity's management API, the part a relying party needs to enrol users: a client-credentials
 * token from the Management API application, identities, and credential-binding jobs
 * (developer-docs: how-to/add-an-identity.md, how-to/add-passkey.md). Server only: the token and the
 * client secret never leave the server.
 */
export interface BeyondIdentityManagementOptions {
  /** The API host, e.g. https://api-us.beyondidentity.com (the emulator serves it on its own origin). */
  apiBaseUrl: string;
  tenantId: string;
  realmId: string;
  /** The Management API application's token endpoint (admin realm), e.g. …/applications/{id}/token. */
  tokenUrl: string;
  clientId: string;
  /** Server only. */
  clientSecret: string;
  /** Scopes to ask for; Beyond Identity grants the application's configured ones when omitted. */
  scopes?: string[];
  timeoutMs?: number;
  fetch?: FetchLike;
}

export const beyondIdentityIdentitySchema = z.looseObject({
  id: z.string().min(1),
  realm_id: z.string().optional(),
  tenant_id: z.string().optional(),
  display_name: z.string().optional(),
  create_time: z.string().optional(),
  update_time: z.string().optional(),
  traits: z.looseObject({
    type: z.string().optional(),
    username: z.string().min(1),
    primary_email_address: z.string().optional(),
  }),
});

export type BeyondIdentityIdentity = z.output<typeof beyondIdentityIdentitySchema>;

export const credentialBindingJobSchema = z.looseObject({
  id: z.string().min(1),
  identity_id: z.string().min(1),
  delivery_method: z.enum(["RETURN", "EMAIL"]),
  state: z.string(),
  post_binding_redirect_uri: z.string().nullish(),
  expire_time: z.string().optional(),
});

const tokenSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.number().positive().optional(),
});

const identitiesSchema = z.looseObject({
  identities: z.array(beyondIdentityIdentitySchema),
  total_size: z.number().optional(),
});

const bindingJobResponseSchema = z.looseObject({
  credential_binding_job: credentialBindingJobSchema,
  credential_binding_link: z.url().optional(),
});

export type CredentialBindingJobResponse = z.output<typeof bindingJobResponseSchema>;

export interface NewIdentity {
  displayName: string;
  username: string;
  email: string;
}

export interface BindingJobRequest {
  /** RETURN hands the link back to the caller; EMAIL has Beyond Identity mail it to the identity. */
  deliveryMethod: "RETURN" | "EMAIL";
  authenticatorConfigId: string;
  /** Where the user goes once the passkey is bound. */
  postBindingRedirectUri?: string;
}

export interface BeyondIdentityManagement {
  createIdentity(identity: NewIdentity): Promise<BeyondIdentityIdentity>;
  /** The identity with this username or primary email address, if there is one. */
  findIdentity(
    by: { username: string } | { email: string },
  ): Promise<BeyondIdentityIdentity | null>;
  createBindingJob(
    identityId: string,
    job: BindingJobRequest,
  ): Promise<CredentialBindingJobResponse>;
}

// Renew the cached token this long before it expires, so a request never carries a dying one.
const EXPIRY_MARGIN_MS = 60_000;

/** A management API client that fetches its token once and reuses it until shortly before expiry. */
export function createBeyondIdentityManagement(
  options: BeyondIdentityManagementOptions,
): BeyondIdentityManagement {
  const realmUrl = new URL(
    `v1/tenants/${encodeURIComponent(options.tenantId)}/realms/${encodeURIComponent(options.realmId)}/`,
    `${parseHttpUrl(options.apiBaseUrl, "apiBaseUrl").href.replace(/\/?$/, "/")}`,
  );
  const tokenUrl = parseHttpUrl(options.tokenUrl, "tokenUrl");
  const common = { timeoutMs: options.timeoutMs, fetch: options.fetch };
  let cached: { token: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    const body = new URLSearchParams({ grant_type: "client_credentials" });
    if (options.scopes?.length) body.set("scope", options.scopes.join(" "));
    const basic = Buffer.from(
      `${encodeURIComponent(options.clientId)}:${encodeURIComponent(options.clientSecret)}`,
    ).toString("base64");
    const token = await requestJson(tokenUrl, {
      ...common,
      schema: tokenSchema,
      method: "POST",
      headers: { authorization: `Basic ${basic}` },
      body,
    });
    cached = {
      token: token.access_token,
      expiresAt: Date.now() + (token.expires_in ?? 3600) * 1000 - EXPIRY_MARGIN_MS,
    };
    return token.access_token;
  }

  async function accessToken(): Promise<string> {
    if (cached && cached.expiresAt > Date.now()) return cached.token;
    // Concurrent requests share one token call.
    pending ??= fetchToken().finally(() => {
      pending = undefined;
    });
    return pending;
  }

  async function call<S extends z.ZodType>(
    path: string,
    schema: S,
    init: { method?: string; body?: Record<string, unknown> } = {},
  ): Promise<z.output<S>> {
    const authorization = bearerAuthorization(await accessToken());
    return requestJson(new URL(path, realmUrl), {
      ...common,
      schema,
      method: init.method,
      body: init.body,
      headers: { authorization },
    });
  }

  return {
    createIdentity: (identity) =>
      call("identities", beyondIdentityIdentitySchema, {
        method: "POST",
        body: {
          identity: {
            display_name: identity.displayName,
            traits: {
              type: "traits_v0",
              username: identity.username,
              primary_email_address: identity.email,
            },
          },
        },
      }),
    async findIdentity(by) {
      const [field, value] =
        "username" in by
          ? ["traits.username", by.username]
          : ["traits.primary_email_address", by.email];
      // The API's filter language quotes values with double quotes; strip any from the input.
      const filter = `${field} eq "${value.replaceAll('"', "")}"`;
      const found = await call(`identities?${new URLSearchParams({ filter })}`, identitiesSchema);
      return found.identities[0] ?? null;
    },
    createBindingJob: (identityId, job) =>
      call(
        `identities/${encodeURIComponent(identityId)}/credential-binding-jobs`,
        bindingJobResponseSchema,
        {
          method: "POST",
          body: {
            job: {
              delivery_method: job.deliveryMethod,
              authenticator_config_id: job.authenticatorConfigId,
              ...(job.postBindingRedirectUri
                ? { post_binding_redirect_uri: job.postBindingRedirectUri }
                : {}),
            },
          },
        },
      ),
  };
}
