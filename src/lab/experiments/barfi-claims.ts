import { type Claim, claim } from "../results.js";
import type { BarfiOptions } from "./barfi.js";

export type Heuristic = "helpful" | "misleading";
export type BarfiMethod = "primary" | "naive" | "barfi" | "blend_node";

/** One learner's evaluations: success rate and blend weight at each. */
export interface BarfiRun {
  method: BarfiMethod;
  success: number[];
  weights: number[];
}

/** Naive addition "fails" when its final success rate is at most this. */
export const failureCeiling = 0.2;
/** A learner "learns faster" when it needs at most this share of the other's updates. */
export const speedupShare = 0.75;

function tail(values: readonly number[]): number {
  const count = Math.max(1, Math.round(values.length / 4));
  const last = values.slice(values.length - count);
  return last.reduce((sum, value) => sum + value, 0) / last.length;
}

/** Updates until the evaluated success rate first reaches `rate` (iterations + evaluate_every when never). */
function updatesToLearn(success: readonly number[], settings: BarfiOptions): number {
  const at = success.findIndex((value) => value >= settings.success_rate);
  return at < 0 ? settings.iterations + settings.evaluate_every : at * settings.evaluate_every;
}

export function barfiClaims(input: {
  runs: readonly (BarfiRun & { heuristic: Heuristic })[];
  settings: BarfiOptions;
}): Claim[] {
  const { settings } = input;
  const find = (heuristic: Heuristic, method: BarfiMethod) => {
    const found = input.runs.find((run) => run.heuristic === heuristic && run.method === method);
    if (!found) throw new RangeError(`no ${heuristic}/${method} run`);
    return found;
  };
  const helpfulPrimary = updatesToLearn(find("helpful", "primary").success, settings);
  const helpfulBarfi = updatesToLearn(find("helpful", "barfi").success, settings);
  const misleadingNaive = tail(find("misleading", "naive").success);
  const misleadingPrimary = tail(find("misleading", "primary").success);
  const misleadingBarfi = find("misleading", "barfi");
  const barfiWeight = misleadingBarfi.weights.at(-1) as number;
  const nodeWeight = find("misleading", "blend_node").weights.at(-1) as number;
  const helpfulWeight = find("helpful", "barfi").weights.at(-1) as number;
  return [
    claim(
      `Gupta et al.: with a helpful heuristic BARFI learns faster than the primary reward alone (reaches a ${settings.success_rate} success rate in at most ${speedupShare} of the updates)`,
      helpfulBarfi <= speedupShare * helpfulPrimary,
      { updates_primary: helpfulPrimary, updates_barfi: helpfulBarfi, required_share: speedupShare },
    ),
    claim(
      `Gupta et al.: with a misleading heuristic naive addition fails (final success rate ≤ ${failureCeiling}) where the primary reward alone succeeds`,
      misleadingNaive <= failureCeiling && misleadingPrimary >= settings.success_rate,
      { naive_success: misleadingNaive, primary_success: misleadingPrimary, ceiling: failureCeiling },
    ),
    claim(
      "Gupta et al.: BARFI learns to down-weight the misleading heuristic (its weight ends below half its start) and succeeds where naive addition fails",
      barfiWeight <= settings.initial_weight / 2 && tail(misleadingBarfi.success) >= settings.success_rate,
      {
        initial_weight: settings.initial_weight,
        final_weight: barfiWeight,
        barfi_success: tail(misleadingBarfi.success),
        naive_success: misleadingNaive,
      },
    ),
    claim(
      "Gupta et al.: ... and keeps the helpful heuristic (its weight ends at least at half its start)",
      helpfulWeight >= settings.initial_weight / 2,
      { initial_weight: settings.initial_weight, final_weight: helpfulWeight },
    ),
    claim(
      "The blend node's estimate from rewards alone (episode returns' correlation, reconstructed) also down-weights the misleading heuristic below half its start",
      nodeWeight <= settings.initial_weight / 2,
      {
        initial_weight: settings.initial_weight,
        final_weight: nodeWeight,
        blend_node_success: tail(find("misleading", "blend_node").success),
      },
    ),
  ];
}
