import { describe, expect, it } from "vitest";
import { seededRandom } from "../random.js";
import { FairForest } from "./fair-forest.js";
import { ObliqueTree } from "./oblique-tree.js";

describe("soft oblique tree", () => {
  const tree = new ObliqueTree(3, 4, 2);
  const parameters = new Float64Array(tree.size);
  tree.initialize(parameters, 0, seededRandom(2));
  const x = [0.3, -1.2, 0.8, 0.5];

  it("routes with σ(wᵀx + b): leaf probabilities sum to 1, the prediction is a distribution", () => {
    const { leafProbabilities, prediction } = tree.forward(parameters, 0, x);
    expect(leafProbabilities.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 12);
    expect(prediction.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 12);
    expect(tree.paths[0]).toEqual([
      { node: 0, left: true },
      { node: 1, left: true },
      { node: 3, left: true },
    ]);
  });

  it("back-propagates the exact gradient of a class probability (finite differences)", () => {
    const state = tree.forward(parameters, 0, x);
    const gradient = new Float64Array(tree.size);
    tree.backward({ parameters, offset: 0, x, state, outputGradient: [0, 1], gradient });
    for (const index of [0, 5, 13, tree.nodes * 4 + 2, tree.size - 1]) {
      const held = parameters[index] as number;
      parameters[index] = held + 1e-6;
      const up = tree.forward(parameters, 0, x).prediction[1] as number;
      parameters[index] = held - 1e-6;
      const down = tree.forward(parameters, 0, x).prediction[1] as number;
      parameters[index] = held;
      expect(gradient[index]).toBeCloseTo((up - down) / 2e-6, 6);
    }
  });
});

describe("Aranyani's fair forest", () => {
  // Group 1's features are shifted, and the label depends on them: an unconstrained model
  // predicts "1" far more often for group 1.
  function stream(count: number, seed: number) {
    const random = seededRandom(seed);
    return Array.from({ length: count }, () => {
      const group = (random.next() < 0.5 ? 1 : 0) as 0 | 1;
      const x = [random.normal() + 1.2 * group, random.normal(), random.normal()];
      const label = (x[0] as number) + 0.5 * (x[1] as number) + 0.3 * random.normal() > 0.6 ? 1 : 0;
      return { x, label, group };
    });
  }
  const rate = (forest: FairForest, data: ReturnType<typeof stream>, group: 0 | 1) => {
    const members = data.filter((row) => row.group === group);
    return members.filter((row) => (forest.predict(row.x)[1] as number) > 0.5).length / members.length;
  };

  it("learns online, and λ > 0 shrinks the demographic-parity gap", () => {
    const train = stream(4000, 5);
    const test = stream(1000, 6);
    const gaps: number[] = [];
    for (const fairness of [0, 3]) {
      const forest = new FairForest({ dimensions: 3, fairness, random: seededRandom(9), learningRate: 0.01 });
      for (const row of train) forest.step(row.x, row.label, row.group);
      const accuracy =
        test.filter((row) => ((forest.predict(row.x)[1] as number) > 0.5 ? 1 : 0) === row.label).length /
        test.length;
      if (fairness === 0) expect(accuracy).toBeGreaterThan(0.85);
      gaps.push(Math.abs(rate(forest, test, 1) - rate(forest, test, 0)));
    }
    expect(gaps[0]).toBeGreaterThan(0.3);
    expect(gaps[1]).toBeLessThan((gaps[0] as number) / 2);
  });
});
