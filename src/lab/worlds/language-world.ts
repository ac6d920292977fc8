import { z } from "zod";
import type { PromptRow } from "../../select/index.js";
import { type NgramModel, trainNgram } from "../language/char-ngram.js";
import { type Corpus, questionCorpus } from "../language/corpus.js";
import { TinyPolicy, type TinyText } from "../language/tiny-policy.js";
import { deriveSeed, labRandom } from "../random.js";

/**
 * The text world of the selection experiments: a character n-gram trained on GSM8K questions (read
 * at run time; a generated corpus when the file is absent) is the frozen base model; prompts are the
 * first words of other questions.
 */
/**
 * The options every tiny-language-model experiment shares: the base model's corpus and order, and
 * the prompts it is asked (`prompts` defaults per experiment; b-star calls them training prompts).
 */
export function questionWorldOptions(defaults: { prompts: number; promptsText?: string }) {
  return {
    questions: z
      .number()
      .int()
      .min(100)
      .default(2000)
      .describe("GSM8K training questions the base model is trained on."),
    order: z.number().int().min(2).max(6).default(5).describe("The base model's n-gram order (characters)."),
    prompts: z
      .number()
      .int()
      .min(2)
      .default(defaults.prompts)
      .describe(defaults.promptsText ?? "Prompts (the first words of held-out questions)."),
    prompt_words: z.number().int().min(1).default(2).describe("Words of a question that make a prompt."),
  };
}

export interface QuestionWorld {
  corpus: Corpus;
  model: NgramModel;
  prompts: PromptRow[];
  /** A fresh policy (no offsets) over the base model. */
  basePolicy(): TinyPolicy;
}

export function questionWorld(input: {
  questions: number;
  order: number;
  prompts: number;
  promptWords: number;
  seed: number;
}): QuestionWorld {
  const all = questionCorpus(input.questions + 1000);
  const training = all.texts.slice(0, input.questions);
  const heldOut = all.texts.slice(input.questions);
  const model = trainNgram({ texts: training, order: input.order });
  const random = labRandom(deriveSeed(input.seed, "prompts"));
  const order = heldOut.map((_, index) => index);
  for (let index = order.length - 1; index > 0; index--) {
    const other = random.int(index + 1);
    [order[index], order[other]] = [order[other] as number, order[index] as number];
  }
  const prompts = order.slice(0, input.prompts).map((at, index) => ({
    id: `q${index}`,
    prompt: `${(heldOut[at] as string).split(" ").slice(0, input.promptWords).join(" ")} `,
  }));
  return {
    corpus: { ...all, texts: training },
    model,
    prompts,
    basePolicy: () => new TinyPolicy(model, input.order - 1),
  };
}

/** What sampling a policy on every prompt gives: mean reward, KL to the base, entropy and diversity. */
export interface PolicyEvaluation {
  reward: number;
  /** Mean over samples of Σ_t KL(π(·|h_t) ‖ π_base(·|h_t)) along the sample: KL(π ‖ π_base) in nats. */
  kl: number;
  /** Mean per-character entropy of the policy along its samples (nats). */
  entropy: number;
  /** Distinct word bigrams over all samples (distinct-2). */
  distinct2: number;
  samples: { prompt: string; completion: TinyText }[];
}

export function evaluatePolicy(input: {
  policy: TinyPolicy;
  base: TinyPolicy;
  prompts: readonly PromptRow[];
  perPrompt: number;
  maxChars: number;
  seed: number;
  reward: (text: TinyText, prompt: string) => number;
  distinct: (texts: string[]) => number;
}): PolicyEvaluation {
  const random = labRandom(input.seed);
  let reward = 0;
  let kl = 0;
  let entropy = 0;
  const samples: { prompt: string; completion: TinyText }[] = [];
  for (const row of input.prompts) {
    const prompt = row.prompt as string;
    for (let draw = 0; draw < input.perPrompt; draw++) {
      const completion = input.policy.sample(prompt, {
        temperature: 1,
        maxChars: input.maxChars,
        random: random.next,
      });
      reward += input.reward(completion, prompt);
      const along = input.policy.statsAlong(prompt, completion, input.base);
      kl += along.kl;
      entropy += along.entropy;
      samples.push({ prompt, completion });
    }
  }
  const count = samples.length;
  return {
    reward: reward / count,
    kl: kl / count,
    entropy: entropy / count,
    distinct2: input.distinct(samples.map((sample) => sample.completion.text)),
    samples,
  };
}
