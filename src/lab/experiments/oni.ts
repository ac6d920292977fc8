import { z } from "zod";
import { oniReport } from "../report/oni-report.js";
import { scriptedAnnotator } from "../worlds/oni-annotator.js";
import { type OniRun, oniMethods, oniRun, oniWorld } from "../worlds/oni-run.js";
import { defineExperiment } from "./experiment.js";
import { lateSuccess, oniClaims } from "./oni-claims.js";

const options = z.object({
  size: z.number().int().min(4).max(20).default(9).describe("Inside width of the key-door world."),
  episodes: z.number().int().min(20).default(600).describe("Training episodes per method."),
  max_episode_steps: z.number().int().min(10).default(60).describe("Episode length limit."),
  annotate_every: z
    .number()
    .int()
    .min(1)
    .default(10)
    .describe("Episodes between annotation rounds (the asynchronous annotator's labels arrive in batches)."),
  intrinsic_coefficient: z
    .number()
    .positive()
    .default(0.5)
    .describe("llm_reward_coeff of r = r_task + coeff·r_int(m)·N_ep(m)^(−β)."),
  count_exponent: z
    .number()
    .min(0)
    .default(3)
    .describe("β of the episodic count N_ep(m)^(−β) (ONI's default 3)."),
  learning_rate: z.number().gt(0).max(1).default(0.5).describe("Q-learning's step size α."),
  epsilon: z.number().min(0).max(1).default(0.1).describe("ε of ε-greedy exploration."),
  window: z.number().int().min(2).default(20).describe("Episodes in the report's moving averages."),
});

export const oni = defineExperiment({
  name: "oni",
  summary:
    "Key-door gridworld with captioned steps and a sparse goal reward, tabular Q-learning: the task reward alone, the (scripted) annotator used directly as the reward, and ONI-Retrieval and ONI-Classification distilling the annotator's labels of each distinct caption into an intrinsic reward.",
  papers: [
    "Online Intrinsic Rewards for Decision Making Agents from LLM Feedback (Zheng, Henaff et al. 2024)",
  ],
  options,
  quick: { episodes: 100, size: 6 },
  async run(settings, seed, progress) {
    const runs: OniRun[] = [];
    for (const method of oniMethods) {
      progress?.(method);
      runs.push(
        await oniRun({
          method,
          size: settings.size,
          episodes: settings.episodes,
          maxEpisodeSteps: settings.max_episode_steps,
          annotateEvery: settings.annotate_every,
          intrinsicCoefficient: settings.intrinsic_coefficient,
          countExponent: settings.count_exponent,
          learningRate: settings.learning_rate,
          epsilon: settings.epsilon,
          seed,
          annotator: scriptedAnnotator,
        }),
      );
    }
    const results = {
      experiment: "oni",
      seed,
      curves: runs.map((run) => ({
        method: run.method,
        x: "training episode",
        y: "success (block mean)",
        points: blockMeans(run.successes, settings.window),
      })),
      claims: oniClaims(runs),
      settings: { ...settings },
      late: runs.map((run) => ({
        method: run.method,
        late_success: lateSuccess(run),
        annotated_captions: run.annotatorCaptions.at(-1) ?? 0,
        annotator_requests: run.annotatorRequests,
      })),
      training: runs.map((run) => ({
        method: run.method,
        successes: run.successes,
        annotated_captions: run.annotatorCaptions,
      })),
      caption_rewards: runs
        .filter((run) => run.method.startsWith("oni-"))
        .map((run) => ({ method: run.method, rewards: run.captionRewards })),
    };
    const world = oniWorld({ size: settings.size, maxEpisodeSteps: settings.max_episode_steps, seed });
    world.reset({ seed });
    return { results, sections: oniReport(results, world.renderSvg()) };
  },
});

/** The mean of each block of `width` episodes, at the block's last episode. */
function blockMeans(values: readonly number[], width: number): { x: number; y: number }[] {
  const points: { x: number; y: number }[] = [];
  for (let start = 0; start < values.length; start += width) {
    const block = values.slice(start, start + width);
    points.push({ x: start + block.length, y: block.reduce((sum, value) => sum + value, 0) / block.length });
  }
  return points;
}
