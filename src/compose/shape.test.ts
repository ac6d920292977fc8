import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { loadError, metaNumber, scoreNode } from "../../test/helpers/compose.js";
import { hasSharedData, sharedDataPath } from "../../test/helpers/shared-data.js";
import { MemoryStateStore, type Sample } from "../core/index.js";
import { makeSample, testContext } from "../testing/index.js";
import { lscReward, parReward } from "./par.js";

/** A row whose reward model score is `meta.r`. */
const row = (r: number, meta: Record<string, unknown> = {}) =>
  makeSample({ completion: "x", meta: { r, ...meta } });
const shape = (fields: Record<string, unknown>) => ({
  type: "shape",
  reward: metaNumber("r", { name: "rm" }),
  ...fields,
});
const refs = [0.5, 1.5, -0.5];

async function scores(fields: Record<string, unknown>, samples: Sample[], context = testContext()) {
  return (await scoreNode(shape(fields), samples, context)).map((result) => result.score);
}

describe("shape: PAR and its baselines through the node (rlhf.md §1.5)", () => {
  it("PAR from the row's meta.reference_rewards → 0.605858", async () => {
    const [score] = await scores({ method: "par" }, [row(1.0, { reference_rewards: refs })]);
    expect(score).toBeCloseTo(0.605858, 6);
  });

  it("LSC → −0.996917, centered → 0.5, tanh (relative) → 0.301716", async () => {
    const sample = [row(1.0, { reference_rewards: refs })];
    expect((await scores({ method: "lsc" }, sample))[0]).toBeCloseTo(-0.996917, 6);
    expect((await scores({ method: "centered" }, sample))[0]).toBeCloseTo(0.5, 10);
    expect((await scores({ method: "tanh", relative: true }, sample))[0]).toBeCloseTo(0.301716, 6);
    expect((await scores({ method: "tanh" }, sample))[0]).toBeCloseTo(Math.tanh(1), 12);
  });

  it("length penalty: r = 2.0 at 350 tokens → 1.5 before shaping", async () => {
    const node = { method: "vanilla", length_penalty: { allowed: 300, per_unit: 0.01 } };
    const [score] = await scores(node, [row(2.0, { completion_tokens: 350 })]);
    expect(score).toBeCloseTo(1.5, 10);
    const [missing] = await scoreNode(shape(node), [row(2.0)]);
    expect(missing?.error?.code).toBe("INPUT_INVALID");
  });

  it("ceil and sgfc", async () => {
    expect(await scores({ method: "ceil", ceiling: 3 }, [row(5), row(1)])).toEqual([3, 1]);
    const [sgfc] = await scores({ method: "sgfc" }, [row(4, { reference_rewards: refs })]);
    expect(sgfc).toBeCloseTo(0.605858, 6);
  });

  it("uses the first max_references references and a steeper k", async () => {
    const sample = [row(1.0, { reference_rewards: [...refs, 100] })];
    const [score] = await scores({ method: "par", k: 2, max_references: 3 }, sample);
    expect(score).toBeCloseTo(parReward(1.0, refs, { k: 2 }), 12);
  });

  it("scores meta.reference_completions with the same child reward", async () => {
    const node = {
      type: "shape",
      method: "par",
      reward: { type: "length", name: "words", unit: "words", raw: true },
    };
    const sample = makeSample({
      completion: "one two three four",
      meta: { reference_completions: ["one two three", "one two three four five", "one"] },
    });
    const [result] = await scoreNode(node, [sample]);
    // r = 4 words, references 3, 5 and 1 words.
    expect(result?.score).toBeCloseTo(parReward(4, [3, 5, 1]), 12);
    expect(result?.components?.words).toBe(4);
  });

  it("falls back to the spec's reference_rewards, and reports rows without any as NOT_APPLICABLE", async () => {
    const batch = [row(1.0), row(1.0, { reference_rewards: [1.0] }), row(1.0, { reference_rewards: ["a"] })];
    const withFallback = await scoreNode(shape({ method: "par", reference_rewards: refs }), batch);
    expect(withFallback[0]?.score).toBeCloseTo(0.605858, 6);
    expect(withFallback[1]?.score).toBeCloseTo(0.5, 12);
    const without = await scoreNode(shape({ method: "par" }), batch);
    expect(without[0]?.error?.code).toBe("NOT_APPLICABLE");
    expect(without[0]?.error?.message).toMatch(/meta\.reference_rewards/);
    expect(without[1]?.score).toBeCloseTo(0.5, 12);
    expect(without[2]?.error?.code).toBe("INPUT_INVALID");
  });

  it("normalize, clip and minmax keep running statistics per run (PAR's RunningStats)", async () => {
    const store = new MemoryStateStore();
    const run = (runId: string) => testContext({ stateStore: store, runId });
    // Batch 1: [1, 3] → μ 2, σ 1.
    expect(await scores({ method: "normalize" }, [row(1), row(3)], run("a"))).toEqual([-1, 1]);
    // Batch 2 joins the history: [1, 3, 5, 7] → μ 4, σ √5.
    const second = await scores({ method: "normalize" }, [row(5), row(7)], run("a"));
    expect(second[0]).toBeCloseTo(1 / Math.sqrt(5), 12);
    // Another run id has its own statistics.
    expect(await scores({ method: "normalize" }, [row(5), row(7)], run("b"))).toEqual([-1, 1]);
    expect(await scores({ method: "minmax" }, [row(2), row(4), row(3)], run("c"))).toEqual([0, 1, 0.5]);
    expect(await scores({ method: "clip" }, [row(0), row(4), row(2)], run("d"))).toEqual([
      2 - Math.sqrt(8 / 3),
      2 + Math.sqrt(8 / 3),
      2,
    ]);
  });

  it("normalizes against fixed statistics and clips to fixed bounds", async () => {
    expect(await scores({ method: "normalize", mean: 1, std: 2 }, [row(5)])).toEqual([2]);
    expect(await scores({ method: "clip", min: -1, max: 1 }, [row(5), row(-3), row(0.5)])).toEqual([
      1, -1, 0.5,
    ]);
  });
});

