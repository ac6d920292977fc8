/**
 * Value Augmented Sampling (Han et al. 2024, rm-rl.md §22; the decoding rule of TRL's VAS sampler):
 * the frozen model's top-k next tokens are reweighted by a value estimate of the prefix each would
 * make, centred within the top-k: logits' = logits + β·(V(s + a) − mean_{a' ∈ top-k} V(s + a')).
 */

export interface VasStep {
  /** The reweighted logits (tokens outside the top-k unchanged). */
  logits: number[];
  /** The indices of the top-k tokens by the base logits. */
  top: number[];
  /** The centred values added (0 outside the top-k). */
  centred: number[];
}

/**
 * @example vasLogits({ logits: [2, 1, 0.5, -1], values: [0, 1, 0.2, 5], topK: 3, beta: 2 }).logits // [1.2, 2.2, 0.1, -1]
 */
export function vasLogits(input: {
  logits: readonly number[];
  /** V(s + a) for each token; only the top-k entries are read. */
  values: readonly number[];
  topK: number;
  /** β = 1/β_KL: 0 is the base model, larger moves further toward high value. */
  beta: number;
}): VasStep {
  const { logits, values, beta } = input;
  const top = logits
    .map((_, index) => index)
    .sort((a, b) => (logits[b] as number) - (logits[a] as number) || a - b)
    .slice(0, Math.max(1, input.topK));
  const mean = top.reduce((sum, index) => sum + (values[index] as number), 0) / top.length;
  const centred = logits.map(() => 0);
  for (const index of top) centred[index] = (values[index] as number) - mean;
  return { logits: logits.map((logit, index) => logit + beta * (centred[index] as number)), top, centred };
}

/** softmax(logits). */
export function softmax(logits: readonly number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((logit) => Math.exp(logit - max));
  const total = exps.reduce((sum, value) => sum + value, 0);
  return exps.map((value) => value / total);
}

/**
 * VAS over a server's top-k log-probabilities, where the rest of the vocabulary is one unknown block
 * that keeps its base mass (its values are 0 after centring): the new probabilities of the top-k
 * tokens, of the rest, and the step's exact KL(π_VAS ‖ π_base).
 */
export function vasTopK(input: {
  /** log π_base(a | s) of the top-k tokens. */
  logprobs: readonly number[];
  values: readonly number[];
  beta: number;
}): { probabilities: number[]; rest: number; restBase: number; kl: number } {
  const { logprobs, values, beta } = input;
  const base = logprobs.map((logprob) => Math.exp(logprob));
  const restBase = Math.max(0, 1 - base.reduce((sum, value) => sum + value, 0));
  const mean = values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
  const tilted = base.map(
    (probability, index) => probability * Math.exp(beta * ((values[index] as number) - mean)),
  );
  const total = tilted.reduce((sum, value) => sum + value, 0) + restBase;
  const probabilities = tilted.map((value) => value / total);
  const rest = restBase / total;
  let kl = rest > 0 ? rest * Math.log(rest / restBase) : 0;
  probabilities.forEach((probability, index) => {
    if (probability > 0) kl += probability * Math.log(probability / (base[index] as number));
  });
  return { probabilities, rest, restBase, kl: Math.max(0, kl) };
}
