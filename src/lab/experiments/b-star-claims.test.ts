import { describe, expect, it } from "vitest";
import { bstarClaims } from "./b-star-claims.js";

const run = (method: string, last: [number, number, number]) => ({
  method,
  points: [
    { step: 0, pass_at_1: 0.2, pass_at_k: 0.6, distinct_correct: 3 },
    { step: 1, pass_at_1: last[0], pass_at_k: last[1], distinct_correct: last[2] },
  ],
});

describe("B-STaR claims are decided on the run's numbers", () => {
  it("hold when the adaptive run ends above every fixed setting", () => {
    const claims = bstarClaims({
      evaluations: [
        run("b_star", [0.6, 0.95, 9]),
        run("fixed_t1_r0", [0.5, 0.9, 7]),
        run("fixed_t1_r1", [0.3, 0.7, 4]),
      ],
    });
    expect(claims.map((claim) => claim.holds)).toEqual([true, true, true]);
    expect(claims[0]?.evidence).toEqual({ b_star: 0.6, fixed_t1_r0: 0.5, fixed_t1_r1: 0.3 });
  });

  it("fail when one fixed setting does better, even if the others do worse", () => {
    const claims = bstarClaims({
      evaluations: [
        run("b_star", [0.6, 0.9, 9]),
        run("fixed_t1_r0", [0.7, 0.95, 10]),
        run("fixed_t1_r1", [0.3, 0.7, 4]),
      ],
    });
    expect(claims.map((claim) => claim.holds)).toEqual([false, false, false]);
  });
});
