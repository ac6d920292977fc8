import type { Context, Reward } from "../../core/index.js";
import { RewardkitError } from "../../core/index.js";
import type { AnyEnvironmentDefinition } from "../../env/definition.js";
import { buildFromDefinition } from "../../env/definition.js";
import type { AsyncEnvironment, Environment } from "../../env/environment.js";
import { environments } from "../../env/environments.js";
import { createOpponent, type OpponentGame } from "../../env/games/scripted-opponents.js";
import { withOpponents } from "../../env/games/with-opponents.js";
import type { MultiAgentEnvironment } from "../../env/multi-agent-environment.js";
import { type ActionTool, actionTool } from "../../env/tool-view/action-tool.js";
import { ToolEpisode } from "../../env/tool-view/tool-episode.js";
import { withSpecReward } from "../../env/wrappers/spec-reward.js";
import { withTimeLimit } from "../../env/wrappers/time-limit.js";
import {
  type HostedEnvironment,
  type HostedEpisode,
  splitOf,
  type TaskSpec,
  textBlock,
} from "./hosted-environment.js";
import type { GymEntry } from "./ors-config.js";
import type { RunToolOutput } from "./ors-wire.js";
import { seedSplits, taskSeed } from "./seed-splits.js";

const defaultOpponents: Record<OpponentGame, string> = {
  "matrix-game": "tit-for-tat",
  "public-goods": "conditional",
};

/**
 * One of rewardkit's environments hosted over ORS. Every session builds its own instance; a task
 * is a seed (`{"seed", "split", "index"}`), so task i of a split replays the same episode for every
 * client. The agent acts through one action tool whose schema comes from the action space; each
 * call returns the next observation as a text block with the environment's reward inline and
 * `finished` once the episode terminated or was truncated (`max_steps`). Games are played from
 * `learner`'s seat against scripted opponents. With `reward`, a spec scores every step
 * (`withSpecReward`).
 */
export function gymEnvironment(
  entry: GymEntry,
  options: { reward?: Reward; context?: () => Context },
): HostedEnvironment {
  const definition = (environments as Record<string, AnyEnvironmentDefinition>)[entry.environment];
  if (!definition) {
    throw new RewardkitError(
      "SPEC_INVALID",
      `no environment named "${entry.environment}"; known: ${Object.keys(environments).sort().join(", ")}`,
      { path: "environment" },
    );
  }
  const name = entry.name ?? entry.environment;
  const splits = seedSplits(entry.splits, name);
  const build = makeBuilder(definition, entry, options);
  const probe = build();
  const tool: ActionTool = actionTool(probe.actionSpace, {
    name: entry.tool,
    environment: name,
    ...(entry.tool_description ? { description: entry.tool_description } : {}),
  });
  const introduction = entry.description ?? describe(definition, entry, tool);
  return {
    name,
    kind: entry.environment,
    splits: Object.keys(entry.splits).map(splitOf),
    taskCount: (split) => splits.get(split)?.count ?? 0,
    task: (split, index) => ({ seed: taskSeed(splits, split, index), split, index }),
    tools: [tool],
    async open(task: TaskSpec): Promise<HostedEpisode> {
      const seed = task.seed;
      if (typeof seed !== "number" || !Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1) {
        throw new RewardkitError(
          "BAD_REQUEST",
          `${name}: a task is {"seed": an integer from 0 to 2^32 - 1}, got seed ${JSON.stringify(seed)}`,
          { path: "task_spec.seed" },
        );
      }
      const episode = new ToolEpisode(build());
      const first = episode.start(seed);
      return {
        prompt: () => [textBlock(introduction), textBlock(first.text)],
        get progress() {
          return { steps: episode.steps, episodeReturn: episode.episodeReturn, finished: episode.finished };
        },
        async call(toolName, input): Promise<RunToolOutput> {
          if (toolName !== tool.name) {
            return { ok: false, error: `'${toolName}' is not a valid tool; ${name} has: ${tool.name}` };
          }
          const result = await episode.act(input);
          if (!result.ok) return { ok: false, error: `Tool input error: ${result.message}` };
          const { text, reward, finished, metadata } = result.step;
          return { ok: true, output: { blocks: [textBlock(text)], reward, finished, metadata } };
        },
      };
    },
  };
}

type Playable = Environment<unknown, unknown> | AsyncEnvironment<unknown, unknown>;

function makeBuilder(
  definition: AnyEnvironmentDefinition,
  entry: GymEntry,
  options: { reward?: Reward; context?: () => Context },
): () => Playable {
  return () => {
    const built = buildFromDefinition(definition, entry.options);
    let single: Environment<unknown, unknown>;
    if (definition.kind === "multi-agent") {
      single = seatAgainstOpponents(built as MultiAgentEnvironment<unknown, number>, definition.id, entry);
    } else {
      if (entry.opponents !== undefined) {
        throw new RewardkitError(
          "SPEC_INVALID",
          `${definition.id} is a single-agent environment: remove opponents`,
          {
            path: "opponents",
          },
        );
      }
      single = built as Environment<unknown, unknown>;
    }
    if (entry.max_steps !== undefined) single = withTimeLimit(single, entry.max_steps);
    if (!options.reward || !entry.reward) return single;
    return withSpecReward(single, {
      reward: options.reward,
      context: options.context?.() ?? failNoContext(),
      mode: entry.reward.mode,
      weight: entry.reward.weight,
      prompt: entry.reward.prompt,
    });
  };
}

function seatAgainstOpponents(
  game: MultiAgentEnvironment<unknown, number>,
  id: string,
  entry: GymEntry,
): Environment<unknown, unknown> {
  if (!(id in defaultOpponents)) {
    throw new RewardkitError("SPEC_INVALID", `${id} has no scripted opponents to play against`, {
      path: "environment",
    });
  }
  const gameName = id as OpponentGame;
  const seats = game.agentCount - 1;
  const named = entry.opponents ?? defaultOpponents[gameName];
  const strategies = typeof named === "string" ? new Array<string>(seats).fill(named) : named;
  if (strategies.length !== seats) {
    throw new RewardkitError(
      "SPEC_INVALID",
      `${id} has ${game.agentCount} seats: give one strategy or ${seats} (one per other seat); got ${strategies.length}`,
      { path: "opponents" },
    );
  }
  if (entry.learner >= game.agentCount) {
    throw new RewardkitError("SPEC_INVALID", `learner must be a seat from 0 to ${game.agentCount - 1}`, {
      path: "learner",
    });
  }
  const opponents = strategies.map((strategy) =>
    createOpponent({ game: gameName, strategy, actionSpace: game.actionSpace }),
  );
  return withOpponents(game, { learner: entry.learner, opponents }) as Environment<unknown, unknown>;
}

function describe(definition: AnyEnvironmentDefinition, entry: GymEntry, tool: ActionTool): string {
  const parts = [definition.summary];
  if (definition.kind === "multi-agent") {
    const named = entry.opponents ?? defaultOpponents[definition.id as OpponentGame];
    const against = typeof named === "string" ? named : named.join(", ");
    parts.push(`You play seat ${entry.learner}; the other seats play ${against}.`);
  }
  parts.push(
    `Act by calling the tool "${tool.name}" with {"action": ...}, one action per call. Each call returns what you see next, with the step's reward; the episode ends when the result says finished.`,
  );
  return parts.join(" ");
}

function failNoContext(): never {
  throw new RewardkitError("STATE_ERROR", "a spec reward needs a context; none was given");
}
