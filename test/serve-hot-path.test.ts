import { Agent, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { get, moduleFolder, type RunningServer, slowRewardModule, startServer } from "./helpers/serve.js";

/**
 * The hot path (src/serve/hot-path.ts) answers POST /get_reward and /v1/score straight from
 * node:http; Fastify answers the same routes otherwise. A client must not be able to tell which
 * one answered: every case sends the same request three ways — on the hot path (Content-Length,
 * exact URL), with a query string, and with a chunked body (both of which only Fastify takes) —
 * and compares the replies: status, body bytes and every header but `date`.
 */

/** bench/server/spec.yaml: regex + exact_match under weighted. */
const spec = {
  version: 1,
  reward: {
    type: "weighted",
    terms: [
      {
        weight: 0.2,
        reward: {
          type: "regex",
          name: "format",
          pattern: "^<think>[\\s\\S]*</think>\\s*<answer>[\\s\\S]*</answer>$",
        },
      },
      { weight: 1, reward: { type: "exact_match", name: "correct" } },
    ],
  },
};

const maxBodyBytes = 4096;

/** How a request reaches the server: the hot path, or forced onto Fastify by a query string or a chunked body. */
type Form = "hot" | "query" | "chunked";
const forms: readonly Form[] = ["hot", "query", "chunked"];

interface Exchange {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** A keep-alive client, so `connection: close` in a reply is the server's own decision. */
const agent = new Agent({ keepAlive: true });

/** Fastify's request-id format (boot id and counter), which the hot path shares. */
const generatedId = /^[0-9a-f]{6}-[0-9a-z]+$/;

/** POSTs raw text with node:http in one of the three forms; `form` is also sent as a header for the probe. */
function send(
  url: string,
  options: {
    route: string;
    body: string;
    form: Form;
    headers?: Record<string, string | null>;
    signal?: AbortSignal;
  },
): Promise<Exchange> {
  const { route, body, form } = options;
  // /get_reward reads run and step from the query: an empty query changes nothing else.
  const query = route === "/get_reward" ? "?" : "?x=1";
  const payload = Buffer.from(body, "utf8");
  const headers: Record<string, string | number> = {};
  // A null header is not sent at all (a client without a Content-Type).
  for (const [name, value] of Object.entries({
    "content-type": "application/json",
    "x-test-form": form,
    ...options.headers,
  }))
    if (value !== null) headers[name] = value;
  if (form !== "chunked") headers["content-length"] = payload.length;
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    // An explicit path: a URL string would lose the empty query of "/get_reward?".
    const outgoing = httpRequest(
      {
        hostname,
        port,
        path: `${route}${form === "query" ? query : ""}`,
        method: "POST",
        agent,
        headers,
        ...(options.signal ? { signal: options.signal } : {}),
      },
      (incoming) => {
        let text = "";
        incoming.setEncoding("utf8").on("data", (chunk: string) => {
          text += chunk;
        });
        incoming.on("end", () =>
          resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, text }),
        );
      },
    );
    outgoing.setTimeout(10_000, () => outgoing.destroy(new Error("no reply in 10 s")));
    outgoing.on("error", reject);
    if (form === "chunked") {
      // Two chunks, so the body really arrives in pieces (Transfer-Encoding: chunked, no length).
      const half = Math.floor(payload.length / 2);
      outgoing.write(payload.subarray(0, half));
      outgoing.end(payload.subarray(half));
    } else {
      outgoing.end(payload);
    }
  });
}

/** A reply as a client sees it, with what legitimately varies (date, generated ids) normalised. */
function comparable(reply: Exchange): { status: number; text: string; headers: Record<string, unknown> } {
  const { date: _date, "x-request-id": id, ...headers } = reply.headers;
  const requestId = typeof id === "string" && generatedId.test(id) ? "<generated>" : id;
  return { status: reply.status, text: reply.text, headers: { ...headers, "x-request-id": requestId } };
}

