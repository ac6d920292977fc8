import { describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli.js";
import { OrsClient } from "./helpers/ors-client.js";
import { spawnServer } from "./helpers/serve.js";

describe("rewardkit serve --env (subprocess)", () => {
  it("serves the example config beside a spec, with a key, and stops cleanly on SIGTERM", async () => {
    const server = await spawnServer(
      [
        "--env-config",
        "examples/ors/environments.yaml",
        "--env",
        "empty-room:size=2",
        "--spec",
        "examples/arithmetic/spec.yaml",
        "--api-key-env",
        "ORS_TEST_KEYS",
        "--port",
        "0",
      ],
      { ORS_TEST_KEYS: "alpha,beta" },
    );
    try {
      const listening = server.logs.find((entry) => entry.msg === "listening");
      expect(listening).toMatchObject({
        environments: ["empty-room", "rooms", "dilemma", "arithmetic"],
        spec: "examples/arithmetic/spec.yaml",
        api_keys: ["key-1", "key-2"],
      });
      expect(JSON.stringify(server.logs)).not.toContain("alpha");
      await expect(new OrsClient(server.url).listEnvironments()).rejects.toMatchObject({ status: 401 });
      const client = new OrsClient(server.url, { apiKey: "beta" });
      expect((await client.listTools("rooms")).map((tool) => tool.name)).toEqual(["move"]);
      expect(await client.numTasks("arithmetic", "test")).toBe(2);
      const scored = await client.session("arithmetic", { split: "test", index: 1 }, async (sid) => {
        const wrong = await client.call("arithmetic", sid, { name: "submit", input: { answer: "1000" } });
        const right = await client.call("arithmetic", sid, { name: "submit", input: { answer: "1095" } });
        return [wrong.result, right.result];
      });
      expect(scored).toMatchObject([
        { ok: true, output: { reward: 0, finished: false } },
        { ok: true, output: { reward: 1, finished: true } },
      ]);
      const rewards = await client.session("empty-room", { split: "train", index: 0 }, async (sid) => {
        const out: (number | null)[] = [];
        for (const action of ["right", "down"]) {
          const { result } = await client.call("empty-room", sid, { name: "act", input: { action } });
          out.push(result.ok ? result.output.reward : null);
        }
        return out;
      });
      expect(rewards).toEqual([0, 1]);
      const score = await fetch(`${server.url}/v1/score`, {
        method: "POST",
        headers: { authorization: "Bearer alpha" },
        body: JSON.stringify({
          samples: [{ prompt: "2+2?", completion: "<think>2+2</think><answer>4</answer>", reference: "4" }],
        }),
      });
      expect(score.status).toBe(200);
      const metrics = await (
        await fetch(`${server.url}/metrics`, { headers: { "x-api-key": "alpha" } })
      ).text();
      expect(metrics).toMatch(/rewardkit_env_episodes_finished_total\{environment="arithmetic"\} 1/);
    } finally {
      server.child.kill("SIGTERM");
    }
    expect(await server.exited).toBe(0);
  }, 60_000);

  it("refuses --env with several workers, unknown environments, bad options and a missing key variable", async () => {
    const workers = await runCli(["serve", "--env", "four-rooms", "--workers", "2", "--port", "0"]);
    expect(workers.code).toBe(2);
    expect(workers.stderr).toContain("cannot follow a client across --workers");

    const nothing = await runCli(["serve", "--port", "0"]);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain(
      "give --spec (a reward spec), --env or --env-config (environments), or both",
    );

    const unknown = await runCli(["serve", "--env", "five-rooms", "--port", "0"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no environment named "five-rooms"');

    const badOption = await runCli(["serve", "--env", "key-door:size=huge", "--port", "0"]);
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toContain("environments.key-door.size: expected number, received string");

    const noKeys = await runCli([
      "serve",
      "--env",
      "four-rooms",
      "--api-key-env",
      "NO_SUCH_VARIABLE_ORS",
      "--port",
      "0",
    ]);
    expect(noKeys.code).toBe(2);
    expect(noKeys.stderr).toContain("--api-key-env NO_SUCH_VARIABLE_ORS: the variable is not set");
  }, 60_000);
});
