import type { Registry } from "prom-client";
import { RewardkitError } from "../../core/index.js";
import { CallTasks } from "./call-tasks.js";
import type { HostedEnvironment } from "./hosted-environment.js";
import { OrsMetrics } from "./ors-metrics.js";
import { type Session, SessionStore } from "./sessions.js";

/** How the ORS routes behave; `rewardkit serve` fills it from `--env-*` flags. */
export interface OrsSettings {
  /** Sessions open at once; more get 503 with Retry-After (default 1024). */
  maxSessions: number;
  /** A session without a request for this long ends (the protocol's 15 minutes by default). */
  idleTimeoutMs: number;
  /** `: ping` comments on a running tool call's stream (the reference server's 10 s). */
  pingMs: number;
  /** How long a finished call's result waits for a reconnecting client (the reference's 60 s). */
  lingerMs: number;
}

export const defaultOrsSettings: OrsSettings = {
  maxSessions: 1024,
  idleTimeoutMs: 15 * 60_000,
  pingMs: 10_000,
  lingerMs: 60_000,
};

/** What a server needs to host environments over ORS (`createRewardServer({ ors })`, `createOrsServer`). */
export interface OrsHosting {
  environments: readonly HostedEnvironment[];
  settings?: Partial<OrsSettings>;
  /** Releases what the environments hold (compiled specs), after the sessions end. */
  close?: () => Promise<void>;
}

/** The environments one server hosts over ORS, with their sessions, running calls and metrics. */
export class OrsHost {
  readonly environments: readonly HostedEnvironment[];
  readonly settings: OrsSettings;
  readonly sessions: SessionStore;
  readonly calls: CallTasks;
  readonly metrics: OrsMetrics;
  readonly #byName: ReadonlyMap<string, HostedEnvironment>;
  readonly #close: (() => Promise<void>) | undefined;

  constructor(options: OrsHosting & { registry: Registry }) {
    if (options.environments.length === 0) {
      throw new RewardkitError(
        "BAD_REQUEST",
        "ORS serving needs at least one environment (--env or --env-config)",
      );
    }
    this.environments = options.environments;
    this.settings = { ...defaultOrsSettings, ...options.settings };
    this.#byName = new Map(
      options.environments.map((environment) => [environment.name.toLowerCase(), environment]),
    );
    this.metrics = new OrsMetrics({
      registry: options.registry,
      activeSessions: () => this.sessions.countsByEnvironment(),
      environments: options.environments.map((environment) => environment.name),
    });
    this.sessions = new SessionStore({
      maxSessions: this.settings.maxSessions,
      idleTimeoutMs: this.settings.idleTimeoutMs,
      events: this.metrics,
    });
    this.calls = new CallTasks({ lingerMs: this.settings.lingerMs });
    this.#close = options.close;
  }

  /** The first environment: where bare paths (`/tools`, `/call`) and a `/create` without env_name go. */
  get defaultEnvironment(): HostedEnvironment {
    return this.environments[0] as HostedEnvironment;
  }

  /** An environment by name, case-insensitively (as the reference server looks names up); 404 otherwise. */
  environment(name: string): HostedEnvironment {
    const found = this.#byName.get(name.toLowerCase());
    if (found) return found;
    throw new RewardkitError(
      "NOT_FOUND",
      `unknown environment '${name}'; this server has: ${this.environments.map((environment) => environment.name).join(", ")}`,
      { path: "env_name" },
    );
  }

  /** The split's task count; an unknown split is a 400 naming the splits (the reference's "Invalid split"). */
  splitSize(environment: HostedEnvironment, split: string): number {
    if (!environment.splits.some((known) => known.name === split)) {
      throw new RewardkitError(
        "BAD_REQUEST",
        `Invalid split '${split}' for ${environment.name}; splits: ${environment.splits.map((known) => known.name).join(", ")}`,
        { path: "split" },
      );
    }
    return environment.taskCount(split);
  }

  /**
   * The session of a request under `/{env_name}/...` (or a bare path, `envName` undefined): the
   * session must be an episode of that environment.
   */
  session(sid: string, envName: string | undefined): Session {
    const session = this.sessions.get(sid);
    if (envName !== undefined && this.environment(envName) !== session.environment) {
      throw new RewardkitError(
        "BAD_REQUEST",
        `session ${sid} is an episode of ${session.environment.name}, not ${envName}`,
        { path: "env_name" },
      );
    }
    return session;
  }

  /** Ends every session and releases the environments (server shutdown). */
  async close(): Promise<void> {
    this.sessions.closeAll();
    await this.#close?.();
  }
}
