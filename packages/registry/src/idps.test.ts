import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Idp, idpIds, idpList, idps } from "./idps.ts";
import { portal } from "./portal.ts";

// The registry describes files elsewhere in the repo; these checks read those files.
const root = join(import.meta.dirname, "..", "..", "..");
const read = (path: string) => readFileSync(join(root, path), "utf8");

interface Manifest {
  name: string;
  scripts?: Record<string, string>;
}
const manifest = (dir: string) => JSON.parse(read(join(dir, "package.json"))) as Manifest;

/** `--port N` (or `--control-port N`) of a script, if it has one. */
function flag(script: string | undefined, name: string): number | undefined {
  const match = script && new RegExp(`(?:^|\\s)--${name}[ =](\\d+)(?:\\s|$)`).exec(script);
  return match ? Number(match[1]) : undefined;
}

/** Every port the registry gives out, each with what it is for. */
function allPorts(): Array<{ port: number; what: string }> {
  const ports: Array<{ port: number; what: string }> = [];
  const add = (port: number | undefined, what: string) => {
    if (port !== undefined) ports.push({ port, what });
  };
  for (const idp of idpList as readonly Idp[]) {
    add(idp.dev.appPort, `${idp.id} dev app`);
    add(idp.dev.idpPort, `${idp.id} dev IdP`);
    add(idp.dev.idpControlPort, `${idp.id} dev IdP control`);
    for (const [i, port] of idp.e2e.appPorts.entries()) add(port, `${idp.id} e2e app ${"AB"[i]}`);
    add(idp.e2e.idpPort, `${idp.id} e2e IdP`);
    add(idp.e2e.idpPort + 1, `${idp.id} e2e IdP control`);
    add("replicaPort" in idp.e2e ? idp.e2e.replicaPort : undefined, `${idp.id} e2e replica`);
    const variants: Record<string, Record<string, number | undefined>> = "variants" in idp.e2e
      ? idp.e2e.variants
      : {};
    for (const [variant, ports] of Object.entries(variants)) {
      const name = `${idp.id}@${variant}`;
      add(ports.idpPort, `${name} IdP`);
      add((ports.idpPort ?? 0) + 1, `${name} IdP control`);
      add(ports.redisPort, `${name} redis-server`);
      add(ports.replicaPort, `${name} replica`);
      add(ports.companionAppPort, `${name} companion app`);
    }
  }
  add(portal.dev.appPort, "portal dev");
  for (const [i, port] of portal.e2e.appPorts.entries()) add(port, `portal e2e ${"AB"[i]}`);
  add(portal.e2e.stubPort, "portal e2e health stand-in");
  add(portal.e2e.closedPort, "portal e2e closed port");
  add(portal.e2e.galleryPort, "portal in the gallery run");
  return ports;
}

describe("the IdP registry", () => {
  it("lists each IdP once, and derives its ids and index from the list", () => {
    const ids = idpList.map((idp) => idp.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...idpIds]).toEqual(ids);
    expect(Object.keys(idps)).toEqual(ids);
    for (const idp of idpList) expect(idps[idp.id]).toBe(idp);
  });

  it("gives every app, IdP, control port and e2e process a port of its own, dev and e2e alike", () => {
    const ports = allPorts();
    const owners = new Map<number, string[]>();
    for (const { port, what } of ports) owners.set(port, [...(owners.get(port) ?? []), what]);
    const shared = [...owners].filter(([, what]) => what.length > 1);
    expect(shared.map(([port, what]) => `${port}: ${what.join(", ")}`)).toEqual([]);
    for (const { port, what } of ports) {
      expect(Number.isInteger(port) && port > 1024 && port < 65536, `${what}: ${port}`).toBe(true);
    }
  });

  it("lists every app of the gallery: each app with the e2e contract has an entry", () => {
    const appDirs = readdirSync(join(root, "apps"), { withFileTypes: true })
      .filter(
        (entry) =>
          entry.isDirectory() && existsSync(join(root, "apps", entry.name, "package.json")),
      )
      .map((entry) => `apps/${entry.name}`);
    const contractApps = appDirs.filter((dir) =>
      manifest(dir).scripts?.e2e?.startsWith("idp-gallery-e2e"),
    );
    expect(contractApps.sort()).toEqual(idpList.map((idp) => idp.app.dir).sort());
    expect(appDirs).toContain(portal.app.dir);
  });

  describe.each(idpList.map((idp) => [idp.id, idp as Idp] as const))("%s", (id, idp) => {
    it("names an app folder whose package is named by the id, with its README", () => {
      expect(idp.app.dir).toMatch(/^apps\/[a-z0-9-]+$/);
      expect(existsSync(join(root, idp.app.dir, "package.json"))).toBe(true);
      expect(manifest(idp.app.dir).name).toBe(id);
      expect(idp.app.readme.startsWith(`${idp.app.dir}/`)).toBe(true);
      expect(existsSync(join(root, idp.app.readme))).toBe(true);
    });

    it("has the dev and start scripts on its dev port, and dev:idp on its emulator's", () => {
      const scripts = manifest(idp.app.dir).scripts ?? {};
      expect(scripts.dev).toMatch(/^next dev\b/);
      expect(flag(scripts.dev, "port")).toBe(idp.dev.appPort);
      expect(scripts.start).toMatch(/^next start\b/);
      expect(flag(scripts.start, "port")).toBe(idp.dev.appPort);
      expect(scripts["dev:idp"]?.split(/\s+/).slice(0, 2)).toEqual(["idp-emulator", id]);
      expect(flag(scripts["dev:idp"], "port")).toBe(idp.dev.idpPort);
      // idp-emulator's control port is --control-port, or the port + 1.
      expect(flag(scripts["dev:idp"], "control-port") ?? idp.dev.idpPort + 1).toBe(
        idp.dev.idpControlPort,
      );
    });

    it("lists every env key it names in the app's .env.example, AUTH_URL on the dev port", () => {
      const example = read(join(idp.app.dir, ".env.example"));
      const assigned = new Map(
        [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((m) => [m[1], m[2]]),
      );
      const keys = Object.values(idp.env);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys.filter((key) => !assigned.has(key))).toEqual([]);
      expect(assigned.get(idp.env.url)).toBe(`http://localhost:${idp.dev.appPort}`);
    });
  });

  it("has the portal's dev and start scripts on its dev port", () => {
    const scripts = manifest(portal.app.dir).scripts ?? {};
    expect(flag(scripts.dev, "port")).toBe(portal.dev.appPort);
    expect(flag(scripts.start, "port")).toBe(portal.dev.appPort);
    expect(existsSync(join(root, portal.app.readme))).toBe(true);
  });

  // Turbo has no wildcard for "every app's task", so these task lists name the apps; keep them whole.
  it.each(["packages/e2e/turbo.json", "apps/portal/turbo.json"])(
    "%s runs after every app's own e2e run",
    (file) => {
      const config = JSON.parse(read(file)) as { tasks: { e2e: { dependsOn: string[] } } };
      const appRuns = config.tasks.e2e.dependsOn
        .filter((task) => task.endsWith("#e2e"))
        .map((task) => task.slice(0, -"#e2e".length));
      expect(appRuns.sort()).toEqual([...idpIds].sort());
    },
  );
});
