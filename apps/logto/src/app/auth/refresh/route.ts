import { idp } from "~/idp.ts";

// The proxy sends a page whose tokens are near expiry here: the SDK refreshes them, then back.
export const GET = idp.session.refreshRoute;
