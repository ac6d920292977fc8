import type { Block, RunToolOutput, Split, ToolSpec } from "./ors-wire.js";

/** A task: the JSON object an ORS client lists, stores and sends back to start an episode. */
export type TaskSpec = Record<string, unknown>;

/**
 * An environment as the ORS server hosts it: named splits of tasks, the tools an agent has, and
 * episodes started from a task. Two kinds exist: rewardkit's environments played through an
 * action tool (`gymEnvironment`) and rows scored by a spec when the agent submits (`toolTasks`).
 */
export interface HostedEnvironment {
  /** The name in `/list_environments` and in `/{env_name}/...` paths. */
  readonly name: string;
  /** What kind of environment it is, for /healthz and metrics labels (`four-rooms`, `tool-tasks`). */
  readonly kind: string;
  readonly splits: readonly Split[];
  /** Tasks in a split (the split is known to exist). */
  taskCount(split: string): number;
  /** The task at `index` (0 ≤ index < taskCount). */
  task(split: string, index: number): TaskSpec;
  /** The tools every episode has. */
  readonly tools: readonly ToolSpec[];
  /**
   * Starts an episode of a task (one listed, or sent inline). A task this environment cannot play
   * is a BAD_REQUEST error naming the field.
   */
  open(task: TaskSpec): Promise<HostedEpisode>;
  /** Releases what the environment holds (a compiled spec). */
  close?(): Promise<void>;
}

/** One running episode. Calls never overlap (the server queues them per session). */
export interface HostedEpisode {
  /** The initial observation. */
  prompt(): Block[];
  /**
   * Runs a tool. An unknown tool or bad input is `{ok: false, error}` (the agent may try again);
   * a thrown error is the server's fault and reaches the client as an SSE `error` event.
   */
  call(name: string, input: Record<string, unknown>): Promise<RunToolOutput>;
  /** Step and reward figures for metrics, after each call. */
  readonly progress: { steps: number; episodeReturn: number; finished: boolean };
}

/** A text block as the protocol writes it. */
export function textBlock(text: string): Block {
  return { type: "text", text, detail: null };
}

/** A split's type from its name, as the reference server normalizes bare names (others: validation). */
export function splitOf(name: string): Split {
  return { name, type: name === "train" || name === "validation" || name === "test" ? name : "validation" };
}
