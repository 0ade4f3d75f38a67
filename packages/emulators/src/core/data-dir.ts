import { isAbsolute, join, resolve } from "node:path";
import { packageRoot } from "../package-root.ts";

export const DATA_DIR_ENV = "IDP_EMULATOR_DATA_DIR";

/** The data root: the option, then the env, then `<package>/.data`. */
export function resolveDataRoot(dataDir?: string): string {
  const root = dataDir ?? process.env[DATA_DIR_ENV] ?? join(packageRoot(), ".data");
  return isAbsolute(root) ? root : resolve(root);
}

/** Each IdP keeps its files in `<root>/<idp>/`. */
export function resolveDataDir(idp: string, dataDir?: string): string {
  return join(resolveDataRoot(dataDir), idp);
}