/** Which requests Fastify saw (by their `x-test-form` header): the probe that the hot path took the others. */
function fastifyProbe(seen: string[]) {
  return async (app: FastifyInstance) => {
    const recorded = new WeakSet<object>();
    const record = async (request: FastifyRequest) => {
      if (request.method !== "POST" || recorded.has(request)) return;
      recorded.add(request);
      seen.push(String(request.headers["x-test-form"] ?? "none"));
    };
    // onRequest sees a request at once (one whose client leaves is never answered); onSend sees
    // every reply, including those of requests the server's own onRequest hook refused.
    app.addHook("onRequest", record);
    app.addHook("onSend", record);
  };
}

/**
 * Sends the request in all three forms and asserts the replies are identical; returns the hot one.
 * `hotTaken`: whether the hot path should serve the first form (false when it must defer to Fastify).
 */
async function sameEverywhere(
  context: { url: string; seen: string[] },
  request: { route: string; body: string; headers?: Record<string, string | null> },
  hotTaken = true,
): Promise<Exchange> {
  context.seen.length = 0;
  const replies: Exchange[] = [];
  for (const form of forms) replies.push(await send(context.url, { ...request, form }));
  const [hot, query, chunked] = replies as [Exchange, Exchange, Exchange];
  expect(comparable(query), "query string (Fastify) vs hot path").toEqual(comparable(hot));
  expect(comparable(chunked), "chunked body (Fastify) vs hot path").toEqual(comparable(hot));
  expect(context.seen, "requests Fastify answered").toEqual(hotTaken ? ["query", "chunked"] : forms);
  expect(hot.headers["content-type"]).toBe("application/json; charset=utf-8");
  expect(Number(hot.headers["content-length"])).toBe(Buffer.byteLength(hot.text));
  return hot;
}

type ErrorBody = { error: { code: string; message: string; path?: string } };

const think = (answer: string) => `<think>adding</think> <answer>${answer}</answer>`;
const chatml = (question: string) => `<|im_start|>user\n${question}<|im_end|>\n<|im_start|>assistant\n`;

