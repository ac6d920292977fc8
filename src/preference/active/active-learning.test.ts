import { describe, expect, it } from "vitest";
import { denseMatrix, seededRandom } from "../../models/index.js";
import { runActiveLearning } from "./active-learning.js";
import {
  densityScores,
  disagreementScores,
  noveltyScores,
  standardizeColumns,
  uncertaintyScores,
} from "./query-features.js";

describe("query features", () => {
  it("uncertainty is 1 at Δ = 0 and falls with |Δ|; disagreement is the std (or vote entropy) across members", () => {
    const scores = uncertaintyScores([0, 2, -2]);
    expect(scores[0]).toBeCloseTo(1, 12);
    expect(scores[1]).toBeCloseTo(scores[2] as number, 12);
    expect(scores[1]).toBeLessThan(0.5);
    expect([
      ...disagreementScores([
        [1, 1],
        [3, 1],
      ]),
    ]).toEqual([1, 0]);
    expect([
      ...disagreementScores(
        [
          [1, 1],
          [-1, 1],
        ],
        "vote_entropy",
      ),
    ]).toEqual([1, 0]);
  });

  it("novelty is the distance to the nearest labelled difference of either sign; density favours typical comparisons", () => {
    const novelty = noveltyScores(
      [Float64Array.from([1, 0]), Float64Array.from([-3, 0])],
      [Float64Array.from([3, 0])],
    );
    expect([...novelty]).toEqual([2, 0]);
    const typical = Array.from({ length: 50 }, () => Float64Array.from([0.1, 0.1]));
    const density = densityScores([...typical, Float64Array.from([9, 9])], { seed: seededRandom(1).next });
    expect(density[0]).toBeGreaterThan(density[50] as number);
    expect([...(standardizeColumns([[1, 1, 1]])[0] as Float64Array)]).toEqual([0, 0, 0]);
  });
});

describe("runActiveLearning", () => {
  // Two features; the labeller prefers the larger first feature. Half the pool differs only in the
  // second (uninformative) feature, where the RM is always unsure at first.
  const random = seededRandom(4);
  const rows: number[][] = [];
  const pool = Array.from({ length: 300 }, (_, index) => {
    rows.push([random.normal(), random.normal()], [random.normal(), random.normal()]);
    return { a: 2 * index, b: 2 * index + 1 };
  });
  const features = denseMatrix(rows);
  const label = (pair: number) =>
    ((rows[2 * pair]?.[0] as number) > (rows[2 * pair + 1]?.[0] as number) ? 1 : -1) as 1 | -1;
  const evaluate = (_labels: number, model: { score(matrix: typeof features): Float32Array }) => {
    const rewards = model.score(features);
    return (
      pool.filter(
        (pair, index) => (rewards[pair.a] as number) > (rewards[pair.b] as number) === (label(index) === 1),
      ).length / pool.length
    );
  };

  it("buys initial + rounds of batch labels up to the budget, never the same pair twice, deterministically", () => {
    const asked: number[] = [];
    const curve = runActiveLearning({
      features,
      pool,
      label: (pair) => {
        asked.push(pair);
        return label(pair);
      },
      strategy: { kind: "uncertainty" },
      initial: 6,
      batch: 4,
      budget: 30,
      seed: 2,
      evaluate,
    });
    expect(curve.map((point) => point.labels)).toEqual([6, 10, 14, 18, 22, 26, 30]);
    expect(new Set(asked).size).toBe(30);
    const again = runActiveLearning({
      features,
      pool,
      label,
      strategy: { kind: "uncertainty" },
      initial: 6,
      batch: 4,
      budget: 30,
      seed: 2,
      evaluate,
    });
    expect(again).toEqual(curve);
    expect((curve.at(-1) as { accuracy: number }).accuracy).toBeGreaterThan(0.9);
  });

  it("runs every strategy, and refuses policy weights of the wrong size", () => {
    for (const strategy of [
      { kind: "random" },
      { kind: "disagreement" },
      { kind: "policy", weights: [1, 0.5, 0, 0.2] },
    ] as const) {
      const curve = runActiveLearning({
        features,
        pool,
        label,
        strategy,
        initial: 6,
        batch: 6,
        budget: 18,
        seed: 1,
        evaluate,
      });
      expect(curve).toHaveLength(3);
    }
    expect(() =>
      runActiveLearning({
        features,
        pool,
        label,
        strategy: { kind: "policy", weights: [1] },
        initial: 4,
        batch: 4,
        budget: 8,
        seed: 1,
        evaluate,
      }),
    ).toThrow(/expected 4/);
  });
});
