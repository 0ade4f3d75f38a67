import type { IncomingMessage, ServerResponse } from "node:http";
import type Provider from "oidc-provider";
import type { FixtureUser } from "../fixtures.ts";

export const SCIM_ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
export const SCIM_USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const SCIM_CONTENT_TYPE = "application/scim+json";

// The WSO2 authentication valve's and the SCIM2 endpoint's wording for the two refusals.
export const SCIM_UNAUTHORIZED =
  "Authorization failure. Authorization information was invalid or missing from your request.";
export const SCIM_FORBIDDEN =
  "Operation is not permitted. You do not have permissions to make this request.";

// The seeded users were "created" once; a fixed instant keeps the resource byte-stable.
const CREATED = "2024-05-01T09:00:00.000Z";

function sendScim(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": SCIM_CONTENT_TYPE,
    "Cache-Control": "no-store",
    "Content-Length": Buffer.byteLength(text),
  });
  res.end(text);
}

/** RFC 7644 §3.12 error: `status` is the HTTP status as a string. */
export function sendScimError(res: ServerResponse, status: number, detail: string): void {
  sendScim(res, status, { schemas: [SCIM_ERROR_SCHEMA], detail, status: String(status) });
}

/** The SCIM2 User resource WSO2 answers `/scim2/Me` with (the primary user store adds no domain). */
export function scimUser(user: FixtureUser, id: string, origin: string) {
  return {
    schemas: [SCIM_USER_SCHEMA],
    id,
    userName: user.username,
    name: { givenName: user.givenName, familyName: user.familyName },
    emails: [{ value: user.email, primary: true, type: "home" }],
    meta: {
      created: CREATED,
      lastModified: CREATED,
      resourceType: "User",
      location: `${origin}/scim2/Users/${id}`,
    },
  };
}

export interface ScimMeDeps {
  provider: Provider;
  origin: string;
  findUser(subject: string): FixtureUser | undefined;
}

/** GET /scim2/Me: a bearer access token that carries `internal_login`, as IS 7's API authorization asks. */
export async function handleScimMe(deps: ScimMeDeps, req: IncomingMessage, res: ServerResponse) {
  const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
  const accessToken = token ? await deps.provider.AccessToken.find(token) : undefined;
  if (!accessToken?.accountId) return sendScimError(res, 401, SCIM_UNAUTHORIZED);
  const scopes = String(accessToken.scope ?? "").split(" ");
  if (!scopes.includes("internal_login")) return sendScimError(res, 403, SCIM_FORBIDDEN);
  const user = deps.findUser(accessToken.accountId);
  if (!user)
    return sendScimError(res, 404, "Specified resource (e.g., User) or endpoint does not exist.");
  sendScim(res, 200, scimUser(user, accessToken.accountId, deps.origin));
}