describe("the hot path answers exactly as Fastify does", () => {
  let server: RunningServer;
  const seen: string[] = [];
  const context = { url: "", seen };
  beforeAll(async () => {
    server = await startServer(spec, { maxBodyBytes, routes: fastifyProbe(seen) });
    context.url = server.url;
  });
  afterAll(async () => server.close());

  it("/v1/score: valid rows, a row with an id, and invalid rows with their own errors", async () => {
    const body = JSON.stringify({
      samples: [
        { id: "row-a", prompt: "2+3?", completion: think("5"), reference: think("5") },
        { prompt: "2+2?", completion: "<answer>4</answer>", reference: "<answer>5</answer>" },
        "not a sample",
        {
          prompt: [{ role: "user", content: "1+1?" }],
          completion: [{ role: "assistant", content: think("2") }],
        },
        { id: 7, completion: 5 },
      ],
      run: "hot-path",
      step: 3,
    });
    const hot = await sameEverywhere(context, { route: "/v1/score", body });
    expect(hot.status).toBe(200);
    expect(hot.headers.connection).toBe("keep-alive");
    const results = (
      JSON.parse(hot.text) as {
        results: {
          id?: string;
          reward: number;
          components: Record<string, number>;
          error?: ErrorBody["error"];
        }[];
      }
    ).results;
    expect(results).toHaveLength(5);
    expect(results[0]).toMatchObject({ id: "row-a", reward: 1.2, components: { format: 1, correct: 1 } });
    expect(results[1]).toMatchObject({ reward: 0, components: { format: 0, correct: 0 } });
    expect(results[1]?.error).toBeUndefined();
    expect(results[2]?.error).toMatchObject({ code: "INPUT_INVALID", path: "samples[2]" });
    expect(results[3]?.components.format).toBe(1);
    expect(results[4]?.error?.code).toBe("INPUT_INVALID");
    expect(results[4]?.error?.path).toMatch(/^samples\[4\]/);
  });

  it("/get_reward: one rollout, several rollouts, and Python's NaN as a label", async () => {
    const one = JSON.stringify({
      query: [`${chatml("2+3?")}${think("5")}<|im_end|>`],
      prompts: [chatml("2+3?")],
      labels: [think("5")],
    });
    const single = await sameEverywhere(context, { route: "/get_reward", body: one });
    expect(single.status).toBe(200);
    expect(single.text).toBe(
      '{"rewards":[1.2],"scores":[1.2],"extra_logs":{"format":[1.0],"correct":[1.0],"rewardkit_error":[0.0]}}',
    );
    const questions = ["1+1?", "2+2?", "3+3?"];
    const several = JSON.stringify({
      query: questions.map(
        (question, index) => `${chatml(question)}${think(String(index * 2 + 2))}<|im_end|>`,
      ),
      prompts: questions.map(chatml),
      labels: [think("2"), think("4"), think("7")],
    });
    const batch = await sameEverywhere(context, { route: "/get_reward", body: several });
    expect(batch.status).toBe(200);
    expect(JSON.parse(batch.text)).toMatchObject({ rewards: [1.2, 1.2, 0.2] });
    // json.dumps(float("nan")) writes a bare NaN: that rollout alone is refused.
    const nan = `{"query": ${JSON.stringify([`${chatml("a")}${think("1")}`, `${chatml("b")}${think("2")}`])}, "prompts": ${JSON.stringify([chatml("a"), chatml("b")])}, "labels": [NaN, ${JSON.stringify(think("2"))}]}`;
    const tolerant = await sameEverywhere(context, { route: "/get_reward", body: nan });
    expect(tolerant.status).toBe(200);
    const parsed = JSON.parse(tolerant.text) as { rewards: number[]; extra_logs: Record<string, number[]> };
    expect(parsed.extra_logs.rewardkit_error).toEqual([1, 0]);
    expect(parsed.rewards[1]).toBe(1.2);
  });

  it("malformed JSON: 400 and the connection closed, on both routes", async () => {
    for (const route of ["/v1/score", "/get_reward"]) {
      const hot = await sameEverywhere(context, { route, body: '{"samples": [{"completion": "x"' });
      expect(hot.status).toBe(400);
      expect(hot.headers.connection).toBe("close");
      const error = (JSON.parse(hot.text) as ErrorBody).error;
      expect(error).toMatchObject({ code: "BAD_REQUEST", path: "body" });
      expect(error.message).toMatch(/^the body is not valid JSON: /);
    }
  });

  it("bodies failing the schema: an unknown field on /v1/score, `query` not a list on /get_reward", async () => {
    const unknown = await sameEverywhere(context, {
      route: "/v1/score",
      body: JSON.stringify({ samples: [], sample: [] }),
    });
    expect(unknown.status).toBe(400);
    expect(unknown.headers.connection).toBe("keep-alive");
    expect((JSON.parse(unknown.text) as ErrorBody).error).toMatchObject({
      code: "BAD_REQUEST",
      path: "body",
    });
    expect(unknown.text).toContain('unknown field \\"sample\\"');
    const notList = await sameEverywhere(context, {
      route: "/get_reward",
      body: JSON.stringify({ query: "one rollout", labels: ["x"] }),
    });
    expect(notList.status).toBe(400);
    expect((JSON.parse(notList.text) as ErrorBody).error).toMatchObject({
      code: "BAD_REQUEST",
      path: "query",
    });
  });

  it("any Content-Type, or none, is read as JSON on either path", async () => {
    const body = JSON.stringify({ query: [think("4")], labels: [think("4")] });
    for (const type of [
      null,
      "text/plain",
      "application/x-www-form-urlencoded",
      "application/json; charset=utf-8",
    ]) {
      const reply = await sameEverywhere(context, {
        route: "/get_reward",
        body,
        headers: { "content-type": type },
      });
      expect(reply.status, `content-type ${type}`).toBe(200);
    }
  });

  // Fastify refuses a Content-Type that is not a media type before parsing (415, answered as 400):
  // the hot path leaves such a request to Fastify, so the reply is Fastify's own.
  it.each(["json", "application/", "", "application/json\u00e9"])(
    "a malformed Content-Type %j: the same reply on either path (Fastify answers it)",
    async (type) => {
      const reply = await sameEverywhere(
        context,
        {
          route: "/v1/score",
          body: JSON.stringify({ samples: [{ completion: "x" }] }),
          headers: { "content-type": type },
        },
        false,
      );
      expect(reply.status).toBe(400);
    },
  );

  it("JSON nested deeper than the server's limit: 400 naming where", async () => {
    const deep = (levels: number) => `${"[".repeat(levels)}${"]".repeat(levels)}`;
    const score = await sameEverywhere(context, {
      route: "/v1/score",
      body: `{"samples": [{"completion": "x", "reference": ${deep(70)}}]}`,
    });
    expect(score.status).toBe(400);
    const error = (JSON.parse(score.text) as ErrorBody).error;
    expect(error.message).toBe("JSON nested deeper than 64 levels");
    expect(error.path).toMatch(/^samples\[0\]\.reference\[0\]/);
    const reward = await sameEverywhere(context, { route: "/get_reward", body: `{"query": ${deep(100)}}` });
    expect(reward.status).toBe(400);
    expect((JSON.parse(reward.text) as ErrorBody).error.path).toMatch(/^query\[0\]/);
  });

  it("X-Request-Timeout-Ms malformed: 400; a caller's X-Request-Id comes back", async () => {
    const body = JSON.stringify({ samples: [{ completion: think("1"), reference: think("1") }] });
    for (const route of ["/v1/score", "/get_reward"]) {
      const malformed = await sameEverywhere(context, {
        route,
        body: route === "/v1/score" ? body : JSON.stringify({ query: ["x"] }),
        headers: { "x-request-timeout-ms": "soon" },
      });
      expect(malformed.status).toBe(400);
      expect((JSON.parse(malformed.text) as ErrorBody).error).toMatchObject({
        code: "BAD_REQUEST",
        path: "header X-Request-Timeout-Ms",
      });
      expect(malformed.headers["x-request-id"]).toMatch(generatedId);
    }
    const echoed = await sameEverywhere(context, {
      route: "/v1/score",
      body,
      headers: { "x-request-id": "trainer-7.step:42", "x-request-timeout-ms": "5000" },
    });
    expect(echoed.status).toBe(200);
    expect(echoed.headers["x-request-id"]).toBe("trainer-7.step:42");
    // An id the server will not keep (a space) is replaced by a generated one, on either path.
    const replaced = await sameEverywhere(context, {
      route: "/get_reward",
      body: JSON.stringify({ query: [think("1")], labels: [think("1")] }),
      headers: { "x-request-id": "not kept" },
    });
    expect(replaced.headers["x-request-id"]).toMatch(generatedId);
  });

  it("a body of exactly the limit is served; one byte more gets 413 and a closed connection (Fastify's)", async () => {
    const frame = (padding: string) => JSON.stringify({ query: [think("5")], labels: [think("5")], padding });
    const exact = frame("x".repeat(maxBodyBytes - Buffer.byteLength(frame(""))));
    expect(Buffer.byteLength(exact)).toBe(maxBodyBytes);
    const atLimit = await sameEverywhere(context, { route: "/get_reward", body: exact });
    expect(atLimit.status).toBe(200);
    for (const body of [
      frame("x".repeat(maxBodyBytes - Buffer.byteLength(frame("")) + 1)),
      frame("y".repeat(3 * maxBodyBytes)),
    ]) {
      const over = await sameEverywhere(context, { route: "/get_reward", body }, false);
      expect(over.status).toBe(413);
      expect(over.headers.connection).toBe("close");
      expect((JSON.parse(over.text) as ErrorBody).error.code).toBe("PAYLOAD_TOO_LARGE");
    }
    const score = await sameEverywhere(
      context,
      {
        route: "/v1/score",
        body: JSON.stringify({ samples: [{ completion: "z".repeat(2 * maxBodyBytes) }] }),
      },
      false,
    );
    expect(score.status).toBe(413);
    expect(score.headers.connection).toBe("close");
  });
});

