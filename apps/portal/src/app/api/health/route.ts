// A trivial, public route, as every app has: the portal's own liveness check.
export function GET() {
  return Response.json({ ok: true }, { headers: { "cache-control": "no-store" } });
}
