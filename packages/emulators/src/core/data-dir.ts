import { isAbsolute, join, resolve } from "node:path";
import { packageRoot } from "../package-root.ts";

export const DATA_DIR_ENV = "IDP_EMULATOR_DATA_DIR";

/** The data root (option, then env, then `<package>/.data`); each IdP keeps its files in `<root>/<idp>/`. */
export function resolveDataDir(idp: string, dataDir?: string): string {
  const root = dataDir ?? process.env[DATA_DIR_ENV] ?? join(packageRoot(), ".data");
  return join(isAbsolute(root) ? root : resolve(root), idp);
}
