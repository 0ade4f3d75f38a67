import { createServer, type RequestListener, type Server } from "node:http";
import { createServer as createTlsServer } from "node:https";

/** Key and certificate chain (PEM) for an https listener. */
export interface TlsOptions {
  key: string;
  cert: string;
}

/**
 * Node's default is 16 KiB; an ID token carrying a 12 KB claim in a logout URL's `id_token_hint`
 * is larger than that, so the emulators accept request heads up to 64 KiB.
 */
export const MAX_HEADER_SIZE = 64 * 1024;

export interface Bound {
  servers: Server[];
  port: number;
}

function listenOne(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve();
    });
  });
}

export function closeServers(servers: Server[]): Promise<void> {
  return Promise.all(
    servers.map(
      (server) =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    ),
  ).then(() => undefined);
}

const SKIPPABLE = new Set(["EADDRNOTAVAIL", "EAFNOSUPPORT"]);

/**
 * "localhost" binds both loopback families, because browsers and Node may resolve it to either
 * 127.0.0.1 or ::1; any other host binds just that address.
 */
export async function listenOnHost(
  handler: RequestListener,
  port: number,
  host = "localhost",
  tls?: TlsOptions,
): Promise<Bound> {
  const addresses = host === "localhost" ? ["127.0.0.1", "::1"] : [host];
  for (let attempt = 0; ; attempt += 1) {
    const servers: Server[] = [];
    let bound = port;
    try {
      for (const [index, address] of addresses.entries()) {
        const server = tls
          ? createTlsServer({ ...tls, maxHeaderSize: MAX_HEADER_SIZE }, handler)
          : createServer({ maxHeaderSize: MAX_HEADER_SIZE }, handler);
        try {
          await listenOne(server, bound, address);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code ?? "";
          if (index > 0 && SKIPPABLE.has(code)) continue;
          throw error;
        }
        servers.push(server);
        const info = server.address();
        if (info && typeof info === "object") bound = info.port;
      }
      return { servers, port: bound };
    } catch (error) {
      await closeServers(servers);
      // A random port free on 127.0.0.1 can be taken on ::1; pick another.
      const retry = port === 0 && (error as NodeJS.ErrnoException).code === "EADDRINUSE";
      if (!retry || attempt >= 5) throw error;
    }
  }
}
