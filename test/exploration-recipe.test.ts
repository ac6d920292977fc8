import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadSpec } from "../src/engine/index.js";
import { makeSample, testContext } from "../src/testing/index.js";
import { repoRoot } from "./helpers/cli.js";

/** docs/recipes/exploration-bonus.md's YAML blocks by their `# recipe:` name. */
function recipes(): Map<string, unknown> {
  const page = readFileSync(join(repoRoot, "docs/recipes/exploration-bonus.md"), "utf8");
  const found = new Map<string, unknown>();
  for (const match of page.matchAll(/```yaml\n# recipe: ([\w-]+)\n([\s\S]*?)```/g))
    found.set(match[1] as string, parse(match[2] as string));
  return found;
}

const episode = (observations: string[], answer: string) =>
  makeSample({
    completion: answer,
    reference: "FINAL: 42",
    steps: observations.map((observation) => ({ observation })),
  });

describe("the exploration-bonus recipes", () => {
  it("has both recipes", () => {
    expect([...recipes().keys()]).toEqual(["product-bonus", "e3b-bonus"]);
  });

  it("product-bonus: solving plus 0.1 × first-visit × 1/√N_run, counts shared by the run's batches", async () => {
    const { reward } = await loadSpec(recipes().get("product-bonus"), { baseDir: repoRoot });
    const context = testContext();
    const [first] = await reward.score([episode(["ls", "cat a", "ls"], "FINAL: 42")], context);
    // 1 (solved) + 0.1 × (1 + 1 + 0): the repeated "ls" earns nothing.
    expect(first?.score).toBeCloseTo(1.2, 12);
    const [second] = await reward.score([episode(["ls", "cat b"], "no")], context);
    // "ls" is the run's third sighting: 1 × 1/√3; "cat b" is new.
    expect(second?.score).toBeCloseTo(0.1 * (1 / Math.sqrt(3) + 1), 12);
    expect(second?.components?.["novelty.distinct_in_run"]).toBe(3);
  });

  it("e3b-bonus: the worked example's bonuses, scaled by 0.01", async () => {
    const { reward } = await loadSpec(recipes().get("e3b-bonus"), { baseDir: repoRoot });
    const row = makeSample({
      completion: "no",
      reference: "FINAL: 42",
      steps: [
        [1, 0],
        [1, 0],
        [0, 1],
      ].map((embedding) => ({ info: { embedding } })),
    });
    const [result] = await reward.score([row], testContext());
    expect(result?.score).toBeCloseTo(0.01 * (1 / 1.1 + 10), 9);
  });
});
