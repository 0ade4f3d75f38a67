import type { NormalizedSession } from "./normalized-session.ts";

const noStore = { "cache-control": "no-store" };

/** `/api/me` for any client library: 401 JSON when signed out, the normalized session otherwise. */
export function createMeHandler(getSession: () => Promise<NormalizedSession | null>) {
  return async function meRoute(): Promise<Response> {
    const session = await getSession();
    if (!session) {
      return Response.json({ error: "unauthenticated" }, { status: 401, headers: noStore });
    }
    return Response.json(session, { headers: noStore });
  };
}
