import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../../core/index.js";
import { survivorsOf } from "./cultural-evolution.js";
import { applyDonorAction } from "./donor-rules.js";
import { entryStanding, type TraceEntry } from "./donor-trace.js";
import { playDonorGeneration } from "./play-generation.js";
import { scriptedDonor } from "./scripted-donors.js";

const settings = { multiplier: 2, punishmentEffect: 2 };

describe("Donor Game rules (docs/methods/rm-rl.md §24)", () => {
  it("the worked example: 10 gives 3 → 7 and +6; punishing with 2 costs 2 and removes 4", () => {
    expect(
      applyDonorAction({ donor: 10, recipient: 10, action: { kind: "donate", amount: 3 }, ...settings }),
    ).toEqual({
      donor: 7,
      recipient: 16,
      spent: 3,
    });
    expect(
      applyDonorAction({ donor: 10, recipient: 10, action: { kind: "punish", amount: 2 }, ...settings }),
    ).toEqual({
      donor: 8,
      recipient: 6,
      spent: 2,
    });
    // A donor cannot give more than it has; a recipient cannot fall below 0.
    expect(
      applyDonorAction({ donor: 4, recipient: 1, action: { kind: "punish", amount: 9 }, ...settings }),
    ).toEqual({
      donor: 0,
      recipient: 0,
      spent: 4,
    });
  });

  it("judges a trace entry against what the recipient deserved", () => {
    const entry = (fraction: number, recipientStanding: number | undefined): TraceEntry => ({
      generation: 1,
      round: 2,
      donor: 0,
      recipient: 1,
      kind: "donate",
      fraction,
      recipientStanding,
    });
    expect(entryStanding(entry(0.5, 1))).toBe(1);
    expect(entryStanding(entry(0.25, 1))).toBe(0.5);
    // Withholding from a recipient in bad standing is justified.
    expect(entryStanding(entry(0, 0))).toBe(1);
    expect(entryStanding(entry(0.1, undefined))).toBeCloseTo(0.2);
  });

  it("a defector among reciprocators ends poorest when traces are visible, not when hidden", async () => {
    const policies = Array.from({ length: 8 }, (_, index) =>
      scriptedDonor(
        { generosity: index === 0 ? 0 : 0.5, reciprocity: index === 0 ? 0 : 0.6, punitiveness: 0 },
        false,
      ),
    );
    const play = (tracesVisible: boolean) =>
      playDonorGeneration({
        generation: 1,
        policies,
        settings: { rounds: 10, endowment: 10, traceDepth: 3, tracesVisible, ...settings },
        next: mulberry32(4),
      });
    const visible = await play(true);
    const hidden = await play(false);
    expect(survivorsOf(visible.resources, 1).at(-1)).toBe(0);
    expect(survivorsOf(hidden.resources, 1)[0]).toBe(0);
    expect(visible.entries).toHaveLength(80);
    expect(visible.meetings.flat().reduce((total, count) => total + count, 0)).toBe(80);
  });

  it("keeps the richest share, ties to the lower index", () => {
    expect(survivorsOf([5, 9, 9, 1], 0.5)).toEqual([1, 2]);
    expect(survivorsOf([5, 9, 9, 1], 0.75)).toEqual([1, 2, 0]);
  });
});
