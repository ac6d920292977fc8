import { RewardkitError } from "../../core/index.js";
import type { HostedEnvironment, HostedEpisode } from "./hosted-environment.js";

/** One ORS session: an episode of one environment, with its calls queued one at a time. */
export interface Session {
  readonly sid: string;
  readonly environment: HostedEnvironment;
  readonly episode: HostedEpisode;
  readonly openedAt: number;
  lastSeen: number;
  /** Runs `work` after the session's earlier calls (tool calls never overlap within an episode). */
  run<T>(work: () => Promise<T>): Promise<T>;
}

/** Why a session ended, for metrics and for the 410 a late client gets. */
export type CloseReason = "deleted" | "idle" | "shutdown";

export interface SessionEvents {
  opened(session: Session): void;
  closed(session: Session, reason: CloseReason): void;
}

const remembered = 10_000;

function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

/**
 * The server's ORS sessions: bounded (`maxSessions` at once; more get 503 with Retry-After),
 * expired after `idleTimeoutMs` without a request (the protocol's 15 minutes by default; clients
 * `/ping` to stay alive), and remembered for a while after they end so a late request gets a clear
 * 410 instead of a bare 404. All state is in this process, so under `--workers N` a session could not
 * follow its client to another worker: the CLI refuses `--env` with more than one worker.
 */
export class SessionStore {
  readonly #sessions = new Map<string, Session>();
  /** Sids being created (their environment is starting); counted against the bound. */
  readonly #opening = new Set<string>();
  readonly #ended = new Map<string, CloseReason>();
  readonly #maxSessions: number;
  readonly #idleTimeoutMs: number;
  readonly #events: SessionEvents;
  readonly #timer: NodeJS.Timeout;

  constructor(options: { maxSessions: number; idleTimeoutMs: number; events: SessionEvents }) {
    this.#maxSessions = options.maxSessions;
    this.#idleTimeoutMs = options.idleTimeoutMs;
    this.#events = options.events;
    this.#timer = setInterval(() => this.sweep(), Math.max(10, Math.min(5000, options.idleTimeoutMs / 4)));
    this.#timer.unref();
  }

  get size(): number {
    return this.#sessions.size;
  }

  /** Sessions open now, by environment name. */
  countsByEnvironment(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const session of this.#sessions.values()) {
      counts.set(session.environment.name, (counts.get(session.environment.name) ?? 0) + 1);
    }
    return counts;
  }

  /** Starts an episode under `sid`. A sid in use is a 400 (as the reference server answers). */
  async open(
    sid: string,
    environment: HostedEnvironment,
    start: () => Promise<HostedEpisode>,
  ): Promise<Session> {
    if (this.#sessions.has(sid) || this.#opening.has(sid)) {
      throw new RewardkitError("BAD_REQUEST", `session ${sid} already exists`, {
        path: "header X-Session-ID",
      });
    }
    if (this.#sessions.size + this.#opening.size >= this.#maxSessions) {
      throw new RewardkitError(
        "OVERLOADED",
        `${this.#maxSessions} sessions are open (--env-max-sessions); delete finished ones or retry later`,
        { retryable: true, details: { retryAfterSeconds: 1 } },
      );
    }
    this.#opening.add(sid);
    let episode: HostedEpisode;
    try {
      episode = await start();
    } finally {
      this.#opening.delete(sid);
    }
    this.#ended.delete(sid);
    let queue: Promise<unknown> = Promise.resolve();
    const now = performance.now();
    const session: Session = {
      sid,
      environment,
      episode,
      openedAt: now,
      lastSeen: now,
      run<T>(work: () => Promise<T>): Promise<T> {
        const next = queue.then(work, work);
        queue = next.catch(() => undefined);
        return next;
      },
    };
    this.#sessions.set(sid, session);
    this.#events.opened(session);
    return session;
  }

  /** The live session under `sid` (its idle clock restarts), or a 404 / 410 that says why not. */
  get(sid: string): Session {
    const session = this.#sessions.get(sid);
    if (session) {
      session.lastSeen = performance.now();
      return session;
    }
    const ended = this.#ended.get(sid);
    if (ended === "idle") {
      throw new RewardkitError(
        "GONE",
        `session ${sid} expired after ${duration(this.#idleTimeoutMs)} without a request; /ping keeps a session alive`,
      );
    }
    if (ended)
      throw new RewardkitError(
        "GONE",
        `session ${sid} was ${ended === "deleted" ? "deleted" : "closed at shutdown"}`,
      );
    if (this.#opening.has(sid)) throw new RewardkitError("BAD_REQUEST", `session ${sid} is still starting`);
    throw new RewardkitError("NOT_FOUND", `no active session ${sid}; POST /create starts one`);
  }

  /** Ends a session (nothing happens for an unknown sid: deleting is idempotent, as in the protocol). */
  close(sid: string, reason: CloseReason): boolean {
    const session = this.#sessions.get(sid);
    if (!session) return false;
    this.#sessions.delete(sid);
    this.#ended.set(sid, reason);
    if (this.#ended.size > remembered) this.#ended.delete(this.#ended.keys().next().value as string);
    this.#events.closed(session, reason);
    return true;
  }

  /** Ends the sessions idle for longer than the timeout. */
  sweep(now = performance.now()): number {
    let expired = 0;
    for (const session of [...this.#sessions.values()]) {
      if (now - session.lastSeen > this.#idleTimeoutMs && this.close(session.sid, "idle")) expired++;
    }
    return expired;
  }

  /** Ends every session and stops the idle clock (server shutdown). */
  closeAll(): void {
    clearInterval(this.#timer);
    for (const sid of [...this.#sessions.keys()]) this.close(sid, "shutdown");
  }
}
