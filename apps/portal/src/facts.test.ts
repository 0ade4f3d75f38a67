import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { factsForApp, loadFacts } from "./facts.ts";
import { sampleFacts } from "./test-support/sample-facts.ts";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "portal-facts-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const write = (name: string, value: unknown) =>
  writeFile(join(dir, name), typeof value === "string" ? value : JSON.stringify(value));

describe("loadFacts", () => {
  it("loads every valid facts file and names each by its target", async () => {
    await write("logto.json", sampleFacts());
    await write("logto@redis.json", sampleFacts({ target: "logto@redis" }));
    await write("notes.txt", "not a facts file");
    const loaded = await loadFacts(dir);
    expect(loaded.problems).toEqual([]);
    expect(loaded.files.map((f) => f.target)).toEqual(["logto", "logto@redis"]);
    expect(factsForApp(loaded, "logto")).toMatchObject({
      primary: { target: "logto" },
      variants: [{ target: "logto@redis" }],
    });
    expect(factsForApp(loaded, "wso2")).toEqual({ primary: null, variants: [] });
  });

  it("reports broken JSON, a wrong shape and a misnamed file as problems, not errors", async () => {
    await write("wso2.json", "{ not json");
    await write("django-sso.json", {
      ...sampleFacts(),
      target: "django-sso",
      contract: "all good",
    });
    await write("django-oidc.json", sampleFacts());
    await write("logto.json", sampleFacts());
    const loaded = await loadFacts(dir);
    expect(loaded.files.map((f) => f.target)).toEqual(["logto"]);
    const problems = Object.fromEntries(loaded.problems.map((p) => [p.file, p.message]));
    expect(problems["wso2.json"]).toMatch(/^not JSON/);
    expect(problems["django-sso.json"]).toMatch(/contract/);
    expect(problems["django-oidc.json"]).toBe('describes target "logto", not "django-oidc"');
  });

  it("turns a missing folder into one problem", async () => {
    const loaded = await loadFacts(join(dir, "nowhere"));
    expect(loaded.files).toEqual([]);
    expect(loaded.problems).toHaveLength(1);
    expect(loaded.problems[0]?.message).toMatch(/ENOENT/);
  });
});
