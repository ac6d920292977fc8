import { type Context, type Message, mulberry32, type Reward } from "../../core/index.js";
import { conditionedPrompt, directionFor, directionScore, directionSystemPrompt } from "../dpa.js";
import { type GenerationSettings, requestSeed, type TextGenerator } from "../generation/text-generator.js";
import { bestIndex } from "../rank.js";
import { completionFor } from "../trl-rows.js";
import { type GenerationFailure, generationFailure, inPool } from "./generate.js";
import { mean, type PromptRow, type ScoredRow, sampleOf, scoreSamples } from "./scoring.js";

/**
 * DPA's preference-conditioned rejection sampling (rm-rl.md §4.2): for each prompt a direction v,
 * k responses to (sys(v), x), each scored by the multi-objective reward (its components named by
 * `objectives`), the best by vᵀr kept as the SFT row (sys(v), x, y*).
 */
export interface DpaOptions {
  generator: TextGenerator;
  reward: Reward;
  context: Context;
  prompts: readonly PromptRow[];
  k: number;
  /** The reward's component names, in the direction's order (e.g. helpfulness, verbosity). */
  objectives: readonly string[];
  /** Directions to use in turn; without them, two-objective angles drawn from `angleRange`. */
  vectors?: readonly (readonly number[])[] | undefined;
  angleRange?: readonly [number, number];
  template?: string | undefined;
  settings: GenerationSettings;
  seed: number;
  round?: number;
  concurrency?: number;
}

export interface DpaRow {
  id: string;
  group: string;
  prompt: Message[];
  completion: string | Message[];
  direction: Record<string, number>;
  angle?: number;
  /** vᵀr of the kept response. */
  directional_reward: number;
  reward: number;
  components: Record<string, number>;
  /** How many of the k responses had every objective scored. */
  candidates: number;
}

export async function dpaRejectionSampling(options: DpaOptions & { onPrompt?: () => void }): Promise<{
  rows: DpaRow[];
  samples: ScoredRow[];
  failures: GenerationFailure[];
  stats: Record<string, number>;
}> {
  const random = mulberry32(requestSeed(options.seed, "dpa-directions", options.round ?? 1));
  const directions = options.prompts.map((_, index) =>
    directionFor({
      index,
      vectors: options.vectors,
      ...(options.angleRange ? { angleRange: options.angleRange } : {}),
      random,
    }),
  );
  const round = options.round ?? 1;
  const failures: GenerationFailure[] = [];
  const perPrompt = await inPool(options.prompts, options.concurrency ?? 32, async (prompt, index) => {
    const chosen = directions[index] as { direction: number[]; angle?: number };
    const system = directionSystemPrompt(options.objectives, chosen.direction, options.template);
    const conditioned = conditionedPrompt(prompt.prompt, system);
    let texts: Awaited<ReturnType<TextGenerator["sample"]>>;
    try {
      texts = await options.generator.sample(
        {
          prompt: conditioned,
          n: options.k,
          settings: options.settings,
          seed: requestSeed(options.seed, round, prompt.id),
        },
        options.context.signal,
      );
    } catch (error) {
      failures.push(generationFailure(prompt.id, error, options.context.signal));
      return { prompt, chosen, conditioned, scored: [] as ScoredRow[] };
    }
    // The reward judges the response to the user's prompt; the direction only steers the generator.
    const samples = texts.map((text, at) =>
      sampleOf(prompt, text.text, `${prompt.id}-r${round}-${at}`, { round, direction: chosen.direction }),
    );
    const scored = await scoreSamples({ reward: options.reward, context: options.context, samples });
    options.onPrompt?.();
    return { prompt, chosen, conditioned, scored };
  });
  const rows: DpaRow[] = [];
  const all: ScoredRow[] = [];
  for (const { prompt, chosen, conditioned, scored } of perPrompt) {
    all.push(...scored);
    const usable = scored
      .filter((row) => row.error === undefined)
      .map((row) => ({ row, value: directionScore(options.objectives, chosen.direction, row.components) }))
      .filter((entry): entry is { row: ScoredRow; value: number } => entry.value !== undefined);
    if (usable.length === 0) continue;
    const best = usable[bestIndex(usable.map((entry) => entry.value))] as { row: ScoredRow; value: number };
    const direction = Object.fromEntries(
      options.objectives.map((name, at) => [name, chosen.direction[at] as number]),
    );
    rows.push({
      id: best.row.id,
      group: prompt.id,
      prompt: conditioned,
      completion: completionFor(conditioned, best.row.completion),
      direction,
      ...(chosen.angle === undefined ? {} : { angle: chosen.angle }),
      directional_reward: best.value,
      reward: best.row.reward,
      components: best.row.components,
      candidates: usable.length,
    });
  }
  const missing = all.filter(
    (row) =>
      row.error === undefined && directionScore(options.objectives, [1, 1], row.components) === undefined,
  ).length;
  return {
    rows,
    samples: all,
    failures,
    stats: {
      prompts: options.prompts.length,
      generation_failures: failures.length,
      /** Scored samples lacking one of the objectives among their components. */
      missing_objectives: missing,
      samples: all.length,
      errored: all.filter((row) => row.error !== undefined).length,
      kept: rows.length,
      directional_reward_mean: mean(rows.map((row) => row.directional_reward)),
    },
  };
}
