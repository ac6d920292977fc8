import { Matrix, solve } from "ml-matrix";
import type { NgramModel } from "./char-ngram.js";

/**
 * A linear value head over prefixes, V(s) = wᵀφ(s), for VAS (rm-rl.md §22: a value of prefixes fit by
 * TD(λ) on samples of the frozen model scored at the end). φ: a bias, the prefix length, how often
 * each character occurs in it, and the last two characters hashed into buckets — a bag of characters,
 * nothing about the reward itself.
 */
export class ValueHead {
  readonly #model: NgramModel;
  readonly #maxChars: number;
  #weights: number[];
  static readonly buckets = 64;

  constructor(model: NgramModel, maxChars: number) {
    this.#model = model;
    this.#maxChars = maxChars;
    this.#weights = new Array<number>(this.size).fill(0);
  }

  get size(): number {
    return 2 + this.#model.vocabulary.length + ValueHead.buckets;
  }

  features(text: string): number[] {
    const vocabulary = this.#model.vocabulary.length;
    const out = new Array<number>(this.size).fill(0);
    out[0] = 1;
    out[1] = text.length / this.#maxChars;
    for (const char of text) {
      const index = this.#model.index(char) ?? 0;
      out[2 + index] = (out[2 + index] as number) + 1;
    }
    const last = text.slice(-2);
    let hash = 7;
    for (const char of last) hash = (hash * 31 + char.charCodeAt(0)) % ValueHead.buckets;
    out[2 + vocabulary + hash] = 1;
    return out;
  }

  value(text: string): number {
    const features = this.features(text);
    let total = 0;
    for (let index = 0; index < features.length; index++)
      total += (features[index] as number) * (this.#weights[index] as number);
    return total;
  }

  /**
   * Fitted TD(λ): targets G_T = R at the end of each text, G_t = (1 − λ)·V(s_{t+1}) + λ·G_{t+1} before
   * it; V is refit to the targets by ridge least squares, `iterations` times (the first fit, with V = 0,
   * bootstraps from nothing but the (1 − λ)-discounted returns). λ = 1 is Monte-Carlo regression.
   */
  fit(input: {
    texts: readonly { text: string; reward: number }[];
    lambda: number;
    iterations: number;
    ridge: number;
  }): void {
    const rows: number[][] = [];
    const spans: { start: number; length: number; reward: number }[] = [];
    for (const { text, reward } of input.texts) {
      spans.push({ start: rows.length, length: text.length + 1, reward });
      for (let end = 0; end <= text.length; end++) rows.push(this.features(text.slice(0, end)));
    }
    const design = new Matrix(rows);
    const transposed = design.transpose();
    const gram = transposed.mmul(design).add(Matrix.eye(this.size).mul(input.ridge));
    for (let iteration = 0; iteration < Math.max(1, input.iterations); iteration++) {
      const targets = new Array<number>(rows.length).fill(0);
      for (const span of spans) {
        let next = span.reward;
        targets[span.start + span.length - 1] = next;
        for (let offset = span.length - 2; offset >= 0; offset--) {
          const following = rows[span.start + offset + 1] as number[];
          let bootstrap = 0;
          for (let index = 0; index < following.length; index++)
            bootstrap += (following[index] as number) * (this.#weights[index] as number);
          next = (1 - input.lambda) * bootstrap + input.lambda * next;
          targets[span.start + offset] = next;
        }
      }
      this.#weights = solve(gram, transposed.mmul(Matrix.columnVector(targets))).getColumn(0);
    }
  }
}
