import { gallery } from "~/gallery.ts";

export const POST = gallery.signOutRoute;
