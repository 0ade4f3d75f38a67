import { verifyResourceToken } from "~/resource-api.ts";

const noStore = { "cache-control": "no-store" };

// A protected API: only access tokens Logto issued for this API resource, with its permission.
export async function GET(request: Request) {
  const check = await verifyResourceToken(request.headers.get("authorization"));
  if (!check.ok) {
    return Response.json(
      { error: check.error, error_description: check.description },
      {
        status: check.status,
        headers: { ...noStore, "www-authenticate": `Bearer error="${check.error}"` },
      },
    );
  }
  const { sub, scope, aud } = check.payload;
  return Response.json(
    { message: "Hello from the protected API", sub, scope, aud },
    { headers: noStore },
  );
}
