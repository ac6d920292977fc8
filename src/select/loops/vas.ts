import { type Context, mulberry32, type Reward } from "../../core/index.js";
import { requestSeed, type TextGenerator } from "../generation/text-generator.js";
import { vasTopK } from "../vas.js";
import { type PromptRow, sampleOf, scoreSamples } from "./scoring.js";

/**
 * Value Augmented Sampling through a server (rm-rl.md §22): token by token, the frozen model's
 * top-k next tokens (`logprobs`) are reweighted by β times the centred value of the prefix each
 * would make, and the next token is drawn from the result. The value estimate is any reward scored
 * on prefixes (a reward model, or a value head trained on the base model's samples). The rest of the
 * vocabulary keeps its base mass; when it is drawn, one token is sampled from the model and redrawn
 * while it falls in the top-k (at most 8 times). The KL to the base model is exact per step.
 */
export interface VasOptions {
  generator: TextGenerator;
  /** V(s): scored on (prompt, prefix). */
  value: Reward;
  context: Context;
  topK: number;
  beta: number;
  maxTokens: number;
  stop?: readonly string[] | undefined;
  seed: number;
}

export interface VasResult {
  text: string;
  finished: boolean;
  tokens: number;
  /** Σ over steps of KL(π_VAS(·|s) ‖ π_base(·|s)) along the decoded path. */
  kl: number;
  /** Steps whose token came from outside the top-k. */
  outside: number;
  /** Value scores that carried an error. */
  errored: number;
}

export async function vasDecode(
  options: VasOptions & { prompt: PromptRow; sample?: number },
): Promise<VasResult> {
  const { generator, prompt } = options;
  const random = mulberry32(requestSeed(options.seed, "vas", prompt.id, options.sample ?? 0));
  let text = "";
  let kl = 0;
  let outside = 0;
  let errored = 0;
  for (let step = 0; step < options.maxTokens; step++) {
    const top = await generator.nextTokens(
      { prompt: prompt.prompt, prefix: text, k: options.topK },
      options.context.signal,
    );
    // Ending leaves the text as it is: its value is the value of the prefix itself.
    const samples = top.map((candidate, index) =>
      sampleOf(
        prompt,
        generator.endTokens.has(candidate.token) ? text : text + candidate.token,
        `${prompt.id}-vas${step}-${index}`,
      ),
    );
    const values = await scoreSamples({ reward: options.value, context: options.context, samples });
    errored += values.filter((row) => row.error !== undefined).length;
    const tilted = vasTopK({
      logprobs: top.map((candidate) => candidate.logprob),
      values: values.map((row) => row.reward),
      beta: options.beta,
    });
    kl += tilted.kl;
    let token: string | undefined;
    let target = random();
    for (let index = 0; index < top.length; index++) {
      target -= tilted.probabilities[index] as number;
      if (target < 0) {
        token = (top[index] as { token: string }).token;
        break;
      }
    }
    if (token === undefined) {
      outside++;
      const drawn = await drawOutside(options, text, new Set(top.map((candidate) => candidate.token)), step);
      if (drawn === undefined) return { text, finished: true, tokens: step, kl, outside, errored };
      token = drawn;
    }
    if (generator.endTokens.has(token))
      return { text, finished: true, tokens: step + 1, kl, outside, errored };
    text += token;
    const stop = options.stop?.find((sequence) => text.includes(sequence));
    if (stop !== undefined)
      return {
        text: text.slice(0, text.indexOf(stop)),
        finished: true,
        tokens: step + 1,
        kl,
        outside,
        errored,
      };
  }
  return { text, finished: false, tokens: options.maxTokens, kl, outside, errored };
}

/** One token from the model outside the top-k (undefined when the model ends the text there). */
async function drawOutside(
  options: VasOptions & { prompt: PromptRow },
  prefix: string,
  top: ReadonlySet<string>,
  step: number,
): Promise<string | undefined> {
  let fallback = "";
  for (let attempt = 0; attempt < 8; attempt++) {
    const [drawn] = await options.generator.extend(
      {
        prompt: options.prompt.prompt,
        prefix,
        n: 1,
        settings: { temperature: 1, maxTokens: 1 },
        seed: requestSeed(options.seed, "vas-outside", options.prompt.id, step, attempt),
      },
      options.context.signal,
    );
    if (!drawn || (drawn.text === "" && drawn.finished)) return undefined;
    if (!top.has(drawn.text)) return drawn.text;
    fallback = drawn.text;
  }
  return fallback;
}
