import { z } from "zod";
import { createEnvironment, type PointMass, type PointMassState, pointMassStep } from "../../env/index.js";
import { deriveSeed, labRandom } from "../random.js";
import { morecReport } from "../report/morec-report.js";
import type { MeasuredCurve } from "../results.js";
import { DynamicsEnsemble, offlineTransitions, transitionDelta } from "../worlds/dynamics-ensemble.js";
import { trainDynamicsReward } from "../worlds/dynamics-reward.js";
import { type ModelKind, modelStep, plannedAction } from "../worlds/model-planner.js";
import { defineExperiment } from "./experiment.js";
import { type MorecMeasures, morecClaims } from "./morec-claims.js";

const options = z.object({
  transitions: z
    .number()
    .int()
    .min(100)
    .default(3000)
    .describe("Offline transitions (random behaviour policy)."),
  data_region: z
    .number()
    .gt(0)
    .lt(1)
    .default(0.5)
    .describe(
      "The data covers only the lower-left square [0, data_region]²; the goal (0.8, 0.8) lies outside it.",
    ),
  members: z.number().int().min(2).default(4).describe("Dynamics models in the ensemble."),
  samples: z
    .number()
    .int()
    .min(1)
    .default(2)
    .describe("Candidates each member draws per step (MOREC's batch)."),
  model_steps: z.number().int().min(10).default(1000).describe("Adam steps per member."),
  reward_steps: z.number().int().min(10).default(500).describe("Adam steps of the dynamics reward."),
  plans: z.number().int().min(2).default(16).describe("Random action sequences per planning step."),
  horizon: z.number().int().min(1).default(8).describe("Imagined steps per sequence."),
  episodes: z.number().int().min(1).default(3).describe("Evaluation episodes per planner (true dynamics)."),
  probe_states: z
    .number()
    .int()
    .min(10)
    .default(400)
    .describe("States per region where one-step errors are measured."),
});

export type MorecOptions = z.output<typeof options>;

export const morec = defineExperiment({
  name: "morec",
  summary:
    "Offline model-based RL on a point mass whose data covers only a corner: a dynamics reward learned from the offline transitions filters the learned model's candidate transitions (MOREC) — one-step error off the data and the planned policy's true return, filtered against unfiltered (reconstructed).",
  papers: [
    "Reward-Consistent Dynamics Models are Strongly Generalizable for Offline Reinforcement Learning (Luo et al. 2024, MOREC): transition filter by the dynamics reward; the reward's training, inputs and the planner reconstructed",
  ],
  options,
  quick: {
    transitions: 600,
    model_steps: 200,
    reward_steps: 150,
    plans: 8,
    horizon: 4,
    episodes: 1,
    probe_states: 50,
  },
  run(settings, seed, progress) {
    const environment = createEnvironment("point-mass", {}) as unknown as PointMass;
    const { physics, goal } = environment.settings;
    const random = labRandom(deriveSeed(seed, "data"));
    progress?.("offline data and the dynamics ensemble");
    const data = offlineTransitions({
      physics,
      count: settings.transitions,
      region: settings.data_region,
      random,
    });
    const ensemble = new DynamicsEnsemble(
      physics,
      settings.members,
      deriveSeed(seed, "ensemble") % 1_000_000,
    );
    ensemble.fit(data, {
      steps: settings.model_steps,
      batch: 64,
      random: labRandom(deriveSeed(seed, "fit")),
    });
    progress?.("the dynamics reward");
    const reward = trainDynamicsReward({
      data,
      ensemble,
      physics,
      steps: settings.reward_steps,
      batch: 64,
      random: labRandom(deriveSeed(seed, "reward")),
      seed: deriveSeed(seed, "reward-network") % 1_000_000,
    });
    const models: Record<string, ModelKind> = {
      true: { kind: "true" },
      ensemble: { kind: "ensemble", ensemble, samples: settings.samples },
      morec: { kind: "filtered", ensemble, samples: settings.samples, reward },
    };
    // One-step error of the imagined next state, in max-speed units, inside and outside the data.
    const probeRandom = labRandom(deriveSeed(seed, "probe"));
    const probe = (inside: boolean) => {
      const states: PointMassState[] = [];
      const actions: number[] = [];
      const speed = physics.maxSpeed;
      for (let index = 0; index < settings.probe_states; index++) {
        if (inside) {
          // Inside: the data's own transitions.
          const transition = data[probeRandom.int(data.length)] as (typeof data)[number];
          states.push(transition.state);
          actions.push(transition.action);
          continue;
        }
        // Outside: positions beyond the data's square, any velocity the mass can reach.
        const low = settings.data_region + 0.05;
        states.push({
          x: low + (0.95 - low) * probeRandom.next(),
          y: low + (0.95 - low) * probeRandom.next(),
          vx: (2 * probeRandom.next() - 1) * speed,
          vy: (2 * probeRandom.next() - 1) * speed,
        });
        actions.push(probeRandom.int(5));
      }
      const error = (kind: "ensemble" | "morec") => {
        const next = modelStep({
          model: models[kind] as ModelKind,
          states,
          actions,
          physics,
          random: probeRandom,
        });
        let total = 0;
        states.forEach((state, row) => {
          const truth = transitionDelta(
            state,
            pointMassStep(state, actions[row] as number, physics),
            physics,
          );
          const imagined = transitionDelta(state, next[row] as PointMassState, physics);
          total += Math.hypot(...truth.map((value, column) => value - (imagined[column] as number)));
        });
        return total / states.length;
      };
      return { ensemble: error("ensemble"), morec: error("morec") };
    };
    const inside = probe(true);
    const outside = probe(false);
    const curves: MeasuredCurve[] = [];
    const returns: Record<string, number> = {};
    for (const [name, model] of Object.entries(models)) {
      progress?.(`planning with the ${name} model`);
      const plannerRandom = labRandom(deriveSeed(seed, `planner-${name}`));
      const distances: number[] = [];
      let total = 0;
      for (let episode = 0; episode < settings.episodes; episode++) {
        let state = environment.reset({ seed: 200_000 + episode }).observation;
        for (;;) {
          const action = plannedAction({
            model,
            state,
            goal,
            physics,
            plans: settings.plans,
            horizon: settings.horizon,
            random: plannerRandom,
          });
          const result = environment.step(action);
          total += result.reward;
          if (episode === 0) distances.push(Number(result.info.distance));
          state = result.observation;
          if (result.terminated || result.truncated) break;
        }
      }
      returns[name] = total / settings.episodes;
      curves.push({
        method: name,
        x: "step",
        y: "distance to the goal (first evaluation episode)",
        points: distances.map((distance, step) => ({ x: step + 1, y: distance })),
      });
    }
    const randomActions = labRandom(deriveSeed(seed, "random-policy"));
    let randomTotal = 0;
    for (let episode = 0; episode < settings.episodes; episode++) {
      environment.reset({ seed: 200_000 + episode });
      for (;;) {
        const result = environment.step(randomActions.int(5));
        randomTotal += result.reward;
        if (result.terminated || result.truncated) break;
      }
    }
    const measures: MorecMeasures = {
      errorInside: inside,
      errorOutside: outside,
      returns: {
        true: returns.true ?? 0,
        ensemble: returns.ensemble ?? 0,
        morec: returns.morec ?? 0,
        random: randomTotal / settings.episodes,
      },
    };
    const claims = morecClaims(measures);
    const results = { experiment: "morec", seed, curves, claims, settings, measures };
    environment.reset({ seed: 200_000 });
    return Promise.resolve({ results, sections: morecReport(results, { frame: environment.renderSvg() }) });
  },
});
