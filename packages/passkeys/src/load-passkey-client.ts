import type { PasskeyClient, PasskeyClientConfig } from "./types.ts";

/**
 * The configured implementation, loaded on demand so a page only downloads the one it uses (the
 * vendor SDK carries a 5.7 MB WebAssembly core). Browser only.
 */
export async function loadPasskeyClient(config: PasskeyClientConfig): Promise<PasskeyClient> {
  if (config.mode === "beyond-identity") {
    const { createSdkPasskeyClient } = await import("./sdk-client.ts");
    return createSdkPasskeyClient(config);
  }
  const { createLocalPasskeyClient } = await import("./local/local-client.ts");
  return createLocalPasskeyClient(config);
}
