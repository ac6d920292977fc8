import { z } from "zod";
import { createContext } from "../../core/index.js";
import { type DnoPair, distinctNgrams, dnoIteration, type ScoredRow } from "../../select/index.js";
import { moneyQuestion, textReward } from "../language/text-reward.js";
import { TinyGenerator } from "../language/tiny-generator.js";
import { dpoEpoch, type TinyPolicy, type TinyText } from "../language/tiny-policy.js";
import { deriveSeed } from "../random.js";
import { dnoReport } from "../report/dno-report.js";
import type { Curve } from "../results.js";
import {
  evaluatePolicy,
  type PolicyEvaluation,
  questionWorld,
  questionWorldOptions,
} from "../worlds/language-world.js";
import { dnoClaims, winRate } from "./dno-claims.js";
import { defineExperiment } from "./experiment.js";

const options = z.object({
  ...questionWorldOptions({ prompts: 32 }),
  k: z.number().int().min(2).default(8).describe("On-policy samples per prompt per iteration."),
  rounds: z
    .number()
    .int()
    .min(1)
    .default(4)
    .describe("DNO iterations; the offline baseline gets rounds × k base samples a prompt at once."),
  beta: z.number().positive().default(0.5).describe("DPO's β (η in DNO)."),
  learning_rate: z
    .number()
    .positive()
    .default(16)
    .describe(
      "DPO step on the policy's logit offsets. A pair's gradient is β(1 − σ)/batch ≈ 0.03 of an SFT example's at the start, so 16 takes steps of RAFT's SFT size (0.5).",
    ),
  min_margin: z.number().min(0).default(1).describe("Pairs need a reward margin of at least this."),
  max_chars: z.number().int().min(8).default(60).describe("Characters per sample at most."),
  eval_per_prompt: z
    .number()
    .int()
    .min(1)
    .default(8)
    .describe("Samples per prompt when a policy is evaluated (and compared with the base)."),
});

type Settings = z.output<typeof options>;

function textOf(row: ScoredRow | undefined): TinyText {
  return { text: row?.completion as string, finished: row?.meta?.truncated !== true };
}

/** The pairs of an iteration as the tiny policy's DPO reads them (the sample's END state kept). */
function trainingPairs(pairs: readonly DnoPair[], samples: readonly ScoredRow[]) {
  const byId = new Map(samples.map((row) => [row.id, row]));
  return pairs.map((pair) => ({
    prompt: pair.prompt as string,
    chosen: textOf(byId.get(pair.chosen_id)),
    rejected: textOf(byId.get(pair.rejected_id)),
  }));
}

