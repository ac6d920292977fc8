import { z } from "zod";
import { createContext } from "../../core/index.js";
import {
  bestIndex,
  distinctNgrams,
  type RaftRoundStats,
  raftRound,
  requestSeed,
} from "../../select/index.js";
import { moneyQuestion, textReward } from "../language/text-reward.js";
import { TinyGenerator } from "../language/tiny-generator.js";
import { sftEpoch, type TinyPolicy } from "../language/tiny-policy.js";
import { deriveSeed } from "../random.js";
import { raftReport } from "../report/raft-report.js";
import type { Curve, CurvePoint } from "../results.js";
import { evaluatePolicy, questionWorld, questionWorldOptions } from "../worlds/language-world.js";
import { defineExperiment } from "./experiment.js";
import { raftClaims } from "./raft-claims.js";

const options = z.object({
  ...questionWorldOptions({ prompts: 32 }),
  k: z.number().int().min(2).default(8).describe("Samples per prompt per RAFT round (LMFlow: 8)."),
  rounds: z
    .number()
    .int()
    .min(1)
    .default(6)
    .describe("RAFT rounds; best-of-n fine-tuning gets n = rounds × k and as many epochs."),
  learning_rate: z.number().positive().default(0.5).describe("SFT step on the policy's logit offsets."),
  max_chars: z.number().int().min(8).default(60).describe("Characters per sample at most."),
  eval_per_prompt: z
    .number()
    .int()
    .min(1)
    .default(8)
    .describe("Samples per prompt when a policy is evaluated."),
});

export const raft = defineExperiment({
  name: "raft",
  summary:
    "RAFT on a tiny character model of GSM8K questions: the reward rises over rounds, and diversity falls less than under best-of-n fine-tuning with the same samples and SFT steps.",
  papers: ["RAFT: Reward rAnked FineTuning (Dong et al. 2023)"],
  options,
  quick: { questions: 600, prompts: 10, k: 4, rounds: 3, eval_per_prompt: 4, max_chars: 40 },
  async run(settings, seed) {
    const world = questionWorld({
      questions: settings.questions,
      order: settings.order,
      prompts: settings.prompts,
      promptWords: settings.prompt_words,
      seed,
    });
    const base = world.basePolicy();
    const reward = textReward("money_question", (text, sample) =>
      moneyQuestion(text, sample.meta?.truncated !== true),
    );
    const evaluate = (policy: TinyPolicy, step: number, method: string) =>
      evaluatePolicy({
        policy,
        base,
        prompts: world.prompts,
        perPrompt: settings.eval_per_prompt,
        maxChars: settings.max_chars,
        seed: deriveSeed(seed, `evaluate-${method}-${step}`),
        reward: (text) => moneyQuestion(text.text, text.finished),
        distinct: (texts) => distinctNgrams(texts, { n: 2 }),
      });
    const point = (evaluation: ReturnType<typeof evaluate>, step: number): CurvePoint => ({
      kl: evaluation.kl,
      proxy: evaluation.reward,
      gold: evaluation.reward,
      step,
    });
    const diversity: { method: string; points: { step: number; entropy: number; distinct2: number }[] }[] =
      [];
    const start = evaluate(base, 0, "base");
    // RAFT: each round samples from the policy as it now is, keeps each prompt's best, fine-tunes once.
    const policy = base.clone();
    const generator = new TinyGenerator(() => policy);
    const context = createContext({ runId: `raft-${seed}` });
    const raftPoints = [point(start, 0)];
    const raftDiversity = [{ step: 0, entropy: start.entropy, distinct2: start.distinct2 }];
    const rounds: RaftRoundStats[] = [];
    let raftEnd = start;
    for (let round = 1; round <= settings.rounds; round++) {
      const result = await raftRound({
        generator,
        reward,
        context,
        prompts: world.prompts,
        k: settings.k,
        keep: 1,
        selection: "local",
        settings: { temperature: 1, maxTokens: settings.max_chars },
        seed: deriveSeed(seed, "raft"),
        round,
      });
      rounds.push(result.stats);
      sftEpoch(
        policy,
        result.selected.map((row) => ({
          prompt: row.prompt as string,
          completion: { text: row.completion, finished: row.meta?.truncated !== true },
        })),
        settings.learning_rate,
      );
      const evaluation = evaluate(policy, round, "raft");
      raftEnd = evaluation;
      raftPoints.push(point(evaluation, round));
      raftDiversity.push({ step: round, entropy: evaluation.entropy, distinct2: evaluation.distinct2 });
    }
    diversity.push({ method: "raft", points: raftDiversity });
    // Best-of-n fine-tuning with the same budget: n = rounds × k base samples a prompt at once, the
    // best kept, and as many SFT epochs on it as RAFT had rounds.
    const bonPolicy = base.clone();
    const baseGenerator = new TinyGenerator(() => base);
    const chosen = [];
    for (const prompt of world.prompts) {
      const texts = await baseGenerator.sample({
        prompt: prompt.prompt,
        n: settings.rounds * settings.k,
        settings: { temperature: 1, maxTokens: settings.max_chars },
        seed: requestSeed(deriveSeed(seed, "best-of-n"), prompt.id),
      });
      const best = texts[bestIndex(texts.map((text) => moneyQuestion(text.text, text.finished)))];
      if (best) chosen.push({ prompt: prompt.prompt as string, completion: best });
    }
    let bonEnd = start;
    const bonPoints = [point(start, 0)];
    const bonDiversity = [{ step: 0, entropy: start.entropy, distinct2: start.distinct2 }];
    for (let epoch = 1; epoch <= settings.rounds; epoch++) {
      sftEpoch(bonPolicy, chosen, settings.learning_rate);
      const evaluation = evaluate(bonPolicy, epoch, "best-of-n");
      bonEnd = evaluation;
      bonPoints.push(point(evaluation, epoch));
      bonDiversity.push({ step: epoch, entropy: evaluation.entropy, distinct2: evaluation.distinct2 });
    }
    diversity.push({ method: "best_of_n_ft", points: bonDiversity });
    const curves: Curve[] = [
      { method: "raft", optimizer: "raft", points: raftPoints },
      { method: "best_of_n_ft", optimizer: "best_of_n_sft", points: bonPoints },
    ];
    const claims = raftClaims({ curves, diversity });
    const results = {
      experiment: "raft",
      seed,
      curves,
      claims,
      settings,
      corpus: world.corpus.source,
      diversity,
      raft_rounds: rounds,
      examples: {
        base: start.samples.slice(0, 3).map((sample) => sample.prompt + sample.completion.text),
        raft: raftEnd.samples.slice(0, 3).map((sample) => sample.prompt + sample.completion.text),
        best_of_n_ft: bonEnd.samples.slice(0, 3).map((sample) => sample.prompt + sample.completion.text),
      },
    };
    return { results, sections: raftReport(results) };
  },
});
