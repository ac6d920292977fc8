import { describe, expect, it } from "vitest";
import { dnoClaims, winRate } from "./dno-claims.js";

describe("DNO claims are decided on the run's numbers", () => {
  it("win rate: policy samples against base samples of the same prompt, ties ½", () => {
    // Prompt 1: policy [2, 0] against base [1, 0]: 2>1, 2>0, 0<1, 0=0 → (1 + 1 + 0 + ½)/4.
    // Prompt 2: policy [1, 1] against base [1, 1]: all ties → ½ each.
    expect(winRate({ policy: [2, 0, 1, 1], base: [1, 0, 1, 1], perPrompt: 2 })).toBeCloseTo(
      (2.5 + 2) / 8,
      12,
    );
  });

  it("hold when on-policy iterations climb past the offline round, and fail when they do not", () => {
    const climbing = dnoClaims({
      dnoWins: [
        { step: 0, win_rate: 0.5 },
        { step: 1, win_rate: 0.55 },
        { step: 2, win_rate: 0.7 },
      ],
      offlineWin: 0.6,
      pairs: { dno: 60, offline: 60 },
    });
    expect(climbing.map((claim) => claim.holds)).toEqual([true, true, true]);
    const flat = dnoClaims({
      dnoWins: [
        { step: 0, win_rate: 0.5 },
        { step: 1, win_rate: 0.5 },
        { step: 2, win_rate: 0.49 },
      ],
      offlineWin: 0.55,
      pairs: { dno: 60, offline: 60 },
    });
    expect(flat.map((claim) => claim.holds)).toEqual([false, false, false]);
    expect(flat[0]?.evidence).toMatchObject({ dno: 0.49, offline_pairs: 0.55 });
  });
});
