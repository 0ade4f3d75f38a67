import { idp } from "~/idp.ts";

// Auth.js's own routes: the OIDC callback, CSRF and session endpoints.
export const { GET, POST } = idp.session.handlers;
