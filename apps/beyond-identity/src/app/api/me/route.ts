import { auth } from "~/auth.ts";

export const GET = auth.meRoute;
