import { describe, expect, it } from "vitest";
import { loadError, scoreNode } from "../../test/helpers/compose.js";
import { makeSample } from "../testing/index.js";
import { MarginalGains, marginalGains, rewardsToGo } from "./submodular.js";

describe("submodular set functions and marginal gains (rm-rl.md §19)", () => {
  it("coverage: cover(A)={1,2}, cover(B)={2,3}, cover(C)={1,2,3,4} → gains [2,1,1], F = 4, to-go [4,2,1]", () => {
    const { gains, total } = marginalGains(
      [
        ["1", "2"],
        ["2", "3"],
        ["1", "2", "3", "4"],
      ],
      { function: "coverage" },
    );
    expect(gains).toEqual([2, 1, 1]);
    expect(total).toBe(4);
    expect(rewardsToGo(gains)).toEqual([4, 2, 1]);
  });

  it("weighted coverage and diminishing returns: a gain never grows when added later (submodularity)", () => {
    const weights = { a: 3, b: 0.5 };
    expect(
      marginalGains(
        [
          ["a", "c"],
          ["b", "a"],
        ],
        { function: "coverage", weights },
      ).gains,
    ).toEqual([4, 0.5]);
    // F(S ∪ {x}) − F(S) ≥ F(T ∪ {x}) − F(T) for S ⊆ T, on random sets.
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (const options of [
      { function: "coverage" as const },
      { function: "concave_counts" as const, concave: "sqrt" as const },
      { function: "concave_counts" as const, concave: "log1p" as const },
    ]) {
      for (let trial = 0; trial < 50; trial++) {
        const small = Array.from({ length: 3 }, () => String(Math.floor(next() * 6)));
        const large = [...small, ...Array.from({ length: 4 }, () => String(Math.floor(next() * 6)))];
        const item = [String(Math.floor(next() * 6))];
        const fromSmall = new MarginalGains(options);
        fromSmall.add(small);
        const fromLarge = new MarginalGains(options);
        fromLarge.add(large);
        expect(fromSmall.peek(item)).toBeGreaterThanOrEqual(fromLarge.peek(item) - 1e-12);
      }
    }
  });

  it("concave_counts pays √c: visits a, a, a, b → gains 1, √2−1, √3−√2, 1", () => {
    const { gains, total } = marginalGains([["a"], ["a"], ["a"], ["b"]], {
      function: "concave_counts",
      concave: "sqrt",
    });
    expect(gains[1]).toBeCloseTo(Math.SQRT2 - 1, 12);
    expect(gains[2]).toBeCloseTo(Math.sqrt(3) - Math.SQRT2, 12);
    expect(total).toBeCloseTo(Math.sqrt(3) + 1, 12);
  });
});

describe("the submodular node over trajectories", () => {
  const row = (items: unknown[]) =>
    makeSample({ completion: "", steps: items.map((cells) => ({ info: { cells } })) });

  it("scores F of all items, gives the marginal gains as step_rewards and counts distinct items", async () => {
    const results = await scoreNode({ type: "submodular", items_field: "info.cells", name: "cover" }, [
      row([
        [1, 2],
        [2, 3],
        [1, 2, 3, 4],
      ]),
      row(["x", "x", "y"]),
    ]);
    expect(results[0]?.score).toBe(4);
    expect(results[0]?.stepRewards).toEqual([2, 1, 1]);
    expect(results[0]?.components?.["cover.distinct_items"]).toBe(4);
    expect(results[1]?.stepRewards).toEqual([1, 0, 1]);
  });

  it("fails a row without steps or with unreadable items, naming the step; other rows still score", async () => {
    const results = await scoreNode({ type: "submodular", items_field: "info.cells" }, [
      makeSample({ completion: "" }),
      row([["a"], { bad: true }]),
      row([["a"]]),
    ]);
    expect(results[0]?.error?.code).toBe("NOT_APPLICABLE");
    expect(results[1]?.error?.code).toBe("INPUT_INVALID");
    expect(results[1]?.error?.message).toMatch(/steps\[1\]\.info\.cells/);
    expect(results[2]?.score).toBe(1);
  });

  it("rejects an unknown set function at load, with the path", async () => {
    const error = await loadError({ type: "submodular", function: "entropy" });
    expect(error.path).toBe("reward.function");
  });
});
