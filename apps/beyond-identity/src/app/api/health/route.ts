// A trivial, public route: the portal's liveness check and the bench's baseline for /api/me.
export function GET() {
  return Response.json({ ok: true }, { headers: { "cache-control": "no-store" } });
}
