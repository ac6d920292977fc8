import { PassThrough } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keyRedactingLoggerOptions, parseApiKeys } from "../src/serve/index.js";
import {
  counterRewardModule,
  get,
  moduleFolder,
  post,
  type RunningServer,
  slowRewardModule,
  startServer,
} from "./helpers/serve.js";

const keyA = "ka-7f3e9c2a41d84b6f9a0c5e1d2b3f4a5c";
const keyB = "kb-1a2b3c4d5e6f708192a3b4c5d6e7f809";
const keyAdmin = "kadmin-9b8a7c6d5e4f3a2b1c0d9e8f7a6b5c4d";
const keyText = `team-a:${keyA}:team-a/,team-b:${keyB}:team-b/,admin:${keyAdmin}`;
const counterSpec = { version: 1, reward: { type: "module", name: "seen", path: "./counter.mjs" } };

/** A logger like `rewardkit serve`'s (debug level, key redaction), writing into memory. */
function capturedLogger(secrets: readonly string[]) {
  const stream = new PassThrough();
  let text = "";
  stream.setEncoding("utf8").on("data", (chunk: string) => {
    text += chunk;
  });
  const logger = pino({ level: "debug", ...keyRedactingLoggerOptions(secrets) }, stream);
  return {
    logger,
    lines: () =>
      text
        .split("\n")
        .filter((line) => line !== "")
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    text: () => text,
  };
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const score = (url: string, key: string | undefined, body: Record<string, unknown>) =>
  post<{ results?: { reward: number }[]; error?: { code: string; message: string } }>(
    `${url}/v1/score`,
    body,
    key === undefined ? {} : { headers: bearer(key) },
  );
const sample = { prompt: "p", completion: "c" };

describe("server access control over a real socket", () => {
  let running: RunningServer;
  let logs: ReturnType<typeof capturedLogger>;
  beforeAll(async () => {
    const parsed = parseApiKeys(keyText);
    logs = capturedLogger(parsed.secrets);
    running = await startServer(counterSpec, {
      baseDir: await moduleFolder({ "counter.mjs": counterRewardModule }),
      logger: logs.logger,
      access: { keys: parsed.keys, secrets: parsed.secrets },
    });
  });
  afterAll(async () => running.close());

  it("answers 401 JSON without a key, with a wrong key or a malformed header; /healthz stays open", async () => {
    const body = { samples: [sample], run: "team-a/r0" };
    const refused = [
      await score(running.url, undefined, body),
      await score(running.url, "wrong-key-0000000000000", body),
      await post(`${running.url}/v1/score`, body, { headers: { authorization: `Basic ${keyA}` } }),
      await post(`${running.url}/v1/score`, body, { headers: { authorization: keyA } }),
    ];
    for (const reply of refused) {
      expect(reply.status).toBe(401);
      expect(reply.headers.get("www-authenticate")).toBe('Bearer realm="rewardkit"');
      expect((reply.body as { error: { code: string } }).error.code).toBe("UNAUTHORIZED");
      expect(reply.text).not.toContain(keyA);
    }
    expect((await get(`${running.url}/healthz`)).status).toBe(200);
    for (const path of ["/metrics", "/openapi.json", "/nowhere"])
      expect((await get(`${running.url}${path}`)).status, path).toBe(401);
    const viaHeader = await post(`${running.url}/v1/score`, body, { headers: { "x-api-key": keyA } });
    expect(viaHeader.status).toBe(200);
    const metrics = await fetch(`${running.url}/metrics`, { headers: bearer(keyB) });
    expect(metrics.status).toBe(200);
    const openapi = await fetch(`${running.url}/openapi.json`, { headers: bearer(keyB) });
    const document = await openapi.text();
    expect(openapi.status).toBe(200);
    for (const key of [keyA, keyB, keyAdmin]) expect(document).not.toContain(key);
    const described = JSON.parse(document) as {
      security: unknown;
      components: { securitySchemes: Record<string, unknown> };
      paths: Record<string, Record<string, { security?: unknown; responses: Record<string, unknown> }>>;
    };
    expect(described.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
    expect(described.security).toEqual([{ bearer: [] }]);
    expect(described.paths["/healthz"]?.get?.security).toEqual([]);
    expect(Object.keys(described.paths["/v1/score"]?.post?.responses ?? {})).toEqual(
      expect.arrayContaining(["401", "403", "429"]),
    );
  });

  it("refuses ?key= when the server does not allow query keys", async () => {
    const body = { query: ["x"], prompts: [""], labels: [""] };
    const reply = await post(`${running.url}/get_reward?key=${keyA}&run=team-a/r0`, body);
    expect(reply.status).toBe(401);
    expect(reply.text).toContain("--allow-query-key");
    expect(reply.text).not.toContain(keyA);
  });

  it("keeps run A's state out of reach of run B's key on every scoring route (403), and logs who scored what", async () => {
    const first = await score(running.url, keyA, {
      samples: [sample, sample, sample],
      run: "team-a/ppo",
      step: 7,
    });
    expect(first.body.results?.map((result) => result.reward)).toEqual([3, 3, 3]);
    const attempts = [
      await score(running.url, keyB, { samples: [sample], run: "team-a/ppo" }),
      await score(running.url, keyB, { samples: [sample] }),
      await post(
        `${running.url}/get_reward?run=team-a/ppo`,
        { query: ["x"], prompts: [""], labels: [""] },
        { headers: bearer(keyB) },
      ),
      await post(
        `${running.url}/v1/verl/compute_score`,
        { data_source: "d", solution_str: "x", run: "team-a/ppo" },
        { headers: bearer(keyB) },
      ),
      await post(
        `${running.url}/v1/verl/compute_score_batch`,
        { data_sources: ["d"], solution_strs: ["x"], run: "team-a/ppo" },
        { headers: bearer(keyB) },
      ),
    ];
    for (const reply of attempts) {
      expect(reply.status).toBe(403);
      expect((reply.body as { error: { code: string } }).error.code).toBe("FORBIDDEN");
    }
    // Team B's own run has its own state; team A's count went on from 3, untouched by B's attempts.
    expect(
      (await score(running.url, keyB, { samples: [sample], run: "team-b/ppo" })).body.results?.[0]?.reward,
    ).toBe(1);
    expect(
      (await score(running.url, keyA, { samples: [sample], run: "team-a/ppo", step: 8 })).body.results?.[0]
        ?.reward,
    ).toBe(4);
    // A key bound to no run may act on any (an operator's), including team A's.
    expect(
      (await score(running.url, keyAdmin, { samples: [sample], run: "team-a/ppo" })).body.results?.[0]
        ?.reward,
    ).toBe(5);

    const audit = logs.lines().filter((line) => line.msg === "scoring under a run");
    expect(audit).toContainEqual(
      expect.objectContaining({
        key_id: "team-a",
        run: "team-a/ppo",
        step: 7,
        route: "/v1/score",
        samples: 3,
      }),
    );
    expect(audit).toContainEqual(expect.objectContaining({ key_id: "admin", run: "team-a/ppo" }));
    const refusals = logs.lines().filter((line) => line.msg === "refused: the key is not bound to this run");
    expect(refusals).toContainEqual(
      expect.objectContaining({ key_id: "team-b", run: "team-a/ppo", route: "/v1/verl/compute_score" }),
    );
    expect(refusals).toContainEqual(expect.objectContaining({ key_id: "team-b", run: "default" }));
  });

  it("never writes a key into the captured log", () => {
    expect(logs.text().length).toBeGreaterThan(0);
    for (const key of [keyA, keyB, keyAdmin]) expect(logs.text()).not.toContain(key);
  });
});

describe("query keys and public metrics when the server allows them", () => {
  let running: RunningServer;
  beforeAll(async () => {
    const parsed = parseApiKeys(keyText);
    running = await startServer(counterSpec, {
      baseDir: await moduleFolder({ "counter.mjs": counterRewardModule }),
      access: { keys: parsed.keys, secrets: parsed.secrets, allowQueryKey: true, publicMetrics: true },
    });
  });
  afterAll(async () => running.close());

  it("takes ?key= on POST /get_reward only, with its run scope", async () => {
    const body = { query: ["x"], prompts: [""], labels: [""] };
    const accepted = await post<{ rewards: number[] }>(
      `${running.url}/get_reward?key=${keyA}&run=team-a/q`,
      body,
    );
    expect(accepted.status).toBe(200);
    expect(accepted.body.rewards).toEqual([1]);
    const otherRun = await post(`${running.url}/get_reward?key=${keyA}&run=team-b/q`, body);
    expect(otherRun.status).toBe(403);
    expect(otherRun.text).not.toContain(keyA);
    expect((await post(`${running.url}/get_reward?key=nope-nope-nope-nope&run=team-a/q`, body)).status).toBe(
      401,
    );
    const elsewhere = await post(`${running.url}/v1/score?key=${keyA}`, {
      samples: [sample],
      run: "team-a/q",
    });
    expect(elsewhere.status).toBe(401);
    expect(elsewhere.text).toContain("POST /get_reward only");
  });

  it("serves /metrics without a key, and nothing else", async () => {
    expect((await get(`${running.url}/metrics`)).status).toBe(200);
    expect((await get(`${running.url}/openapi.json`)).status).toBe(401);
  });
});

describe("limits per key", () => {
  it("answers 429 with Retry-After past the rate, per key, and never limits /healthz", async () => {
    const parsed = parseApiKeys(keyText);
    const running = await startServer(counterSpec, {
      baseDir: await moduleFolder({ "counter.mjs": counterRewardModule }),
      access: { keys: parsed.keys, secrets: parsed.secrets },
      limits: { requestsPerWindow: 3, windowMs: 60_000 },
    });
    try {
      const statuses: number[] = [];
      for (let index = 0; index < 3; index++)
        statuses.push((await score(running.url, keyA, { samples: [sample], run: "team-a/rate" })).status);
      expect(statuses).toEqual([200, 200, 200]);
      const limited = await score(running.url, keyA, { samples: [sample], run: "team-a/rate" });
      expect(limited.status).toBe(429);
      expect(limited.body.error?.code).toBe("RATE_LIMITED");
      const retryAfter = Number(limited.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(limited.body.error?.message).toContain("key:team-a");
      // The refused request did not reach the reward: the run's count is still 3.
      expect(
        (await score(running.url, keyAdmin, { samples: [sample], run: "team-a/rate" })).body.results?.[0]
          ?.reward,
      ).toBe(4);
      expect((await score(running.url, keyB, { samples: [sample], run: "team-b/rate" })).status).toBe(200);
      for (let index = 0; index < 5; index++) expect((await get(`${running.url}/healthz`)).status).toBe(200);
    } finally {
      await running.close();
    }
  });

  it("without keys, counts per client address: the proxy's, unless --trust-proxy names it", async () => {
    const statuses = async (trustProxy: boolean | undefined) => {
      const running = await startServer(counterSpec, {
        baseDir: await moduleFolder({ "counter.mjs": counterRewardModule }),
        limits: { requestsPerWindow: 1, windowMs: 60_000 },
        ...(trustProxy !== undefined ? { trustProxy } : {}),
      });
      try {
        const out: number[] = [];
        for (const client of ["10.0.0.1", "10.0.0.1", "10.0.0.2"]) {
          const reply = await post(
            `${running.url}/v1/score`,
            { samples: [sample] },
            { headers: { "x-forwarded-for": client } },
          );
          out.push(reply.status);
        }
        return out;
      } finally {
        await running.close();
      }
    };
    expect(await statuses(true)).toEqual([200, 429, 200]);
    expect(await statuses(undefined)).toEqual([200, 429, 429]);
  });

  it("answers 429 with Retry-After to a key's request beyond its concurrent requests, not to other keys", async () => {
    const parsed = parseApiKeys(keyText);
    const running = await startServer(
      { version: 1, reward: { type: "module", name: "slow", path: "./slow.mjs", options: { ms: 400 } } },
      {
        baseDir: await moduleFolder({ "slow.mjs": slowRewardModule }),
        access: { keys: parsed.keys, secrets: parsed.secrets },
        limits: { maxConcurrent: 1 },
      },
    );
    try {
      const first = score(running.url, keyA, { samples: [sample], run: "team-a/c" });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const second = await score(running.url, keyA, { samples: [sample], run: "team-a/c" });
      const other = await score(running.url, keyB, { samples: [sample], run: "team-b/c" });
      expect(second.status).toBe(429);
      expect(second.headers.get("retry-after")).toBe("1");
      expect(other.status).toBe(200);
      expect((await first).status).toBe(200);
      // Its slot is free again once the first request is done.
      expect((await score(running.url, keyA, { samples: [sample], run: "team-a/c" })).status).toBe(200);
    } finally {
      await running.close();
    }
  });
});
