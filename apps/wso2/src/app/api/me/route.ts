import { gallery } from "~/gallery.ts";

export const GET = gallery.meRoute;
