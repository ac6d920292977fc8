import { describe, expect, it } from "vitest";
import { combineMcReward } from "../../core/index.js";
import { extractJavaScript } from "./reward-program.js";

describe("Auto MC-Reward combination (rm-rl.md §13)", () => {
  it("worked example: sparse 0, dense -2.5 → 0·1 + (−1)·0.1 = −0.1", () => {
    expect(combineMcReward({ sparse: 0, dense: -2.5 })).toBeCloseTo(-0.1);
    expect(combineMcReward({ sparse: 3, dense: 0.2 })).toBeCloseTo(1.1);
  });

  it("takes the first fenced JavaScript block", () => {
    expect(extractJavaScript("Here:\n```javascript\nfunction dense() {}\n```\nmore\n```js\nx\n```")).toBe(
      "function dense() {}",
    );
    expect(extractJavaScript("function sparse() { return 1; }")).toBe("function sparse() { return 1; }");
  });
});
