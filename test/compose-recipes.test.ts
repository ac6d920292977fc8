import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  type Context,
  createContext,
  MemoryStateStore,
  type RewardResult,
  type Sample,
} from "../src/core/index.js";
import { loadSpec, scoreSamples } from "../src/engine/index.js";
import { writeModelFile } from "../src/models/index.js";
import { fitRewardModel } from "../src/preference/index.js";
import { makeSample, type OpenAIServer, startOpenAIServer, testContext } from "../src/testing/index.js";
import { repoRoot } from "./helpers/cli.js";
import { hasSharedData, readSharedJsonl } from "./helpers/shared-data.js";

/** docs/recipes/composition.md's YAML blocks by their section ("R1" ... "R7"). */
function recipes(): Map<string, string> {
  const page = readFileSync(join(repoRoot, "docs/recipes/composition.md"), "utf8");
  const found = new Map<string, string>();
  for (const section of page.split(/^## /m).slice(1)) {
    const name = /^(R\d+)/.exec(section)?.[1];
    const block = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
    if (name && block) found.set(name, block);
  }
  return found;
}

const all = recipes();
let folder: string;
let judge: OpenAIServer;

/** A small text reward model that prefers responses with `good` words over ones with `bad` words. */
async function trainModel(file: string, good: readonly string[], bad: readonly string[]): Promise<void> {
  const pairs = Array.from({ length: 120 }, (_, index) => ({
    prompt: `request ${index % 12}`,
    chosen: `reply ${index}: ${good[index % good.length]} and more words ${index % 7}`,
    rejected: `reply ${index}: ${bad[index % bad.length]} and more words ${index % 5}`,
    where: `pairs:${index + 1}`,
    row: {},
  }));
  const fit = await fitRewardModel(pairs, undefined, {
    epochs: 8,
    features: { hashed: { bits: 12, ngrams: [1, 1] } },
  });
  await writeModelFile(join(folder, file), fit.model.toFile());
}

const polite = ["thank you", "please", "glad to help"];
const rude = ["go away", "whatever", "not my problem"];

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "rewardkit-compose-recipes-"));
  await trainModel("rm.rk", polite, rude);
  await trainModel("rm-1.rk", polite, rude);
  await trainModel("rm-2.rk", ["glad to help", "please"], ["not my problem", "go away"]);
  await trainModel("intent.rk", ["booked your table", "reserved"], ["no idea", "cannot"]);
  await trainModel("meteor-proxy.rk", ["the table for two", "at seven"], ["something", "stuff"]);
  await trainModel("novelty.rk", ["a new method", "unexplored"], ["well known", "standard"]);
  await trainModel("feasibility.rk", ["one week", "cheap"], ["ten years", "a fortune"]);
  await trainModel("effectiveness.rk", ["doubles accuracy", "large gain"], ["no effect", "tiny gain"]);
  await writeFile(
    join(folder, "my-rm.ts"),
    'export default (sample: { completion: unknown }): number => (String(sample.completion).includes("thank you") ? 1 : 0);\n',
  );
  await writeFile(
    join(folder, "episode-outcome.mjs"),
    "export default (sample) => (sample.meta?.reached_goal ? 1 : 0);\n",
  );
  judge = await startOpenAIServer({
    // The recipe's judge scores on its range [0, 1]: 1 for worked reasoning ("because"), else 0.
    reply: (request) =>
      JSON.stringify(request.body).includes("because")
        ? "Sound reasoning. Score: 1"
        : "Unsupported. Score: 0",
  });
}, 120_000);

afterAll(async () => {
  await judge?.close();
  await rm(folder, { recursive: true, force: true });
});

async function load(name: string, edit: (text: string) => string = (text) => text) {
  const text = all.get(name);
  if (!text) throw new Error(`docs/recipes/composition.md has no ${name}`);
  return loadSpec(parse(edit(text)), { baseDir: folder });
}

async function score(name: string, samples: readonly Sample[], context: Context = testContext()) {
  const loaded = await load(name);
  try {
    return await loaded.reward.score(samples, context);
  } finally {
    await loaded.close();
  }
}

