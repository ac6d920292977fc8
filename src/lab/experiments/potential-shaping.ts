import { z } from "zod";
import { updatePotentials } from "../../compose/index.js";
import { createAgent, createEnvironment, distancesTo, type GridObservation, train } from "../../env/index.js";
import { deriveSeed, labRandom } from "../random.js";
import { potentialReport } from "../report/potential-report.js";
import type { Curve } from "../results.js";
import { greedyEpisode } from "../worlds/greedy-episode.js";
import { gridMdp } from "../worlds/grid-mdp.js";
import { type ShapingMethod, shapingInvariance } from "../worlds/shaping-invariance.js";
import { defineExperiment } from "./experiment.js";
import { type MethodRun, potentialClaims } from "./potential-claims.js";

const options = z.object({
  size: z
    .number()
    .int()
    .min(5)
    .max(21)
    .default(11)
    .describe("Inside width of the four-rooms world (11: Sutton's)."),
  episodes: z.number().int().min(10).default(300).describe("Training episodes per method."),
  max_episode_steps: z.number().int().min(10).default(200).describe("Steps before an episode is cut off."),
  gamma: z.number().gt(0).lt(1).default(0.99).describe("Discount γ of the learner and of the shaping."),
  learning_rate: z.number().gt(0).max(1).default(0.5).describe("Q-learning's step size α."),
  epsilon: z.number().min(0).max(1).default(0.1).describe("ε of ε-greedy exploration."),
  potential: z
    .enum(["value", "negative_distance"])
    .default("value")
    .describe(
      "The good potential: `value` Φ(s) = γ^(d(s)−1), the optimal value (d the shortest-path distance to the goal); `negative_distance` Φ(s) = −d(s)/d_max.",
    ),
  progress_bonus: z
    .number()
    .positive()
    .default(0.1)
    .describe(
      "The non-potential bonus paid whenever a step brings the agent closer to the goal (nothing is taken back for stepping away).",
    ),
  learned_rate: z
    .number()
    .gt(0)
    .max(1)
    .default(0.2)
    .describe(
      "α of the learnt potential (the library's Monte Carlo value table, updated after each episode).",
    ),
  evaluate_every: z.number().int().min(1).default(10).describe("Episodes between greedy evaluations."),
  window: z.number().int().min(2).default(20).describe("Episodes in the moving success rate."),
  success_rate: z
    .number()
    .gt(0)
    .max(1)
    .default(0.8)
    .describe("The moving success rate that counts as 'learnt' (episodes to reach it are compared)."),
});

export type PotentialOptions = z.output<typeof options>;

const methods: readonly ShapingMethod[] = ["none", "potential", "learned_potential", "progress_bonus"];

