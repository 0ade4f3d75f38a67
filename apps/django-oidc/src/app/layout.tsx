import { gallery } from "~/gallery.ts";
import "./globals.css";

export const metadata = gallery.metadata;
export default gallery.RootLayout;
