import type { Redis } from "ioredis";
import { RewardkitError } from "../core/index.js";
import { connectRedis, redactRedisUrl } from "../core/redis-connection.js";
import { type CasBackend, CasStateStore, type CasStateStoreOptions } from "./cas-state-store.js";

/**
 * Compare-and-set on one hash field: writes ARGV[3] only if the field still holds what the caller
 * read (ARGV[1] = "1" and ARGV[2] the old text, or ARGV[1] = "0" for "absent").
 */
const compareAndSet = `
local current = redis.call('HGET', KEYS[1], ARGV[4])
if (ARGV[1] == '0' and current == false) or (ARGV[1] == '1' and current == ARGV[2]) then
  redis.call('HSET', KEYS[1], ARGV[4], ARGV[3])
  return 1
end
return 0`;

interface CasRedis extends Redis {
  rewardkitCas(key: string, had: "0" | "1", previous: string, next: string, field: string): Promise<number>;
}

export type RedisStateStoreOptions = CasStateStoreOptions & {
  /**
   * The Redis password (AUTH; with a user name in the URL, an ACL user's). Give it here from the
   * environment (`--state-password-env`), not in a URL typed on a command line, where `ps` shows it.
   */
  password?: string;
};

/**
 * Per-run state in Redis, so several server instances behind a load balancer share a run's state:
 * one hash per run, updates by compare-and-set in a Lua script (see CasStateStore).
 */
export class RedisStateStore extends CasStateStore {
  readonly #redis: CasRedis;

  private constructor(redis: Redis, options: RedisStateStoreOptions) {
    redis.defineCommand("rewardkitCas", { numberOfKeys: 1, lua: compareAndSet });
    const cas = redis as CasRedis;
    super(redisBackend(cas), options);
    this.#redis = cas;
  }

  /** Connects and checks the server answers (PING), so a bad URL fails at start-up, not mid-run. */
  static async connect(url: string, options: RedisStateStoreOptions = {}): Promise<RedisStateStore> {
    const { password, ...storeOptions } = options;
    if (password !== undefined && urlHasPassword(url)) {
      throw new RewardkitError(
        "BAD_REQUEST",
        `${redactRedisUrl(url)} holds a password and one was given from the environment too; keep one`,
        { path: "--state" },
      );
    }
    const redis = await connectRedis(url, {
      redis: { ...(password !== undefined ? { password } : {}), maxRetriesPerRequest: 2 },
      code: "STATE_ERROR",
      path: "--state",
      backoffStepMs: 50,
      maxBackoffMs: 2000,
    });
    return new RedisStateStore(redis, storeOptions);
  }

  /** The connection, shared with the per-client rate limit (`--rate-limit` with `--state redis://`). */
  get connection(): Redis {
    return this.#redis;
  }

  /** Whether the connection is up (for /healthz). */
  get healthy(): boolean {
    return this.#redis.status === "ready";
  }

  /** Quits politely when connected (bounded to a second), else just drops the connection. */
  async close(): Promise<void> {
    if (this.#redis.status !== "ready") {
      this.#redis.disconnect();
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, 1000);
    });
    await Promise.race([this.#redis.quit().catch(() => undefined), gaveUp]);
    clearTimeout(timer);
    this.#redis.disconnect();
  }
}

function redisBackend(redis: CasRedis): CasBackend {
  return {
    read: (hash, field) => call(() => redis.hget(hash, field)),
    write: async (hash, field, text) => {
      if (text === null) await call(() => redis.hdel(hash, field));
      else await call(() => redis.hset(hash, field, text));
    },
    compareAndSet: async (hash, field, previous, next) =>
      (await call(() =>
        redis.rewardkitCas(hash, previous === null ? "0" : "1", previous ?? "", next, field),
      )) === 1,
    readAll: (hash) => call(() => redis.hgetall(hash)),
  };
}

async function call<T>(command: () => Promise<T>): Promise<T> {
  try {
    return await command();
  } catch (error) {
    if (RewardkitError.isInstance(error)) throw error;
    throw new RewardkitError("STATE_ERROR", `Redis: ${(error as Error).message}`, {
      cause: error,
      retryable: true,
    });
  }
}

function urlHasPassword(url: string): boolean {
  try {
    return new URL(url).password !== "";
  } catch {
    return false;
  }
}
