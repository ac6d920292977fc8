import { readFile } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  get,
  moduleFolder,
  post,
  type RunningServer,
  slowRewardModule,
  startServer,
} from "./helpers/serve.js";

const formatAndAnswer = {
  version: 1,
  reward: {
    type: "weighted",
    terms: [
      { weight: 0.2, reward: { type: "regex", name: "format", pattern: "^<answer>.*</answer>$" } },
      { weight: 1, reward: { type: "exact_match", name: "correct" } },
    ],
  },
};

type ErrorBody = { error: { code: string; message: string; path?: string } };

/** Sends raw bytes with node:http (fetch cannot send a lying or absent content-length). */
function rawRequest(
  url: string,
  options: {
    method: string;
    path: string;
    headers?: Record<string, string | number>;
    body?: string | Buffer;
  },
): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${url}${options.path}`,
      { method: options.method, headers: options.headers ?? {} },
      (response) => {
        let text = "";
        response.setEncoding("utf8").on("data", (chunk: string) => {
          text += chunk;
        });
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text }),
        );
      },
    );
    request.on("error", reject);
    request.end(options.body);
  });
}

describe("bad input gets a 4xx naming what is wrong, and the server keeps serving", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(formatAndAnswer, { maxBodyBytes: 64 * 1024 });
  });
  afterAll(async () => server.close());

  it("malformed JSON and empty bodies", async () => {
    const broken = await post<ErrorBody>(`${server.url}/v1/score`, '{"samples": [{"completion": "x"', {
      raw: true,
    });
    expect(broken.status).toBe(400);
    expect(broken.body.error).toMatchObject({ code: "BAD_REQUEST", path: "body" });
    expect(broken.body.error.message).toMatch(/^the body is not valid JSON: /);
    const empty = await post<ErrorBody>(`${server.url}/get_reward`, "", { raw: true });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/empty/);
    // No content type at all (curl -d sends form encoding): still read as JSON.
    const untyped = await rawRequest(server.url, {
      method: "POST",
      path: "/get_reward",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: '{"query": ["<answer>5</answer>"], "labels": ["<answer>5</answer>"]}',
    });
    expect(untyped.status).toBe(200);
    expect(JSON.parse(untyped.text)).toMatchObject({ rewards: [1.2] });
  });

  it.each([
    ["/v1/score", { samples: "x" }, "samples", "expected array, received string"],
    ["/v1/score", { samples: [], step: -1 }, "step", ">=0"],
    ["/v1/score", { samples: [], run: 7 }, "run", "expected string, received number"],
    ["/v1/score", { samples: [], sample: [] }, "body", 'unknown field "sample"'],
    ["/v1/score", [1, 2], "body", "expected object, received array"],
    ["/get_reward", { query: ["a", 2] }, "query[1]", "expected string, received number"],
    [
      "/get_reward",
      { query: ["a", "b"], prompts: ["a"] },
      "prompts",
      "expected 2 entries (one per query), got 1",
    ],
    ["/get_reward", { prompts: ["a"] }, "query", "expected array, received nothing"],
    ["/v1/verl/compute_score", { solution_str: 5 }, "solution_str", "expected string, received number"],
    [
      "/v1/verl/compute_score_batch",
      { data_sources: ["a"], solution_strs: ["x", "y"] },
      "data_sources",
      "expected 2 entries",
    ],
  ])("wrong types: POST %s %j → 400 at %s", async (route, body, path, message) => {
    const reply = await post<ErrorBody>(`${server.url}${route}`, body);
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe("BAD_REQUEST");
    expect(reply.body.error.path).toBe(path);
    expect(reply.body.error.message).toContain(message);
  });

  it("a malformed X-Request-Timeout-Ms header", async () => {
    const reply = await post<ErrorBody>(
      `${server.url}/v1/score`,
      { samples: [] },
      { headers: { "x-request-timeout-ms": "soon" } },
    );
    expect(reply.status).toBe(400);
    expect(reply.body.error.path).toBe("header X-Request-Timeout-Ms");
  });

  it("huge bodies get 413, declared or streamed", async () => {
    const big = JSON.stringify({ query: ["x".repeat(100 * 1024)] });
    const declared = await post<ErrorBody>(`${server.url}/get_reward`, big, { raw: true });
    expect(declared.status).toBe(413);
    expect(declared.body.error.code).toBe("PAYLOAD_TOO_LARGE");
    const streamed = await rawRequest(server.url, {
      method: "POST",
      path: "/get_reward",
      headers: { "content-type": "application/json", "transfer-encoding": "chunked" },
      body: big,
    });
    expect(streamed.status).toBe(413);
    expect((await get(`${server.url}/healthz`)).status).toBe(200);
  });

  it("deep nesting gets 400 naming where, at any depth", async () => {
    const deep = (levels: number) => `${"[".repeat(levels)}${"]".repeat(levels)}`;
    const shallowBody = `{"samples": [{"completion": "x", "reference": ${deep(100)}}]}`;
    const shallow = await post<ErrorBody>(`${server.url}/v1/score`, shallowBody, { raw: true });
    expect(shallow.status).toBe(400);
    expect(shallow.body.error.message).toBe("JSON nested deeper than 64 levels");
    expect(shallow.body.error.path).toMatch(/^samples\[0\]\.reference\[0\]/);
    const abyss = await post<ErrorBody>(`${server.url}/get_reward`, `{"query": ${deep(30_000)}}`, {
      raw: true,
    });
    expect(abyss.status).toBe(400);
  });

  it("unknown routes and wrong methods get JSON 404 and 405", async () => {
    const missing = await get<ErrorBody>(`${server.url}/v2/score`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("NOT_FOUND");
    expect(missing.body.error.message).toContain("POST /v1/score");
    const wrongMethod = await get<ErrorBody>(`${server.url}/get_reward`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("POST");
  });

  it("a __proto__ key in a body pollutes nothing", async () => {
    const reply = await post(
      `${server.url}/v1/score`,
      '{"samples": [{"completion": "x", "__proto__": {"polluted": true}}]}',
      {
        raw: true,
      },
    );
    expect(reply.status).toBe(200);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // The same key spelled with a JSON escape is the same key once parsed.
    const escaped = await post<{ results: { reward: number }[] }>(
      `${server.url}/v1/score`,
      '{"samples": [{"completion": "x", "\\u005f_proto__": {"polluted": true}}]}',
      { raw: true },
    );
    expect(escaped.status).toBe(200);
    expect(escaped.body.results).toHaveLength(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("never answers 5xx to any JSON body on any route (property)", async () => {
    const routes = ["/v1/score", "/get_reward", "/v1/verl/compute_score", "/v1/verl/compute_score_batch"];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.jsonValue({ maxDepth: 4 }), async (route, body) => {
        const reply = await post(`${server.url}${route}`, body);
        expect(reply.status).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
    const shaped = fc.record({
      samples: fc.array(
        fc.record(
          {
            completion: fc.oneof(fc.string(), fc.jsonValue()),
            reference: fc.jsonValue(),
            group: fc.jsonValue(),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 5 },
      ),
    });
    await fc.assert(
      fc.asyncProperty(shaped, async (body) => {
        const reply = await post<{ results: unknown[] }>(`${server.url}/v1/score`, body);
        expect(reply.status).toBe(200);
        expect(reply.body.results).toHaveLength(body.samples.length);
      }),
      { numRuns: 100 },
    );
  });
});

describe("load, backpressure, deadlines and disconnects", () => {
  it("serves concurrent single-rollout requests correctly, gathered into micro-batches", async () => {
    const server = await startServer(formatAndAnswer, { batchWaitMs: 2 });
    try {
      const total = 1500;
      let next = 0;
      const failures: string[] = [];
      const worker = async () => {
        while (next < total) {
          const index = next++;
          const right = index % 3 === 0;
          const reply = await post<{ rewards: number[] }>(`${server.url}/get_reward`, {
            query: [
              `<|im_start|>user\nq${index}<|im_end|>\n<|im_start|>assistant\n<answer>${right ? index : "?"}</answer><|im_end|>`,
            ],
            prompts: [`<|im_start|>user\nq${index}<|im_end|>\n<|im_start|>assistant\n`],
            labels: [`<answer>${index}</answer>`],
          });
          const expected = right ? 1.2 : 0.2;
          if (reply.status !== 200 || Math.abs((reply.body.rewards[0] ?? -1) - expected) > 1e-9)
            failures.push(`${index}: ${reply.text}`);
        }
      };
      await Promise.all(Array.from({ length: 64 }, worker));
      expect(failures).toEqual([]);
      const metrics = (await get(`${server.url}/metrics`)).text;
      const batches = Number(/^rewardkit_batch_size_count (\d+)/m.exec(metrics)?.[1]);
      const samples = Number(/^rewardkit_batch_size_sum (\d+)/m.exec(metrics)?.[1]);
      expect(samples).toBe(total);
      expect(batches).toBeLessThan(total);
    } finally {
      await server.close();
    }
  });

  it("a full queue answers 503 with Retry-After; the admitted requests still finish", async () => {
    const folder = await moduleFolder({ "slow.mjs": slowRewardModule });
    const server = await startServer(
      { version: 1, reward: { type: "module", path: "./slow.mjs", options: { ms: 150 } } },
      { baseDir: folder, batchConcurrency: 1, batchMaxSize: 1, maxQueuedSamples: 3 },
    );
    try {
      const replies = await Promise.all(
        Array.from({ length: 12 }, () => post<ErrorBody>(`${server.url}/get_reward`, { query: ["x"] })),
      );
      const refused = replies.filter((reply) => reply.status === 503);
      const served = replies.filter((reply) => reply.status === 200);
      expect(refused.length).toBeGreaterThan(0);
      expect(served.length).toBeGreaterThanOrEqual(4);
      expect(refused.length + served.length).toBe(12);
      for (const reply of refused) {
        expect(reply.body.error.code).toBe("OVERLOADED");
        expect(Number(reply.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      }
    } finally {
      await server.close();
    }
  });

  it("a request past its deadline gets 504 and its work is aborted; a node timeout is a per-sample error", async () => {
    const folder = await moduleFolder({ "slow.mjs": slowRewardModule });
    const log = join(folder, "aborts.log");
    const server = await startServer(
      {
        version: 1,
        reward: {
          type: "weighted",
          terms: [
            {
              weight: 1,
              reward: { type: "module", name: "slow", path: "./slow.mjs", options: { ms: 10_000, log } },
            },
            {
              weight: 1,
              reward: {
                type: "module",
                name: "bounded",
                path: "./slow.mjs",
                timeout_ms: 50,
                options: { ms: 10_000 },
              },
            },
          ],
        },
      },
      { baseDir: folder },
    );
    try {
      const started = performance.now();
      const late = await post<ErrorBody>(`${server.url}/v1/score`, {
        samples: [{ completion: "x" }],
        timeout_ms: 300,
      });
      expect(late.status).toBe(504);
      expect(late.body.error.code).toBe("TIMEOUT");
      expect(performance.now() - started).toBeLessThan(3000);
      await expect.poll(() => readFile(log, "utf8").catch(() => "")).toContain("aborted");

      const bounded = await startServer(
        {
          version: 1,
          reward: {
            type: "module",
            name: "bounded",
            path: "./slow.mjs",
            timeout_ms: 50,
            options: { ms: 10_000 },
          },
        },
        { baseDir: folder },
      );
      const reply = await post<{ results: { reward: number; error?: { code: string } }[] }>(
        `${bounded.url}/v1/score`,
        {
          samples: [{ completion: "x" }],
        },
      );
      await bounded.close();
      expect(reply.status).toBe(200);
      expect(reply.body.results[0]).toMatchObject({ reward: 0, error: { code: "TIMEOUT" } });
    } finally {
      await server.close();
    }
  });

  it("a client that disconnects mid-request cancels its work; the server keeps serving", async () => {
    const folder = await moduleFolder({ "slow.mjs": slowRewardModule });
    const log = join(folder, "aborts.log");
    const server = await startServer(
      { version: 1, reward: { type: "module", path: "./slow.mjs", options: { ms: 10_000, log } } },
      { baseDir: folder },
    );
    try {
      const controller = new AbortController();
      const pending = post(`${server.url}/get_reward`, { query: ["x"] }, { signal: controller.signal });
      setTimeout(() => controller.abort(), 200);
      await expect(pending).rejects.toThrow();
      await expect.poll(() => readFile(log, "utf8").catch(() => "")).toContain("aborted");
      const metrics = (await get(`${server.url}/metrics`)).text;
      expect(metrics).toMatch(
        /rewardkit_http_requests_total\{route="\/get_reward",method="POST",status="499"\} 1/,
      );
      expect(metrics).toMatch(/rewardkit_inflight_requests 1\n/); // only the /metrics request itself
      expect((await get(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
