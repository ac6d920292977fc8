import { Counter, Gauge, Histogram, type Registry } from "prom-client";
import type { CloseReason, Session } from "./sessions.js";

const rewardBuckets = [-1, -0.5, 0, 0.1, 0.25, 0.5, 0.75, 1, 2, 5, 10, 25, 50, 100];
const secondsBuckets = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60,
];

/** How a tool call went: a step taken, refused (unknown tool, bad input, episode over), or failed (our fault). */
export type CallOutcome = "ok" | "refused" | "failed";

/**
 * Environment sessions and steps in /metrics, next to the reward server's figures. Labels are the
 * configured environment and tool names only (a client's unknown tool name is counted as `unknown`),
 * so series stay bounded.
 */
export class OrsMetrics {
  readonly #opened: Counter<"environment">;
  readonly #closed: Counter<"environment" | "reason">;
  readonly #calls: Counter<"environment" | "tool" | "outcome">;
  readonly #stepReward: Histogram<"environment">;
  readonly #episodes: Counter<"environment">;
  readonly #episodeReturn: Histogram<"environment">;
  readonly #callSeconds: Histogram<"environment">;

  constructor(options: {
    registry: Registry;
    activeSessions: () => Map<string, number>;
    environments: readonly string[];
  }) {
    const registers = [options.registry];
    this.#opened = new Counter({
      name: "rewardkit_env_sessions_opened_total",
      help: "ORS sessions started (POST /create), by environment.",
      labelNames: ["environment"],
      registers,
    });
    this.#closed = new Counter({
      name: "rewardkit_env_sessions_closed_total",
      help: "ORS sessions ended, by environment and reason (deleted, idle, shutdown).",
      labelNames: ["environment", "reason"],
      registers,
    });
    const { activeSessions, environments } = options;
    new Gauge({
      name: "rewardkit_env_sessions_active",
      help: "ORS sessions open now, by environment.",
      labelNames: ["environment"],
      registers,
      collect() {
        const counts = activeSessions();
        for (const environment of environments) this.set({ environment }, counts.get(environment) ?? 0);
      },
    });
    this.#calls = new Counter({
      name: "rewardkit_env_tool_calls_total",
      help: "ORS tool calls, by environment, tool and outcome (ok: a step; refused: ok=false; failed: an SSE error).",
      labelNames: ["environment", "tool", "outcome"],
      registers,
    });
    this.#stepReward = new Histogram({
      name: "rewardkit_env_step_reward",
      help: "The reward of each step (each successful tool call), by environment.",
      labelNames: ["environment"],
      buckets: rewardBuckets,
      registers,
    });
    this.#episodes = new Counter({
      name: "rewardkit_env_episodes_finished_total",
      help: "Episodes that reached finished (terminated or truncated), by environment.",
      labelNames: ["environment"],
      registers,
    });
    this.#episodeReturn = new Histogram({
      name: "rewardkit_env_episode_return",
      help: "The sum of a finished episode's rewards, by environment.",
      labelNames: ["environment"],
      buckets: rewardBuckets,
      registers,
    });
    this.#callSeconds = new Histogram({
      name: "rewardkit_env_tool_call_duration_seconds",
      help: "Time a tool call ran (the step and any spec scoring), by environment.",
      labelNames: ["environment"],
      buckets: secondsBuckets,
      registers,
    });
    for (const environment of environments) this.#opened.inc({ environment }, 0);
  }

  opened(session: Session): void {
    this.#opened.inc({ environment: session.environment.name });
  }

  closed(session: Session, reason: CloseReason): void {
    this.#closed.inc({ environment: session.environment.name, reason });
  }

  call(options: {
    session: Session;
    tool: string;
    outcome: CallOutcome;
    seconds: number;
    reward?: number | null;
    finished?: boolean;
  }): void {
    const { session, outcome } = options;
    const environment = session.environment.name;
    const known = session.environment.tools.some((tool) => tool.name === options.tool);
    this.#calls.inc({ environment, tool: known ? options.tool : "unknown", outcome });
    this.#callSeconds.observe({ environment }, options.seconds);
    if (outcome !== "ok") return;
    if (typeof options.reward === "number") this.#stepReward.observe({ environment }, options.reward);
    if (options.finished) {
      this.#episodes.inc({ environment });
      this.#episodeReturn.observe({ environment }, session.episode.progress.episodeReturn);
    }
  }
}
