export {
  createEmulator,
  type Emulator,
  type EmulatorOptions,
} from "./core/create-emulator.ts";
export { DATA_DIR_ENV, resolveDataDir } from "./core/data-dir.ts";
export type * from "./core/types.ts";
export {
  defaultPort,
  getSurface,
  type IdpId,
  idpIds,
  isIdpId,
  registry,
  surfaces,
} from "./registry.ts";
export { djangoOidc } from "./surfaces/django-oidc.ts";
export { LOGIN_ERROR as DJANGO_LOGIN_ERROR } from "./surfaces/django-oidc-pages.ts";
