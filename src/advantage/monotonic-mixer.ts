/**
 * A state-independent monotonic value mixer (QMIX's constraint ∂Q_tot/∂Q_a ≥ 0, Rashid et al. 2018,
 * reconstructed without the state hypernetwork): the team return of each episode g is fitted as
 * R_g ≈ b + Σ_a w_a·q_{a,g} with every w_a ≥ 0, by non-negative least squares (cyclic coordinate
 * descent, deterministic). VDN (Sunehag et al. 2017) is the special case w_a = 1, b = 0.
 */
export interface MixerFit {
  weights: number[];
  bias: number;
  /** Share of the team returns' variance the mixer explains (NaN when they do not vary). */
  explained: number;
}

/**
 * Fits the mixer. `utilities[g][a]` is agent a's utility in episode g (0 where it did not take part);
 * `returns[g]` the team return.
 */
export function fitMonotonicMixer(input: {
  utilities: readonly (readonly number[])[];
  returns: readonly number[];
  sweeps?: number;
}): MixerFit {
  const episodes = input.returns.length;
  const agents = input.utilities[0]?.length ?? 0;
  const column = (a: number) => input.utilities.map((row) => row[a] as number);
  // Centre everything: the bias then drops out of the coordinate updates.
  const meanOf = (values: readonly number[]) =>
    values.reduce((total, value) => total + value, 0) / values.length;
  const returnMean = meanOf(input.returns);
  const columns = Array.from({ length: agents }, (_, a) => {
    const values = column(a);
    const mean = meanOf(values);
    return { mean, centred: values.map((value) => value - mean) };
  });
  const target = input.returns.map((value) => value - returnMean);
  const weights = new Array<number>(agents).fill(0);
  const residual = [...target];
  for (let sweep = 0; sweep < (input.sweeps ?? 500); sweep++) {
    let change = 0;
    for (let a = 0; a < agents; a++) {
      const { centred } = columns[a] as { centred: number[] };
      let dot = 0;
      let norm = 0;
      for (let g = 0; g < episodes; g++) {
        dot +=
          (centred[g] as number) *
          ((residual[g] as number) + (weights[a] as number) * (centred[g] as number));
        norm += (centred[g] as number) ** 2;
      }
      const updated = norm > 0 ? Math.max(0, dot / norm) : 0;
      const step = updated - (weights[a] as number);
      if (step !== 0) {
        for (let g = 0; g < episodes; g++)
          residual[g] = (residual[g] as number) - step * (centred[g] as number);
        weights[a] = updated;
        change = Math.max(change, Math.abs(step));
      }
    }
    if (change < 1e-12) break;
  }
  const bias = returnMean - weights.reduce((total, weight, a) => total + weight * (columns[a]?.mean ?? 0), 0);
  const total = target.reduce((sum, value) => sum + value * value, 0);
  const unexplained = residual.reduce((sum, value) => sum + value * value, 0);
  return { weights, bias, explained: total > 0 ? 1 - unexplained / total : Number.NaN };
}
