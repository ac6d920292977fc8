import { sigmoid } from "../../core/index.js";
import { contextRadix, type NgramModel } from "./char-ngram.js";

/** A generated text and whether the model ended it (drew END) rather than running out of characters. */
export interface TinyText {
  text: string;
  finished: boolean;
}

/** ∇ of a sum of log-probabilities with respect to the policy's logit offsets, by context key. */
export type Gradient = Map<number, Float64Array>;

/**
 * A character policy: the frozen n-gram's log-probabilities plus learnt logit offsets keyed by the
 * last `contextLength` characters, logits(c | h) = log P_base(c | h) + δ[h₋ₘ..](c). Offsets are shared
 * by every text that reaches the same context, so what is learnt on one prompt moves the others, as
 * a language model's weights do. Fine-tuning is exact gradient ascent on these offsets.
 */
export class TinyPolicy {
  readonly base: NgramModel;
  readonly contextLength: number;
  readonly offsets: Map<number, Float64Array>;
  readonly #modulus: number;
  /** Scratch space of `draw` (sampling is the lab's hot loop). */
  #weights = new Float64Array(0);

  constructor(base: NgramModel, contextLength: number, offsets?: Map<number, Float64Array>) {
    if (contextLength > base.order - 1)
      throw new RangeError(`contextLength must be ≤ order − 1 = ${base.order - 1}`);
    this.base = base;
    this.contextLength = contextLength;
    this.offsets = offsets ?? new Map();
    this.#modulus = contextRadix ** contextLength;
  }

  /** A copy whose offsets do not change with this one (DPO's reference, DNO's π_t). */
  clone(): TinyPolicy {
    const offsets = new Map<number, Float64Array>();
    for (const [key, values] of this.offsets) offsets.set(key, values.slice());
    return new TinyPolicy(this.base, this.contextLength, offsets);
  }

  /** log π(· | context) at temperature t. */
  logProbsAt(code: number, temperature = 1): Float64Array {
    const base = this.base.logProbsOf(code);
    const offset = this.offsets.get(code % this.#modulus);
    const out = new Float64Array(base.length);
    let max = Number.NEGATIVE_INFINITY;
    for (let char = 0; char < base.length; char++) {
      const logit = ((base[char] as number) + (offset ? (offset[char] as number) : 0)) / temperature;
      out[char] = logit;
      if (logit > max) max = logit;
    }
    let total = 0;
    for (let char = 0; char < out.length; char++) total += Math.exp((out[char] as number) - max);
    const logTotal = max + Math.log(total);
    for (let char = 0; char < out.length; char++) out[char] = (out[char] as number) - logTotal;
    return out;
  }

  /** log π(· | text). */
  logProbs(text: string, temperature = 1): Float64Array {
    return this.logProbsAt(this.base.codeOf(text), temperature);
  }

  /** Samples a continuation of `prompt` (temperature 0 is greedy) up to `maxChars` characters. */
  sample(prompt: string, options: { temperature: number; maxChars: number; random: () => number }): TinyText {
    let text = "";
    const vocabulary = this.base.vocabulary;
    let code = this.base.codeOf(prompt);
    for (let step = 0; step < options.maxChars; step++) {
      const char = this.draw(code, options.temperature, options.random);
      if (char === 0) return { text, finished: true };
      text += vocabulary[char] as string;
      code = this.base.advance(code, char);
    }
    return { text, finished: false };
  }

  /** One character index drawn at `code` (temperature ≤ 0: the most likely). */
  draw(code: number, temperature: number, random: () => number): number {
    const base = this.base.logProbsOf(code);
    const offset = this.offsets.get(code % this.#modulus);
    const size = base.length;
    if (this.#weights.length !== size) this.#weights = new Float64Array(size);
    const weights = this.#weights;
    let best = 0;
    let max = Number.NEGATIVE_INFINITY;
    for (let char = 0; char < size; char++) {
      const logit = (base[char] as number) + (offset ? (offset[char] as number) : 0);
      weights[char] = logit;
      if (logit > max) {
        max = logit;
        best = char;
      }
    }
    if (temperature <= 0) return best;
    let total = 0;
    for (let char = 0; char < size; char++) {
      const weight = Math.exp(((weights[char] as number) - max) / temperature);
      weights[char] = weight;
      total += weight;
    }
    let target = random() * total;
    for (let char = 0; char < size; char++) {
      target -= weights[char] as number;
      if (target < 0) return char;
    }
    return size - 1;
  }

  /** Calls `visit(code, char)` for each position of the completion (and END when it finished). */
  #walk(prompt: string, completion: TinyText, visit: (code: number, char: number) => void): number {
    let code = this.base.codeOf(prompt);
    let count = 0;
    for (const char of completion.text) {
      const index = this.base.index(char) ?? 0;
      visit(code, index);
      code = this.base.advance(code, index);
      count++;
    }
    if (completion.finished) {
      visit(code, 0);
      count++;
    }
    return count;
  }

  /** log π(completion [+ END] | prompt). */
  logProb(prompt: string, completion: TinyText): number {
    let total = 0;
    this.#walk(prompt, completion, (code, char) => {
      total += this.logProbsAt(code)[char] as number;
    });
    return total;
  }

