import type { SessionData } from "@logto/node";
import { describe, expect, it } from "vitest";
import { earliestTokenExpiry, tokensNeedRefresh } from "./logto-token-freshness.ts";

const now = Date.UTC(2025, 0, 1);
const inSeconds = (seconds: number) => Math.floor(now / 1000) + seconds;

function idToken(exp: number): string {
  return `eyJhbGciOiJFUzM4NCJ9.${Buffer.from(JSON.stringify({ sub: "a", exp })).toString("base64url")}.sig`;
}

// The shape the SDK stores its access tokens in (PersistKey.AccessToken).
function accessTokens(...expiries: number[]): string {
  const entries = expiries.map((expiresAt, index) => [
    `@resource-${index}`,
    { token: `t${index}`, scope: "", expiresAt },
  ]);
  return JSON.stringify(Object.fromEntries(entries));
}

describe("earliestTokenExpiry", () => {
  it("is the first of the ID token's exp and the access tokens' expiresAt", () => {
    const data: SessionData = {
      idToken: idToken(inSeconds(3600)),
      accessToken: accessTokens(inSeconds(1800), inSeconds(2400)),
    };
    expect(earliestTokenExpiry(data)).toBe(inSeconds(1800));
    expect(earliestTokenExpiry({ idToken: idToken(inSeconds(900)) })).toBe(inSeconds(900));
  });

  it("is null for a session without readable tokens", () => {
    expect(earliestTokenExpiry({})).toBeNull();
    expect(earliestTokenExpiry({ idToken: "not-a-jwt", accessToken: "{oops" })).toBeNull();
  });
});

describe("tokensNeedRefresh", () => {
  it("is due once a token has fewer seconds left than the margin", () => {
    const data: SessionData = {
      idToken: idToken(inSeconds(3600)),
      accessToken: accessTokens(inSeconds(90)),
    };
    expect(tokensNeedRefresh(data, 60, now)).toBe(false);
    expect(tokensNeedRefresh(data, 120, now)).toBe(true);
    expect(tokensNeedRefresh({ idToken: idToken(inSeconds(-5)) }, 60, now)).toBe(true);
  });

  it("is due when no token's expiry is known", () => {
    expect(tokensNeedRefresh({ refreshToken: "r" }, 60, now)).toBe(true);
  });
});
