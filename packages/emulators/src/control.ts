/** Client for an emulator's control routes and its supervisor's control port (used by e2e tests). */
import { caTrustingFetch } from "./core/ca-fetch.ts";
import { DEFAULT_START_TIMEOUT_MS } from "./supervisor/start-timeout.ts";

export interface EmulatorControlOptions {
  /** Emulator origin, e.g. http://localhost:8000 */
  url: string;
  /** Supervisor control origin, e.g. http://localhost:8001 (needed for status/stop/start). */
  controlUrl?: string;
  /** Per-request timeout; stop/start get at least `lifecycleTimeoutMs`. */
  timeoutMs?: number;
  /** stop/start: at least the supervisor's start timeout (its --start-timeout-ms), plus a stop. */
  lifecycleTimeoutMs?: number;
  /** For an https emulator: the CA file its certificate chains to (read on first call). */
  caFile?: string;
}

export interface EmulatorStatus {
  running: boolean;
  pid: number | null;
  url: string;
  issuer: string;
}

export interface EmulatorHealth {
  ok: boolean;
  idp: string;
  url: string;
  issuer: string;
  pid: number;
  uptimeMs: number;
  /** fail-next / hang-next rules not yet used. */
  pendingFaults: Array<{ kind: "fail" | "hang"; path?: string; status?: number }>;
  /** Requests currently held open by hang-next. */
  heldRequests: number;
}

export interface FailNextOptions {
  /** Only the next request whose path starts with this fails; any request when omitted. */
  path?: string;
  /** HTTP status to answer with (default 503). */
  status?: number;
}

export interface HangNextOptions {
  /** Only the next request whose path starts with this hangs; any request when omitted. */
  path?: string;
}

/** `setTokenLifetimes` input: seconds, positive integers; omitted ones keep their current value. */
export interface TokenLifetimeOptions {
  accessTokenSeconds?: number;
  idTokenSeconds?: number;
  refreshTokenSeconds?: number;
}

/** The lifetimes in force after a `setTokenLifetimes` call (the vendor's defaults where not set). */
export interface TokenLifetimes {
  accessTokenSeconds: number;
  idTokenSeconds: number;
  refreshTokenSeconds: number;
}

export interface RevokeRefreshTokensOptions {
  /** Only this subject's refresh tokens (the ID token's `sub`); everyone's when omitted. */
  sub?: string;
}

export class EmulatorControlError extends Error {
  readonly status: number | undefined;

  constructor(message: string, status?: number, cause?: unknown) {
    super(message, { cause });
    this.name = "EmulatorControlError";
    this.status = status;
  }
}

// The supervisor's default start bound, plus room for the stop before it.
const LIFECYCLE_TIMEOUT_MS = DEFAULT_START_TIMEOUT_MS + 30_000;

export class EmulatorControl {
  readonly url: string;
  readonly controlUrl: string | undefined;
  readonly timeoutMs: number;
  readonly lifecycleTimeoutMs: number;
  readonly #fetch: typeof fetch;

  constructor(options: EmulatorControlOptions) {
    this.url = options.url.replace(/\/$/, "");
    this.controlUrl = options.controlUrl?.replace(/\/$/, "");
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.lifecycleTimeoutMs = options.lifecycleTimeoutMs ?? LIFECYCLE_TIMEOUT_MS;
    this.#fetch = options.caFile ? caTrustingFetch(options.caFile) : (...args) => fetch(...args);
  }

  health(): Promise<EmulatorHealth> {
    return this.#call("GET", `${this.url}/__emulator/health`);
  }

  async reset(): Promise<void> {
    await this.#call("POST", `${this.url}/__emulator/reset`);
  }

  async failNext(options: FailNextOptions = {}): Promise<void> {
    await this.#call("POST", `${this.url}/__emulator/fail-next`, options);
  }

  async hangNext(options: HangNextOptions = {}): Promise<void> {
    await this.#call("POST", `${this.url}/__emulator/hang-next`, options);
  }

  /** Tokens issued from now on live this long (`expires_in` and `exp` follow); reset restores them. */
  async setTokenLifetimes(options: TokenLifetimeOptions): Promise<TokenLifetimes> {
    const answer = await this.#call<{ lifetimes: TokenLifetimes }>(
      "POST",
      `${this.url}/__emulator/token-lifetimes`,
      options,
    );
    return answer.lifetimes;
  }

  /** Destroys the live refresh tokens (of one subject when given); resolves to how many. */
  async revokeRefreshTokens(options: RevokeRefreshTokensOptions = {}): Promise<number> {
    const answer = await this.#call<{ revoked: number }>(
      "POST",
      `${this.url}/__emulator/revoke-refresh-tokens`,
      options,
    );
    return answer.revoked;
  }

  /**
   * Every user's ID token and userinfo (django-sso: the gateway's user record) carry these claims
   * from the next sign-in on, replacing the claims of an earlier call; reset clears them.
   */
  async setExtraClaims(claims: Record<string, unknown>): Promise<void> {
    await this.#call("POST", `${this.url}/__emulator/extra-claims`, { claims });
  }

  status(): Promise<EmulatorStatus> {
    return this.#call("GET", `${this.#supervisor()}/status`);
  }

  stop(): Promise<EmulatorStatus> {
    return this.#call("POST", `${this.#supervisor()}/stop`, undefined, this.lifecycleTimeoutMs);
  }

  start(): Promise<EmulatorStatus> {
    return this.#call("POST", `${this.#supervisor()}/start`, undefined, this.lifecycleTimeoutMs);
  }

  #supervisor(): string {
    if (!this.controlUrl) {
      throw new EmulatorControlError(
        "status/stop/start need controlUrl (the idp-emulator CLI's --control-port)",
      );
    }
    return this.controlUrl;
  }

  async #call<T>(method: string, target: string, body?: unknown, minTimeoutMs = 0): Promise<T> {
    const timeout = Math.max(this.timeoutMs, minTimeoutMs);
    let response: Response;
    try {
      // Every write is JSON: the control routes refuse anything else (no web page can send it).
      const json = method === "GET" ? undefined : JSON.stringify(body ?? {});
      response = await this.#fetch(target, {
        method,
        headers: json === undefined ? undefined : { "Content-Type": "application/json" },
        body: json,
        signal: AbortSignal.timeout(timeout),
      });
    } catch (error) {
      const reason =
        (error as Error).name === "TimeoutError"
          ? `no answer within ${timeout} ms`
          : `${(error as Error).message}${(error as { cause?: Error }).cause ? ` (${(error as { cause: Error }).cause.message})` : ""}`;
      throw new EmulatorControlError(`${method} ${target} failed: ${reason}`, undefined, error);
    }
    const text = await response.text();
    if (!response.ok) {
      throw new EmulatorControlError(
        `${method} ${target} answered ${response.status}: ${text.slice(0, 300)}`,
        response.status,
      );
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
