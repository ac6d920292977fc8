import { RedisStateStore } from "../../src/serve/index.js";
import { hasRedisServer, startRedisServer } from "./redis-server.js";

/** Whether a real redis-server can be started here (tests skip with a notice, or fail in CI). */
export const hasRedis = hasRedisServer();

/**
 * A throwaway redis-server on a free port, without persistence, with its `redis://` URL; resolves
 * once rewardkit's own state store can connect to it.
 */
export async function startRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  const server = await startRedisServer(() => []);
  const url = `redis://127.0.0.1:${server.port}`;
  for (let attempt = 0; ; attempt++) {
    try {
      await (await RedisStateStore.connect(url)).close();
      break;
    } catch (error) {
      if (attempt > 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return { url, stop: () => server.stop() };
}
