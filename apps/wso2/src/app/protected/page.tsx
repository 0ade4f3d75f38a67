import { gallery } from "~/gallery.ts";

export default gallery.ProtectedPage;
