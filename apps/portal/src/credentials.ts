import fixture from "@idp-gallery/emulators/fixtures/users.json" with { type: "json" };
import type { GalleryEntry } from "./gallery.ts";

/** The seeded users every emulator loads (packages/emulators/fixtures/users.json). */
export const seededUsers: ReadonlyArray<{ username: string; password: string }> = fixture.users;

/** How to sign in to one app: a seeded username / password, or the app's passkey flow. */
export function howToSignIn(entry: GalleryEntry): string[] {
  if (entry.signIn.kind === "passkeys") return [entry.signIn.how];
  return seededUsers.map((user) => `${user.username} / ${user.password}`);
}