describe("shape: potential-based shaping of trajectories (rm-rl.md §18)", () => {
  const trajectory = (potentials: number[]) =>
    makeSample({
      completion: "",
      meta: { r: 1 },
      steps: potentials.map((potential) => ({ potential, state: { value: potential } })),
    });

  it("adds the discounted shaping, which telescopes to −Φ(s₀) for an episode", async () => {
    const results = await scoreNode(shape({ method: "potential", gamma: 0.9 }), [
      trajectory([0, 5]),
      trajectory([2, 5, 1]),
    ]);
    // Φ = [0, 5]: F = [4.5, −5.0], 4.5 + 0.9·(−5.0) = 0 (the worked example).
    expect(results[0]?.score).toBeCloseTo(1, 12);
    expect(results[0]?.components?.["shape.shaping"]).toBeCloseTo(0, 12);
    expect(results[1]?.score).toBeCloseTo(1 - 2, 12);
  });

  it("reads Φ from a dotted field or from a potential node, and needs steps", async () => {
    const fromField = await scoreNode(
      shape({ method: "potential", gamma: 0.5, potential_field: "state.value" }),
      [trajectory([4, 2])],
    );
    expect(fromField[0]?.score).toBeCloseTo(1 - 4, 12);
    const fromNode = await scoreNode(
      shape({
        method: "potential",
        gamma: 0.5,
        potential: metaNumber("state", { name: "phi", index: "value" }),
      }),
      [trajectory([4, 2]), makeSample({ completion: "", meta: { r: 1 } })],
    );
    expect(fromNode[0]?.score).toBeCloseTo(1 - 4, 12);
    expect(fromNode[1]?.error?.code).toBe("NOT_APPLICABLE");
  });
});

