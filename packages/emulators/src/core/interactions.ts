import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type Provider from "oidc-provider";
import type { Interaction } from "oidc-provider";
import { findUser } from "../fixtures.ts";
import { readForm, redirect, sendHtml } from "./http-utils.ts";
import { authorizeUrlFor } from "./provider.ts";
import type { EmulatorContext, Surface } from "./types.ts";

export interface InteractionDeps extends EmulatorContext {
  surface: Surface;
  provider: Provider;
  csrfSecret: string;
}

const CONSENT_FIELDS = [
  "redirect_uri",
  "scope",
  "nonce",
  "client_id",
  "state",
  "response_type",
  "code_challenge",
  "code_challenge_method",
  "claims",
] as const;

async function currentInteraction(
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<Interaction | undefined> {
  try {
    return await provider.interactionDetails(req, res);
  } catch {
    // No cookie, expired, or dropped by a reset: the page explains instead of crashing.
    return undefined;
  }
}

// Tied to the interaction id, so a form from another sign-in attempt is refused.
function csrfToken(secret: string, uid: string | undefined): string {
  return createHmac("sha256", secret)
    .update(uid ?? "no-interaction")
    .digest("base64url");
}

function csrfValid(secret: string, uid: string | undefined, submitted: string | null): boolean {
  const expected = Buffer.from(csrfToken(secret, uid));
  const actual = Buffer.from(submitted ?? "");
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

function sendError(
  res: ServerResponse,
  surface: Surface,
  status: number,
  error: string,
  description: string,
) {
  sendHtml(res, status, surface.pages.error({ status, error, description, route: "emulator" }));
}

function csrfFailure(res: ServerResponse, surface: Surface) {
  sendError(res, surface, 403, "csrf_failed", "CSRF verification failed. Request aborted.");
}

function stringParams(params: Record<string, unknown>, keys: readonly string[]) {
  return Object.fromEntries(
    keys.map((key) => [key, typeof params[key] === "string" ? (params[key] as string) : undefined]),
  );
}

/** Only same-origin paths back into the authorization endpoint are followed, never other sites. */
function safeNext(surface: Surface, next: string | null): string | undefined {
  const authorizePath = `${surface.mountPath}${surface.routes.authorization}`;
  return next?.startsWith(authorizePath) && !next.startsWith("//") ? next : undefined;
}

export async function handleLogin(
  deps: InteractionDeps,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const { surface, provider, csrfSecret } = deps;
  const interaction = await currentInteraction(provider, req, res);
  if (interaction && interaction.prompt.name !== "login") {
    return redirect(res, 302, surface.interactions.consentPath ?? "/");
  }
  const query = new URL(req.url ?? "/", "http://emulator").searchParams;
  const fallbackNext = interaction ? authorizeUrlFor(surface, interaction.params) : "";
  const uid = interaction?.uid;
  const render = (status: number, username: string, error: boolean) =>
    sendHtml(
      res,
      status,
      surface.pages.login({
        next: query.get("next") ?? fallbackNext,
        username,
        error,
        csrfToken: csrfToken(csrfSecret, uid),
      }),
    );

  if (req.method !== "POST") return render(200, "", false);

  const form = await readForm(req);
  if (!csrfValid(csrfSecret, uid, form.get("csrfmiddlewaretoken")))
    return csrfFailure(res, surface);
  const username = form.get("username") ?? "";
  const user = findUser(username);
  // Like Django's LoginView: a failed login re-renders the form with 200 and a non-field error.
  if (!user || user.password !== (form.get("password") ?? "")) return render(200, username, true);

  if (!interaction) {
    const next = safeNext(surface, form.get("next") ?? query.get("next"));
    if (next) return redirect(res, 302, next);
    return sendError(
      res,
      surface,
      400,
      "invalid_request",
      "There is no sign-in in progress. Start again from the application.",
    );
  }
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: surface.subject(user) } },
    { mergeWithLastSubmission: false },
  );
}

export async function handleConsent(
  deps: InteractionDeps,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const { surface, provider, csrfSecret } = deps;
  const interaction = await currentInteraction(provider, req, res);
  if (!interaction) {
    return sendError(
      res,
      surface,
      400,
      "invalid_request",
      "The authorization request has expired or is unknown. Start again from the application.",
    );
  }
  if (interaction.prompt.name !== "consent") {
    const client = await provider.Client.find(String(interaction.params.client_id));
    const info = {
      uid: interaction.uid,
      params: interaction.params,
      clientName: client?.clientName,
      expiresAt: interaction.exp,
    };
    const emulator = { issuer: deps.issuer, origin: deps.origin, signingKeys: deps.signingKeys };
    const loginUrl = surface.interactions.loginUrl(
      authorizeUrlFor(surface, interaction.params),
      info,
      emulator,
    );
    return redirect(res, 302, await loginUrl);
  }
  const { params, uid } = interaction;

  if (req.method !== "POST") {
    const client = await provider.Client.find(String(params.client_id));
    const requested = new Set(String(params.scope ?? "").split(" "));
    return sendHtml(
      res,
      200,
      surface.pages.consent({
        applicationName: client?.clientName ?? String(params.client_id),
        scopes: surface.scopes.filter((scope) => requested.has(scope.name)),
        params: stringParams(params, CONSENT_FIELDS),
        csrfToken: csrfToken(csrfSecret, uid),
      }),
    );
  }

  const form = await readForm(req);
  if (!csrfValid(csrfSecret, uid, form.get("csrfmiddlewaretoken")))
    return csrfFailure(res, surface);
  if (!form.has("allow")) {
    return provider.interactionFinished(
      req,
      res,
      { error: "access_denied" },
      { mergeWithLastSubmission: false },
    );
  }

  const grantId = await grantWhatWasAsked(provider, interaction);
  await provider.interactionFinished(
    req,
    res,
    { consent: { grantId } },
    { mergeWithLastSubmission: true },
  );
}

/** Saves a grant of everything the consent prompt asked for; returns its id for the interaction result. */
export async function grantWhatWasAsked(provider: Provider, interaction: Interaction) {
  const { accountId } = interaction.session ?? {};
  const grant = new provider.Grant({ accountId, clientId: String(interaction.params.client_id) });
  const details = interaction.prompt.details as {
    missingOIDCScope?: string[];
    missingOIDCClaims?: string[];
    missingResourceScopes?: Record<string, string[]>;
  };
  if (details.missingOIDCScope) grant.addOIDCScope(details.missingOIDCScope.join(" "));
  if (details.missingOIDCClaims) grant.addOIDCClaims(details.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(details.missingResourceScopes ?? {})) {
    grant.addResourceScope(indicator, scopes.join(" "));
  }
  return grant.save();
}
