import { firstVisit, inverseSqrtCount, VisitCounts } from "../../core/index.js";
import type { IntrinsicBonus } from "../wrappers/intrinsic-bonus.js";

/** `inverse_sqrt`: 1/√N; `first_visit`: 1[N == 1] (count.py's episodic indicator). */
export type CountForm = "inverse_sqrt" | "first_visit";

/**
 * A count bonus over keys of observations (Henaff et al. 2023 §17.1): `episodic` counts are cleared
 * at each episode's start, `global` ones never — give several environments the same `counts` to
 * share them. The key says what counts as "the same state": the environment's `observationKey`, a
 * position, a hashed message.
 */
export function countBonus<Observation, Action = number>(options: {
  scope: "episodic" | "global";
  key: (observation: Observation) => string;
  form?: CountForm;
  counts?: VisitCounts;
  name?: string;
}): IntrinsicBonus<Observation, Action> & { readonly counts: VisitCounts } {
  const counts = options.counts ?? new VisitCounts();
  const form = options.form === "first_visit" ? firstVisit : inverseSqrtCount;
  return {
    name: options.name ?? `${options.scope}_count`,
    counts,
    startEpisode(observation) {
      if (options.scope === "episodic") counts.clear();
      counts.visit(options.key(observation));
    },
    bonus({ next }) {
      return form(counts.visit(options.key(next)));
    },
  };
}
