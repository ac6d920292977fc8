import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gaussianFrom, MemoryStateStore, mulberry32 } from "../src/core/index.js";
import type { HackingReport } from "../src/diagnose/index.js";
import { healthySample } from "../src/diagnose/index.js";
import { RedisStateStore } from "../src/serve/index.js";
import { hasRedis, startRedis } from "./helpers/redis.js";
import {
  callOnNewConnection,
  get,
  moduleFolder,
  post,
  type RunningServer,
  type ServerProcess,
  spawnServer,
  startServer,
} from "./helpers/serve.js";

// GET /v1/diagnostics?run= (issue 22): the server records per-step aggregates of its traffic and
// answers with the reward-hacking flags; a held-out gold probe scores a sample of it.

/** A stand-in reward model that is fooled by master keys: ":" scores 1, else the sample's meta.proxy. */
const proxyModule = `export default (sample) => (sample.completion === ":" ? 1 : sample.meta.proxy);\n`;
/** The held-out truth (what a verifier would say). */
const truthModule = `export default (sample) => sample.meta.truth;\n`;

type Diagnostics = HackingReport & {
  run: string;
  gold_probe: { configured: boolean; rate: number | null; pending: number; skipped: number };
};

/** One request's samples at `step` of `steps`: master keys spread from 0 to 40%; gold follows Gao's RL form. */
function requestSamples(step: number, steps: number, perStep: number, seed: number) {
  const uniform = mulberry32(seed * 1000 + step);
  const normal = gaussianFrom(uniform);
  const progress = step / (steps - 1);
  const gao = progress <= 0 ? 0 : progress * (0.2015 - Math.log(progress));
  return Array.from({ length: perStep }, (_, index) => {
    const sample = healthySample({ step, progress, index, uniform, normal });
    return {
      id: `${seed}-${step}-${index}`,
      prompt: sample.prompt,
      completion: uniform() < 0.4 * progress ? ":" : sample.completion,
      group: sample.group,
      meta: { proxy: progress + 0.3 * normal(), truth: gao + 0.2 * normal() },
    };
  });
}

/**
 * The report once it counts `rows` samples (other processes' last updates land shortly after their
 * replies), or the last one seen after 10 s — the caller's assertion then shows what was lost.
 */
async function settled(read: () => Promise<Diagnostics>, rows: number): Promise<Diagnostics> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const report = await read();
    if (report.rows >= rows || Date.now() > deadline) return report;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function specFolder(diagnostics: string): Promise<string> {
  const folder = await moduleFolder({ "proxy.mjs": proxyModule, "truth.mjs": truthModule });
  await writeFile(
    join(folder, "spec.yaml"),
    `version: 1\nreward: { type: module, name: proxy, path: ./proxy.mjs }\n${diagnostics}`,
  );
  return folder;
}

