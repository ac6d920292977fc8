import { z } from "zod";
import { blendStep, gradientAlignment, rewardAlignment } from "../../compose/index.js";
import { Cell, createEnvironment, distancesTo } from "../../env/index.js";
import { reinforceGradient, type TabularEpisode, TabularPolicy } from "../optimizers/tabular-policy.js";
import { deriveSeed, type LabRandom, labRandom } from "../random.js";
import { barfiReport } from "../report/barfi-report.js";
import type { Curve } from "../results.js";
import { type GridMdp, gridMdp } from "../worlds/grid-mdp.js";
import { type BarfiMethod, type BarfiRun, barfiClaims, type Heuristic } from "./barfi-claims.js";
import { defineExperiment } from "./experiment.js";

const options = z.object({
  size: z
    .number()
    .int()
    .min(4)
    .max(12)
    .default(6)
    .describe("Inside width of the room (start top-left, goal bottom-right)."),
  horizon: z.number().int().min(5).default(30).describe("Steps before an episode is cut off."),
  slip: z
    .number()
    .min(0)
    .max(1)
    .default(0.1)
    .describe("Probability that an action is replaced by a random one (BARFI's gridworld: 0.1)."),
  step_cost: z
    .number()
    .min(0)
    .default(0.01)
    .describe("Primary reward per step (negated); reaching the goal pays 1."),
  centre_bonus: z
    .number()
    .positive()
    .default(0.2)
    .describe("The misleading heuristic: paid for every step spent in the room's central 2×2 cells."),
  iterations: z.number().int().min(2).default(200).describe("Policy updates per run."),
  batch: z.number().int().min(2).default(8).describe("Episodes per update."),
  gamma: z.number().gt(0).max(1).default(0.99).describe("Discount of the returns."),
  policy_step: z.number().positive().default(1).describe("α: the inner REINFORCE step on θ."),
  weight_step: z.number().positive().default(0.1).describe("β: the outer step on the blend weight φ."),
  initial_weight: z.number().default(1).describe("φ's start: 1 is plain addition (the designer's guess)."),
  evaluate_every: z.number().int().min(1).default(10).describe("Updates between evaluations."),
  evaluation_episodes: z
    .number()
    .int()
    .min(1)
    .default(40)
    .describe("Episodes sampled from the policy per evaluation."),
  success_rate: z
    .number()
    .gt(0)
    .max(1)
    .default(0.8)
    .describe("The evaluated success rate that counts as 'learnt'."),
});

export type BarfiOptions = z.output<typeof options>;

interface Scenario {
  mdp: GridMdp;
  /** Auxiliary reward of entering `next` from `state`. */
  auxiliary: (state: number, next: number) => number;
}

function sampleEpisode(
  scenario: Scenario,
  policy: TabularPolicy,
  random: LabRandom,
  settings: BarfiOptions,
): TabularEpisode & { reached: boolean } {
  const { mdp } = scenario;
  const episode: TabularEpisode & { reached: boolean } = {
    states: [],
    actions: [],
    rewards: [[], []],
    reached: false,
  };
  let state = mdp.start;
  for (let t = 0; t < settings.horizon; t++) {
    const action = policy.sample(state, random);
    const executed = random.next() < settings.slip ? random.int(4) : action;
    const outcome = mdp.outcomes[state * 4 + executed]?.[0];
    if (!outcome) throw new RangeError("no transition");
    episode.states.push(state);
    episode.actions.push(action);
    (episode.rewards[0] as number[]).push(outcome.reward - settings.step_cost);
    (episode.rewards[1] as number[]).push(scenario.auxiliary(state, outcome.next));
    if (outcome.terminal) {
      episode.reached = true;
      break;
    }
    state = outcome.next;
  }
  return episode;
}