describe("deadlines and overload: 504, and 503 with Retry-After, read the same on both paths", () => {
  let server: RunningServer;
  const seen: string[] = [];
  const context = { url: "", seen };
  beforeAll(async () => {
    const folder = await moduleFolder({ "slow.mjs": slowRewardModule });
    server = await startServer(
      { version: 1, reward: { type: "module", name: "slow", path: "./slow.mjs", options: { ms: 5000 } } },
      {
        baseDir: folder,
        batchConcurrency: 1,
        batchMaxSize: 1,
        maxQueuedSamples: 1,
        routes: fastifyProbe(seen),
      },
    );
    context.url = server.url;
  });
  afterAll(async () => server.close());

  it("a deadline from X-Request-Timeout-Ms or timeout_ms that passes: the same 504 on either path", async () => {
    for (const [route, body, headers] of [
      ["/v1/score", JSON.stringify({ samples: [{ completion: "x" }] }), { "x-request-timeout-ms": "100" }],
      ["/v1/score", JSON.stringify({ samples: [{ completion: "x" }], timeout_ms: 100 }), {}],
      ["/get_reward", JSON.stringify({ query: ["x"] }), { "x-request-timeout-ms": "100" }],
    ] as const) {
      const late = await sameEverywhere(context, { route, body, headers });
      expect(late.status).toBe(504);
      expect(JSON.parse(late.text)).toEqual({
        error: {
          code: "TIMEOUT",
          message: "the request's deadline of 100 ms passed before scoring finished",
        },
      });
    }
    // The aborted work is gone before the next test fills the queue.
    await expect
      .poll(async () => (await get(`${server.url}/metrics`)).text)
      .toMatch(/^rewardkit_inflight_batches 0$/m);
  });

  it("a full queue refuses on either path with the same status, body and Retry-After", async () => {
    // One sample takes the only scoring slot (for 5 s); then two samples wait in the queue.
    const blocker = new AbortController();
    const block = (samples: number) =>
      fetch(`${server.url}/v1/score`, {
        method: "POST",
        body: JSON.stringify({
          samples: Array.from({ length: samples }, (_, index) => ({ completion: `${index}` })),
        }),
        signal: blocker.signal,
      }).catch(() => undefined);
    const scoring = block(1);
    await expect
      .poll(async () => (await get(`${server.url}/metrics`)).text)
      .toMatch(/^rewardkit_inflight_batches 1$/m);
    const queued = block(2);
    await expect
      .poll(async () => (await get(`${server.url}/metrics`)).text)
      .toMatch(/^rewardkit_queued_samples 2$/m);
    const pending = Promise.all([scoring, queued]);
    try {
      for (const [route, body] of [
        ["/v1/score", JSON.stringify({ samples: [{ completion: "d" }] })],
        ["/get_reward", JSON.stringify({ query: ["e"] })],
      ] as const) {
        const refused = await sameEverywhere(context, { route, body });
        expect(refused.status).toBe(503);
        expect((JSON.parse(refused.text) as ErrorBody).error.code).toBe("OVERLOADED");
        expect(Number(refused.headers["retry-after"])).toBeGreaterThanOrEqual(1);
      }
    } finally {
      blocker.abort();
      await pending;
    }
  });
});

