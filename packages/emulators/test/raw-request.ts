import { request } from "node:http";
import { REQUEST_TIMEOUT_MS } from "@idp-gallery/test-processes/bounds";

export interface RawAnswer {
  status: number;
  body: string;
}

/** An HTTP request with exactly the headers given (fetch cannot set `Host`), as a browser would send them. */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: options.method ?? "GET",
      headers: options.headers,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    req.on("response", (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        body += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

/** What a web page on another origin, or a DNS-rebound name, can make a browser send. */
export const browserAttacks: Array<
  [string, { method: string; headers: Record<string, string>; body?: string }]
> = [
  [
    "a form POST (text/plain, no preflight)",
    { method: "POST", headers: { "content-type": "text/plain" }, body: "{}" },
  ],
  ["a bodyless POST", { method: "POST", headers: {} }],
  [
    "a url-encoded form POST",
    {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "a=1",
    },
  ],
  [
    "a cross-origin JSON POST",
    {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://evil.example" },
      body: "{}",
    },
  ],
  [
    "a cross-site page's request",
    {
      method: "POST",
      headers: { "content-type": "application/json", "sec-fetch-site": "cross-site" },
      body: "{}",
    },
  ],
  ["a DNS-rebound Host reading status", { method: "GET", headers: { host: "evil.example" } }],
  [
    "a DNS-rebound Host posting JSON",
    {
      method: "POST",
      headers: { host: "rebind.evil.example:80", "content-type": "application/json" },
      body: "{}",
    },
  ],
];

/** A bodyless control call as the control routes take it: JSON, never a form a web page could send. */
export const jsonPost: RequestInit = {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: "{}",
};
