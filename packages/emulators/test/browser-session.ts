/** A tiny browser stand-in for tests: a cookie jar (localhost only) and manual redirects. */

interface Cookie {
  name: string;
  value: string;
  path: string;
}

export interface PageResponse {
  status: number;
  url: string;
  location: string | undefined;
  text: string;
  headers: Headers;
}

export class BrowserSession {
  #cookies = new Map<string, Cookie>();
  readonly #fetch: typeof fetch;

  /** `fetchImpl` lets https emulators be reached with their CA trusted. */
  constructor(fetchImpl: typeof fetch = (...args) => fetch(...args)) {
    this.#fetch = fetchImpl;
  }

  cookieNames(): string[] {
    return [...this.#cookies.values()].map((cookie) => cookie.name);
  }

  #store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = header.split(";").map((part) => part.trim());
      const index = pair.indexOf("=");
      const name = pair.slice(0, index);
      const value = pair.slice(index + 1);
      let path = "/";
      let expired = false;
      for (const attribute of attributes) {
        const [key = "", attributeValue = ""] = attribute.split("=");
        if (key.toLowerCase() === "path") path = attributeValue;
        if (key.toLowerCase() === "max-age" && Number(attributeValue) <= 0) expired = true;
        if (key.toLowerCase() === "expires" && Date.parse(attributeValue) <= Date.now()) {
          expired = true;
        }
      }
      const key = `${name};${path}`;
      if (expired || value === "") this.#cookies.delete(key);
      else this.#cookies.set(key, { name, value, path });
    }
  }

  #header(url: URL): string {
    return [...this.#cookies.values()]
      .filter((cookie) => url.pathname.startsWith(cookie.path))
      .sort((a, b) => b.path.length - a.path.length)
      .map((cookie) => `${cookie.name}=${cookie.value}`)
      .join("; ");
  }

  async request(
    target: string,
    init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {},
  ): Promise<PageResponse> {
    const url = new URL(target);
    const headers: Record<string, string> = { ...init.headers };
    const cookie = this.#header(url);
    if (cookie) headers.cookie = cookie;
    let body: string | undefined;
    if (init.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(init.form).toString();
    }
    const response = await this.#fetch(url, {
      method: init.method ?? (body ? "POST" : "GET"),
      headers,
      body,
      redirect: "manual",
    });
    this.#store(response);
    const location = response.headers.get("location") ?? undefined;
    return {
      status: response.status,
      url: url.href,
      location: location ? new URL(location, url).href : undefined,
      text: await response.text(),
      headers: response.headers,
    };
  }

  /** Follows redirects while they stay on `origin`; returns the first response that leaves it or is not a redirect. */
  async follow(target: string, origin: string, init?: Parameters<BrowserSession["request"]>[1]) {
    let response = await this.request(target, init);
    for (let hops = 0; hops < 10; hops += 1) {
      if (!response.location || response.status < 300 || response.status >= 400) return response;
      if (!response.location.startsWith(origin)) return response;
      response = await this.request(response.location);
    }
    throw new Error(`Too many redirects from ${target}`);
  }
}

const ENTITY: Record<string, string> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#x27;": "'",
};

function decode(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|#x27);/g, (entity) => ENTITY[entity] ?? entity);
}

/** Values of the hidden inputs of the first form in `html`. */
export function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
    fields[match[1] ?? ""] = decode(match[2] ?? "");
  }
  return fields;
}

export function formAction(html: string, base: string): string {
  const action = /<form[^>]*\saction="([^"]*)"/.exec(html)?.[1];
  return action ? new URL(decode(action), base).href : base;
}
