import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type Provider from "oidc-provider";
import { controlRefusal } from "./control-guard.ts";
import { CONTROL_PREFIX, type ControlDeps, handleControl } from "./control-routes.ts";
import { resolveDataDir, resolveDataRoot } from "./data-dir.ts";
import { type DevCa, loadOrCreateDevCa } from "./dev-ca.ts";
import { FaultInjector } from "./faults.ts";
import { sendHtml, sendJson } from "./http-utils.ts";
import { handleConsent, handleLogin, type InteractionDeps } from "./interactions.ts";
import { loadOrCreateKeys, type PersistedKeys } from "./keys.ts";
import { closeServers, listenOnHost } from "./listen.ts";
import { MemoryStore } from "./memory-store.ts";
import { buildProvider } from "./provider.ts";
import { revokeRefreshTokens, TokenControls } from "./token-controls.ts";
import type { ExtraRoute, ExtraRouteContext, ForwardOptions, Surface } from "./types.ts";

export interface EmulatorOptions {
  /** 0 picks a free port. */
  port: number;
  /** Bind address; "localhost" (default) binds 127.0.0.1 and ::1. */
  host?: string;
  /** Data root; keys live in `<dataDir>/<idp>/`. Defaults to $IDP_EMULATOR_DATA_DIR or `<package>/.data`. */
  dataDir?: string;
  /** Public origin used for the issuer; defaults to `http(s)://localhost:<port>`. */
  issuerOrigin?: string;
}

export interface Emulator {
  readonly surface: Surface;
  /** Origin, e.g. http://localhost:8000 (known once listening when port is 0). */
  readonly url: string;
  /** e.g. http://localhost:8000/o */
  readonly issuer: string;
  readonly port: number;
  /** The development CA whose certificate an https surface serves (known once listening). */
  readonly ca: Pick<DevCa, "caCert" | "caFile" | "serverSpkiSha256"> | undefined;
  listen(): Promise<Emulator>;
  close(): Promise<void>;
  /** Drops sessions, grants, codes, tokens, interactions and pending faults. */
  reset(): void;
}

type RequestWithOriginalUrl = IncomingMessage & { originalUrl?: string; body?: unknown };
type Callback = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

const pathOf = (url: string | undefined) => new URL(url ?? "/", "http://emulator").pathname;

/** The first route answering `method` and `path`, with its match when its path is a pattern. */
function findRoute(routes: ExtraRoute[] | undefined, method: string | undefined, path: string) {
  for (const route of routes ?? []) {
    if (route.method !== "*" && route.method !== method) continue;
    if (typeof route.path === "string") {
      if (route.path === path) return { route, match: undefined };
      continue;
    }
    const match = route.path.exec(path);
    if (match) return { route, match };
  }
  return undefined;
}

