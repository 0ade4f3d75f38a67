import { gallery } from "~/gallery.ts";

export default gallery.HomePage;