export const dno = defineExperiment({
  name: "dno",
  summary:
    "Direct Nash Optimization's pair mining on a tiny character model of GSM8K questions: on-policy iterations (DPO against the previous iterate) against one round of offline pairs from the base model with the same samples and DPO steps, judged by the gold win rate against the base.",
  papers: ["Direct Nash Optimization (Rosset et al. 2024)"],
  options,
  quick: { questions: 600, prompts: 10, k: 4, rounds: 2, eval_per_prompt: 4, max_chars: 40 },
  async run(settings: Settings, seed) {
    const world = questionWorld({
      questions: settings.questions,
      order: settings.order,
      prompts: settings.prompts,
      promptWords: settings.prompt_words,
      seed,
    });
    const base = world.basePolicy();
    const gold = (text: TinyText) => moneyQuestion(text.text, text.finished);
    const oracle = textReward("money_question", (text, sample) =>
      moneyQuestion(text, sample.meta?.truncated !== true),
    );
    const context = createContext({ runId: `dno-${seed}` });
    const evaluate = (policy: TinyPolicy, label: string) =>
      evaluatePolicy({
        policy,
        base,
        prompts: world.prompts,
        perPrompt: settings.eval_per_prompt,
        maxChars: settings.max_chars,
        seed: deriveSeed(seed, `evaluate-${label}`),
        reward: gold,
        distinct: (texts) => distinctNgrams(texts, { n: 2 }),
      });
    const start = evaluate(base, "base");
    const versusBase = (evaluation: PolicyEvaluation) =>
      winRate({
        policy: evaluation.samples.map((sample) => gold(sample.completion)),
        base: start.samples.map((sample) => gold(sample.completion)),
        perPrompt: settings.eval_per_prompt,
      });
    const point = (evaluation: PolicyEvaluation, step: number) => ({
      kl: evaluation.kl,
      proxy: evaluation.reward,
      gold: evaluation.reward,
      step,
    });
    const dpo = { beta: settings.beta, learningRate: settings.learning_rate, batchSize: 8 };
    const mining = {
      reward: oracle,
      context,
      prompts: world.prompts,
      pairing: "best_worst" as const,
      minMargin: settings.min_margin,
      preference: "reward" as const,
      settings: { temperature: 1, maxTokens: settings.max_chars },
    };

    // DNO-Prct: each iteration samples from π_t, mines best-vs-worst pairs with a margin, and takes
    // a DPO epoch with π_t itself as the reference (rlhf.md §16: the reference is the previous iterate).
    const policy = base.clone();
    const dnoPoints = [point(start, 0)];
    const dnoWins = [{ step: 0, win_rate: 0.5 }];
    const iterations = [];
    let dnoEnd = start;
    for (let round = 1; round <= settings.rounds; round++) {
      const result = await dnoIteration({
        ...mining,
        generator: new TinyGenerator(() => policy),
        k: settings.k,
        seed: deriveSeed(seed, "dno"),
        round,
      });
      iterations.push(result.stats);
      dpoEpoch({
        ...dpo,
        policy,
        reference: policy.clone(),
        pairs: trainingPairs(result.pairs, result.samples),
      });
      dnoEnd = evaluate(policy, `dno-${round}`);
      dnoPoints.push(point(dnoEnd, round));
      dnoWins.push({ step: round, win_rate: versusBase(dnoEnd) });
    }

    // One round of offline pairs: rounds × k base samples a prompt at once (the same samples), mined
    // in groups of k (the same pairs per prompt), one DPO epoch over them all against π_0 (the same
    // pair updates).
    const offlinePolicy = base.clone();
    const offlinePairs: ReturnType<typeof trainingPairs> = [];
    const offlineStats = [];
    for (let group = 1; group <= settings.rounds; group++) {
      const result = await dnoIteration({
        ...mining,
        generator: new TinyGenerator(() => base),
        k: settings.k,
        seed: deriveSeed(seed, "offline"),
        round: group,
      });
      offlineStats.push(result.stats);
      offlinePairs.push(...trainingPairs(result.pairs, result.samples));
    }
    dpoEpoch({ ...dpo, policy: offlinePolicy, reference: base, pairs: offlinePairs });
    const offlineEnd = evaluate(offlinePolicy, "offline");
    const offlineWin = versusBase(offlineEnd);

    const curves: Curve[] = [
      { method: "dno", optimizer: "dpo_on_policy", points: dnoPoints },
      {
        method: "offline_pairs",
        optimizer: "dpo_offline",
        points: [point(start, 0), point(offlineEnd, settings.rounds)],
      },
    ];
    const claims = dnoClaims({
      dnoWins,
      offlineWin,
      pairs: {
        dno: iterations.reduce((sum, stats) => sum + stats.pairs, 0),
        offline: offlinePairs.length,
      },
    });
    const results = {
      experiment: "dno",
      seed,
      curves,
      claims,
      settings,
      corpus: world.corpus.source,
      win_rates: [
        { method: "dno", points: dnoWins },
        {
          method: "offline_pairs",
          points: [
            { step: 0, win_rate: 0.5 },
            { step: settings.rounds, win_rate: offlineWin },
          ],
        },
      ],
      iterations,
      offline: offlineStats,
      examples: {
        base: start.samples.slice(0, 3).map((sample) => sample.prompt + sample.completion.text),
        dno: dnoEnd.samples.slice(0, 3).map((sample) => sample.prompt + sample.completion.text),
        offline_pairs: offlineEnd.samples.slice(0, 3).map((sample) => sample.prompt + sample.completion.text),
      },
    };
    return { results, sections: dnoReport(results) };
  },
});
