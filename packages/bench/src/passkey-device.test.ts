import { SoftwareAuthenticator } from "@idp-gallery/emulators/testing";
import { describe, expect, it } from "vitest";
import { emulatorCapacity } from "./emulator-capacity.ts";
import { createPasskeyDevice, type DevicePasskey } from "./passkey-device.ts";

function counting(parallel?: number) {
  let enrolled = 0;
  let running = 0;
  let mostAtOnce = 0;
  const device = createPasskeyDevice(async (): Promise<DevicePasskey> => {
    running++;
    mostAtOnce = Math.max(mostAtOnce, running);
    await new Promise((resolve) => setTimeout(resolve, 1));
    running--;
    return { id: `passkey-${++enrolled}`, authenticator: new SoftwareAuthenticator() };
  }, parallel);
  return { device, mostAtOnce: () => mostAtOnce };
}

describe("createPasskeyDevice", () => {
  it("enrols up to the count asked for, `parallel` at a time, and never more", async () => {
    const { device, mostAtOnce } = counting(2);
    await device.ensure(5);
    expect(device.size).toBe(5);
    expect(mostAtOnce()).toBe(2);
    await device.ensure(3);
    expect(device.size).toBe(5);
    const one = counting(1);
    await one.device.ensure(3);
    expect(one.mostAtOnce()).toBe(1);
  });

  it("lends each passkey to one ceremony at a time, and takes it back after a failure", async () => {
    const { device } = counting();
    await device.ensure(2);
    const inUse: string[] = [];
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = device.use(async (passkey) => {
      inUse.push(passkey.id);
      await held;
    });
    const second = device.use(async (passkey) => {
      inUse.push(passkey.id);
      await held;
    });
    await expect(device.use(async () => {})).rejects.toThrow("All 2 passkeys");
    release();
    await Promise.all([first, second]);
    expect(new Set(inUse).size).toBe(2);
    await expect(
      device.use(async () => {
        throw new Error("verify refused");
      }),
    ).rejects.toThrow("verify refused");
    await Promise.all([device.use(async () => {}), device.use(async () => {})]);
  });
});

describe("emulatorCapacity", () => {
  it("runs beforeLevel before each level, outside its time", async () => {
    const events: string[] = [];
    const result = await emulatorCapacity(
      "x",
      async () => {
        if (!events.at(-1)?.startsWith("sign-in")) events.push("sign-in");
      },
      { levels: [1, 3], seconds: 0.005 },
      {
        beforeLevel: async (concurrency) => {
          events.push(`before ${concurrency}`);
        },
      },
    );
    expect(events).toEqual(["before 1", "sign-in", "before 3", "sign-in"]);
    expect(result.steps.map((step) => step.concurrency)).toEqual([1, 3]);
    expect(result.stoppedBecause).toBe("last level");
  });
});
