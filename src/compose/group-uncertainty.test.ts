import { describe, expect, it } from "vitest";
import { metaNumber, scoreNode } from "../../test/helpers/compose.js";
import { makeSample } from "../testing/index.js";
import { groupUncertainties } from "./group-uncertainty.js";

const node = (measure?: string) => ({
  type: "group_uncertainty_weighted",
  name: "ctrlu",
  reward: metaNumber("r", { name: "reward" }),
  evaluation: metaNumber("f", { name: "depth" }),
  ...(measure ? { measure } : {}),
});
const member = (group: string, r: number, f: number) => makeSample({ group, completion: "", meta: { r, f } });

describe("Ctrl-U's group form: disagreement across generations of one condition (rlhf.md §14)", () => {
  it("worked example: two generations, f = 0.5 and 0.7 → U = 0.2, weight 0.818731, reward −0.1 → −0.1018731", async () => {
    const results = await scoreNode(node(), [member("c1", -0.1, 0.5), member("c1", -0.1, 0.7)]);
    for (const result of results) {
      expect(result.score).toBeCloseTo(-(0.0818731 + 0.02), 7);
      expect(result.components?.["ctrlu.uncertainty"]).toBeCloseTo(0.2, 12);
      expect(result.components?.["ctrlu.weight"]).toBeCloseTo(0.818731, 6);
    }
  });

  it("U per member: mean |f_i − f_j|, the code's halves pairing, or the group std; groups stay apart", () => {
    const close = (actual: number[], expected: number[]) => {
      for (const [index, value] of expected.entries()) expect(actual[index]).toBeCloseTo(value, 12);
    };
    close(groupUncertainties([0, 0.3, 0.9], "mean_abs"), [0.6, 0.45, 0.75]);
    close(groupUncertainties([0.5, 0.1, 0.7, 0.4], "halves"), [0.2, 0.3, 0.2, 0.3]);
    close(groupUncertainties([1, 3], "std"), [1, 1]);
    close(groupUncertainties([0.4], "mean_abs"), [0]);
  });

  it("interleaved groups are measured apart; a lone generation has U = 0; halves refuses odd groups", async () => {
    const results = await scoreNode(node(), [
      member("a", 1, 0.2),
      member("b", 1, 0.9),
      member("a", 1, 0.6),
      member("b", 1, 0.9),
      makeSample({ completion: "", meta: { r: 0.5, f: 3 } }),
    ]);
    expect(results.map((result) => result.components?.["ctrlu.uncertainty"])).toEqual([
      expect.closeTo(0.4, 12),
      0,
      expect.closeTo(0.4, 12),
      0,
      0,
    ]);
    expect(results[0]?.score).toBeCloseTo(Math.exp(-0.4) - 0.04, 12);
    expect(results[4]?.score).toBe(0.5);
    const odd = await scoreNode(node("halves"), [member("a", 1, 0), member("a", 1, 1), member("a", 1, 2)]);
    expect(odd[0]?.error?.code).toBe("NOT_APPLICABLE");
  });
});