describe("a client that leaves, and a server that drains, look the same on both paths", () => {
  let server: RunningServer;
  const seen: string[] = [];
  beforeAll(async () => {
    const folder = await moduleFolder({ "slow.mjs": slowRewardModule });
    server = await startServer(
      { version: 1, reward: { type: "module", name: "slow", path: "./slow.mjs", options: { ms: 400 } } },
      { baseDir: folder, routes: fastifyProbe(seen) },
    );
  });
  afterAll(async () => server.close());

  const inFlight = (requests: number) =>
    expect
      .poll(async () => (await get(`${server.url}/metrics`)).text)
      // The /metrics request itself is in flight too.
      .toMatch(new RegExp(`^rewardkit_inflight_requests ${requests + 1}$`, "m"));

  it("a client gone before the reply is counted the same way (499, ABORTED) by either path", async () => {
    const body = JSON.stringify({ query: ["x"] });
    const counts = async () => {
      const text = (await get(`${server.url}/metrics`)).text;
      const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? 0);
      return {
        status499: value(
          /^rewardkit_http_requests_total\{route="\/get_reward",method="POST",status="499"\} (\d+)$/m,
        ),
        aborted: value(/^rewardkit_http_errors_total\{route="\/get_reward",code="ABORTED"\} (\d+)$/m),
      };
    };
    const added: Record<string, { status499: number; aborted: number }> = {};
    for (const form of forms) {
      const before = await counts();
      const leaving = new AbortController();
      const reply = send(server.url, { route: "/get_reward", body, form, signal: leaving.signal }).catch(
        (error: unknown) => error,
      );
      await inFlight(1);
      leaving.abort();
      expect(await reply).toBeInstanceOf(Error);
      // Settled: nothing in flight but the /metrics request, no batch still scoring.
      await inFlight(0);
      await expect
        .poll(async () => (await get(`${server.url}/metrics`)).text)
        .toMatch(/^rewardkit_inflight_batches 0$/m);
      const after = await counts();
      added[form] = {
        status499: after.status499 - before.status499,
        aborted: after.aborted - before.aborted,
      };
    }
    // One 499 and one ABORTED error per client gone (the scope counts it; the error reply, which
    // nobody reads, does not count it again).
    expect(added.hot).toEqual({ status499: 1, aborted: 1 });
    expect(added.query).toEqual(added.hot);
    expect(added.chunked).toEqual(added.hot);
    expect(seen.sort()).toEqual(["chunked", "query"]);
  });

  it("requests in flight when shutdown begins finish, and their replies close the connection", async () => {
    seen.length = 0;
    const body = JSON.stringify({ samples: [{ id: "late", completion: "x" }] });
    const replies = forms.map((form) => send(server.url, { route: "/v1/score", body, form }));
    await inFlight(3);
    const closing = server.server.close({ timeoutMs: 5000 });
    const [hot, query, chunked] = (await Promise.all(replies)) as [Exchange, Exchange, Exchange];
    expect(await closing).toEqual({ forced: false });
    expect(comparable(query)).toEqual(comparable(hot));
    expect(comparable(chunked)).toEqual(comparable(hot));
    expect(seen.sort()).toEqual(["chunked", "query"]);
    expect(hot.status).toBe(200);
    expect(hot.headers.connection).toBe("close");
    expect(JSON.parse(hot.text)).toEqual({ results: [{ id: "late", reward: 1, components: { slow: 1 } }] });
  });
});

