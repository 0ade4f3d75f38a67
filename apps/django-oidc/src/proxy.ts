import { idp } from "./idp.ts";

// Gated by the client library where it has a gate; the error page's 4xx status is set here too.
export const proxy = idp.session.proxy;

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
