import { describe, expect, it } from "vitest";
import { bestOfNKl } from "../../select/index.js";
import { interpolate, vasClaims } from "./vas-claims.js";

const bestOf = (rewards: number[]) =>
  [1, 2, 4, 8].map((n, index) => ({ n, kl: bestOfNKl(n), reward: rewards[index] as number }));

describe("VAS claims are decided on the run's numbers", () => {
  it("interpolate best-of-n's reward between its KL points, and nothing outside them", () => {
    const points = [
      { kl: 0, reward: 0 },
      { kl: 1, reward: 2 },
    ];
    expect(interpolate(points, 0.25)).toBeCloseTo(0.5, 12);
    expect(interpolate(points, 2)).toBeUndefined();
  });

  it("hold when VAS's reward rises with β and keeps pace with best-of-n at the same KL", () => {
    // best-of-n KLs log n − (n − 1)/n: 0, 0.1931, 0.6363, 1.2044.
    const claims = vasClaims({
      byBeta: [
        { beta: 0, reward: 0.4, kl: 0 },
        { beta: 1, reward: 0.8, kl: 0.19 },
        { beta: 4, reward: 1.2, kl: 0.9 },
      ],
      bestOf: bestOf([0.4, 0.8, 1.0, 1.2]),
    });
    expect(claims.map((claim) => claim.holds)).toEqual([true, true, true]);
    expect(claims[2]?.evidence).toMatchObject({ compared_betas: 2 });
  });

  it("fail when the reward barely moves, KL does not grow and VAS falls behind best-of-n", () => {
    const claims = vasClaims({
      byBeta: [
        { beta: 0, reward: 0.4, kl: 0 },
        { beta: 1, reward: 0.45, kl: 0.6 },
        { beta: 4, reward: 0.5, kl: 0.5 },
      ],
      bestOf: bestOf([0.4, 0.8, 1.0, 1.2]),
    });
    expect(claims.map((claim) => claim.holds)).toEqual([false, false, false]);
  });
});
