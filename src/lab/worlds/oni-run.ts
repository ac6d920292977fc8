import { createAgent, createEnvironment, type GridWorld, train } from "../../env/index.js";
import { EpisodeCounts, oniReward } from "../../models/index.js";
import { deriveSeed } from "../random.js";
import { type CaptionAnnotator, scriptedLabel } from "./oni-annotator.js";
import { stepCaption } from "./oni-captions.js";
import { classificationIntrinsic, type OniIntrinsic, retrievalIntrinsic } from "./oni-intrinsic.js";

export const oniMethods = ["task-only", "annotator", "oni-retrieval", "oni-classification"] as const;
export type OniMethod = (typeof oniMethods)[number];

export interface OniRunOptions {
  method: OniMethod;
  size: number;
  episodes: number;
  maxEpisodeSteps: number;
  /** Episodes between annotation rounds (ONI's asynchronous annotator delivers labels in batches). */
  annotateEvery: number;
  /** llm_reward_coeff of r = r_env + coeff·r_llm(m)·N_ep(m)^(−β). */
  intrinsicCoefficient: number;
  countExponent: number;
  learningRate: number;
  epsilon: number;
  seed: number;
  /** The annotator of the ONI methods (the scripted one offline). */
  annotator: () => CaptionAnnotator;
}

export interface OniRun {
  method: OniMethod;
  /** Task reward per episode (sparse: 1 at the goal). */
  returns: number[];
  successes: number[];
  /** Captions the annotator was asked about so far, after each episode. */
  annotatorCaptions: number[];
  annotatorRequests: number;
  /** Every distinct caption with its final intrinsic reward. */
  captionRewards: Record<string, number>;
}

/** The key-door world of a run: one fixed layout (a singleton MDP), sparse reward 1 at the goal. */
export function oniWorld(options: { size: number; maxEpisodeSteps: number; seed: number }): GridWorld {
  return createEnvironment("key-door", {
    size: options.size,
    layout: "fixed",
    layout_seed: deriveSeed(options.seed, "oni-layout") % 100_000,
    max_episode_steps: options.maxEpisodeSteps,
    goal_reward: "sparse",
  }) as GridWorld;
}

/**
 * Tabular Q-learning on key-door with ONI's reward (rm-rl.md §14.1). `task-only`: the sparse task
 * reward; `annotator`: the annotator asked about every captioned step, used as r_llm directly;
 * `oni-*`: each distinct caption annotated once, in batches between blocks of episodes, the labels
 * distilled into an intrinsic reward model (reconstructed loop: the paper's runs APPO on NetHack).
 */
export async function oniRun(options: OniRunOptions): Promise<OniRun> {
  const world = oniWorld(options);
  const agent = createAgent({
    agent: "q-learning",
    environment: world,
    seed: deriveSeed(options.seed, `oni-agent-${options.method}`),
    options: {
      learning_rate: options.learningRate,
      discount: 0.99,
      epsilon: { start: options.epsilon, end: options.epsilon, steps: 0 },
      initial_value: 0,
    },
  });
  const annotator = options.annotator();
  let intrinsic: OniIntrinsic | undefined;
  if (options.method === "oni-retrieval") intrinsic = retrievalIntrinsic();
  if (options.method === "oni-classification")
    intrinsic = classificationIntrinsic(deriveSeed(options.seed, "oni-classifier"));
  const run: OniRun = {
    method: options.method,
    returns: [],
    successes: [],
    annotatorCaptions: [],
    annotatorRequests: 0,
    captionRewards: {},
  };
  const counts = new EpisodeCounts();
  let directCalls = 0;
  const intrinsicOf = (caption: string): number => {
    if (options.method === "annotator") {
      directCalls++;
      return scriptedLabel(caption) === "FOO" ? 1 : 0;
    }
    return intrinsic ? intrinsic.reward(caption) : 0;
  };
  const seen = new Set<string>();
  for (let block = 0; run.returns.length < options.episodes; block++) {
    train<unknown>({
      agent,
      environment: world as never,
      episodes: Math.min(options.annotateEvery, options.episodes - run.returns.length),
      seed: deriveSeed(options.seed, `oni-episodes-${options.method}-${block}`),
      reward(step) {
        if (step.step === 0) counts.reset();
        if (options.method === "task-only") return step.reward;
        const caption = stepCaption(step.info, step.action);
        seen.add(caption);
        return oniReward({
          extrinsic: step.reward,
          intrinsic: intrinsicOf(caption),
          episodeCount: counts.see(caption),
          intrinsicCoefficient: options.intrinsicCoefficient,
          countExponent: options.countExponent,
        });
      },
      onEpisode(summary) {
        run.returns.push(summary.episodeReturn);
        run.successes.push(summary.terminated ? 1 : 0);
        run.annotatorCaptions.push(directCalls + annotator.tally.captions);
      },
    });
    const queue = intrinsic?.takeQueue() ?? [];
    if (intrinsic && queue.length > 0) intrinsic.learn(queue, await annotator.annotate(queue));
  }
  run.annotatorRequests = options.method === "annotator" ? directCalls : annotator.tally.requests;
  if (intrinsic)
    for (const caption of [...seen].sort()) run.captionRewards[caption] = intrinsic.reward(caption);
  return run;
}
