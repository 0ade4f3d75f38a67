import { auth } from "~/auth.ts";

export const POST = auth.signOutRoute;
