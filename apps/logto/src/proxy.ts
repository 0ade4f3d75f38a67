import { idp } from "./idp.ts";

// Gated by the client library where it has a gate; the error page's 4xx status is set here too.
export const proxy = idp.session.proxy;

export const config = {
  // Anchored: only Next's own assets skip the proxy, not /_next/staticfoo or /favicon.ico.txt.
  matcher: ["/((?!_next/static/|_next/image$|favicon\\.ico$).*)"],
};
