import { describe, expect, it } from "vitest";
import { DenseAdam } from "./dense-adam.js";

describe("DenseAdam", () => {
  it("moves each coordinate by the learning rate on the first step (bias-corrected), down or up", () => {
    const down = new Float64Array([1, -1]);
    new DenseAdam([down], { learningRate: 0.1 }).step([[2, -2]]);
    expect(down[0]).toBeCloseTo(0.9, 6);
    expect(down[1]).toBeCloseTo(-0.9, 6);
    const up = new Float64Array([1, -1]);
    new DenseAdam([up], { learningRate: 0.1, maximize: true }).step([[2, -2]]);
    expect(up[0]).toBeCloseTo(1.1, 6);
    expect(up[1]).toBeCloseTo(-1.1, 6);
  });

  it("follows Adam's update rule on f(x) = x² (lr 0.1, hand-computed moments)", () => {
    // m_t = 0.9·m + 0.1·g, v_t = 0.999·v + 0.001·g², x −= lr·m̂/(√v̂ + 1e-8) with g = 2x from x = 1.
    const x = new Float64Array([1]);
    const adam = new DenseAdam([x], { learningRate: 0.1 });
    const seen: number[] = [];
    for (let step = 0; step < 3; step++) {
      adam.step([[2 * (x[0] as number)]]);
      seen.push(x[0] as number);
    }
    expect(seen[0]).toBeCloseTo(0.9000000005, 10);
    expect(seen[1]).toBeCloseTo(0.8004122287, 10);
    expect(seen[2]).toBeCloseTo(0.7015862729, 10);
  });

  it("leaves a block without a gradient alone and keeps separate moments per block", () => {
    const a = new Float64Array([0]);
    const b = new Float64Array([0]);
    const adam = new DenseAdam([a, b], { learningRate: 0.5 });
    adam.step([[1], undefined]);
    expect(a[0]).toBeCloseTo(-0.5, 6);
    expect(b[0]).toBe(0);
  });
});
