import { writeFile } from "node:fs/promises";
import { type AddressInfo, createServer } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli.js";
import { get, moduleFolder, post, slowRewardModule, spawnServer } from "./helpers/serve.js";

async function slowSpec(ms: number): Promise<string> {
  const folder = await moduleFolder({ "slow.mjs": slowRewardModule });
  const spec = join(folder, "spec.yaml");
  await writeFile(
    spec,
    `version: 1\nreward: { type: module, name: slow, path: ./slow.mjs, options: { ms: ${ms} } }\n`,
  );
  return spec;
}

describe("rewardkit serve (subprocess)", () => {
  it("--help shows an example; bad flags and bad specs exit 2 with the reason", async () => {
    const help = await runCli(["serve", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("rewardkit serve --spec");
    expect(help.stdout).toContain("REWARDKIT_MAX_QUEUE");

    const badPort = await runCli(["serve", "--spec", "bench/engine/spec.yaml", "--port", "http"]);
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toContain('--port: expected an integer ≥ 0, got "http"');

    const folder = await moduleFolder({});
    const invalid = join(folder, "spec.yaml");
    await writeFile(
      invalid,
      "version: 1\nreward: { type: weighted, terms: [{ weight: heavy, reward: { type: regex, pattern: x } }] }\n",
    );
    const badSpec = await runCli(["serve", "--spec", invalid, "--port", "0"]);
    expect(badSpec.code).toBe(2);
    expect(badSpec.stderr).toContain("reward.terms[0].weight: expected number, received string");

    const badScore = await runCli([
      "serve",
      "--spec",
      "bench/engine/spec.yaml",
      "--port",
      "0",
      "--openrlhf-score",
      "nope",
    ]);
    expect(badScore.code).toBe(2);
    expect(badScore.stderr).toContain('--openrlhf-score: no component "nope"');

    const badState = await runCli([
      "serve",
      "--spec",
      "bench/engine/spec.yaml",
      "--port",
      "0",
      "--state",
      "postgres://x",
    ]);
    expect(badState.code).toBe(2);
  });

  it("takes its configuration from the environment, and SIGINT on an idle server exits 0", async () => {
    const server = await spawnServer([], {
      REWARDKIT_SPEC: "bench/engine/spec.yaml",
      REWARDKIT_PORT: "0",
      REWARDKIT_RUN: "from-env",
      REWARDKIT_MAX_BODY_BYTES: "1000",
    });
    const health = await get<{ default_run: string }>(`${server.url}/healthz`);
    expect(health.body.default_run).toBe("from-env");
    const tooBig = await post(`${server.url}/get_reward`, { query: ["x".repeat(2000)] });
    expect(tooBig.status).toBe(413);
    server.child.kill("SIGINT");
    expect(await server.exited).toBe(0);
  });

  it("SIGTERM during a slow request: the request finishes, new connections are refused, exit 0", async () => {
    const server = await spawnServer(["--spec", await slowSpec(1200), "--port", "0"]);
    const inFlight = post<{ rewards: number[] }>(`${server.url}/get_reward`, { query: ["x"] });
    await new Promise((resolve) => setTimeout(resolve, 300));
    server.child.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    const reply = await inFlight;
    expect(reply.status).toBe(200);
    expect(reply.body.rewards).toEqual([1]);
    expect(await server.exited).toBe(0);
    const messages = server.logs.map((entry) => entry.msg);
    expect(messages).toContain("shutting down: finishing in-flight requests");
    expect(server.logs.find((entry) => entry.msg === "stopped")).toMatchObject({ forced: false });
  });

  it("a request that outlives --shutdown-timeout-ms is answered 503 and the server exits 1", async () => {
    const server = await spawnServer([
      "--spec",
      await slowSpec(20_000),
      "--port",
      "0",
      "--shutdown-timeout-ms",
      "300",
    ]);
    const inFlight = post<{ error: { code: string } }>(`${server.url}/v1/score`, {
      samples: [{ completion: "x" }],
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    server.child.kill("SIGTERM");
    const reply = await inFlight;
    expect(reply.status).toBe(503);
    expect(reply.body.error.code).toBe("SHUTTING_DOWN");
    expect(await server.exited).toBe(1);
  });

  it("a busy port: one line naming host:port and exit 2, with or without --workers", {
    timeout: 60_000,
  }, async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      for (const extra of [[], ["--workers", "2"]]) {
        const run = await runCli([
          "serve",
          "--spec",
          "bench/engine/spec.yaml",
          "--port",
          String(port),
          ...extra,
        ]);
        expect(run.code).toBe(2);
        expect(run.stderr).toBe(
          `rewardkit: cannot listen on 127.0.0.1:${port}: the address is already in use (another process listens there); choose another --port, or --port 0 for a free one\n`,
        );
      }
    } finally {
      taken.close();
    }
  });
});