describe("metrics: hot-path requests feed the same series as Fastify's", () => {
  let server: RunningServer;
  const seen: string[] = [];
  beforeAll(async () => {
    server = await startServer(spec, { routes: fastifyProbe(seen) });
  });
  afterAll(async () => server.close());

  const series = (text: string, name: string, labels: string) => {
    const line = text.split("\n").find((entry) => entry.startsWith(`${name}{${labels}} `));
    return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(" ") + 1));
  };
  const metricsText = async () => (await get(`${server.url}/metrics`)).text;

  it("counts hot-path requests under the route with their status, then Fastify's on top", async () => {
    const bodies = {
      "/v1/score": JSON.stringify({ samples: [{ completion: think("1"), reference: think("1") }] }),
      "/get_reward": JSON.stringify({ query: [think("1")], labels: [think("1")] }),
    };
    for (const [route, body] of Object.entries(bodies)) {
      for (let index = 0; index < 3; index++) {
        const reply = await send(server.url, { route, body, form: "hot" });
        expect(reply.status).toBe(200);
      }
    }
    const malformed = await send(server.url, { route: "/v1/score", body: "{", form: "hot" });
    expect(malformed.status).toBe(400);
    expect(seen).toEqual([]);
    const ok = (route: string, status: number) => `route="${route}",method="POST",status="${status}"`;
    /** 200s on each route, 400s on /v1/score, BAD_REQUEST errors there: once the metrics show them. */
    const counted = async () => {
      const text = await metricsText();
      return [
        series(text, "rewardkit_http_requests_total", ok("/v1/score", 200)),
        series(text, "rewardkit_http_requests_total", ok("/get_reward", 200)),
        series(text, "rewardkit_http_requests_total", ok("/v1/score", 400)),
        series(text, "rewardkit_http_errors_total", 'route="/v1/score",code="BAD_REQUEST"'),
      ];
    };
    await expect.poll(counted).toEqual([3, 3, 1, 1]);
    for (const [route, body] of Object.entries(bodies)) {
      for (const form of ["query", "chunked"] as const) {
        const reply = await send(server.url, { route, body, form });
        expect(reply.status).toBe(200);
      }
    }
    const malformedFastify = await send(server.url, { route: "/v1/score", body: "{", form: "chunked" });
    expect(malformedFastify.status).toBe(400);
    expect(seen).toEqual(["query", "chunked", "query", "chunked", "chunked"]);
    await expect.poll(counted).toEqual([5, 5, 2, 2]);
    const text = await metricsText();
    expect(text).toMatch(/^rewardkit_http_request_duration_seconds_count\{route="\/v1\/score"\} 7$/m);
    expect(text).toMatch(/^rewardkit_samples_scored_total 10$/m);
  });
});

