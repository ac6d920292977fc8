import { describe, expect, it } from "vitest";
import { loadError, loadNode, metaNumber } from "../../test/helpers/compose.js";
import { MemoryStateStore, type Reward } from "../core/index.js";
import { makeSample, testContext } from "../testing/index.js";
import { squashMultiplier } from "./lagrange.js";

const constrained = (fields: Record<string, unknown> = {}) => ({
  type: "constrained",
  name: "c",
  constraints: [{ threshold: 0.44, reward: metaNumber("v", { name: "intent" }) }],
  ...fields,
});
const rows = (...values: number[]) => values.map((v) => makeSample({ completion: "", meta: { v } }));

function scorer(reward: Reward, store = new MemoryStateStore()) {
  return async (step: number, values: number[], runId = "run-a") => {
    const results = await reward.score(rows(...values), testContext({ stateStore: store, runId, step }));
    return results[0]?.components?.["c.lambda.intent"] as number;
  };
}

describe("constrained node (rlhf.md §5)", () => {
  it("All-PPO (kind: upper, reconstructed): r_task + Σ (1 − λ)·r_i, and λ rises only while the cap is exceeded", async () => {
    const { reward } = await loadNode(constrained({ kind: "upper", learning_rate: 1 }));
    const score = scorer(reward);
    // Below the cap (0.1 < 0.44): λ falls from 0.5, so the component keeps more weight.
    const below: number[] = [];
    for (let step = 0; step <= 3; step++) below.push(await score(step, [0.1]));
    expect(below[3]).toBeLessThan(0.5);
    // Above it (0.9 > 0.44): λ rises and the component's weight 1 − λ falls.
    const above: number[] = [];
    for (let step = 4; step <= 8; step++) above.push(await score(step, [0.9]));
    expect(above.at(-1)).toBeGreaterThan(above[0] as number);
    const [result] = await reward.score(
      rows(0.9),
      testContext({ stateStore: new MemoryStateStore(), runId: "x", step: 0 }),
    );
    // λ = σ(0) = 0.5 at the start: 0.5 · 0.9, and no N − Σλ task factor.
    expect(result?.score).toBeCloseTo(0.45, 12);
    expect(result?.components?.["c.task_weight"]).toBe(1);
  });

  it("mixes the worked example: A_KL 0.2, A_1 1.0, A_2 −0.4 at λ = 0.5 → 0.5", async () => {
    const loaded = await loadNode({
      type: "constrained",
      name: "c",
      objective: metaNumber("kl", { name: "kl" }),
      constraints: [
        { threshold: 0.44, reward: metaNumber("a1", { name: "intent" }) },
        { threshold: 0.238, reward: metaNumber("a2", { name: "meteor" }) },
      ],
    });
    const [result] = await loaded.reward.score(
      [makeSample({ completion: "", meta: { kl: 0.2, a1: 1.0, a2: -0.4 } })],
      testContext(),
    );
    expect(result?.score).toBeCloseTo(0.5, 12);
    expect(result?.components).toMatchObject({
      kl: 0.2,
      intent: 1,
      meteor: -0.4,
      "c.lambda.intent": 0.5,
      "c.task_weight": 1,
    });
  });

  it("updates once when the step advances, from the step's mean: v 0.40 vs θ 0.44 → λ_raw 0.001", async () => {
    const { reward } = await loadNode(constrained());
    const score = scorer(reward);
    expect(await score(0, [0.4])).toBe(0.5);
    expect(await score(1, [0.4])).toBeCloseTo(squashMultiplier(0.001, "inequality"), 12);
  });

  it("accumulates every call of a step before the update (several calls per training step)", async () => {
    const { reward } = await loadNode(constrained());
    const score = scorer(reward);
    // Step 0 arrives in two calls whose mean is exactly the threshold: no violation, no movement.
    await score(0, [0.4, 0.42]);
    await score(0, [0.5]);
    expect(await score(1, [0.4])).toBe(0.5);
    // A second call within step 1 does not update again.
    expect(await score(1, [0.4])).toBe(0.5);
    // Step 1's mean 0.4 is below θ: step 2 raises λ.
    expect(await score(2, [0.9])).toBeGreaterThan(0.5);
  });

  it("raises λ step after step while the constraint is violated and lowers it once satisfied", async () => {
    const { reward } = await loadNode(constrained({ learning_rate: 1 }));
    const score = scorer(reward);
    const trace: number[] = [];
    for (let step = 0; step <= 5; step++) trace.push(await score(step, [0.1]));
    for (let step = 1; step < trace.length; step++)
      expect(trace[step]).toBeGreaterThan(trace[step - 1] as number);
    const satisfied: number[] = [];
    for (let step = 6; step <= 10; step++) satisfied.push(await score(step, [0.9]));
    expect(satisfied.at(-1)).toBeLessThan(trace.at(-1) as number);
  });

  it("turns an equality multiplier negative when the value overshoots (ξ-PPO)", async () => {
    const { reward } = await loadNode(constrained({ kind: "equality", learning_rate: 1 }));
    const score = scorer(reward);
    for (let step = 0; step < 4; step++) await score(step, [0.9]);
    expect(await score(4, [0.9])).toBeLessThan(0);
  });

  it("keeps each run's multipliers apart and ignores a step older than the one accumulating", async () => {
    const { reward } = await loadNode(constrained({ learning_rate: 1 }));
    const store = new MemoryStateStore();
    const score = scorer(reward, store);
    for (let step = 0; step < 3; step++) await score(step, [0.1], "run-a");
    for (let step = 0; step < 3; step++) await score(step, [0.9], "run-b");
    const a = await score(3, [0.5], "run-a");
    const b = await score(3, [0.5], "run-b");
    expect(a).toBeGreaterThan(0.5);
    expect(b).toBeLessThan(0.5);
    // A replayed old step is scored with the current multipliers and changes nothing.
    expect(await score(1, [0.0], "run-a")).toBe(a);
    // Step 3's mean is 0.5 > θ, so step 4 lowers λ; had the replayed 0.0 been counted, it would rise.
    expect(await score(4, [0.5], "run-a")).toBeLessThan(a);
  });

  it("leaves fixed multipliers alone and reports the task weight N − Σλ", async () => {
    const { reward } = await loadNode(constrained({ fixed: true, initial_multiplier: 2 }));
    const store = new MemoryStateStore();
    for (let step = 0; step < 3; step++) {
      const [result] = await reward.score(rows(0), testContext({ stateStore: store, step }));
      expect(result?.components?.["c.lambda.intent"]).toBeCloseTo(squashMultiplier(2, "inequality"), 12);
      expect(result?.components?.["c.task_weight"]).toBeCloseTo(1 - squashMultiplier(2, "inequality"), 12);
    }
  });
});

describe("constrained spec validation (at load, with the path)", () => {
  it.each([
    [{ constraints: [] }, "reward.constraints", /at least 1|>=1/],
    [{ learning_rate: -0.1 }, "reward.learning_rate", />0/],
    [{ momentum: 1 }, "reward.momentum", /<1/],
    [{ constraints: [{ reward: metaNumber("v") }] }, "reward.constraints[0].threshold", /expected number/],
    [{ updates_per_step: 0 }, "reward.updates_per_step", />=1|at least/],
  ])("rejects %j at %s", async (fields, path, message) => {
    const error = await loadError(constrained(fields));
    expect(error.code).toBe("SPEC_INVALID");
    expect(error.path).toBe(path);
    expect(error.message).toMatch(message);
  });
});
