import { describe, expect, it } from "vitest";
import { niceTicks } from "./scale.js";

describe("report building blocks", () => {
  it("picks round ticks", () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(-3, 17, 4)).toEqual([0, 5, 10, 15]);
  });
});