export function createEmulator(surface: Surface, options: EmulatorOptions): Emulator {
  const store = new MemoryStore();
  const controls = new TokenControls(surface.ttl);
  const faults = new FaultInjector();
  const startedAt = Date.now();
  let port = options.port;
  let servers: Server[] = [];
  let provider: Provider | undefined;
  let interactionDeps: InteractionDeps | undefined;
  let callback: Callback | undefined;
  let ca: DevCa | undefined;
  let signingKeys: Record<string, unknown>[] = [];
  let keys: PersistedKeys | undefined;

  const origin = () => {
    if (options.issuerOrigin) return options.issuerOrigin.replace(/\/$/, "");
    if (port === 0) throw new Error("The emulator has no port yet; await listen() first");
    return `${surface.tls ? "https" : "http"}://localhost:${port}`;
  };
  const issuer = () => `${origin()}${surface.issuerPath ?? surface.mountPath}`;
  const mount = surface.mountPath;
  const isProviderPath = (path: string) =>
    surface.isProviderPath ? surface.isProviderPath(path) : path.startsWith(`${mount}/`);

  // A new oidc-provider over the same store and keys: its claims config is fixed at construction.
  const startProvider = () => {
    if (!keys) return;
    provider = buildProvider({
      surface,
      issuer: issuer(),
      origin: origin(),
      keys,
      store,
      controls,
    });
    callback = provider.callback() as Callback;
    interactionDeps = {
      surface,
      provider,
      csrfSecret: keys.cookieKeys[0] ?? "",
      issuer: issuer(),
      origin: origin(),
      signingKeys,
    };
  };

  const reset = () => {
    const hadExtraClaims = Object.keys(controls.extraClaims).length > 0;
    store.clear();
    faults.clear();
    controls.reset();
    surface.reset?.();
    if (hadExtraClaims) startProvider();
  };

  const controlDeps: ControlDeps = {
    idp: surface.id,
    faults,
    startedAt,
    describe: () => ({ url: origin(), issuer: issuer() }),
    reset,
    tokens: {
      setLifetimes: (lifetimes) => controls.setLifetimes(lifetimes),
      revokeRefreshTokens: (sub) => revokeRefreshTokens(store, sub),
    },
    setExtraClaims(claims) {
      controls.setExtraClaims(claims);
      startProvider();
    },
  };

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = pathOf(req.url);
    if (path.startsWith(CONTROL_PREFIX)) {
      const own = provider && findRoute(surface.controlRoutes, req.method, path);
      if (!own) return handleControl(controlDeps, req, res, path);
      const refusal = controlRefusal(req);
      if (refusal) return sendJson(res, refusal.status, { error: refusal.error });
      return own.route.handle(req, res, extraContext(req, res, own.match));
    }

    const fault = faults.take(path);
    if (fault?.kind === "hang") return faults.hold(res);
    if (fault?.kind === "fail") {
      return sendJson(res, fault.status, {
        error: "emulator_injected_failure",
        error_description: `The ${surface.displayName} emulator was told to fail this request.`,
        status: fault.status,
      });
    }
    if (!provider || !callback || !interactionDeps) {
      return sendJson(res, 503, {
        error: "temporarily_unavailable",
        error_description: "starting",
      });
    }
    return dispatch(req, res, path);
  }

  // Express-style mounting: oidc-provider derives its endpoint URLs from originalUrl.
  async function toProvider(req: IncomingMessage, res: ServerResponse, pathAndQuery: string) {
    const mounted = req as RequestWithOriginalUrl;
    mounted.originalUrl = pathAndQuery;
    mounted.url = pathAndQuery.slice(mount.length) || "/";
    await callback?.(req, res);
  }

  function extraContext(
    req: IncomingMessage,
    res: ServerResponse,
    match: RegExpExecArray | undefined,
  ): ExtraRouteContext {
    return {
      surface,
      issuer: issuer(),
      origin: origin(),
      provider: provider as Provider,
      accessTokenSeconds: () => controls.lifetimes().accessTokenSeconds,
      match,
      signingKeys,
      forward(pathAndQuery: string, forwarded: ForwardOptions = {}) {
        if (forwarded.method) req.method = forwarded.method;
        // oidc-provider reads an already consumed body from req.body.
        if (forwarded.form) (req as RequestWithOriginalUrl).body = forwarded.form;
        return toProvider(req, res, pathAndQuery);
      },
      reroute(pathAndQuery: string) {
        req.url = pathAndQuery;
        return dispatch(req, res, pathOf(pathAndQuery));
      },
    };
  }

  async function dispatch(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (!interactionDeps) return;
    const method = req.method === "HEAD" ? "GET" : req.method;
    const extra = findRoute(surface.extraRoutes, method, path);
    if (extra) return extra.route.handle(req, res, extraContext(req, res, extra.match));
    if (method === "GET" || method === "POST") {
      if (path === surface.interactions.loginPath) return handleLogin(interactionDeps, req, res);
      if (path === surface.interactions.consentPath)
        return handleConsent(interactionDeps, req, res);
    }
    if (isProviderPath(path)) return toProvider(req, res, req.url ?? "/");
    sendHtml(res, 404, surface.pages.notFound(path));
  }

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    route(req, res).catch((error: unknown) => {
      console.error(`[${surface.id}] request failed: ${(error as Error).stack ?? error}`);
      if (res.headersSent) return void res.destroy();
      sendHtml(
        res,
        500,
        surface.pages.error({
          status: 500,
          error: "server_error",
          description: "The emulator hit an unexpected error. See its log for details.",
          route: "emulator",
        }),
      );
    });
  };

  const emulator: Emulator = {
    surface,
    get url() {
      return origin();
    },
    get issuer() {
      return issuer();
    },
    get port() {
      return port;
    },
    get ca() {
      return ca && { caCert: ca.caCert, caFile: ca.caFile, serverSpkiSha256: ca.serverSpkiSha256 };
    },
    async listen() {
      if (servers.length) return emulator;
      keys = await loadOrCreateKeys(resolveDataDir(surface.id, options.dataDir), surface.signing);
      ca = surface.tls ? await loadOrCreateDevCa(resolveDataRoot(options.dataDir)) : undefined;
      const tls = ca && { key: ca.serverKey, cert: ca.serverCert };
      const bound = await listenOnHost(handler, port, options.host, tls);
      servers = bound.servers;
      port = bound.port;
      signingKeys = keys.signingKeys as Record<string, unknown>[];
      startProvider();
      return emulator;
    },
    async close() {
      faults.clear();
      const closing = servers;
      servers = [];
      await closeServers(closing);
    },
    reset,
  };
  return emulator;
}
