import { type DonorStrategy, scriptedDonor } from "../../env/games/donor-game/index.js";
import type { LabRandom } from "../random.js";
import type { DonorAgents } from "./donor-evolution.js";

/**
 * Scripted Donor Game agents (reconstructed stand-in for the paper's LLM-written strategies): a
 * first generation drawn uniformly with generosity and reciprocity up to `initialMax` (a mostly
 * selfish start) and punitiveness up to 1 where punishment is allowed; newcomers copy a random
 * survivor's parameters with Gaussian mutation (σ = `mutation`), clipped to [0, 1].
 */
export function scriptedDonorAgents(input: {
  random: LabRandom;
  initialMax: number;
  mutation: number;
}): DonorAgents<DonorStrategy> {
  const { random } = input;
  const clip = (value: number) => Math.min(1, Math.max(0, value));
  return {
    async initial(count, condition) {
      return Array.from({ length: count }, () => ({
        generosity: input.initialMax * random.next(),
        reciprocity: input.initialMax * random.next(),
        punitiveness: condition.punishment ? random.next() : 0,
      }));
    },
    policy: (strategy, condition) => scriptedDonor(strategy, condition.punishment),
    async newcomer(survivors, condition) {
      const parent = survivors[random.int(survivors.length)] as DonorStrategy;
      return {
        generosity: clip(parent.generosity + input.mutation * random.normal()),
        reciprocity: clip(parent.reciprocity + input.mutation * random.normal()),
        punitiveness: condition.punishment ? clip(parent.punitiveness + input.mutation * random.normal()) : 0,
      };
    },
  };
}