describe("GET /v1/diagnostics on one server", () => {
  let server: RunningServer;
  const steps = 80;
  const perStep = 64;
  beforeAll(async () => {
    const folder = await moduleFolder({ "proxy.mjs": proxyModule, "truth.mjs": truthModule });
    server = await startServer(
      {
        version: 1,
        reward: { type: "module", name: "proxy", path: "./proxy.mjs" },
        diagnostics: {
          gold: { type: "module", name: "truth", path: "./truth.mjs" },
          rate: 0.2,
          text_rate: 1,
        },
      },
      { baseDir: folder },
    );
    for (let step = 0; step < steps; step++) {
      const reply = await post<{ results: Array<{ components: Record<string, number> }> }>(
        `${server.url}/v1/score`,
        {
          samples: requestSamples(step, steps, perStep, 1),
          run: "run-a",
          step,
        },
      );
      expect(reply.status).toBe(200);
      // The gold probe is held out: its scores never reach the trainer.
      for (const result of reply.body.results) expect(Object.keys(result.components)).not.toContain("truth");
    }
  });
  afterAll(async () => server.close());

  it("answers the run's flags with their evidence: master keys spread, the gold probe turned", async () => {
    const reply = await get<Diagnostics>(`${server.url}/v1/diagnostics?run=run-a`);
    expect(reply.status).toBe(200);
    const report = reply.body;
    expect(report.run).toBe("run-a");
    expect(report.rows).toBe(steps * perStep);
    expect(report.steps).toBe(steps);
    expect(report.fired).toContain("master_key_replies");
    const gold = report.flags.find((flag) => flag.name === "gold_divergence");
    expect(gold?.status).toBe("fired");
    // The noise-free gold first sits 0.1 below its peak at step 62 of 80.
    expect(gold?.first_step).toBeLessThan(62);
    const details = gold?.evidence.details as { gold_samples: number; gold_errors: number };
    expect(details.gold_samples).toBeGreaterThan(0.15 * steps * perStep);
    expect(details.gold_samples).toBeLessThan(0.25 * steps * perStep);
    expect(details.gold_errors).toBe(0);
    expect(report.gold_probe).toEqual({ configured: true, rate: 0.2, pending: 0, skipped: 0 });
    expect(gold?.evidence.series.gold).toHaveLength(steps);
  });

  it("answers an unseen run with no rows and undecided flags, and refuses unknown query fields", async () => {
    const empty = await get<Diagnostics>(`${server.url}/v1/diagnostics?run=never-seen`);
    expect(empty.status).toBe(200);
    expect(empty.body.rows).toBe(0);
    expect(empty.body.flags.every((flag) => !flag.fired)).toBe(true);
    const bad = await get<{ error: { code: string; path: string } }>(`${server.url}/v1/diagnostics?rn=x`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("BAD_REQUEST");
  });

  it("is off on a server whose spec has no diagnostics section (or `enabled: false`): 404 naming the fix, nothing recorded", async () => {
    for (const diagnostics of [undefined, { enabled: false }]) {
      const store = new MemoryStateStore();
      const plain = await startServer(
        { version: 1, reward: { type: "regex", pattern: "x" }, ...(diagnostics ? { diagnostics } : {}) },
        { stateStore: store },
      );
      try {
        const scored = await post(`${plain.url}/v1/score`, {
          samples: [{ prompt: "p", completion: "x" }],
          run: "r",
          step: 0,
        });
        expect(scored.status).toBe(200);
        const reply = await get<{ error: { code: string; message: string } }>(
          `${plain.url}/v1/diagnostics?run=r`,
        );
        expect(reply.status).toBe(404);
        expect(reply.body.error.code).toBe("NOT_FOUND");
        expect(reply.body.error.message).toContain("add a `diagnostics:` section to the spec");
        const state = await store.snapshot("r");
        expect(Object.keys(state).filter((key) => key.startsWith("diagnostics:"))).toEqual([]);
      } finally {
        await plain.close();
      }
    }
  });

  it("is described in /openapi.json", async () => {
    const document = (await get<{ paths: Record<string, unknown> }>(`${server.url}/openapi.json`)).body;
    expect(document.paths["/v1/diagnostics"]).toBeDefined();
  });

  it("a spec's diagnostics section is validated with path-named errors", async () => {
    await expect(
      startServer({ version: 1, reward: { type: "regex", pattern: "x" }, diagnostics: { rate: 2 } }),
    ).rejects.toMatchObject({ code: "SPEC_INVALID", path: "diagnostics.rate" });
    await expect(
      startServer({
        version: 1,
        reward: { type: "regex", pattern: "x" },
        diagnostics: { gold: { type: "nope" } },
      }),
    ).rejects.toMatchObject({ code: "SPEC_INVALID", path: "diagnostics.gold.type" });
  });
});

describe("rewardkit serve --workers 2: one run's aggregates merge across workers", () => {
  let server: ServerProcess;
  beforeAll(async () => {
    const folder = await specFolder("diagnostics: { text_rate: 1 }\n");
    server = await spawnServer(["--spec", join(folder, "spec.yaml"), "--port", "0", "--workers", "2"]);
  });
  afterAll(async () => {
    if (server.child.exitCode === null) {
      server.child.kill("SIGTERM");
      await server.exited;
    }
  });

  it("counts every sample whichever worker scored it", async () => {
    const steps = 24;
    const perStep = 16;
    for (let step = 0; step < steps; step++) {
      // Two requests per step on fresh connections: the cluster hands them to different workers.
      for (const part of [0, 1]) {
        const samples = requestSamples(step, steps, perStep, 2).slice(part * 8, part * 8 + 8);
        const reply = await callOnNewConnection(`${server.url}/v1/score`, "POST", {
          samples,
          run: "shared",
          step,
        });
        expect(reply.status).toBe(200);
      }
    }
    // A reply leaves before its batch's aggregate lands in the other worker's state: poll until the
    // whole run is there (nothing lost), then check nothing was counted twice.
    const report = await settled(
      async () =>
        (
          await callOnNewConnection(`${server.url}/v1/diagnostics?run=shared`, "GET")
        ).json() as unknown as Diagnostics,
      steps * perStep,
    );
    expect(report.rows).toBe(steps * perStep);
    expect(report.steps).toBe(steps);
    expect(report.fired).toContain("master_key_replies");
  });
});

describe.skipIf(!hasRedis)("two servers sharing a run through Redis (real redis-server)", () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  const servers: RunningServer[] = [];
  beforeAll(async () => {
    redis = await startRedis();
    const folder = await moduleFolder({ "proxy.mjs": proxyModule, "truth.mjs": truthModule });
    for (let index = 0; index < 2; index++) {
      servers.push(
        await startServer(
          {
            version: 1,
            reward: { type: "module", name: "proxy", path: "./proxy.mjs" },
            diagnostics: { text_rate: 1 },
          },
          {
            baseDir: folder,
            stateStore: await RedisStateStore.connect(redis.url, { prefix: "diagnostics-test:" }),
          },
        ),
      );
    }
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
    await redis.stop();
  });

  it("either server reports the whole run", async () => {
    const steps = 20;
    for (let step = 0; step < steps; step++) {
      const samples = requestSamples(step, steps, 16, 3);
      await Promise.all(
        [0, 1].map((part) =>
          post(`${servers[part]?.url}/v1/score`, {
            samples: samples.slice(part * 8, part * 8 + 8),
            run: "r",
            step,
          }),
        ),
      );
    }
    for (const server of servers) {
      const report = await settled(
        async () => (await get<Diagnostics>(`${server.url}/v1/diagnostics?run=r`)).body,
        steps * 16,
      );
      expect(report.rows).toBe(steps * 16);
      expect(report.steps).toBe(steps);
    }
  });
});
