/**
 * Inferring the latent of the `meta-representation` experiment from played episodes (reconstructed:
 * Meta Representations for MARL adapts the latent on a new game from a few episodes). During training
 * each latent mode's signature — how often the other players chose each action — is counted; after an
 * episode on a new game the belief over modes is the Bayes posterior of the others' observed choices
 * under each signature (a multinomial likelihood with add-one smoothing).
 */
export interface ModeSignatures {
  /** [mode][action] → how often others chose the action while the population was in that mode. */
  counts: number[][];
}

export function createModeSignatures(modes: number, actions: number): ModeSignatures {
  return { counts: Array.from({ length: modes }, () => new Array<number>(actions).fill(0)) };
}

/** Adds the others' choices of one round (counts per action) to a mode's signature. */
export function recordChoices(signatures: ModeSignatures, mode: number, choices: readonly number[]): void {
  const row = signatures.counts[mode];
  if (!row) throw new RangeError(`no mode ${mode}`);
  choices.forEach((count, action) => {
    row[action] = (row[action] as number) + count;
  });
}

/** The posterior over modes after observing `choices` (per action, summed over an episode's rounds). */
export function updateBelief(input: {
  signatures: ModeSignatures;
  belief: readonly number[];
  choices: readonly number[];
}): number[] {
  const logs = input.signatures.counts.map((row, mode) => {
    const total = row.reduce((sum, count) => sum + count + 1, 0);
    const likelihood = input.choices.reduce(
      (sum, count, action) => sum + count * Math.log(((row[action] as number) + 1) / total),
      0,
    );
    return Math.log(input.belief[mode] as number) + likelihood;
  });
  const top = Math.max(...logs);
  const weights = logs.map((value) => Math.exp(value - top));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return weights.map((weight) => weight / total);
}