/** One model's own scores of the samples' completions. */
async function modelScores(file: string, samples: readonly Sample[]): Promise<number[]> {
  const loaded = await loadSpec({ version: 1, reward: { type: "model", path: file } }, { baseDir: folder });
  try {
    return (await loaded.reward.score(samples, testContext())).map((result) => result.score);
  } finally {
    await loaded.close();
  }
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const scoresOf = (results: readonly RewardResult[]) => results.map((result) => result.score);

describe("docs/recipes/composition.md", () => {
  it("has the seven recipes, each scored below", () => {
    expect([...all.keys()]).toEqual(["R1", "R2", "R3", "R4", "R5", "R6", "R7"]);
  });

  it.skipIf(!hasSharedData("gsm8k/test.jsonl"))(
    "R1: GSM8K groups — right answers in the layout score 1, the rest 0, and GRPO ranks them so",
    async () => {
      const rows = readSharedJsonl<{ answer: string }>("gsm8k/test.jsonl").slice(0, 100);
      const samples = rows.flatMap((row, index) => {
        const [reasoning, final] = row.answer.split("####") as [string, string];
        const answer = Number(final.trim().replaceAll(",", ""));
        const group = `q${index}`;
        return [
          makeSample({
            group,
            reference: row.answer,
            completion: `<think>${reasoning}</think>\n<answer>${answer}</answer>`,
          }),
          makeSample({
            group,
            reference: row.answer,
            completion: `<think>${reasoning}</think> <answer>${answer}</answer>`,
          }),
          makeSample({
            group,
            reference: row.answer,
            completion: `<think>${reasoning}</think>\n<answer>${answer + 1}</answer>`,
          }),
          makeSample({ group, reference: row.answer, completion: `${reasoning} The answer is ${answer}.` }),
        ];
      });
      const loaded = await load("R1");
      const scored = await scoreSamples(loaded.reward, loaded.estimator, samples, testContext());
      await loaded.close();
      expect(scoresOf(scored.results)).toEqual(rows.flatMap(() => [1, 1, 0, 0]));
      const advantages = scored.advantage?.advantages ?? [];
      expect(advantages).toHaveLength(400);
      for (let at = 0; at < 400; at += 4) {
        expect(Math.min(advantages[at] as number, advantages[at + 1] as number)).toBeGreaterThan(0);
        expect(Math.max(advantages[at + 2] as number, advantages[at + 3] as number)).toBeLessThan(0);
      }
    },
  );

  it("R2: PAR is the mean σ(r − r_ref) over the row's references, from rewards or from completions", async () => {
    const references = [0.5, 1.5, -0.5];
    const samples = [
      makeSample({ completion: "reply: thank you, glad to help", meta: { reference_rewards: references } }),
      makeSample({ completion: "reply: go away, not my problem", meta: { reference_rewards: references } }),
      makeSample({
        completion: "reply: thank you, glad to help",
        meta: { reference_completions: ["reply: whatever", "reply: please wait"] },
      }),
      makeSample({ completion: "reply: thank you" }),
    ];
    const results = await score("R2", samples);
    const raw = await modelScores("rm.rk", samples);
    const par = (reward: number, refs: readonly number[]) =>
      refs.reduce((total, ref) => total + sigmoid(reward - ref), 0) / refs.length;
    expect(results[0]?.score).toBeCloseTo(par(raw[0] as number, references), 10);
    expect(results[1]?.score).toBeCloseTo(par(raw[1] as number, references), 10);
    expect(results[0]?.score).toBeGreaterThan(results[1]?.score as number);
    const referenceRewards = await modelScores("rm.rk", [
      makeSample({ completion: "reply: whatever" }),
      makeSample({ completion: "reply: please wait" }),
    ]);
    expect(results[2]?.score).toBeCloseTo(par(raw[2] as number, referenceRewards), 10);
    expect(results[3]?.error?.code).toBe("NOT_APPLICABLE");
  });

  it("R3: UWO of reference-normalized members (two models and a module), with their disagreement", async () => {
    const samples = [
      makeSample({ completion: "reply: thank you, glad to help, please" }),
      makeSample({ completion: "reply: go away, not my problem" }),
    ];
    const results = await score("R3", samples);
    const stats = [
      { mean: 0.3, std: 1.2 },
      { mean: -0.1, std: 0.8 },
      { mean: 1.0, std: 2.0 },
    ];
    const members = [
      await modelScores("rm-1.rk", samples),
      await modelScores("rm-2.rk", samples),
      samples.map((sample) => (String(sample.completion).includes("thank you") ? 1 : 0)),
    ];
    samples.forEach((_, row) => {
      const z = members.map(
        (member, index) =>
          ((member[row] as number) - (stats[index] as { mean: number }).mean) /
          (stats[index] as { std: number }).std,
      );
      const mean = z.reduce((a, b) => a + b, 0) / z.length;
      const unbiased = z.reduce((total, value) => total + (value - mean) ** 2, 0) / (z.length - 1);
      expect(results[row]?.score).toBeCloseTo(mean - 0.1 * unbiased, 8);
      expect(results[row]?.components?.["rm.disagreement"]).toBeGreaterThan(0);
    });
    expect(results[0]?.score).toBeGreaterThan(results[1]?.score as number);
  });

  it("R4: each multiplier moves toward enforcing its constraint from one training step to the next", async () => {
    const loaded = await load("R4");
    const stateStore = new MemoryStateStore();
    const batch = [
      makeSample({ completion: "booked your table for two at seven" }),
      makeSample({ completion: "no idea, stuff" }),
    ];
    const lambdas: number[][] = [];
    for (const step of [0, 1, 2]) {
      const context = createContext({ runId: "r4", step, stateStore });
      const results = await loaded.reward.score(batch, context);
      lambdas.push([
        results[0]?.components?.["mix.lambda.intent"] as number,
        results[0]?.components?.["mix.lambda.meteor"] as number,
      ]);
    }
    await loaded.close();
    // μ-PPO's rule: a multiplier rises while its component's batch mean is below its threshold
    // (0.44, 0.238) and falls while above.
    const means = [await modelScores("intent.rk", batch), await modelScores("meteor-proxy.rk", batch)].map(
      (values) => values.reduce((a, b) => a + b, 0) / values.length,
    );
    const thresholds = [0.44, 0.238];
    for (const index of [0, 1]) {
      const direction = Math.sign((thresholds[index] as number) - (means[index] as number));
      expect(direction).not.toBe(0);
      for (const step of [1, 2]) {
        const change = (lambdas[step]?.[index] as number) - (lambdas[step - 1]?.[index] as number);
        expect(Math.sign(change), `constraint ${index}, step ${step}`).toBe(direction);
      }
    }
  });

  it("R5: right answers in mixed groups gain 0.3·p for judged thinking; uniform groups and wrong answers are not judged", async () => {
    const url = judge.url;
    const loaded = await load("R5", (text) => text.replace("http://127.0.0.1:8000/v1", url));
    judge.reset();
    const samples = [
      makeSample({
        group: "mixed",
        reference: "42",
        completion: "<think>6 times 7, because 6·7 = 42</think> #### 42",
      }),
      makeSample({ group: "mixed", reference: "42", completion: "<think>it is 41</think> #### 41" }),
      makeSample({ group: "right", reference: "9", completion: "<think>because 3·3</think> #### 9" }),
      makeSample({ group: "right", reference: "9", completion: "<think>3 squared</think> #### 9" }),
    ];
    const results = await loaded.reward.score(samples, testContext());
    await loaded.close();
    const [good, bad, right1, right2] = scoresOf(results) as [number, number, number, number];
    // Step 0: r = a + 0.3·exp(0)·γ·p with p = 1 (γ = 1: no wrong answer was judged).
    expect(good).toBeCloseTo(1 + 0.3, 10);
    expect(bad).toBe(0);
    // An all-correct group gets no thinking term, whatever the judge would say.
    expect(right1).toBe(1);
    expect(right2).toBe(1);
    expect(judge.requests.length).toBe(1);
  });

  it("R6: per-request weights by name override the default weight 1 of each objective", async () => {
    const completion = "a new method that takes one week and doubles accuracy";
    const samples = [
      makeSample({ completion }),
      makeSample({ completion, meta: { weights: { novelty: 2 } } }),
    ];
    const results = await score("R6", samples);
    const [novelty, feasibility, effectiveness] = [
      (await modelScores("novelty.rk", samples))[0] as number,
      (await modelScores("feasibility.rk", samples))[0] as number,
      (await modelScores("effectiveness.rk", samples))[0] as number,
    ];
    expect(results[0]?.score).toBeCloseTo(novelty + feasibility + effectiveness, 8);
    expect(results[1]?.score).toBeCloseTo(2 * novelty + feasibility + effectiveness, 8);
  });

  it("R7: potential shaping adds −Φ(s₀) to an episode's outcome (the discounted terms telescope)", async () => {
    const episode = (reached: boolean, values: number[]) =>
      makeSample({
        meta: { reached_goal: reached },
        steps: values.map((value, index) => ({
          observation: `at ${index}`,
          action: "move",
          state: { value },
        })),
      });
    const results = await score("R7", [episode(true, [0.2, 0.5, 0.9]), episode(false, [0.7, 0.4, 0.1])]);
    expect(results[0]?.score).toBeCloseTo(1 - 0.2, 10);
    expect(results[1]?.score).toBeCloseTo(0 - 0.7, 10);
  });
});
