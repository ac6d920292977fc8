import { describe, expect, it } from "vitest";
import { fkClaims } from "./fk-claims.js";

const sweep = (rows: [number, number, number, number][]) =>
  rows.map(([particles, sampling, bestOfN, fk]) => ({ particles, sampling, best_of_n: bestOfN, fk }));

describe("FK-steering claims are decided on the run's numbers", () => {
  it("hold when FK beats best-of-n and sampling at the compared count and at every count ≥ 4", () => {
    const claims = fkClaims({
      sweep: sweep([
        [1, 0.1, 0.1, 0.1],
        [4, 0.1, 0.4, 0.6],
        [8, 0.12, 0.6, 1.0],
      ]),
      particles: 8,
    });
    expect(claims.map((claim) => claim.holds)).toEqual([true, true, true]);
    expect(claims[0]?.evidence).toMatchObject({ fk: 1, best_of_n: 0.6, particles: 8 });
  });

  it("fail when best-of-n is as good (a tie is not a win), and name the count where it is", () => {
    const claims = fkClaims({
      sweep: sweep([
        [4, 0.1, 0.5, 0.4],
        [8, 0.12, 0.7, 0.7],
      ]),
      particles: 8,
    });
    expect(claims.map((claim) => claim.holds)).toEqual([false, true, false]);
    expect(claims[2]?.evidence).toMatchObject({ fk_minus_best_of_n_at_4: -0.1 });
  });
});
