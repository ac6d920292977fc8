import {
  combinedBonus,
  countBonus,
  ellipticalBonus,
  type IntrinsicBonus,
  InverseDynamicsEncoder,
  normalizedBonus,
  RandomNetworkDistillation,
  rndBonus,
} from "../../env/index.js";
import type { MazeView, MazeViewObservation } from "./maze-view.js";

/** The exploration bonuses compared (Henaff et al. 2023): none, two episodic, two global, and a product. */
export const explorationMethods = [
  "none",
  "episodic_count",
  "e3b",
  "global_count",
  "rnd",
  "product",
] as const;
export type ExplorationMethod = (typeof explorationMethods)[number];

/** Which bonuses are episodic and which global (the claims compare the best of each family). */
export const episodicMethods: readonly ExplorationMethod[] = ["episodic_count", "e3b"];
export const globalMethods: readonly ExplorationMethod[] = ["global_count", "rnd"];

/**
 * One method's bonus on a maze view, divided by its running standard deviation (e3b's default
 * `reward_norm: int`). Counts key on the agent's position (e3b's `counts-pos`): a position is shared
 * by every world of a contextual MDP, which is what makes global counts stale there. Episodic count:
 * count.py's first-visit indicator 1[N_ep = 1]; global count 1/√N; the product multiplies the two
 * (`bonus_combine: mult`). E3B's encoder and RND's predictor train on the features as the agent goes.
 */
export function explorationBonus(
  method: Exclude<ExplorationMethod, "none">,
  setup: { world: MazeView; seed: number; embedding: number },
): IntrinsicBonus<MazeViewObservation> {
  const position = (observation: MazeViewObservation) => `${observation.grid.cell}|${observation.grid.flags}`;
  const features = (observation: MazeViewObservation) => setup.world.observationFeatures(observation);
  const inputs = setup.world.observationSpace.kind === "box" ? setup.world.observationSpace.size : 0;
  const episodic = () =>
    countBonus<MazeViewObservation>({ scope: "episodic", key: position, form: "first_visit" });
  const global = () => countBonus<MazeViewObservation>({ scope: "global", key: position });
  const raw = (): IntrinsicBonus<MazeViewObservation> => {
    switch (method) {
      case "episodic_count":
        return episodic();
      case "global_count":
        return global();
      case "product":
        return combinedBonus({ episodic: episodic(), global: global(), combine: "product", name: "product" });
      case "e3b":
        return ellipticalBonus<MazeViewObservation>({
          encoder: {
            model: new InverseDynamicsEncoder({
              inputs,
              actions: 4,
              embedding: setup.embedding,
              hidden: [32],
              seed: setup.seed,
            }),
            features,
          },
        });
      case "rnd":
        return rndBonus<MazeViewObservation>({
          model: new RandomNetworkDistillation({
            inputs,
            outputs: setup.embedding,
            hidden: [32],
            seed: setup.seed,
          }),
          features,
        });
    }
  };
  return normalizedBonus(raw());
}
