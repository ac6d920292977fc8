import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "./helpers/cli.js";
import { type RunningOrsServer, startOrsServer, tempFolder } from "./helpers/ors-server.js";
import { findPython, pythonModules, serviceAvailable } from "./helpers/services.js";
import { hasSharedData, sharedDataPath } from "./helpers/shared-data.js";

const python = findPython();
const hasPython = serviceAvailable({
  available: python !== undefined,
  what: `a python3 that imports ${pythonModules.join(", ")}`,
  install: "sh scripts/setup.sh installs python3-aiohttp from Debian",
});

/** Runs test/clients/ors_client.py with `job` on stdin; resolves with its findings. */
function runClient(job: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(python as string, [join(repoRoot, "test/clients/ors_client.py")]);
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) reject(new Error(`ors_client.py exited with ${code}: ${stderr}`));
      else resolve(JSON.parse(stdout) as Record<string, unknown>);
    });
    child.stdin.end(JSON.stringify(job));
  });
}

describe.skipIf(!hasPython)(
  "ORS: a Python client shaped like the SDK's HTTP calls (aiohttp, real socket)",
  () => {
    const withGsm8k = hasSharedData("gsm8k/test.jsonl");
    let running: RunningOrsServer;
    let answers: [number, string][] = [];
    beforeAll(async () => {
      const environments: Record<string, unknown>[] = [
        { name: "bandit", environment: "multi-armed-bandit", options: { arms: 2, horizon: 3 } },
      ];
      if (withGsm8k) {
        const folder = await tempFolder({
          "math.yaml": "version: 1\nreward: { type: math, name: correct }\n",
        });
        environments.push({
          name: "gsm8k",
          tasks: { test: sharedDataPath("gsm8k/test.jsonl") },
          spec: join(folder, "math.yaml"),
          fields: { prompt: "question", reference: "answer" },
          limit: 10,
        });
        const lines = (await readFile(sharedDataPath("gsm8k/test.jsonl"), "utf8")).split("\n").slice(0, 3);
        answers = lines.map((line, index) => {
          const answer = (JSON.parse(line) as { answer: string }).answer;
          return [index, (/####\s*(.+)$/.exec(answer.trim())?.[1] ?? "").trim()];
        });
      }
      running = await startOrsServer({
        flags: ["four-rooms"],
        config: { environments },
        apiKeys: { keys: ["python-key"] },
      });
    });
    afterAll(async () => running?.close());

    it("lists, plays four rooms to the goal, runs concurrent bandit sessions, scores GSM8K answers", async () => {
      const findings = await runClient({
        url: running.url,
        api_key: "python-key",
        grid: "four-rooms",
        bandit: "bandit",
        gsm8k: withGsm8k ? "gsm8k" : null,
        gsm8k_answers: answers,
      });
      expect(findings.environments).toEqual(
        withGsm8k ? ["four-rooms", "bandit", "gsm8k"] : ["four-rooms", "bandit"],
      );
      expect(findings.splits).toEqual(["train", "test"]);
      expect(findings.num_tasks).toBe(1000);
      expect(findings.tools).toEqual(["act"]);
      const rewards = findings.grid_rewards as number[];
      expect(rewards).toHaveLength(20);
      expect(rewards).toEqual([...new Array<number>(19).fill(0), 1]);
      expect((findings.grid_finished as boolean[]).indexOf(true)).toBe(19);
      expect(findings.grid_terminated).toBe(true);
      expect(findings.unknown_tool).toBe("'jump' is not a valid tool; four-rooms has: act");
      expect(findings.pinged).toBe(true);
      expect(findings.unknown_env).toEqual([
        404,
        withGsm8k
          ? "unknown environment 'no-such-env'; this server has: four-rooms, bandit, gsm8k"
          : "unknown environment 'no-such-env'; this server has: four-rooms, bandit",
      ]);
      expect((findings.after_delete as [number, string])[0]).toBe(410);
      const bandit = findings.bandit as number[][];
      expect(bandit).toHaveLength(12);
      for (const [index, episode] of bandit.entries()) expect(episode).toEqual(bandit[index % 3]);
      if (withGsm8k) {
        const scored = findings.gsm8k as [number, string, number, boolean, Record<string, unknown>][];
        expect(scored.map(([index, , reward]) => [index, reward])).toEqual([
          [0, 1],
          [0, 0],
          [1, 1],
          [1, 0],
          [2, 1],
          [2, 0],
        ]);
        expect(scored.every(([, , , finished]) => finished)).toBe(true);
      }
    });

    it("is refused without the key (the SDK's 401)", async () => {
      await expect(
        runClient({ url: running.url, grid: "four-rooms", bandit: "bandit", gsm8k: null }),
      ).rejects.toThrow(/HttpError: 401/);
    });
  },
);
