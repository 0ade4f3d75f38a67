/** GET `/api/health`: a trivial, public route (the portal's liveness check, the bench's baseline). */
export function healthRoute(): Response {
  return Response.json({ ok: true }, { headers: { "cache-control": "no-store" } });
}
