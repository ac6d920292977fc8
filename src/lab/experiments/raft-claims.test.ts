import { describe, expect, it } from "vitest";
import type { Curve } from "../results.js";
import { raftClaims } from "./raft-claims.js";

const curve = (method: string, rewards: number[]): Curve => ({
  method,
  optimizer: method,
  points: rewards.map((reward, step) => ({ step, kl: step / 10, proxy: reward, gold: reward })),
});
const diversity = (method: string, entropy: number[], distinct2: number[]) => ({
  method,
  points: entropy.map((value, step) => ({ step, entropy: value, distinct2: distinct2[step] as number })),
});

describe("RAFT claims are decided on the run's numbers", () => {
  it("hold when RAFT's reward rises and its diversity falls less than best-of-n fine-tuning's", () => {
    const claims = raftClaims({
      curves: [curve("raft", [0.4, 0.6, 0.8, 1.1]), curve("best_of_n_ft", [0.4, 0.7, 0.8, 0.9])],
      diversity: [
        diversity("raft", [1.5, 1.45, 1.4, 1.4], [0.5, 0.5, 0.49, 0.48]),
        diversity("best_of_n_ft", [1.5, 1.3, 1.2, 1.1], [0.5, 0.45, 0.4, 0.4]),
      ],
    });
    expect(claims.map((claim) => claim.holds)).toEqual([true, true, true, true]);
    expect(claims[0]?.evidence).toMatchObject({ base: 0.4, last_round: 1.1 });
  });

  it("fail when the reward stalls, diversity collapses under RAFT and best-of-n ends higher", () => {
    const claims = raftClaims({
      curves: [curve("raft", [0.4, 0.8, 0.7, 0.5]), curve("best_of_n_ft", [0.4, 0.7, 0.8, 0.9])],
      diversity: [
        diversity("raft", [1.5, 1.0, 0.8, 0.6], [0.5, 0.3, 0.2, 0.1]),
        diversity("best_of_n_ft", [1.5, 1.3, 1.2, 1.1], [0.5, 0.45, 0.4, 0.4]),
      ],
    });
    expect(claims.map((claim) => claim.holds)).toEqual([false, false, false, false]);
  });
});
