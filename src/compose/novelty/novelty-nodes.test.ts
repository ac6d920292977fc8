import { describe, expect, it } from "vitest";
import { loadError, scoreNode } from "../../../test/helpers/compose.js";
import { makeSample, testContext } from "../../testing/index.js";

const row = (observations: unknown[]) =>
  makeSample({ completion: "", steps: observations.map((observation) => ({ state: observation })) });

describe("count_novelty (Henaff et al. 2023 §17.1)", () => {
  it("episodic first-visit bonuses restart with every row", async () => {
    const results = await scoreNode({ type: "count_novelty", key_field: "state", name: "nov" }, [
      row(["a", "b", "a", { x: 1, y: 2 }, { y: 2, x: 1 }]),
      row(["a", "a"]),
    ]);
    // Objects with the same fields in another order are the same state.
    expect(results[0]?.stepRewards).toEqual([1, 1, 0, 1, 0]);
    expect(results[0]?.score).toBe(3);
    expect(results[0]?.components?.["nov.distinct_in_row"]).toBe(3);
    expect(results[1]?.stepRewards).toEqual([1, 0]);
  });

  it("1/√N episodically, and the mean as the score", async () => {
    const [result] = await scoreNode(
      { type: "count_novelty", key_field: "state", episodic_form: "inverse_sqrt", aggregate: "mean" },
      [row(["a", "a", "a", "a"])],
    );
    const expected = [1, 2, 3, 4].map((count) => 1 / Math.sqrt(count));
    expect(result?.stepRewards).toHaveLength(4);
    for (const [index, value] of (result?.stepRewards ?? []).entries())
      expect(value).toBeCloseTo(expected[index] as number, 12);
    expect(result?.score).toBeCloseTo((1 + Math.SQRT1_2 + 1 / Math.sqrt(3) + 0.5) / 4, 12);
  });

  it("global counts accumulate over batches of one run and not across runs", async () => {
    const spec = { type: "count_novelty", key_field: "state", scope: "global", name: "glob" };
    const context = testContext();
    const first = await scoreNode(spec, [row(["a", "b"]), row(["a"])], context);
    expect(first.map((result) => result.stepRewards)).toEqual([[1, 1], [1 / Math.SQRT2]]);
    const second = await scoreNode(spec, [row(["a", "c"])], context);
    expect(second[0]?.stepRewards).toEqual([1 / Math.sqrt(3), 1]);
    expect(second[0]?.components?.["glob.distinct_in_run"]).toBe(3);
    const other = await scoreNode(spec, [row(["a"])], testContext({ runId: "other" }));
    expect(other[0]?.stepRewards).toEqual([1]);
  });

  it("the product multiplies the first-visit indicator by 1/√N_glob (the worked example's form)", async () => {
    const [result] = await scoreNode({ type: "count_novelty", key_field: "state", scope: "product" }, [
      row(["a", "a", "b", "a"]),
    ]);
    // a: 1 × 1, then 0 × 1/√2, b: 1 × 1, a again: 0.
    expect(result?.stepRewards).toEqual([1, 0, 1, 0]);
  });

  it("fails a row without steps or with a missing key, naming the step; other rows still score", async () => {
    const results = await scoreNode({ type: "count_novelty", key_field: "info.message" }, [
      makeSample({ completion: "" }),
      makeSample({ completion: "", steps: [{ info: { message: "hi" } }, { info: {} }] }),
      makeSample({ completion: "", steps: [{ info: { message: "hi" } }] }),
    ]);
    expect(results[0]?.error?.code).toBe("NOT_APPLICABLE");
    expect(results[1]?.error?.message).toMatch(/steps\[1\]\.info\.message is missing/);
    expect(results[2]?.score).toBe(1);
  });

  it("rejects an unknown scope at load, with the path", async () => {
    expect((await loadError({ type: "count_novelty", scope: "forever" })).path).toBe("reward.scope");
  });
});

describe("elliptical_novelty (E3B, methods doc §17.3)", () => {
  const embedded = (embeddings: unknown[]) =>
    makeSample({ completion: "", steps: embeddings.map((embedding) => ({ info: { embedding } })) });

  it("follows the worked example after the first step's 0", async () => {
    const [result] = await scoreNode({ type: "elliptical_novelty" }, [
      embedded([
        [1, 0],
        [1, 0],
        [1, 0],
        [0, 1],
      ]),
    ]);
    // λ = 0.1: b = 10 (set to 0 at the first step), 0.909091, 0.476190, then 10 for the new direction.
    expect(result?.stepRewards?.map((value) => Number(value.toFixed(6)))).toEqual([0, 0.909091, 0.47619, 10]);
  });

  it("names a step whose embedding has the wrong length", async () => {
    const [result] = await scoreNode({ type: "elliptical_novelty" }, [embedded([[1, 0], [1]])]);
    expect(result?.error?.message).toMatch(/steps\[1\]\.info\.embedding must be 2 finite numbers/);
  });
});
