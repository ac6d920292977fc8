import { type DriftNetwork, driftParameterCount, lpoObjective } from "../../env/index.js";
import { deriveSeed, labRandom } from "../random.js";
import { type BanditPpoSettings, type BanditTask, sampleBanditTask, trainBanditPpo } from "./bandit-ppo.js";
import { OpenEs, type OpenEsOptions } from "./open-es.js";

/** Final normalized return of PPO with the drift (PPO's clipped objective when `network` is undefined). */
export function finalReturn(input: {
  task: BanditTask;
  settings: BanditPpoSettings;
  network: DriftNetwork | undefined;
  seed: number;
}): number[] {
  const { network, settings } = input;
  let current = 0;
  const objective = network
    ? lpoObjective({ network, progress: () => current / settings.updates })
    : undefined;
  return trainBanditPpo({
    task: input.task,
    settings,
    random: labRandom(input.seed),
    objective: (update) => {
      current = update;
      return objective;
    },
  });
}

export interface MetaTrainingResult {
  network: DriftNetwork;
  /** Mean fitness of each generation's population. */
  populationFitness: number[];
}

/**
 * Meta-trains LPO's drift network with OpenAI-ES (Lu et al. 2022; Jackson et al. 2024 for TA-LPO):
 * fitness = the mean final normalized return of PPO runs with the member's drift on `tasks` bandits
 * drawn afresh each generation (every member of a generation sees the same tasks and pull seeds).
 * The mean starts at 0, i.e. at PPO's clipped objective (the LPO code's ppo_init).
 */
export function metaTrainDrift(input: {
  temporal: boolean;
  hidden: number;
  generations: number;
  tasks: number;
  arms: number;
  es: OpenEsOptions;
  settings: BanditPpoSettings;
  seed: number;
}): MetaTrainingResult {
  const size = driftParameterCount({ hidden: input.hidden, temporal: input.temporal });
  const es = new OpenEs({
    initial: new Float64Array(size),
    options: input.es,
    random: labRandom(deriveSeed(input.seed, "es")),
  });
  const populationFitness: number[] = [];
  for (let generation = 0; generation < input.generations; generation++) {
    const taskRandom = labRandom(deriveSeed(input.seed, `tasks-${generation}`));
    const tasks = Array.from({ length: input.tasks }, () => sampleBanditTask(input.arms, taskRandom));
    const { noise, members } = es.ask();
    const fitness = members.map((parameters) => {
      const network = { hidden: input.hidden, temporal: input.temporal, parameters };
      const total = tasks.reduce(
        (sum, task, index) =>
          sum +
          (finalReturn({
            task,
            settings: input.settings,
            network,
            seed: deriveSeed(input.seed, `pulls-${generation}-${index}`),
          }).at(-1) as number),
        0,
      );
      return total / tasks.length;
    });
    populationFitness.push(fitness.reduce((sum, value) => sum + value, 0) / fitness.length);
    es.tell(noise, fitness);
  }
  return {
    network: { hidden: input.hidden, temporal: input.temporal, parameters: Float64Array.from(es.mean) },
    populationFitness,
  };
}
