// Every JavaScript entry point of the published packages loads in plain Node, without a bundler,
// except those that only run inside Next.js's bundler (they import `next/navigation`, which Next
// ships without an exports map): @idp-gallery/app, @idp-gallery/session/authjs and /logto.
const entries = [
  "@idp-gallery/app/next-config",
  "@idp-gallery/api-client/http",
  "@idp-gallery/api-client/ca-trusting-fetch",
  "@idp-gallery/api-client/oidc",
  "@idp-gallery/api-client/wso2",
  "@idp-gallery/api-client/beyond-identity",
  "@idp-gallery/api-client/django-sso",
  "@idp-gallery/registry/idps",
  "@idp-gallery/registry/portal",
  "@idp-gallery/session",
  "@idp-gallery/ui",
  "@idp-gallery/ui/client",
  "@idp-gallery/emulators",
  "@idp-gallery/emulators/control",
  "@idp-gallery/emulators/fixtures",
];
for (const entry of entries) {
  const module = await import(entry);
  if (Object.keys(module).length === 0) throw new Error(`${entry} exports nothing`);
}
const { users } = await import("@idp-gallery/emulators/fixtures");
if (!Array.isArray(users) || users.length === 0) throw new Error("the emulator fixtures are empty");
console.log(`loaded ${entries.length} entry points`);
