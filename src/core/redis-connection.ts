import { Redis, type RedisOptions } from "ioredis";
import { type ErrorCode, RewardkitError } from "./errors.js";

// Not re-exported from core/index.ts: importing ioredis costs start-up time every command would pay.

/** A Redis URL as it may be printed: the password (and any query) hidden. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    parsed.search = "";
    return parsed.toString();
  } catch {
    return "(an unparsable URL)";
  }
}

/**
 * Connects and checks Redis answers (PING), so a bad URL fails at start-up with one clear error
 * naming the flag instead of ioredis retrying forever; once connected, drops reconnect with backoff
 * up to `maxBackoffMs`. Used by the server's state store (`--state`) and the queue (`--queue`).
 */
export async function connectRedis(
  url: string,
  options: {
    /** Passed to ioredis (password, maxRetriesPerRequest...). */
    redis?: RedisOptions;
    /** The error a failed connection becomes, and the flag it names. */
    code: ErrorCode;
    path: string;
    backoffStepMs: number;
    maxBackoffMs: number;
  },
): Promise<Redis> {
  let connected = false;
  // rediss:// URLs connect over TLS (ioredis); a private CA goes in NODE_EXTRA_CA_CERTS.
  const redis = new Redis(url, {
    ...options.redis,
    lazyConnect: true,
    connectTimeout: 5000,
    // At start-up a refused connection is an answer (fail fast); later, reconnect with backoff.
    retryStrategy: (times) =>
      connected ? Math.min(times * options.backoffStepMs, options.maxBackoffMs) : null,
  });
  // Connection errors surface through commands; without a listener ioredis would print them.
  let lastError: Error | undefined;
  redis.on("error", (error: Error) => {
    lastError = error;
  });
  try {
    await redis.connect();
    await redis.ping();
    connected = true;
  } catch (error) {
    redis.disconnect();
    const reason = (lastError ?? (error as Error)).message;
    throw new RewardkitError(options.code, `cannot reach Redis at ${redactRedisUrl(url)}: ${reason}`, {
      path: options.path,
      cause: error,
    });
  }
  return redis;
}
