import { describe, expect, it } from "vitest";
import { getTarget } from "../targets.ts";
import { buildFacts, contractCase, contractId, type FinishedTest } from "./collect.ts";

const test = (title: string, status: FinishedTest["status"] = "passed"): FinishedTest => ({
  title,
  status,
  durationMs: 1234.4,
  annotations: [],
});

describe("contract cases", () => {
  it("take the id from the title and leave other tests out", () => {
    expect(contractId("C4 sign out: app session gone")).toEqual({
      id: "C4",
      title: "sign out: app session gone",
    });
    expect(contractId("facts: one browser sign-in")).toBeNull();
  });

  it("say what the IdP lacks from the target registry, not from the test", () => {
    const withLogout = getTarget("django-oidc");
    const withoutLogout = getTarget("django-oidc@dot-1.7");
    expect(withLogout.rpLogout).toBe(true);
    expect(withoutLogout.rpLogout).toBe(false);
    expect(contractCase(test("C4 sign out: x"), withLogout)).toEqual({
      id: "C4",
      title: "sign out: x",
      status: "passed",
      durationMs: 1234,
    });
    expect(contractCase(test("C4 sign out: x"), withoutLogout)?.notSupported).toMatch(
      /RP-initiated logout/,
    );
    expect(
      contractCase(test("C5 bad credentials: x"), withoutLogout)?.notSupported,
    ).toBeUndefined();
  });

  it("turn a skip annotated not-supported into not-supported, and map Playwright's statuses", () => {
    const skipped: FinishedTest = {
      ...test("C6 denied: x", "skipped"),
      annotations: [{ type: "not-supported", description: "no consent screen" }],
    };
    expect(contractCase(skipped, getTarget("wso2"))).toMatchObject({
      status: "not-supported",
      notSupported: "no consent screen",
    });
    expect(contractCase(test("C7 IdP down: x", "timedOut"), getTarget("wso2"))?.status).toBe(
      "timed-out",
    );
  });
});

describe("buildFacts", () => {
  it("merges the attached parts and validates the result", () => {
    const facts = buildFacts({
      target: getTarget("logto"),
      contract: [test("C1 anonymous: x"), test("facts: y"), test("C2 sign in: z", "failed")],
      parts: [
        { protocol: { rpLogout: true, discovery: null, note: "none" } },
        { firstLoadJs: [{ path: "/", files: 3, rawBytes: 300, gzipBytes: 100 }] },
      ],
      generatedAt: new Date("2026-11-22T16:00:00Z"),
    });
    expect(facts).toMatchObject({
      version: 1,
      target: "logto",
      app: "logto",
      idp: "logto",
      idpName: "Logto",
      generatedAt: "2026-11-22T16:00:00.000Z",
      protocol: { rpLogout: true, discovery: null },
      measurements: null,
      firstLoadJs: [{ path: "/", gzipBytes: 100 }],
    });
    expect(facts.contract.map((c) => `${c.id} ${c.status}`)).toEqual(["C1 passed", "C2 failed"]);
  });
});