describe("a server with API keys serves the scoring routes through Fastify only", () => {
  const key = "hot-path-key-5d1c9a7e3b2f4086";
  let open: RunningServer;
  let guarded: RunningServer;
  const seen: string[] = [];
  beforeAll(async () => {
    open = await startServer(spec);
    guarded = await startServer(spec, { apiKeys: { keys: [key] }, routes: fastifyProbe(seen) });
  });
  afterAll(async () => {
    await open.close();
    await guarded.close();
  });

  it("answers /v1/score with a key (as the open server's hot path does) and 401 without one", async () => {
    const body = JSON.stringify({
      samples: [
        { id: "k1", completion: think("3"), reference: think("3") },
        { completion: "<answer>3</answer>", reference: think("3") },
      ],
    });
    const keyed = await send(guarded.url, {
      route: "/v1/score",
      body,
      form: "hot",
      headers: { authorization: `Bearer ${key}` },
    });
    const reference = await send(open.url, { route: "/v1/score", body, form: "hot" });
    expect(keyed.status).toBe(200);
    expect(keyed.text).toBe(reference.text);
    expect(JSON.parse(keyed.text)).toMatchObject({ results: [{ id: "k1", reward: 1.2 }, { reward: 0 }] });
    for (const route of ["/v1/score", "/get_reward"]) {
      const refused = await send(guarded.url, {
        route,
        body: route === "/v1/score" ? body : JSON.stringify({ query: ["x"] }),
        form: "hot",
      });
      expect(refused.status).toBe(401);
      expect(refused.headers["www-authenticate"]).toBe('Bearer realm="rewardkit"');
      expect((JSON.parse(refused.text) as ErrorBody).error.code).toBe("UNAUTHORIZED");
    }
    // Every request above reached Fastify's hooks, though each had the hot path's shape.
    expect(seen).toEqual(["hot", "hot", "hot"]);
  });
});

afterAll(() => agent.destroy());
