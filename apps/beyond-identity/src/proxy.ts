import { auth } from "./auth.ts";

// The whole app is gated here; the shared gate lets only `/`, `/api/me` and the auth routes through.
export const proxy = auth.proxy;

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
