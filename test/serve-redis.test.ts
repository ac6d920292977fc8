import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisStateStore } from "../src/serve/index.js";
import { runCli } from "./helpers/cli.js";
import { hasRedis, startRedis } from "./helpers/redis.js";
import { freePort } from "./helpers/redis-server.js";
import {
  callOnNewConnection,
  counterRewardModule,
  get,
  moduleFolder,
  post,
  type RunningServer,
  spawnServer,
  startServer,
} from "./helpers/serve.js";

describe.skipIf(!hasRedis)("per-run state in Redis (real redis-server)", () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => redis.stop());

  it("gets, sets, deletes and snapshots JSON values, per run", async () => {
    const store = await RedisStateStore.connect(redis.url, { prefix: "t1:" });
    try {
      const run = store.forRun("a");
      await run.set("weights", { lambda: 0.5, history: [1, 2] });
      await store.forRun("b").set("weights", 9);
      expect(await run.get("weights")).toEqual({ lambda: 0.5, history: [1, 2] });
      expect(await run.update<number>("count", (previous) => (previous ?? 10) + 1)).toBe(11);
      expect(await store.snapshot("a")).toEqual({ weights: { lambda: 0.5, history: [1, 2] }, count: 11 });
      await run.set("weights", undefined);
      expect(await run.get("weights")).toBeUndefined();
      expect(await store.forRun("b").get("weights")).toBe(9);
    } finally {
      await store.close();
    }
  });

  it("update is atomic across instances: concurrent increments from two connections lose nothing", async () => {
    const first = await RedisStateStore.connect(redis.url, { prefix: "t2:" });
    const second = await RedisStateStore.connect(redis.url, { prefix: "t2:" });
    try {
      const increments = Array.from({ length: 300 }, (_, index) =>
        (index % 2 === 0 ? first : second)
          .forRun("run")
          .update<number>("n", (previous) => (previous ?? 0) + 1),
      );
      const values = await Promise.all(increments);
      expect(await first.forRun("run").get("n")).toBe(300);
      // Every update saw a distinct value: no two read-modify-writes interleaved.
      expect(new Set(values).size).toBe(300);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it("two server instances behind a load balancer share one run's state", async () => {
    const folder = await moduleFolder({ "counter.mjs": counterRewardModule });
    const spec = { version: 1, reward: { type: "module", name: "seen", path: "./counter.mjs" } };
    const servers: RunningServer[] = [];
    for (let index = 0; index < 2; index++) {
      const store = await RedisStateStore.connect(redis.url, { prefix: "t3:" });
      servers.push(
        await startServer(spec, {
          baseDir: folder,
          stateStore: store,
          stateHealth: () => ({ kind: "redis", ok: store.healthy }),
        }),
      );
    }
    try {
      const send = (server: RunningServer, run: string) =>
        post<{ results: { reward: number }[] }>(`${server.url}/v1/score`, {
          run,
          samples: [{ completion: "a" }, { completion: "b" }],
        });
      const replies = await Promise.all(
        Array.from({ length: 20 }, (_, index) => send(servers[index % 2] as RunningServer, "shared")),
      );
      const counts = replies
        .map((reply) => reply.body.results[0]?.reward)
        .sort((a, b) => (a as number) - (b as number));
      expect(counts).toEqual(Array.from({ length: 20 }, (_, index) => 2 * (index + 1)));
      expect((await send(servers[1] as RunningServer, "other")).body.results[0]?.reward).toBe(2);
      const health = await get<{ state: { kind: string; ok: boolean } }>(`${servers[0]?.url}/healthz`);
      expect(health.body.state).toEqual({ kind: "redis", ok: true });
    } finally {
      for (const server of servers) await server.close();
    }
  });

  it("rewardkit serve --state redis://: serves with Redis, refuses an unreachable one, survives Redis dying", async () => {
    const folder = await moduleFolder({ "counter.mjs": counterRewardModule });
    const { writeFile } = await import("node:fs/promises");
    await writeFile(
      `${folder}/spec.yaml`,
      "version: 1\nreward: { type: module, name: seen, path: ./counter.mjs }\n",
    );

    const unreachable = await runCli([
      "serve",
      "--spec",
      `${folder}/spec.yaml`,
      "--port",
      "0",
      "--state",
      `redis://127.0.0.1:${await freePort()}`,
    ]);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain("cannot reach Redis");

    const own = await startRedis();
    const server = await spawnServer(["--spec", `${folder}/spec.yaml`, "--port", "0", "--state", own.url]);
    try {
      const first = await post<{ results: { reward: number }[] }>(`${server.url}/v1/score`, {
        samples: [{ completion: "x" }],
      });
      expect(first.body.results[0]?.reward).toBe(1);
      await own.stop();
      // The server notices the closed connection as soon as its event loop sees it.
      await expect
        .poll(async () => {
          const health = await get<{ status: string }>(`${server.url}/healthz`);
          return [health.status, health.body.status];
        })
        .toEqual([503, "degraded"]);
      const during = await post<{ results: { reward: number; error?: { code: string } }[] }>(
        `${server.url}/v1/score`,
        {
          samples: [{ completion: "x" }],
          timeout_ms: 10_000,
        },
      );
      expect(during.status).toBe(200);
      expect(during.body.results[0]?.error?.code).toBe("STATE_ERROR");
    } finally {
      server.child.kill("SIGTERM");
      await server.exited;
      await own.stop();
    }
  });

  it("rewardkit serve --workers 2 --state redis://: the workers share the run through Redis", async () => {
    const folder = await moduleFolder({ "counter.mjs": counterRewardModule });
    const { writeFile } = await import("node:fs/promises");
    await writeFile(
      `${folder}/spec.yaml`,
      "version: 1\nreward: { type: module, name: seen, path: ./counter.mjs }\n",
    );
    const server = await spawnServer([
      "--spec",
      `${folder}/spec.yaml`,
      "--port",
      "0",
      "--workers",
      "2",
      "--state",
      redis.url,
      "--run",
      "workers-redis",
    ]);
    try {
      const send = async () => {
        const reply = await callOnNewConnection(`${server.url}/v1/score`, "POST", {
          samples: [{ completion: "x" }],
        });
        return (reply.json().results as { reward: number }[])[0]?.reward ?? -1;
      };
      const rewards = await Promise.all(Array.from({ length: 20 }, send));
      expect(rewards.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
      const health = await get<{ state: { kind: string } }>(`${server.url}/healthz`);
      expect(health.body.state.kind).toBe("redis");
    } finally {
      server.child.kill("SIGTERM");
      expect(await server.exited).toBe(0);
    }
  });
});
