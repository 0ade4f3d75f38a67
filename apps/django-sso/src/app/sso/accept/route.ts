import { auth } from "~/idp.ts";

// Where the gateway sends the browser after sign-in; the request is confirmed over the back channel.
export const GET = auth.completeSignInRoute;
