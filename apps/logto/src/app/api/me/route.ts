import { createMeHandler } from "@idp-gallery/session";
import { getSession } from "~/auth.ts";

export const GET = createMeHandler(getSession);
