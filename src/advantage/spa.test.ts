import { Matrix, solve } from "ml-matrix";
import { describe, expect, it } from "vitest";
import { batchOf, expectClose, runEstimator } from "../../test/helpers/advantage-batch.js";
import { mulberry32, type Step } from "../core/index.js";
import { hashedStepFeatures } from "./hashed-features.js";
import { progressContributions, trainProgressEstimator } from "./progress-estimator.js";
import { fitProgress, sparseRidge } from "./progress-fit.js";

/** methods/rlhf.md §15: c = [0.1, 0.3, 0.4]; the second action's observation says "Nothing happens". */
const workedSteps: Step[] = [
  { observation: "You are in the kitchen.", action: "open drawer", progress: 0.1 },
  { observation: "You open the drawer. It holds a key.", action: "open fridge with key", progress: 0.3 },
  { observation: "Nothing happens.", action: "take key", progress: 0.4 },
];

describe("spa (stepwise progress attribution)", () => {
  it("reproduces the worked example: r = c + 0.5·g = [0.6, 0.3, 0.9]", () => {
    const out = runEstimator(
      { type: "spa", progress: "steps" },
      batchOf([0.8], ["t"], { samples: [{ steps: workedSteps }] }),
    );
    expectClose(out.stepAdvantages?.[0] as number[], [0.6, 0.3, 0.9]);
    expectClose(out.advantages, [1.8]);
  });

  it("observation: after reads a step's own observation as what its action returned", () => {
    const steps: Step[] = [
      { action: "go north", observation: "Nothing happens.", progress: 0 },
      { action: "go south", observation: "You are in the hall.", progress: 1 },
    ];
    const out = runEstimator(
      { type: "spa", progress: "steps", observation: "after" },
      batchOf([1], ["t"], { samples: [{ steps }] }),
    );
    expectClose(out.stepAdvantages?.[0] as number[], [0, 1.5]);
  });

  it("a step's own `valid` flag decides grounding when present", () => {
    const steps: Step[] = [
      { action: "x", valid: false, progress: 0 },
      { action: "y", progress: 0 },
    ];
    const out = runEstimator(
      { type: "spa", progress: "steps" },
      batchOf([0], ["t"], { samples: [{ steps }] }),
    );
    expectClose(out.stepAdvantages?.[0] as number[], [0, 0.5]);
  });

  it("loo: every step gets R_i - mean of the group's other rewards (the released script's path)", () => {
    const twoSteps = { steps: [{ action: "a" }, { action: "b" }] };
    const out = runEstimator(
      { type: "spa", progress: "loo", grounding_weight: 0 },
      batchOf([1, 0, 0.5, 0.7], ["t", "t", "t", "solo"], {
        samples: [twoSteps, twoSteps, twoSteps, twoSteps],
      }),
    );
    expectClose((out.stepAdvantages as number[][]).flat(), [0.75, 0.75, -0.75, -0.75, 0, 0, 0.7, 0.7]);
  });

  it("fit: recovers each action's contribution from final rewards alone, and the contributions sum to R", () => {
    const worth: Record<string, number> = {
      "take key": 0.5,
      "open door": 0.4,
      look: 0,
      "drop key": -0.3,
      wait: 0.1,
    };
    const actions = Object.keys(worth);
    const next = mulberry32(7);
    const trajectories = Array.from({ length: 80 }, () =>
      Array.from(
        { length: 2 + Math.floor(next() * 5) },
        () => actions[Math.floor(next() * actions.length)] as string,
      ),
    );
    const rewards = trajectories.map((steps) =>
      steps.reduce((total, action) => total + (worth[action] as number), 0),
    );
    const input = batchOf(
      rewards,
      trajectories.map((_, index) => `task${index % 10}`),
      {
        samples: trajectories.map((steps) => ({ steps: steps.map((action) => ({ state: "room", action })) })),
      },
    );
    const out = runEstimator({ type: "spa", grounding_weight: 0, l2: 1e-6 }, input);
    expect(out.diagnostics?.progress_fit_r2).toBeGreaterThan(0.9999);
    trajectories.forEach((steps, index) => {
      const contributions = out.stepAdvantages?.[index] as number[];
      steps.forEach((action, step) => {
        expect(contributions[step]).toBeCloseTo(worth[action] as number, 3);
      });
      expect(out.advantages[index]).toBeCloseTo(rewards[index] as number, 4);
    });
  });

  it("model: a progress estimator trained on earlier trajectories scores new ones without refitting", () => {
    const worth: Record<string, number> = { "take key": 0.5, "open door": 0.4, look: 0, "drop key": -0.3 };
    const actions = Object.keys(worth);
    const next = mulberry32(11);
    const draw = (count: number) =>
      Array.from({ length: count }, () =>
        Array.from(
          { length: 2 + Math.floor(next() * 4) },
          () => actions[Math.floor(next() * actions.length)] as string,
        ),
      );
    const toSteps = (trajectory: string[]): Step[] => trajectory.map((action) => ({ state: "room", action }));
    const training = draw(60);
    const estimator = trainProgressEstimator({
      trajectories: training.map(toSteps),
      rewards: training.map((steps) => steps.reduce((total, action) => total + (worth[action] as number), 0)),
      l2: 1e-6,
    });
    expect(estimator.train_r2).toBeGreaterThan(0.9999);
    // Serializable: a JSON round trip is what a spec would hold.
    const saved = JSON.parse(JSON.stringify({ features: estimator.features, weights: estimator.weights }));
    const fresh = draw(5);
    // New trajectories with flat rewards: a per-batch fit would learn nothing; the trained model still attributes.
    const input = batchOf(
      fresh.map(() => 1),
      fresh.map((_, index) => `new${index}`),
      { samples: fresh.map((steps) => ({ steps: toSteps(steps) })) },
    );
    const out = runEstimator(
      { type: "spa", progress: "model", progress_model: saved, grounding_weight: 0 },
      input,
    );
    fresh.forEach((steps, index) => {
      steps.forEach((action, step) => {
        expect(out.stepAdvantages?.[index]?.[step]).toBeCloseTo(worth[action] as number, 3);
      });
    });
    expect(progressContributions(saved, toSteps(["take key"]))[0]).toBeCloseTo(0.5, 3);
    expect(() => runEstimator({ type: "spa", progress: "model" }, input)).toThrow(/progress_model/);
  });

  it("the fit solves in dual form (fewer trajectories than features) and primal form (more)", () => {
    const steps = [[hashedStepFeatures({ action: "a" }, 8)], [hashedStepFeatures({ action: "b" }, 8)]];
    const small = fitProgress(steps, [1, -1], { dimensions: 8, l2: 1e-9 });
    expectClose(small.predicted, [1, -1], 1e-6);
    const many = Array.from({ length: 40 }, (_, index) => [
      hashedStepFeatures({ action: index % 2 ? "a" : "b" }, 8),
    ]);
    const large = fitProgress(
      many,
      many.map((_, index) => (index % 2 ? 1 : -1)),
      { dimensions: 8, l2: 1e-9 },
    );
    expect(large.r2).toBeGreaterThan(0.999999);
  });

  it("names what is missing: the trajectory, a step's progress", () => {
    expect(() => runEstimator({ type: "spa" }, batchOf([1], ["t"]))).toThrow(
      expect.objectContaining({ code: "INPUT_INVALID", path: "samples[0].steps" }),
    );
    expect(() =>
      runEstimator(
        { type: "spa", progress: "steps" },
        batchOf([1], ["t"], { samples: [{ steps: [{ action: "a" }] }] }),
      ),
    ).toThrow(expect.objectContaining({ path: "samples[0].steps[0].progress" }));
  });
});

describe("sparseRidge", () => {
  it("equals the dense ridge solution (ΦᵀΦ + λI)⁻¹ΦᵀR in both its forms", () => {
    const next = mulberry32(3);
    for (const [count, width] of [
      [6, 20],
      [40, 9],
    ] as const) {
      const rows = Array.from({ length: count }, () => {
        const indices = [...new Set(Array.from({ length: 4 }, () => Math.floor(next() * width)))].sort(
          (a, b) => a - b,
        );
        return { indices, values: indices.map(() => next() * 2 - 1) };
      });
      const targets = rows.map(() => next());
      const dense = new Matrix(count, width);
      rows.forEach((row, i) => {
        row.indices.forEach((index, position) => {
          dense.set(i, index, row.values[position] as number);
        });
      });
      const normal = dense.transpose().mmul(dense).add(Matrix.eye(width).mul(0.1));
      const expected = solve(normal, dense.transpose().mmul(Matrix.columnVector(targets))).getColumn(0);
      expectClose([...sparseRidge(rows, targets, width, 0.1)], expected, 1e-9);
    }
  });
});
