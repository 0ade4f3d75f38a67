import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createBackChannelRoute } from "./back-channel.ts";

const secret = "service-token-for-the-event-route";
const eventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("deauthenticate"), user_identy: z.string().min(1) }),
  z.object({ type: z.literal("fail"), user_identy: z.string() }),
]);

function route() {
  const handled: unknown[] = [];
  const POST = createBackChannelRoute({
    secret,
    presentedSecret: (body) => body.token,
    parse: ({ token: _token, ...event }) => eventSchema.safeParse(event),
    async handle(event) {
      if (event.type === "fail") throw new Error("store down");
      handled.push(event);
    },
    maxBodyBytes: 256,
  });
  return { POST, handled };
}

const post = (body: string, headers: Record<string, string> = {}) =>
  new Request("http://localhost:3005/sso/event/", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });

async function expectRefused(response: Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  expect(await response.json()).toEqual({ error: expect.any(String) });
}

describe("createBackChannelRoute", () => {
  it("accepts a known event with the right token", async () => {
    const { POST, handled } = route();
    const response = await POST(
      post(JSON.stringify({ type: "deauthenticate", token: secret, user_identy: "alice" })),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(handled).toEqual([{ type: "deauthenticate", user_identy: "alice" }]);
  });

  it("refuses tokenless events with 401 and forged ones with 403, before handling them", async () => {
    const { POST, handled } = route();
    const event = { type: "deauthenticate", user_identy: "alice" };
    await expectRefused(await POST(post(JSON.stringify(event))), 401);
    await expectRefused(await POST(post(JSON.stringify({ ...event, token: "" }))), 401);
    await expectRefused(await POST(post(JSON.stringify({ ...event, token: 42 }))), 401);
    await expectRefused(await POST(post(JSON.stringify({ ...event, token: `${secret}x` }))), 403);
    await expectRefused(await POST(post(JSON.stringify({ ...event, token: "guess" }))), 403);
    expect(handled).toEqual([]);
  });

  it("refuses other methods, other content types, malformed JSON and oversized bodies", async () => {
    const { POST } = route();
    await expectRefused(await POST(new Request("http://localhost/sso/event/")), 405);
    await expectRefused(
      await POST(post("type=deauthenticate", { "content-type": "text/plain" })),
      415,
    );
    await expectRefused(await POST(post("{not json")), 400);
    await expectRefused(await POST(post("[1, 2]")), 400);
    const big = JSON.stringify({ type: "deauthenticate", token: secret, pad: "x".repeat(300) });
    await expectRefused(await POST(post(big)), 413);
  });

  it("refuses unknown event types, even with the right token", async () => {
    const { POST, handled } = route();
    const body = { type: "_private", token: secret, user_identy: "alice" };
    await expectRefused(await POST(post(JSON.stringify(body))), 400);
    expect(handled).toEqual([]);
  });

  it("answers 500 when the event cannot be processed, so the IdP records a failure", async () => {
    const { POST } = route();
    const body = { type: "fail", token: secret, user_identy: "alice" };
    await expectRefused(await POST(post(JSON.stringify(body))), 500);
  });

  it("will not run without a secret", () => {
    expect(() =>
      createBackChannelRoute({
        secret: "",
        presentedSecret: () => "",
        parse: () => ({ success: false }),
        handle: async () => {},
      }),
    ).toThrow(/secret/);
  });
});
