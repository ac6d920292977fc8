import { z } from "zod";
import { type Agent, createAgent, createEnvironment, train } from "../../env/index.js";
import { deriveSeed, labRandom } from "../random.js";
import { submodularReport } from "../report/submodular-report.js";
import type { Curve } from "../results.js";
import { type CoverageObservation, CoverageWorld } from "../worlds/coverage-world.js";
import { defineExperiment } from "./experiment.js";
import { type CoverageMethod, submodularClaims } from "./submodular-claims.js";

const options = z.object({
  size: z.number().int().min(3).max(16).default(7).describe("Inside width of the room."),
  horizon: z.number().int().min(2).default(16).describe("Steps per episode (H)."),
  episodes: z.number().int().min(10).default(1500).describe("Training episodes per method."),
  learning_rate: z.number().gt(0).default(0.003).describe("Adam step size of the REINFORCE policy."),
  hidden: z
    .number()
    .int()
    .min(1)
    .default(32)
    .describe("Width of the policy and baseline networks' hidden layer."),
  episodes_per_update: z.number().int().min(1).default(4).describe("Episodes per policy-gradient step."),
  evaluate_every: z.number().int().min(1).default(100).describe("Training episodes between evaluations."),
  evaluation_episodes: z
    .number()
    .int()
    .min(1)
    .default(20)
    .describe("Episodes sampled from the policy per evaluation."),
});

export type SubmodularOptions = z.output<typeof options>;

const methods: readonly {
  method: CoverageMethod;
  reward: "marginal" | "per_step";
  observe: "history" | "markov";
}[] = [
  { method: "subpo", reward: "marginal", observe: "history" },
  { method: "markov_per_step", reward: "per_step", observe: "markov" },
  { method: "markov_marginal", reward: "marginal", observe: "markov" },
];

/** Mean coverage, return and KL from the uniform policy of episodes sampled from an agent's policy. */
function evaluate(
  agent: Agent<CoverageObservation> | undefined,
  world: CoverageWorld,
  options: { episodes: number; pick?: (observation: CoverageObservation) => number },
): { coverage: number; episodeReturn: number; kl: number } {
  let coverage = 0;
  let episodeReturn = 0;
  let kl = 0;
  let steps = 0;
  for (let episode = 0; episode < options.episodes; episode++) {
    let { observation } = world.reset();
    for (let step = 0; step < world.maxEpisodeSteps; step++) {
      let action: number;
      if (agent) {
        const probabilities = agent.actionProbabilities(observation);
        for (const probability of probabilities)
          if (probability > 0) kl += probability * Math.log(probability * 4);
        action = agent.act(observation, { explore: true });
      } else action = (options.pick as (observation: CoverageObservation) => number)(observation);
      const transition = world.step(action);
      episodeReturn += transition.reward;
      observation = transition.observation;
      steps++;
      if (transition.truncated) break;
    }
    coverage += world.coverage;
  }
  return {
    coverage: coverage / options.episodes,
    episodeReturn: episodeReturn / options.episodes,
    kl: kl / Math.max(1, steps),
  };
}

export const submodular = defineExperiment({
  name: "submodular",
  summary:
    "A coverage reward (non-additive, history-dependent) in a room: SubPO's marginal-gain policy gradient with a history-aware policy covers more than a Markovian policy trained on the per-step reward.",
  papers: [
    "Submodular Reinforcement Learning (Prajapat et al. 2024, SubPO), grid-scale coverage reconstructed",
  ],
  options,
  quick: { episodes: 200, evaluate_every: 50, size: 5, horizon: 8 },
  run(settings, seed, progress) {
    const layout = createEnvironment("empty-room", { size: settings.size }).layout;
    const curves: Curve[] = [];
    const finals: Record<string, number[]> = {};
    for (const [index, variant] of methods.entries()) {
      progress?.(`REINFORCE: ${variant.method} (${index + 1} of ${methods.length})`);
      const world = new CoverageWorld(layout, {
        horizon: settings.horizon,
        reward: variant.reward,
        observe: variant.observe,
      });
      const evaluationWorld = new CoverageWorld(layout, {
        horizon: settings.horizon,
        reward: variant.reward,
        observe: variant.observe,
      });
      const agent = createAgent({
        agent: "reinforce",
        environment: world,
        seed: deriveSeed(seed, `agent-${variant.method}`),
        options: {
          hidden_sizes: [settings.hidden],
          learning_rate: settings.learning_rate,
          discount: 1,
          episodes_per_update: settings.episodes_per_update,
          normalize_advantages: true,
        },
      });
      const points: Curve["points"] = [];
      const check = (episode: number) => {
        const result = evaluate(agent, evaluationWorld, { episodes: settings.evaluation_episodes });
        points.push({ step: episode, kl: result.kl, proxy: result.episodeReturn, gold: result.coverage });
      };
      check(0);
      train({
        agent,
        environment: world,
        episodes: settings.episodes,
        seed: deriveSeed(seed, `episodes-${variant.method}`),
        onEpisode(summary) {
          const episode = summary.episode + 1;
          if (episode % settings.evaluate_every === 0 || episode === settings.episodes) check(episode);
        },
      });
      curves.push({ method: variant.method, optimizer: "reinforce", points });
      finals[variant.method] = points.map((point) => point.gold);
    }
    // References: a uniformly random walk and the myopic greedy walk on the true marginal gains.
    const reference = new CoverageWorld(layout, {
      horizon: settings.horizon,
      reward: "marginal",
      observe: "history",
    });
    const random = labRandom(deriveSeed(seed, "random-walk"));
    const randomWalk = evaluate(undefined, reference, { episodes: 200, pick: () => random.int(4) });
    const greedyWalk = evaluate(undefined, reference, {
      episodes: 1,
      pick: (observation) => greedyAction(reference, observation),
    });
    const claims = submodularClaims({
      curves,
      randomCoverage: randomWalk.coverage,
      greedyCoverage: greedyWalk.coverage,
    });
    const results = {
      experiment: "submodular",
      seed,
      curves,
      claims,
      settings,
      references: {
        random_walk_coverage: randomWalk.coverage,
        myopic_greedy_coverage: greedyWalk.coverage,
        floor_cells: reference.floorCells,
      },
    };
    return Promise.resolve({
      results,
      sections: submodularReport(results, { frame: reference.renderSvg() }),
    });
  },
});

/** The move with the largest marginal gain from here (lowest index on ties). */
function greedyAction(world: CoverageWorld, observation: CoverageObservation): number {
  let best = 0;
  let bestGain = Number.NEGATIVE_INFINITY;
  for (let action = 0; action < 4; action++) {
    const next = world.layout.moves[observation.grid.cell * 4 + action] as number;
    const footprint = world.footprints[next] ?? [];
    const gain =
      footprint.length === 0
        ? -1
        : footprint.filter((item) => observation.covered[Number(item)] === 0).length;
    if (gain > bestGain) {
      bestGain = gain;
      best = action;
    }
  }
  return best;
}
