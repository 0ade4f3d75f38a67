import { gatewayEventRoute } from "~/idp.ts";

// The gateway's events (server to server); only POST JSON with this service's token is accepted.
export const POST = gatewayEventRoute();
