/**
 * Test helpers for driving the emulators without a browser (`@idp-gallery/emulators/testing`): the
 * emulator's own tests and the bench use them. Nothing here is used by the emulators themselves.
 */
export { SoftwareAuthenticator } from "./software-authenticator.ts";