function runMethod(input: {
  scenario: Scenario;
  method: BarfiMethod;
  settings: BarfiOptions;
  seed: number;
}): BarfiRun & { curve: Curve } {
  const { scenario, method, settings } = input;
  const policy = new TabularPolicy(scenario.mdp.states, 4);
  const random = labRandom(input.seed);
  const evaluation = labRandom(deriveSeed(input.seed, "evaluation"));
  let weight = method === "primary" ? 0 : settings.initial_weight;
  const step = { learningRate: settings.weight_step, regularization: 0, min: -5, max: 5 };
  const points: Curve["points"] = [];
  const weights: number[] = [];
  const success: number[] = [];
  let proxySum = 0;
  let proxyCount = 0;
  const evaluate = (iteration: number) => {
    let reached = 0;
    let primaryReturn = 0;
    let kl = 0;
    let steps = 0;
    for (let episode = 0; episode < settings.evaluation_episodes; episode++) {
      const sampled = sampleEpisode(scenario, policy, evaluation, settings);
      reached += sampled.reached ? 1 : 0;
      primaryReturn += (sampled.rewards[0] as number[]).reduce((sum, value) => sum + value, 0);
      for (const state of sampled.states) {
        for (const probability of policy.probabilities(state)) {
          if (probability > 0) kl += probability * Math.log(probability * 4);
        }
        steps++;
      }
    }
    success.push(reached / settings.evaluation_episodes);
    weights.push(weight);
    points.push({
      step: iteration * settings.batch,
      kl: kl / Math.max(1, steps),
      proxy: proxyCount ? proxySum / proxyCount : 0,
      gold: primaryReturn / settings.evaluation_episodes,
    });
    proxySum = 0;
    proxyCount = 0;
  };
  evaluate(0);
  for (let iteration = 1; iteration <= settings.iterations; iteration++) {
    const episodes = Array.from({ length: settings.batch }, () =>
      sampleEpisode(scenario, policy, random, settings),
    );
    for (const episode of episodes) {
      proxySum += (episode.rewards[0] as number[]).reduce(
        (sum, value, t) => sum + value + weight * ((episode.rewards[1] as number[])[t] as number),
        0,
      );
      proxyCount++;
    }
    const primary = reinforceGradient(policy, episodes, { channel: 0, gamma: settings.gamma });
    const auxiliary = reinforceGradient(policy, episodes, { channel: 1, gamma: settings.gamma });
    // Inner step on J_φ = J_p + φ·J_aux (linear in the rewards, so its gradient is g_p + φ·g_aux).
    const blended = primary.map((value, index) => value + weight * (auxiliary[index] as number));
    policy.ascend(blended, settings.policy_step);
    if (method === "barfi") {
      // The authors' first-order outer step: dJ_p/dφ ≈ g_p · g_aux, here as the cosine of the two
      // gradients (scale-free; their code moves φ with Adam, which also normalizes the step).
      const norm = Math.sqrt(gradientAlignment(primary, primary) * gradientAlignment(auxiliary, auxiliary));
      const alignment = norm > 0 ? gradientAlignment(primary, auxiliary) / norm : 0;
      weight = blendStep([weight], [alignment], step)[0] as number;
    } else if (method === "blend_node") {
      // The blend node's estimate from rewards alone: the correlation of the episodes' primary and
      // auxiliary returns (one group: every episode starts in the same state).
      const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
      const { alignment } = rewardAlignment({
        primary: episodes.map((episode) => sum(episode.rewards[0] as number[])),
        auxiliary: episodes.map((episode) => sum(episode.rewards[1] as number[])),
        normalize: true,
      });
      weight = blendStep([weight], [alignment], step)[0] as number;
    }
    if (iteration % settings.evaluate_every === 0 || iteration === settings.iterations) evaluate(iteration);
  }
  return { method, success, weights, curve: { method, optimizer: "reinforce_tabular", points } };
}

const methods: readonly BarfiMethod[] = ["primary", "naive", "barfi", "blend_node"];

export const barfi = defineExperiment({
  name: "barfi",
  summary:
    "A gridworld with a sparse primary reward and a helpful or a misleading heuristic: BARFI's bi-level blend learns faster than the primary alone with the helpful one, and down-weights the misleading one where naive addition fails.",
  papers: [
    "Behavior Alignment via Reward Function Optimization (Gupta et al. 2023, BARFI): first-order implicit gradient as in the authors' code; scalar weight and cosine step reconstructed",
  ],
  options,
  quick: { iterations: 40, evaluate_every: 10, evaluation_episodes: 10, size: 4 },
  run(settings, seed, progress) {
    const environment = createEnvironment("empty-room", { size: settings.size });
    const layout = environment.layout;
    const mdp = gridMdp(layout);
    const distance = distancesTo(layout, layout.goal);
    let farthest = 1;
    for (const value of distance) farthest = Math.max(farthest, value);
    const width = layout.width;
    const low = Math.floor((settings.size + 1) / 2);
    const centre = (cell: number) => {
      const x = cell % width;
      const y = (cell - x) / width;
      return x >= low && x <= low + 1 && y >= low && y <= low + 1 && layout.cells[cell] !== Cell.goal;
    };
    const heuristics: Record<Heuristic, Scenario> = {
      helpful: {
        mdp,
        auxiliary: (_state, next) => -(distance[mdp.cells[next] as number] as number) / farthest,
      },
      misleading: {
        mdp,
        auxiliary: (_state, next) => (centre(mdp.cells[next] as number) ? settings.centre_bonus : 0),
      },
    };
    const runs: (BarfiRun & { heuristic: Heuristic })[] = [];
    const curves: Curve[] = [];
    for (const heuristic of ["helpful", "misleading"] as const) {
      for (const method of methods) {
        progress?.(`${heuristic} heuristic: ${method}`);
        const run = runMethod({
          scenario: heuristics[heuristic],
          method,
          settings,
          seed: deriveSeed(seed, `${heuristic}-${method}`),
        });
        curves.push({ ...run.curve, method: `${heuristic}/${method}` });
        runs.push({ heuristic, method, success: run.success, weights: run.weights });
      }
    }
    const claims = barfiClaims({ runs, settings });
    const results = {
      experiment: "barfi",
      seed,
      curves,
      claims,
      settings,
      runs: runs.map((run) => ({
        heuristic: run.heuristic,
        method: run.method,
        success: run.success,
        weights: run.weights,
      })),
    };
    environment.reset({ seed });
    return Promise.resolve({ results, sections: barfiReport(results, { frame: environment.renderSvg() }) });
  },
});
