import type { Environment } from "../../env/index.js";

/**
 * A decision stage for the env room's agents when a lab loop drives the game itself (several agents,
 * several stages per round, as in Dasgupta & Musolesi's play / punish / select models): it only
 * describes the action space and how observations are keyed and featurized; stepping it is an error.
 */
export function decisionStage(input: {
  id: string;
  actions: readonly string[];
  /** Observations are small integer vectors; their key is the joined values. */
  features: number;
}): Environment<readonly number[], number> {
  const refuse = (): never => {
    throw new Error(`${input.id}: a decision stage is driven by its lab loop, not stepped`);
  };
  return {
    id: input.id,
    actionSpace: { kind: "discrete", n: input.actions.length, labels: input.actions },
    observationSpace: { kind: "box", size: input.features },
    reset: refuse,
    step: refuse,
    observationKey: (observation) => observation.join(","),
    observationFeatures: (observation) => Float64Array.from(observation),
    observationText: (observation) => observation.join(","),
    renderText: () => input.id,
  };
}
