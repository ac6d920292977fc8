import { RunningStats } from "../../core/index.js";
import type { IntrinsicBonus } from "../wrappers/intrinsic-bonus.js";
import { type BonusCombination, combineBonuses } from "./combine.js";
import { firstVisit, inverseSqrtCount, VisitCounts } from "./counts.js";
import { EllipticalEpisode } from "./elliptical.js";
import type { InverseDynamicsEncoder } from "./inverse-dynamics.js";
import type { RandomNetworkDistillation } from "./rnd.js";

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

/**
 * E3B's elliptical episodic bonus on an embedding of the observation (§17.1): any fixed embedding,
 * or an `InverseDynamicsEncoder` trained as the agent goes (pass it as `encoder` with the feature
 * reader, and it trains on every `batchSize` transitions). The start of an episode enters the
 * ellipse without a bonus, as the code sets the first step's bonus to 0.
 */
export function ellipticalBonus<Observation>(options: {
  embed?: (observation: Observation) => ArrayLike<number>;
  encoder?: { model: InverseDynamicsEncoder; features: (observation: Observation) => Float64Array; batchSize?: number };
  dimension?: number;
  ridge?: number;
  name?: string;
}): IntrinsicBonus<Observation, number> {
  const { encoder } = options;
  const embed =
    options.embed ??
    (encoder ? (observation: Observation) => encoder.model.embed(encoder.features(observation)) : undefined);
  const dimension = options.dimension ?? encoder?.model.dimension;
  if (!embed || dimension === undefined)
    throw new RangeError("ellipticalBonus: give `embed` and `dimension`, or an `encoder`");
  const episode = new EllipticalEpisode({ dimension, ridge: options.ridge ?? 0.1 });
  const batch = encoder ? transitionBatch(encoder.batchSize ?? 64) : undefined;
  return {
    name: options.name ?? "e3b",
    startEpisode(observation) {
      episode.reset();
      episode.bonus(embed(observation));
    },
    bonus({ observation, action, next }) {
      if (encoder && batch) {
        batch.add(encoder.features(observation), encoder.features(next), action);
        if (batch.full) encoder.model.train(batch.take());
      }
      return episode.bonus(embed(next));
    },
  };
}

/** A global bonus from random network distillation (§17.1's RND), trained on every `batchSize` states seen. */
export function rndBonus<Observation, Action = number>(options: {
  model: RandomNetworkDistillation;
  features: (observation: Observation) => Float64Array;
  batchSize?: number;
  name?: string;
}): IntrinsicBonus<Observation, Action> {
  const size = options.model.predictor.inputSize;
  const batchSize = options.batchSize ?? 64;
  const buffer = new Float64Array(batchSize * size);
  let filled = 0;
  return {
    name: options.name ?? "rnd",
    startEpisode() {},
    bonus({ next }) {
      const features = options.features(next);
      const value = options.model.novelty(features)[0] as number;
      buffer.set(features, filled * size);
      filled++;
      if (filled === batchSize) {
        options.model.train(buffer, batchSize);
        filled = 0;
      }
      return value;
    },
  };
}

/**
 * An episodic and a global bonus together (§17.2): `product` (the paper's default) or `sum` with
 * `globalCoefficient` on the global one.
 */
export function combinedBonus<Observation, Action = number>(options: {
  episodic: IntrinsicBonus<Observation, Action>;
  global: IntrinsicBonus<Observation, Action>;
  combine?: BonusCombination;
  globalCoefficient?: number;
  name?: string;
}): IntrinsicBonus<Observation, Action> {
  const combine = options.combine ?? "product";
  return {
    name: options.name ?? `${options.episodic.name}_${combine === "product" ? "times" : "plus"}_${options.global.name}`,
    startEpisode(observation, info) {
      options.episodic.startEpisode(observation, info);
      options.global.startEpisode(observation, info);
    },
    bonus(transition) {
      return combineBonuses({
        episodic: options.episodic.bonus(transition),
        global: options.global.bonus(transition),
        combine,
        ...(options.globalCoefficient === undefined ? {} : { globalCoefficient: options.globalCoefficient }),
      });
    },
  };
}

/**
 * A bonus divided by the running standard deviation of its raw values (when positive): the e3b
 * code's default `reward_norm: int`, which keeps intrinsic rewards on one scale whatever the bonus.
 */
export function normalizedBonus<Observation, Action = number>(
  inner: IntrinsicBonus<Observation, Action>,
): IntrinsicBonus<Observation, Action> {
  const stats = new RunningStats();
  return {
    name: inner.name,
    startEpisode: (observation, info) => inner.startEpisode(observation, info),
    bonus(transition) {
      const value = inner.bonus(transition);
      stats.push(value);
      return stats.std > 0 ? value / stats.std : value;
    },
  };
}

function transitionBatch(size: number) {
  let before: Float64Array[] = [];
  let after: Float64Array[] = [];
  let actions: number[] = [];
  return {
    add(first: Float64Array, second: Float64Array, action: number) {
      before.push(first);
      after.push(second);
      actions.push(action);
    },
    get full() {
      return actions.length >= size;
    },
    take() {
      const width = before[0]?.length ?? 0;
      const stack = (rows: Float64Array[]) => {
        const out = new Float64Array(rows.length * width);
        rows.forEach((row, index) => out.set(row, index * width));
        return out;
      };
      const batch = { before: stack(before), after: stack(after), actions: Int32Array.from(actions), rows: actions.length };
      before = [];
      after = [];
      actions = [];
      return batch;
    },
  };
}
