import type { Message } from "../core/index.js";
import { actionText, actionValue } from "./action-text.js";
import type { AsyncEnvironment, Environment, Info } from "./environment.js";
import { type Trajectory, trajectoryReturn } from "./trajectory.js";

/** One step of a trajectory row (interface.md "Multi-turn rows and trajectories"). */
export interface TrajectoryRowStep {
  /** The observation's key (`observationKey`): GiGPO's anchor state. */
  state: string;
  /** The observation's text before the action. */
  observation: string;
  /** The action as text (`actionText`). */
  action: string;
  /** The action itself when it is not text (an index, a vector). */
  action_value?: unknown;
  reward: number;
  /** The episode ended at this step (terminated or truncated). */
  done: boolean;
  terminated: boolean;
  truncated: boolean;
  /** The environment's `info.valid` when it says (false: the action did nothing; SPA's grounding). */
  valid?: boolean;
  info?: Info;
}

/** A trajectory as a row that `score`, `advantages` and the server read like any other. */
export interface TrajectoryRow {
  id: string;
  group?: string | number;
  prompt: string | Message[];
  completion: string | Message[];
  /** The episode's return (undiscounted): what `advantages` reads until a spec scores the row. */
  reward: number;
  steps: TrajectoryRowStep[];
  meta: Record<string, unknown>;
}

export interface TrajectoryRowOptions {
  /** The row's id (default `"<environment>/<seed>/<index>"`). */
  id?: string;
  /** Rows of one task (same world, same seed) share a group: GRPO/GiGPO compare within it. */
  group?: string | number;
  /** Numbers the episode in the default id (default 0). */
  index?: number;
  /**
   * `messages` (default): prompt = the first observation as a user message, completion = the chat
   * that followed (assistant = action, user = next observation); `actions`: prompt = the first
   * observation's text, completion = the actions' texts, one a line.
   */
  completion?: "messages" | "actions";
  /** Text put before the first observation (the task's instructions). */
  instruction?: string;
  /** Keep each step's info in the row (default true). */
  info?: boolean;
}

/** Typed arrays become arrays so infos survive JSON. */
function jsonSafe(value: unknown): unknown {
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, jsonSafe(inner)]));
  }
  return value;
}

/**
 * A trajectory as a row `{id, group, prompt, completion, reward, steps, meta}`: steps carry the
 * observation's key as `state` and its text as `observation`, the action's text, the step's reward
 * and `done`; `meta` has `environment`, `seed`, `return`, `length`, `terminated`, `truncated`,
 * `final_observation` and `final_state`.
 */
export function trajectoryRow<Observation, Action>(
  trajectory: Trajectory<Observation, Action>,
  environment:
    | Pick<Environment<Observation, Action>, "id" | "actionSpace" | "observationKey" | "observationText">
    | Pick<
        AsyncEnvironment<Observation, Action>,
        "id" | "actionSpace" | "observationKey" | "observationText"
      >,
  options: TrajectoryRowOptions = {},
): TrajectoryRow {
  const keepInfo = options.info ?? true;
  const steps: TrajectoryRowStep[] = trajectory.steps.map((step) => {
    const row: TrajectoryRowStep = {
      state: environment.observationKey(step.observation),
      observation: environment.observationText(step.observation),
      action: actionText(environment.actionSpace, step.action),
      reward: step.reward,
      done: step.terminated || step.truncated,
      terminated: step.terminated,
      truncated: step.truncated,
    };
    if (typeof step.action !== "string") row.action_value = actionValue(step.action);
    if (typeof step.info.valid === "boolean") row.valid = step.info.valid;
    if (keepInfo) row.info = jsonSafe(step.info) as Info;
    return row;
  });
  const first = steps[0]?.observation ?? environment.observationText(trajectory.finalObservation);
  const opening = options.instruction ? `${options.instruction}\n\n${first}` : first;
  let prompt: string | Message[];
  let completion: string | Message[];
  if ((options.completion ?? "messages") === "messages") {
    prompt = [{ role: "user", content: opening }];
    const turns: Message[] = [];
    steps.forEach((step, position) => {
      turns.push({ role: "assistant", content: step.action });
      const next = steps[position + 1];
      if (next) turns.push({ role: "user", content: next.observation });
    });
    completion = turns;
  } else {
    prompt = opening;
    completion = steps.map((step) => step.action).join("\n");
  }
  const last = trajectory.steps[trajectory.steps.length - 1];
  const row: TrajectoryRow = {
    id: options.id ?? `${trajectory.environment}/${trajectory.seed ?? "unseeded"}/${options.index ?? 0}`,
    prompt,
    completion,
    reward: trajectoryReturn(trajectory),
    steps,
    meta: {
      environment: trajectory.environment,
      ...(trajectory.seed !== undefined ? { seed: trajectory.seed } : {}),
      return: trajectoryReturn(trajectory),
      length: steps.length,
      terminated: last?.terminated ?? false,
      truncated: last?.truncated ?? false,
      final_observation: environment.observationText(trajectory.finalObservation),
      final_state: environment.observationKey(trajectory.finalObservation),
    },
  };
  if (options.group !== undefined) row.group = options.group;
  return row;
}
