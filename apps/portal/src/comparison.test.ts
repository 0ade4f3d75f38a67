import type { ContractCase } from "@idp-gallery/e2e/facts";
import { describe, expect, it } from "vitest";
import {
  contractRows,
  contractSummary,
  cookieBytes,
  firstLoadGzip,
  foldCases,
  partyCounts,
  protocolRows,
  redirectCount,
} from "./comparison.ts";
import { sampleFacts } from "./test-support/sample-facts.ts";

const c = (status: ContractCase["status"], notSupported?: string): ContractCase => ({
  id: "C7",
  title: "x",
  status,
  durationMs: 1,
  ...(notSupported ? { notSupported } : {}),
});

describe("foldCases", () => {
  it("passes only when every test of the case passed, and lets a failure win", () => {
    expect(foldCases([c("passed"), c("passed")]).status).toBe("passed");
    expect(foldCases([c("passed"), c("failed")]).status).toBe("failed");
    expect(foldCases([c("timed-out"), c("not-supported")]).status).toBe("failed");
    expect(foldCases([c("not-supported")]).status).toBe("not-supported");
    expect(foldCases([c("passed"), c("skipped")]).status).toBe("skipped");
    expect(foldCases([]).status).toBe("not-run");
  });

  it("keeps what the IdP does not support, once", () => {
    expect(foldCases([c("passed", "RP logout"), c("passed", "RP logout")]).notes).toEqual([
      "RP logout",
    ]);
  });
});

describe("contractRows", () => {
  it("gives a row per case in numeric order, a cell per column, C7's two tests folded", () => {
    const a = sampleFacts();
    const b = sampleFacts({
      target: "wso2",
      contract: [
        { id: "C10", title: "secrets: s", status: "passed", durationMs: 1 },
        { id: "C4", title: "sign out: y", status: "failed", durationMs: 1 },
      ],
    });
    const rows = contractRows([a, b]);
    expect(rows.map((r) => r.id)).toEqual(["C1", "C4", "C7", "C10"]);
    expect(rows.find((r) => r.id === "C7")?.name).toBe("IdP down · IdP misbehaving");
    expect(rows.find((r) => r.id === "C4")?.cells.map((cell) => cell.status)).toEqual([
      "passed",
      "failed",
    ]);
    expect(rows.find((r) => r.id === "C10")?.cells[0]?.status).toBe("not-run");
  });

  it("summarises a file as passed over all", () => {
    expect(contractSummary(sampleFacts())).toEqual({ passed: 4, total: 4 });
  });
});

describe("measurements", () => {
  const m = sampleFacts().measurements;
  if (!m) throw new Error("sample has measurements");

  it("counts 3xx hops and server actions as redirects", () => {
    expect(redirectCount(m.timeline)).toBe(3);
    expect(partyCounts(m.timeline)).toEqual({ app: 3, idp: 2 });
  });

  it("adds up cookie bytes and finds first-load JS by path", () => {
    expect(cookieBytes(m.cookies)).toBe(1534);
    expect(firstLoadGzip(sampleFacts(), "/protected")).toBe(135450);
    expect(firstLoadGzip(sampleFacts({ firstLoadJs: undefined }), "/")).toBeNull();
  });
});

describe("protocolRows", () => {
  it("prints each IdP's discovery facts, and a dash where it has none", () => {
    const sso = sampleFacts({
      target: "django-sso",
      protocol: { rpLogout: true, discovery: null, note: "no discovery document" },
    });
    const dot = sampleFacts({ protocol: { rpLogout: false, discovery: null } });
    const rows = Object.fromEntries(
      protocolRows([sampleFacts(), sso, dot, sampleFacts({ protocol: null })]).map((r) => [
        r.key,
        r.values,
      ]),
    );
    expect(rows.discovery).toEqual([
      "/oidc/.well-known/openid-configuration",
      "none",
      "none",
      "not measured",
    ]);
    expect(rows.pkce?.[0]).toBe("S256");
    expect(rows["token-auth"]?.[0]).toBe("client_secret_basic, client_secret_post");
    expect(rows["end-session"]?.slice(0, 2)).toEqual(["yes", "—"]);
    expect(rows["rp-logout"]).toEqual(["yes", "yes", "no: app session only", "not measured"]);
  });
});
