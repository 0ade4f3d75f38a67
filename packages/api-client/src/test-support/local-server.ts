import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { AddressInfo } from "node:net";

export type Route = (request: IncomingMessage, response: ServerResponse, body: string) => void;

export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export interface LocalServer {
  /** http://127.0.0.1:<port>, no trailing slash. */
  origin: string;
  seen: SeenRequest[];
  route(path: string, handler: Route): void;
  close(): Promise<void>;
}

/** A real node:http server on a random port (https with `tls`); unknown paths answer 404. */
export async function startLocalServer(
  options: { tls?: { key: string; cert: string } } = {},
): Promise<LocalServer> {
  const routes = new Map<string, Route>();
  const seen: SeenRequest[] = [];
  const listener = (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const path = new URL(request.url ?? "/", "http://local").pathname;
      seen.push({ method: request.method ?? "", path, headers: request.headers, body });
      const handler = routes.get(path);
      if (handler) return handler(request, response, body);
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
    });
  };
  const server: Server = options.tls
    ? createTlsServer(options.tls, listener)
    : createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    // A certificate names localhost, so https servers are reached by that name.
    origin: options.tls ? `https://localhost:${port}` : `http://127.0.0.1:${port}`,
    seen,
    route: (path, handler) => void routes.set(path, handler),
    close: () =>
      new Promise<void>((resolve) => {
        // Hanging routes never end their responses, so drop the sockets instead of waiting.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An origin whose port was just released, so connecting to it is refused. */
export async function closedPortOrigin(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response
    .writeHead(status, { "content-type": "application/json", ...headers })
    .end(JSON.stringify(body));
}
