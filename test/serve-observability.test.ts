import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { get, post, type RunningServer, startServer } from "./helpers/serve.js";

describe("/healthz, /metrics, /openapi.json and request ids", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({
      version: 1,
      reward: {
        type: "weighted",
        terms: [
          { weight: 0.5, reward: { type: "regex", name: "format", pattern: "^<answer>" } },
          { weight: 1, reward: { type: "exact_match", name: "correct", cache: true } },
        ],
      },
    });
  });
  afterAll(async () => server.close());

  it("/healthz reports status, components and queue", async () => {
    const reply = await get<Record<string, unknown>>(`${server.url}/healthz`);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      status: "ok",
      default_run: "default",
      components: ["format", "correct"],
      advantage: null,
      state: { kind: "memory", ok: true },
      queued_samples: 0,
    });
  });

  it("/metrics counts requests, latency, component scores, errors by code and cache hits", async () => {
    const sample = { completion: "<answer>5</answer>", reference: "<answer>5</answer>" };
    await post(`${server.url}/v1/score`, { samples: [sample, { completion: "no" }] });
    await post(`${server.url}/v1/score`, { samples: [sample] });
    await post(`${server.url}/v1/score`, { samples: [sample] });
    await post(`${server.url}/v1/score`, { samples: "bad" });
    const text = (await get(`${server.url}/metrics`)).text;
    const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1]);
    expect(
      value(/^rewardkit_http_requests_total\{route="\/v1\/score",method="POST",status="200"\} (\d+)/m),
    ).toBe(3);
    expect(
      value(/^rewardkit_http_requests_total\{route="\/v1\/score",method="POST",status="400"\} (\d+)/m),
    ).toBe(1);
    expect(value(/^rewardkit_http_errors_total\{route="\/v1\/score",code="BAD_REQUEST"\} (\d+)/m)).toBe(1);
    expect(value(/^rewardkit_http_request_duration_seconds_count\{route="\/v1\/score"\} (\d+)/m)).toBe(4);
    expect(value(/^rewardkit_samples_scored_total (\d+)/m)).toBe(4);
    expect(value(/^rewardkit_reward_count\{component="correct"\} (\d+)/m)).toBe(4);
    expect(value(/^rewardkit_reward_sum\{component="correct"\} (\d+)/m)).toBe(3);
    expect(value(/^rewardkit_reward_sum\{component="reward"\} ([\d.]+)/m)).toBeCloseTo(4.5);
    expect(value(/^rewardkit_sample_errors_total\{code="NOT_APPLICABLE",node="correct"\} (\d+)/m)).toBe(1);
    // The same sample three times: a miss, then two hits; the sample without a reference errs and is not cached.
    expect(value(/^rewardkit_cache_hits_total (\d+)/m)).toBe(2);
    expect(value(/^rewardkit_cache_misses_total (\d+)/m)).toBe(2);
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
  });

  it("/openapi.json describes every route from the zod schemas", async () => {
    const reply = await get<{
      openapi: string;
      paths: Record<string, Record<string, Record<string, unknown>>>;
    }>(`${server.url}/openapi.json`);
    expect(reply.status).toBe(200);
    expect(reply.body.openapi).toBe("3.1.0");
    expect(Object.keys(reply.body.paths).sort()).toEqual([
      "/get_reward",
      "/healthz",
      "/metrics",
      "/openapi.json",
      "/v1/diagnostics",
      "/v1/score",
      "/v1/verl/compute_score",
      "/v1/verl/compute_score_batch",
    ]);
    const score = reply.body.paths["/v1/score"]?.post as {
      requestBody: {
        content: {
          "application/json": { schema: { properties: Record<string, { items?: { properties?: object } }> } };
        };
      };
      responses: Record<string, unknown>;
    };
    const properties = score.requestBody.content["application/json"].schema.properties;
    expect(Object.keys(properties)).toEqual(["samples", "run", "step", "timeout_ms"]);
    expect(Object.keys(properties.samples?.items?.properties ?? {})).toEqual(
      expect.arrayContaining(["prompt", "completion", "reference", "group"]),
    );
    expect(Object.keys(score.responses)).toEqual(["200", "400", "413", "503", "504", "default"]);
    const openrlhf = reply.body.paths["/get_reward"]?.post as { parameters: { name: string }[] };
    expect(openrlhf.parameters.map((parameter) => parameter.name)).toEqual(["run", "step"]);
  });

  it("echoes a caller's X-Request-Id, or makes one", async () => {
    const given = await post(
      `${server.url}/v1/score`,
      { samples: [] },
      { headers: { "x-request-id": "trainer-42.step-7" } },
    );
    expect(given.headers.get("x-request-id")).toBe("trainer-42.step-7");
    const made = await post(
      `${server.url}/v1/score`,
      { samples: [] },
      { headers: { "x-request-id": "bad id with spaces" } },
    );
    expect(made.headers.get("x-request-id")).toMatch(/^[0-9a-f]{6}-[0-9a-z]+$/);
  });
});
