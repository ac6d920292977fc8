import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shortestPath } from "./helpers/grid-agent.js";
import { blocksText, OrsClient, OrsHttpError, OrsStreamError, parseSse } from "./helpers/ors-client.js";
import { type RunningOrsServer, startOrsServer, tempFolder } from "./helpers/ors-server.js";
import { slowRewardModule } from "./helpers/serve.js";

/** The HTTP error a call rejects with. */
async function httpError(promise: Promise<unknown>): Promise<OrsHttpError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OrsHttpError) return error;
    throw error;
  }
  throw new Error("expected an HTTP error");
}

describe("ORS: rewardkit environments over the Open Reward Standard (real socket)", () => {
  let running: RunningOrsServer;
  let client: OrsClient;
  beforeAll(async () => {
    running = await startOrsServer({
      flags: ["four-rooms", "key-door:size=6,layout=procedural", "empty-room:size=60", "matrix-game"],
      config: {
        environments: [
          {
            name: "bandit",
            environment: "multi-armed-bandit",
            options: { arms: 3, horizon: 4 },
            tool: "pull",
            splits: { train: { count: 5, first_seed: 0 }, validation: { count: 2, first_seed: 100 } },
          },
          {
            name: "pd-vs-grudger",
            environment: "matrix-game",
            opponents: "grim-trigger",
            options: { rounds: 3 },
          },
        ],
      },
    });
    client = new OrsClient(running.url);
  });
  afterAll(async () => running.close());

  it("lists environments, splits, tasks and tools as the protocol shapes them", async () => {
    expect(await client.listEnvironments()).toEqual([
      "four-rooms",
      "key-door",
      "empty-room",
      "matrix-game",
      "bandit",
      "pd-vs-grudger",
    ]);
    expect(await client.listSplits("four-rooms")).toEqual([
      { name: "train", type: "train" },
      { name: "test", type: "test" },
    ]);
    expect(await client.listSplits("bandit")).toEqual([
      { name: "train", type: "train" },
      { name: "validation", type: "validation" },
    ]);
    const listed = await client.listTasks("bandit", "validation");
    expect(listed).toEqual({
      env_name: "bandit",
      tasks: [
        { seed: 100, split: "validation", index: 0 },
        { seed: 101, split: "validation", index: 1 },
      ],
    });
    expect(await client.numTasks("four-rooms", "train")).toBe(1000);
    expect(await client.getTask("four-rooms", "test", -1)).toEqual({
      seed: 1_000_000_099,
      split: "test",
      index: 99,
    });
    expect(await client.getTaskRange("four-rooms", "train", 998)).toEqual([
      { seed: 998, split: "train", index: 998 },
      { seed: 999, split: "train", index: 999 },
    ]);
    // The specification's path names for the same routes.
    expect(await client.request("POST", "/bandit/get_task", { body: { split: "train", index: 2 } })).toEqual({
      task: { seed: 2, split: "train", index: 2 },
      env_name: "bandit",
    });
    const [tool] = await client.listTools("bandit");
    expect(tool).toEqual({
      name: "pull",
      description: "Take one action in bandit. One of: arm 0, arm 1, arm 2.",
      input_schema: {
        type: "object",
        properties: {
          action: {
            type: "string",
            enum: ["arm 0", "arm 1", "arm 2"],
            description: "One of: arm 0, arm 1, arm 2.",
          },
        },
        required: ["action"],
        additionalProperties: false,
      },
    });
    // Bare paths reach the first environment (the reference server's redirect; the openreward SDK's paths).
    expect(await client.request("GET", "/tools")).toEqual({ tools: await client.listTools("four-rooms") });
    expect(await client.request("GET", "/health")).toEqual({ status: "ok" });
  });

  it("plays four rooms to the goal: the agent reads the grid, the reward arrives inline at the goal", async () => {
    await client.session("four-rooms", { split: "train", index: 7 }, async (sid) => {
      const prompt = await client.prompt("four-rooms", sid);
      expect(prompt).toHaveLength(2);
      expect(prompt[0]?.text).toContain('calling the tool "act"');
      expect(await client.taskTools("four-rooms", sid)).toEqual(await client.listTools("four-rooms"));
      const path = shortestPath(prompt[1]?.text as string);
      expect(path.length).toBe(20); // Sutton's four rooms, corner to corner
      const rewards: (number | null)[] = [];
      let last: Awaited<ReturnType<typeof client.call>>["result"] | undefined;
      for (const [step, action] of path.entries()) {
        const { result, taskId } = await client.call("four-rooms", sid, { name: "act", input: { action } });
        expect(taskId).toMatch(/^[0-9a-f]{32}$/);
        if (!result.ok) throw new Error(result.error);
        rewards.push(result.output.reward);
        expect(result.output.finished).toBe(step === path.length - 1);
        last = result;
      }
      expect(rewards).toEqual([...new Array<number>(19).fill(0), 1]);
      if (!last?.ok) throw new Error("no last step");
      expect(last.output.metadata).toMatchObject({
        step: 20,
        terminated: true,
        truncated: false,
        episode_return: 1,
        info: { event: "reached_goal" },
      });
      expect(blocksText(last.output.blocks)).toContain("A");
      // After the end, further calls are refused, not stepped.
      const after = await client.call("four-rooms", sid, { name: "act", input: { action: "up" } });
      expect(after.result).toEqual({
        ok: false,
        error: "Tool input error: the episode has ended; start another episode (a new session)",
      });
    });
  });

  it("replays a task: the same split and index give the same episode, a procedural world changes with the task", async () => {
    const firstObservation = (env: string, index: number) =>
      client.session(env, { split: "train", index }, async (sid) => (await client.prompt(env, sid))[1]?.text);
    expect(await firstObservation("key-door", 3)).toBe(await firstObservation("key-door", 3));
    const worlds = new Set(
      await Promise.all([0, 1, 2, 3, 4].map((index) => firstObservation("key-door", index))),
    );
    expect(worlds.size).toBeGreaterThan(1);
    // A task sent inline (task_spec) is the same episode as the listed one.
    const task = await client.getTask("key-door", "train", 3);
    const inline = await client.session(
      "key-door",
      { task_spec: task },
      async (sid) => (await client.prompt("key-door", sid))[1]?.text,
    );
    expect(inline).toBe(await firstObservation("key-door", 3));
  });

  it("plays the prisoner's dilemma against scripted opponents, their moves in metadata", async () => {
    const play = (env: string, actions: string[]) =>
      client.session(env, { split: "train", index: 0 }, async (sid) => {
        const out: { reward: number | null; finished: boolean; opponent: unknown }[] = [];
        for (const action of actions) {
          const { result } = await client.call(env, sid, { name: "act", input: { action } });
          if (!result.ok) throw new Error(result.error);
          out.push({
            reward: result.output.reward,
            finished: result.output.finished,
            opponent: (result.output.metadata?.info as Record<string, unknown> | undefined)?.opponent_actions,
          });
        }
        return out;
      });
    const versusTitForTat = await play("matrix-game", ["defect", "cooperate", "cooperate"]);
    expect(versusTitForTat.map((step) => step.reward)).toEqual([4, 0, 3]);
    expect(versusTitForTat.map((step) => step.opponent)).toEqual([
      { 1: "cooperate" },
      { 1: "defect" },
      { 1: "cooperate" },
    ]);
    const versusGrudger = await play("pd-vs-grudger", ["defect", "cooperate", "cooperate"]);
    expect(versusGrudger.map((step) => step.reward)).toEqual([4, 0, 0]);
    expect(versusGrudger.at(-1)?.finished).toBe(true);
  });

  it("streams a long result in 4096-character chunk events before the end event", async () => {
    await client.session("empty-room", { split: "train", index: 0 }, async (sid) => {
      const { result, events } = await client.call("empty-room", sid, {
        name: "act",
        input: { action: "right" },
      });
      const kinds = events.map((event) => event.event);
      expect(kinds[0]).toBe("task_id");
      expect(kinds.filter((kind) => kind === "chunk").length).toBeGreaterThanOrEqual(1);
      expect(kinds.at(-1)).toBe("end");
      for (const event of events.filter((each) => each.event === "chunk"))
        expect(event.data.length).toBe(4096);
      if (!result.ok) throw new Error(result.error);
      expect(blocksText(result.output.blocks).split("\n")).toHaveLength(62); // a 62 × 62 grid, reassembled
    });
  });

  it("resumes a call by task_id without stepping again", async () => {
    await client.session("bandit", { split: "train", index: 0 }, async (sid) => {
      const first = await client.call("bandit", sid, { name: "pull", input: { action: "arm 1" } });
      const again = await client.call("bandit", sid, {
        name: "pull",
        input: { action: "arm 1" },
        taskId: first.taskId as string,
      });
      expect(again.result).toEqual(first.result);
      const next = await client.call("bandit", sid, { name: "pull", input: { action: "arm 2" } });
      if (!next.result.ok) throw new Error(next.result.error);
      expect(next.result.output.metadata?.step).toBe(2); // the resumed call did not step
      await expect(
        client.call("bandit", sid, { name: "pull", input: { action: "arm 0" }, taskId: "f".repeat(32) }),
      ).rejects.toThrow(OrsStreamError);
    });
  });

  it("answers client mistakes with 4xx and the protocol's detail; tool mistakes with ok=false", async () => {
    const unknownEnvironment = await httpError(client.listTools("mazes"));
    expect(unknownEnvironment.status).toBe(404);
    expect(unknownEnvironment.body.detail).toBe(
      "unknown environment 'mazes'; this server has: four-rooms, key-door, empty-room, matrix-game, bandit, pd-vs-grudger",
    );
    expect((await httpError(client.listTasks("bandit", "holdout"))).body.detail).toBe(
      "Invalid split 'holdout' for bandit; splits: train, validation",
    );
    expect((await httpError(client.getTask("bandit", "train", 5))).status).toBe(400);
    const missingHeader = await httpError(
      client.request("POST", "/create", { body: { split: "train", index: 0 } }),
    );
    expect(missingHeader.body.detail).toBe("X-Session-ID header is required (at most 256 characters)");
    const neither = await httpError(client.create("s-neither", { env_name: "bandit" }));
    expect(neither.body.detail).toBe(
      "give either task_spec or both split and index, not both and not neither",
    );
    const badSeed = await httpError(
      client.create("s-bad-seed", { env_name: "bandit", task_spec: { seed: -1 } }),
    );
    expect(badSeed.status).toBe(400);
    expect(badSeed.body.error).toMatchObject({ code: "BAD_REQUEST", path: "task_spec.seed" });
    expect((await httpError(client.prompt("bandit", "no-such-session"))).status).toBe(404);
    expect((await httpError(client.ping("no-such-session"))).status).toBe(404);

    const sid = await client.createSession();
    await client.create(sid, { env_name: "bandit", split: "train", index: 1 });
    expect(
      (await httpError(client.create(sid, { env_name: "bandit", split: "train", index: 1 }))).body.detail,
    ).toBe(`session ${sid} already exists`);
    expect((await httpError(client.prompt("four-rooms", sid))).body.detail).toBe(
      `session ${sid} is an episode of bandit, not four-rooms`,
    );
    expect((await client.call("bandit", sid, { name: "move", input: { action: "arm 0" } })).result).toEqual({
      ok: false,
      error: "'move' is not a valid tool; bandit has: pull",
    });
    expect((await client.call("bandit", sid, { name: "pull", input: { action: "arm 9" } })).result).toEqual({
      ok: false,
      error: 'Tool input error: unknown action "arm 9"; expected one of: arm 0, arm 1, arm 2',
    });
    expect((await client.call("bandit", sid, { name: "pull", input: { arm: 1 } })).result).toMatchObject({
      ok: false,
    });
    const noName = await httpError(client.request("POST", "/bandit/call", { sid, body: { input: {} } }));
    expect(noName.status).toBe(400);
    expect(noName.body.error).toMatchObject({ path: "name" });
    await client.delete(sid);
    expect(await client.delete(sid)).toEqual({ sid }); // idempotent
    const gone = await httpError(client.call("bandit", sid, { name: "pull", input: { action: "arm 0" } }));
    expect(gone.status).toBe(410);
    expect(gone.body.detail).toBe(`session ${sid} was deleted`);
  });

  it("runs concurrent sessions independently, and one session's calls one at a time", async () => {
    const episodes = await Promise.all(
      Array.from({ length: 24 }, (_, index) =>
        client.session("bandit", { split: "train", index: index % 5 }, async (sid) => {
          const rewards: (number | null)[] = [];
          for (const action of ["arm 0", "arm 1", "arm 2", "arm 0"]) {
            const { result } = await client.call("bandit", sid, { name: "pull", input: { action } });
            if (!result.ok) throw new Error(result.error);
            rewards.push(result.output.reward);
          }
          return rewards;
        }),
      ),
    );
    // Same task, same pulls, same rewards, whatever the interleaving.
    for (const [index, rewards] of episodes.entries()) expect(rewards).toEqual(episodes[index % 5]);
    expect(new Set(episodes.slice(0, 5).map((rewards) => JSON.stringify(rewards))).size).toBeGreaterThan(1);

    await client.session("bandit", { split: "train", index: 0 }, async (sid) => {
      const calls = await Promise.all(
        [0, 1, 2, 3].map(() => client.call("bandit", sid, { name: "pull", input: { action: "arm 0" } })),
      );
      const steps = calls.map(({ result }) => (result.ok ? result.output.metadata?.step : undefined)).sort();
      expect(steps).toEqual([1, 2, 3, 4]);
      expect(calls.filter(({ result }) => result.ok && result.output.finished)).toHaveLength(1);
    });
    expect(running.server.ors?.sessions.size).toBe(0);
  });

  it("counts sessions, calls and rewards in /metrics", async () => {
    const metrics = await (await fetch(`${running.url}/metrics`)).text();
    expect(metrics).toMatch(/rewardkit_env_sessions_opened_total\{environment="four-rooms"\} [1-9]/);
    expect(metrics).toMatch(
      /rewardkit_env_sessions_closed_total\{environment="bandit",reason="deleted"\} \d+/,
    );
    expect(metrics).toMatch(
      /rewardkit_env_tool_calls_total\{environment="four-rooms",tool="act",outcome="ok"\} 20/,
    );
    expect(metrics).toMatch(
      /rewardkit_env_tool_calls_total\{environment="bandit",tool="unknown",outcome="refused"\} 1/,
    );
    expect(metrics).toMatch(/rewardkit_env_episodes_finished_total\{environment="four-rooms"\} 1/);
    expect(metrics).toMatch(/rewardkit_env_episode_return_sum\{environment="four-rooms"\} 1/);
    expect(metrics).toMatch(/rewardkit_env_sessions_active\{environment="bandit"\} 0/);
  });
});