export const potentialShaping = defineExperiment({
  name: "potential-shaping",
  summary:
    "Four rooms with a sparse goal reward and tabular Q-learning: potential-based shaping leaves the optimal policy unchanged (value iteration) and speeds learning with a good potential; a non-potential progress bonus creates a reward loop the agent exploits.",
  papers: ["Policy invariance under reward transformations (Ng, Harada & Russell 1999)"],
  options,
  quick: { episodes: 60, size: 7 },
  run(settings, seed, progress) {
    const environment = createEnvironment("four-rooms", {
      size: settings.size,
      layout: "classic",
      max_episode_steps: settings.max_episode_steps,
    });
    const layout = environment.layout;
    const mdp = gridMdp(layout);
    const distance = distancesTo(layout, layout.goal);
    let farthest = 1;
    for (const value of distance) farthest = Math.max(farthest, value);
    // Φ = V* of the unshaped problem, known here from the shortest-path distance (γ^(d−1)), or the
    // plain heuristic −d/d_max.
    const goodPotential = (cell: number) =>
      settings.potential === "value"
        ? settings.gamma ** ((distance[cell] as number) - 1)
        : -(distance[cell] as number) / farthest;
    progress?.("value iteration: shaped and unshaped problems");
    const invariance = shapingInvariance({
      mdp,
      gamma: settings.gamma,
      potential: goodPotential,
      distance,
      progressBonus: settings.progress_bonus,
      random: labRandom(deriveSeed(seed, "random-potential")),
      maxSteps: settings.max_episode_steps,
    });

    const runs: MethodRun[] = [];
    const curves: Curve[] = [];
    for (const [index, method] of methods.entries()) {
      progress?.(`Q-learning: ${method} (${index + 1} of ${methods.length})`);
      const agent = createAgent({
        agent: "q-learning",
        environment,
        seed: deriveSeed(seed, `agent-${method}`),
        options: {
          learning_rate: settings.learning_rate,
          discount: settings.gamma,
          epsilon: { start: settings.epsilon, end: settings.epsilon, steps: 0 },
        },
      });
      let learned: Record<string, number> = {};
      const learnedPotential = (observation: GridObservation) =>
        learned[environment.observationKey(observation)] ?? 0;
      const potentialOf = (observation: GridObservation) =>
        method === "learned_potential" ? learnedPotential(observation) : goodPotential(observation.cell);
      let episodeKeys: string[] = [];
      let visited = new Set<string>();
      let revisits = 0;
      const completed: number[] = [];
      const revisitsPerStep: number[] = [];
      const points: Curve["points"] = [];
      const learnerReturns: number[] = [];
      const greedyCompleted: number[] = [];
      const greedyRevisits: number[] = [];
      train({
        agent,
        environment,
        episodes: settings.episodes,
        seed: deriveSeed(seed, `episodes-${method}`),
        reward(step) {
          const here = step.observation as GridObservation;
          const next = step.nextObservation as GridObservation;
          const key = environment.observationKey(next);
          if (visited.has(key)) revisits++;
          visited.add(key);
          episodeKeys.push(environment.observationKey(here));
          let reward = step.reward;
          if (method === "potential" || method === "learned_potential") {
            const nextPotential = step.terminated ? 0 : potentialOf(next);
            reward += settings.gamma * nextPotential - potentialOf(here);
          } else if (
            method === "progress_bonus" &&
            (distance[next.cell] as number) < (distance[here.cell] as number)
          ) {
            reward += settings.progress_bonus;
          }
          if (step.terminated || step.truncated) {
            if (method === "learned_potential") {
              learned = updatePotentials(
                learned,
                [{ keys: episodeKeys, outcome: step.terminated ? step.reward : 0 }],
                {
                  learningRate: settings.learned_rate,
                  target: "monte_carlo",
                  gamma: settings.gamma,
                  initial: 0,
                },
              );
            }
            episodeKeys = [];
          }
          return reward;
        },
        onEpisode(summary) {
          completed.push(summary.terminated ? 1 : 0);
          revisitsPerStep.push(revisits / summary.length);
          learnerReturns.push(summary.learnerReturn);
          revisits = 0;
          visited = new Set();
          const episode = summary.episode + 1;
          if (episode % settings.evaluate_every === 0 || episode === settings.episodes) {
            const greedy = greedyEpisode(agent, environment, {
              seed: deriveSeed(seed, "evaluation"),
              maxSteps: settings.max_episode_steps,
              actions: 4,
            });
            greedyCompleted.push(greedy.completed ? 1 : 0);
            greedyRevisits.push(greedy.revisits / greedy.length);
            const recent = learnerReturns.slice(-settings.evaluate_every);
            points.push({
              step: episode,
              kl: greedy.klFromUniform,
              proxy: recent.reduce((sum, value) => sum + value, 0) / recent.length,
              gold: greedy.episodeReturn,
            });
          }
        },
      });
      curves.push({ method, optimizer: "q_learning", points });
      runs.push({ method, completed, revisitsPerStep, greedyCompleted, greedyRevisits });
    }
    const claims = potentialClaims({ runs, invariance, settings });
    const results = {
      experiment: "potential-shaping",
      seed,
      curves,
      claims,
      settings,
      invariance,
      training: runs.map((run) => ({
        method: run.method,
        completion_rate: run.completed,
        revisits_per_step: run.revisitsPerStep,
        greedy_completed: run.greedyCompleted,
        greedy_revisits_per_step: run.greedyRevisits,
      })),
    };
    environment.reset({ seed });
    return Promise.resolve({
      results,
      sections: potentialReport(results, { frame: environment.renderSvg() }),
    });
  },
});
