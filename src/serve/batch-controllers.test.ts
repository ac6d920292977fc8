import { describe, expect, it } from "vitest";
import { BatchControllers } from "./batch-controllers.js";

describe("BatchControllers", () => {
  it("reuses a controller that never aborted and that nothing listens to any more", () => {
    const controllers = new BatchControllers();
    const first = controllers.take();
    const listener = () => undefined;
    first.signal.addEventListener("abort", listener);
    first.signal.removeEventListener("abort", listener);
    controllers.give(first);
    expect(controllers.take()).toBe(first);
  });

  it("never reuses an aborted controller or one with a listener left on it", () => {
    const controllers = new BatchControllers();
    const aborted = controllers.take();
    aborted.abort(new Error("gone"));
    controllers.give(aborted);
    const listened = controllers.take();
    let heard = 0;
    listened.signal.addEventListener("abort", () => heard++);
    controllers.give(listened);
    const next = controllers.take();
    expect(next).not.toBe(aborted);
    expect(next).not.toBe(listened);
    expect(next.signal.aborted).toBe(false);
    // The next batch's abort reaches nothing of the batch before.
    next.abort(new Error("next batch"));
    expect(heard).toBe(0);
  });

  it("hands out signals that take many listeners without Node's leak warning", async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on("warning", onWarning);
    try {
      const controllers = new BatchControllers();
      for (let round = 0; round < 3; round++) {
        const controller = controllers.take();
        const listeners = Array.from({ length: 50 }, () => () => undefined);
        for (const listener of listeners) controller.signal.addEventListener("abort", listener);
        for (const listener of listeners) controller.signal.removeEventListener("abort", listener);
        controllers.give(controller);
      }
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings.filter((warning) => warning.name === "MaxListenersExceededWarning")).toEqual([]);
  });
});
