import { describe, expect, it } from "vitest";
import type { Curve, LabResults, MeasuredCurve } from "../results.js";
import { curveBands } from "./sweep-bands.js";

const run = (setting: number, seed: number, curves: (Curve | MeasuredCurve)[]) => ({
  setting,
  seed,
  results: { experiment: "e", seed, curves, claims: [], settings: {} } as LabResults<Curve | MeasuredCurve>,
});
const kl = (golds: number[]): Curve => ({
  method: "m",
  optimizer: "o",
  points: golds.map((gold, step) => ({ step: step * 10, kl: step, proxy: 2 * gold, gold })),
});

describe("curveBands", () => {
  it("gives each step's mean, min and max across seeds, for gold and proxy, per setting", () => {
    const bands = curveBands([
      run(0, 1, [kl([0, 1, 2])]),
      run(0, 2, [kl([0, 3, 5])]),
      run(1, 1, [kl([9, 9])]),
    ]);
    const gold = bands.find((band) => band.setting === 0 && band.quantity === "gold");
    expect(gold).toMatchObject({ method: "m", x: "step", seeds: 2 });
    expect(gold?.points).toEqual([
      { x: 0, mean: 0, min: 0, max: 0 },
      { x: 10, mean: 2, min: 1, max: 3 },
      { x: 20, mean: 3.5, min: 2, max: 5 },
    ]);
    expect(bands.find((band) => band.setting === 0 && band.quantity === "proxy")?.points[2]).toEqual({
      x: 20,
      mean: 7,
      min: 4,
      max: 10,
    });
    expect(bands.filter((band) => band.setting === 1).map((band) => band.seeds)).toEqual([1, 1]);
  });

  it("bands a measured curve's y over its x, covers the points every seed has, and skips unknown values", () => {
    const measured = (ys: (number | null)[]): MeasuredCurve => ({
      method: "m",
      x: "labels",
      y: "accuracy",
      points: ys.map((y, x) => ({ x, y: y as number })),
    });
    const [band] = curveBands([run(0, 1, [measured([1, null, 3, 4])]), run(0, 2, [measured([3, 2, 5])])]);
    expect(band).toMatchObject({ quantity: "accuracy", x: "labels", seeds: 2 });
    expect(band?.points).toEqual([
      { x: 0, mean: 2, min: 1, max: 3 },
      { x: 1, mean: 2, min: 2, max: 2 },
      { x: 2, mean: 4, min: 3, max: 5 },
    ]);
  });
});
