import { idp } from "~/idp.ts";

// Logto's redirect URI: the SDK exchanges the code, stores the session, goes where sign-in started.
export const GET = idp.session.callbackRoute;