describe("ORS: session bounds, expiry, keys and serving beside a spec", () => {
  it("expires idle sessions (410 saying so), keeps pinged ones, and refuses sessions past the bound", async () => {
    const running = await startOrsServer({
      flags: ["empty-room:size=3"],
      settings: { idleTimeoutMs: 400, maxSessions: 2 },
    });
    try {
      const client = new OrsClient(running.url);
      const idle = await client.createSession();
      await client.create(idle, { split: "train", index: 0 });
      const pinged = await client.createSession();
      await client.create(pinged, { split: "train", index: 0 });
      const full = await httpError(client.create("third", { split: "train", index: 0 }));
      expect(full.status).toBe(503);
      for (let tick = 0; tick < 8; tick++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        await client.ping(pinged);
      }
      const expired = await httpError(client.prompt("empty-room", idle));
      expect(expired.status).toBe(410);
      expect(expired.body.detail).toBe(
        `session ${idle} expired after 400 ms without a request; /ping keeps a session alive`,
      );
      expect(await client.prompt("empty-room", pinged)).toHaveLength(2);
      await client.create("third", { split: "train", index: 0 }); // a slot is free again
      const metrics = await (await fetch(`${running.url}/metrics`)).text();
      expect(metrics).toMatch(
        /rewardkit_env_sessions_closed_total\{environment="empty-room",reason="idle"\} 1/,
      );
    } finally {
      await running.close();
    }
  });

  it("ends open sessions at shutdown", async () => {
    const running = await startOrsServer({ flags: ["empty-room:size=3"] });
    const client = new OrsClient(running.url);
    const sid = await client.createSession();
    await client.create(sid, { split: "train", index: 0 });
    expect(running.server.ors?.sessions.size).toBe(1);
    await running.close();
    expect(running.server.ors?.sessions.size).toBe(0);
  });

  it("requires a key on every route but the health checks when keys are set", async () => {
    const running = await startOrsServer({ flags: ["empty-room:size=3"], apiKeys: { keys: ["k-1", "k-2"] } });
    try {
      const anonymous = new OrsClient(running.url);
      const refused = await httpError(anonymous.listEnvironments());
      expect(refused.status).toBe(401);
      expect(refused.body.error).toMatchObject({ code: "UNAUTHORIZED" });
      expect((await fetch(`${running.url}/health`)).status).toBe(200);
      expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
      expect(await new OrsClient(running.url, { apiKey: "k-2" }).listEnvironments()).toEqual(["empty-room"]);
      const bearer = await fetch(`${running.url}/list_environments`, {
        headers: { authorization: "Bearer k-1" },
      });
      expect(bearer.status).toBe(200);
      expect((await httpError(new OrsClient(running.url, { apiKey: "k-3" }).listEnvironments())).status).toBe(
        401,
      );
    } finally {
      await running.close();
    }
  });

  it("takes ?key= on /get_reward only with allowQueryKey, and only there", async () => {
    const running = await startOrsServer({
      flags: ["empty-room:size=2"],
      spec: { version: 1, reward: { type: "exact_match", name: "match" } },
      apiKeys: { keys: ["q-key"], allowQueryKey: true },
    });
    try {
      const body = JSON.stringify({ query: ["4"], prompts: [""], labels: ["4"] });
      const byQuery = await fetch(`${running.url}/get_reward?key=q-key`, { method: "POST", body });
      expect(byQuery.status).toBe(200);
      expect(((await byQuery.json()) as { rewards: number[] }).rewards).toEqual([1]);
      expect((await fetch(`${running.url}/get_reward?key=wrong`, { method: "POST", body })).status).toBe(401);
      expect((await fetch(`${running.url}/list_environments?key=q-key`)).status).toBe(401);
    } finally {
      await running.close();
    }
  });

  it("serves environments beside the reward routes of a spec on one server", async () => {
    const running = await startOrsServer({
      flags: ["empty-room:size=2"],
      spec: { version: 1, reward: { type: "exact_match", name: "match" } },
    });
    try {
      const score = await fetch(`${running.url}/v1/score`, {
        method: "POST",
        body: JSON.stringify({ samples: [{ prompt: "p", completion: "4", reference: "4" }] }),
      });
      expect(((await score.json()) as { results: { reward: number }[] }).results[0]?.reward).toBe(1);
      const client = new OrsClient(running.url);
      const rewards = await client.session("empty-room", { split: "test", index: 0 }, async (sid) => {
        const out: (number | null)[] = [];
        for (const action of ["right", "down"]) {
          const { result } = await client.call("empty-room", sid, { name: "act", input: { action } });
          out.push(result.ok ? result.output.reward : null);
        }
        return out;
      });
      expect(rewards).toEqual([0, 1]);
      const document = (await (await fetch(`${running.url}/openapi.json`)).json()) as {
        paths: Record<string, unknown>;
      };
      expect(Object.keys(document.paths)).toEqual(
        expect.arrayContaining(["/v1/score", "/{env_name}/call", "/create"]),
      );
      // The specification's JSON reply of /create_session, for clients that do not ask for a stream.
      const plain = parseSse(await (await fetch(`${running.url}/create_session`, { method: "POST" })).text());
      expect(plain).toEqual([]);
      const json = (await (await fetch(`${running.url}/create_session`, { method: "POST" })).json()) as {
        sid: string;
      };
      expect(json.sid).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await running.close();
    }
  });

  it("keeps a slow call's stream alive with ping comments, and takes bodiless posts as aiohttp sends them", async () => {
    const folder = await tempFolder({
      "slow.mjs": slowRewardModule,
      "spec.json": JSON.stringify({
        version: 1,
        reward: { type: "module", name: "slow", path: "./slow.mjs", options: { ms: 400 } },
      }),
      "quiz.jsonl": `${JSON.stringify({ id: "q1", prompt: "2 + 2?", reference: "4" })}\n`,
    });
    const running = await startOrsServer({
      config: {
        environments: [{ name: "quiz", tasks: `${folder}/quiz.jsonl`, spec: `${folder}/spec.json` }],
      },
      settings: { pingMs: 50 },
    });
    try {
      const client = new OrsClient(running.url);
      const sid = await client.createSession();
      await client.create(sid, { split: "train", index: 0 });
      const response = await client.raw("POST", "/quiz/call", {
        sid,
        body: { name: "submit", input: { answer: "4" } },
      });
      expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
      const text = await response.text();
      expect(text.match(/^: ping$/gm)?.length ?? 0).toBeGreaterThanOrEqual(3);
      const end = parseSse(text).find((event) => event.event === "end");
      expect(JSON.parse(end?.data ?? "{}")).toMatchObject({
        ok: true,
        output: { reward: 1, finished: true },
      });
      // aiohttp posts /ping and /delete with an empty body typed application/octet-stream.
      const ping = await fetch(`${running.url}/ping`, {
        method: "POST",
        headers: { "x-session-id": sid, "content-type": "application/octet-stream" },
        body: "",
      });
      expect(ping.status).toBe(200);
      const emptyCreate = await httpError(client.request("POST", "/create", { sid: "other" }));
      expect(emptyCreate.body.error).toMatchObject({ code: "BAD_REQUEST", path: "body" });
    } finally {
      await running.close();
    }
  });
});