describe("shape: a potential learnt per run from the rows seen (Φ ≈ V)", () => {
  const episode = (states: string[], r: number) =>
    makeSample({ completion: "", meta: { r }, steps: states.map((state) => ({ state })) });
  const learnt = (target: string) =>
    shape({ method: "potential", gamma: 0.9, learn_potential: { learning_rate: 1, target } });

  it("Monte Carlo: a batch is shaped with the table before it, then Φ(a) = 0.9, Φ(b) = 1", async () => {
    const context = testContext({ stateStore: new MemoryStateStore() });
    const [first] = await scoreNode(learnt("monte_carlo"), [episode(["a", "b"], 1)], context);
    expect(first?.score).toBeCloseTo(1, 12);
    expect(first?.stepRewards).toEqual([0, 1]);
    const loaded = await scoreNode(learnt("monte_carlo"), [episode(["a", "b"], 1)], context);
    // Φ = [0.9, 1]: F = [0.9·1 − 0.9, 0 − 1] = [0, −1]; shaped 1 − Φ(s₀) = 0.1; the reward at the last step.
    expect(loaded[0]?.score).toBeCloseTo(0.1, 12);
    expect(loaded[0]?.stepRewards?.[0]).toBeCloseTo(0, 12);
    expect(loaded[0]?.stepRewards?.[1]).toBeCloseTo(0, 12);
  });

  it("TD(0) backs the outcome up one step per visit; runs keep their own tables", async () => {
    const store = new MemoryStateStore();
    const context = testContext({ stateStore: store, runId: "td" });
    await scoreNode(learnt("td"), [episode(["a", "b"], 1)], context);
    await scoreNode(learnt("td"), [episode(["a", "b"], 1)], context);
    const [third] = await scoreNode(learnt("td"), [episode(["a", "b"], 1)], context);
    expect(third?.score).toBeCloseTo(1 - 0.9, 12);
    const [fresh] = await scoreNode(
      learnt("td"),
      [episode(["a", "b"], 1)],
      testContext({ stateStore: store }),
    );
    expect(fresh?.score).toBeCloseTo(1, 12);
  });

  it("refuses a learnt potential beside a read one, and rows without steps fail alone", async () => {
    const both = shape({ method: "potential", gamma: 0.9, learn_potential: {}, potential_field: "p" });
    expect((await loadError(both)).path).toBe("reward.potential_field");
    const results = await scoreNode(learnt("td"), [
      makeSample({ completion: "", meta: { r: 1 } }),
      episode(["a"], 1),
    ]);
    expect(results[0]?.error?.code).toBe("NOT_APPLICABLE");
    expect(results[1]?.score).toBeCloseTo(1, 12);
  });
});

describe("shape spec validation (at load, with the path)", () => {
  it.each([
    [{ method: "clip", k: 2 }, "reward.k", /does not apply to method clip/],
    [{ method: "ceil" }, "reward.ceiling", /required/],
    [{ method: "potential" }, "reward.gamma", /required/],
    [{ method: "par", reference_rewards: [] }, "reward.reference_rewards", /at least 1|>=1/],
    [{ method: "par", k: -1 }, "reward.k", />0/],
    [{ method: "normalize", mean: 0 }, "reward.std", /go together/],
    [{ method: "clip", min: 2, max: 1 }, "reward.min", /above/],
    [{ method: "lsc", percentile: 1 }, "reward.percentile", /<1/],
    [{ method: "nope" }, "reward.method", /expected one of/],
  ])("rejects %j at %s", async (fields, path, message) => {
    const error = await loadError(shape(fields));
    expect(error.code).toBe("SPEC_INVALID");
    expect(error.path).toBe(path);
    expect(error.message).toMatch(message);
  });
});

interface SolutionRow {
  question: string;
  "6b_finetuning": { solution: string };
  "6b_verification": { solution: string };
  "175b_finetuning": { solution: string };
  "175b_verification": { solution: string };
}

describe.skipIf(!hasSharedData("gsm8k/example_model_solutions.jsonl"))(
  "shape on real GSM8K solutions",
  () => {
    it("PAR and LSC over the other models' solutions as references, scored by the same reward", async () => {
      const text = await readFile(sharedDataPath("gsm8k/example_model_solutions.jsonl"), "utf8");
      const rows = text
        .trim()
        .split("\n")
        .slice(0, 40)
        .map((line) => JSON.parse(line) as SolutionRow);
      const words = (value: string) => value.trim().split(/\s+/).length;
      const samples = rows.map((item) =>
        makeSample({
          prompt: item.question,
          completion: item["175b_verification"].solution,
          meta: {
            reference_completions: [
              item["6b_finetuning"].solution,
              item["6b_verification"].solution,
              item["175b_finetuning"].solution,
            ],
          },
        }),
      );
      const reward = { type: "length", unit: "words", raw: true };
      const scale = (count: number) => count / 10;
      const rm = { type: "weighted", name: "rm", terms: [{ weight: 0.1, reward }] };
      const par = await scoreNode({ type: "shape", method: "par", reward: rm }, samples);
      const lsc = await scoreNode({ type: "shape", method: "lsc", reward: rm }, samples);
      rows.forEach((item, index) => {
        const r = scale(words(item["175b_verification"].solution));
        const references = [item["6b_finetuning"], item["6b_verification"], item["175b_finetuning"]].map(
          (solution) => scale(words(solution.solution)),
        );
        expect(par[index]?.error).toBeUndefined();
        expect(par[index]?.score).toBeCloseTo(parReward(r, references), 10);
        expect(lsc[index]?.score).toBeCloseTo(lscReward(r, references), 10);
      });
    });
  },
);
