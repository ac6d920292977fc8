import { describe, expect, it } from "vitest";
import type { Curve } from "../results.js";
import { goldAtKl, pairwisePpoClaims } from "./pairwise-ppo-claims.js";

const curve = (method: string, points: [number, number][]): Curve => ({
  method,
  optimizer: method,
  points: points.map(([kl, gold], step) => ({ step, kl, proxy: gold, gold })),
});

const p3o: [number, number][] = [
  [0, 0],
  [0.5, 0.6],
  [1, 1],
];

describe("pairwise-ppo claims are decided on the run's numbers", () => {
  it("reads the reward-KL frontier at a KL between two points", () => {
    expect(goldAtKl(curve("a", p3o), 0.75)).toBeCloseTo(0.8, 12);
    expect(goldAtKl(curve("a", p3o), 2)).toBeNaN();
  });

  it("hold when P3O's shifted curves coincide, PPO's move, and P3O is ahead at the same KL", () => {
    const claims = pairwisePpoClaims({
      klCoefficient: 0.05,
      curves: [
        curve("p3o_joint", p3o),
        curve("p3o_joint_shifted", p3o),
        curve("p3o_separate", p3o),
        curve("p3o_separate_shifted", p3o),
        curve("ppo_value", [
          [0, 0],
          [0.6, 0.5],
          [1.2, 0.9],
        ]),
        curve("ppo_value_shifted", [
          [0, 0],
          [0.7, 0.4],
          [1.3, 0.8],
        ]),
      ],
    });
    expect(claims.map((claim) => claim.holds)).toEqual([true, true, true, true, true]);
    expect(claims[1]?.evidence.largest_gold_gap).toBeCloseTo(0.1, 6);
  });

  it("fail when the shift moves P3O, leaves PPO alone, and P3O neither learns nor keeps up", () => {
    const flat: [number, number][] = [
      [0, 0],
      [0.5, 0.1],
      [1, 0.2],
    ];
    const claims = pairwisePpoClaims({
      klCoefficient: 0.05,
      curves: [
        curve("p3o_joint", flat),
        curve("p3o_joint_shifted", [
          [0, 0],
          [0.5, 0.2],
          [1, 0.25],
        ]),
        curve("p3o_separate", flat),
        curve("p3o_separate_shifted", flat),
        curve("ppo_value", [
          [0, 0],
          [0.6, 0.5],
          [1.2, 0.9],
        ]),
        curve("ppo_value_shifted", [
          [0, 0],
          [0.6, 0.5],
          [1.2, 0.9],
        ]),
      ],
    });
    expect(claims.map((claim) => claim.holds)).toEqual([false, false, false, false, false]);
  });
});