  /** Adds weight × ∇ log π(completion | prompt) to `into`: Σ over positions of (onehot(c) − π(·|h)). */
  accumulate(prompt: string, completion: TinyText, weight: number, into: Gradient): void {
    this.#walk(prompt, completion, (code, char) => {
      const logs = this.logProbsAt(code);
      const key = code % this.#modulus;
      let gradient = into.get(key);
      if (!gradient) {
        gradient = new Float64Array(logs.length);
        into.set(key, gradient);
      }
      for (let index = 0; index < logs.length; index++) {
        gradient[index] = (gradient[index] as number) - weight * Math.exp(logs[index] as number);
      }
      gradient[char] = (gradient[char] as number) + weight;
    });
  }

  /** Gradient ascent: δ += learningRate × gradient. */
  apply(gradient: Gradient, learningRate: number): void {
    for (const [key, values] of gradient) {
      let offset = this.offsets.get(key);
      if (!offset) {
        offset = new Float64Array(values.length);
        this.offsets.set(key, offset);
      }
      for (let char = 0; char < values.length; char++) {
        offset[char] = (offset[char] as number) + learningRate * (values[char] as number);
      }
    }
  }

  /**
   * Along a text: Σ over its positions of KL(π(·|h) ‖ reference(·|h)), exact at each step (along texts
   * sampled from π its mean is KL(π ‖ reference) over whole texts, by the chain rule), and the mean
   * per-character entropy of π (how spread its choices are there).
   */
  statsAlong(prompt: string, completion: TinyText, reference: TinyPolicy): { kl: number; entropy: number } {
    let kl = 0;
    let entropy = 0;
    const count = this.#walk(prompt, completion, (code) => {
      const mine = this.logProbsAt(code);
      const theirs = reference === this ? mine : reference.logProbsAt(code);
      for (let char = 0; char < mine.length; char++) {
        const log = mine[char] as number;
        if (log === Number.NEGATIVE_INFINITY) continue;
        const probability = Math.exp(log);
        kl += probability * (log - (theirs[char] as number));
        entropy -= probability * log;
      }
    });
    return { kl: Math.max(0, kl), entropy: count === 0 ? 0 : entropy / count };
  }

  /** KL along a text (see statsAlong). */
  klAlong(prompt: string, completion: TinyText, reference: TinyPolicy): number {
    return this.statsAlong(prompt, completion, reference).kl;
  }

  /** Mean per-character entropy along a text (see statsAlong). */
  entropyAlong(prompt: string, completion: TinyText): number {
    return this.statsAlong(prompt, completion, this).entropy;
  }
}

/** One epoch of supervised fine-tuning: a step up log π(y | x) for each example in turn. */
export function sftEpoch(
  policy: TinyPolicy,
  examples: readonly { prompt: string; completion: TinyText }[],
  learningRate: number,
): void {
  for (const example of examples) {
    const gradient: Gradient = new Map();
    policy.accumulate(example.prompt, example.completion, 1, gradient);
    policy.apply(gradient, learningRate);
  }
}

/**
 * One epoch of DPO (Rafailov et al. 2023) in minibatches: ascend log σ(β[(log π(y⁺) − log π_ref(y⁺)) −
 * (log π(y⁻) − log π_ref(y⁻))]); its gradient is β(1 − σ(·))·(∇log π(y⁺) − ∇log π(y⁻)).
 */
export function dpoEpoch(input: {
  policy: TinyPolicy;
  reference: TinyPolicy;
  pairs: readonly { prompt: string; chosen: TinyText; rejected: TinyText }[];
  beta: number;
  learningRate: number;
  batchSize: number;
}): void {
  const { policy, reference, beta } = input;
  const referenceLogs = input.pairs.map((pair) => ({
    chosen: reference.logProb(pair.prompt, pair.chosen),
    rejected: reference.logProb(pair.prompt, pair.rejected),
  }));
  for (let start = 0; start < input.pairs.length; start += input.batchSize) {
    const gradient: Gradient = new Map();
    const batch = input.pairs.slice(start, start + input.batchSize);
    batch.forEach((pair, offset) => {
      const logs = referenceLogs[start + offset] as { chosen: number; rejected: number };
      const margin =
        beta *
        (policy.logProb(pair.prompt, pair.chosen) -
          logs.chosen -
          (policy.logProb(pair.prompt, pair.rejected) - logs.rejected));
      const weight = (beta * (1 - sigmoid(margin))) / batch.length;
      policy.accumulate(pair.prompt, pair.chosen, weight, gradient);
      policy.accumulate(pair.prompt, pair.rejected, -weight, gradient);
    });
    policy.apply(gradient, input.learningRate);
  }
}
