import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseApiKeys } from "../src/serve/index.js";
import { repoRoot, runProgram } from "./helpers/cli.js";
import { counterRewardModule, moduleFolder, post, type RunningServer, startServer } from "./helpers/serve.js";
import { findPython, pythonModules, runPython, serviceAvailable } from "./helpers/services.js";

const pythonPath = findPython();
const hasPython = serviceAvailable({
  available: pythonPath !== undefined,
  what: `a python3 that imports ${pythonModules.join(", ")}`,
  install: "sh scripts/setup.sh installs Debian's python3 and python3-aiohttp",
});

const keyA = "shim-a-8e7d6c5b4a39281706f5e4d3c2b1a098";
const keyB = "shim-b-19a8b7c6d5e4f30211f0e9d8c7b6a594";

/** The shims' calls, each printing its result or the error it raised (as {"error": text}). */
const script = `
import json, sys
sys.path.insert(0, ${JSON.stringify(join(repoRoot, "integrations/openrlhf"))})
import rewardkit_verl, rewardkit_trl, rewardkit_agent

def attempt(call):
    try:
        return call()
    except RuntimeError as error:
        return {"error": str(error)}

out = {
    "verl": attempt(lambda: rewardkit_verl.compute_score("d", "x", None)),
    "verl_batch": attempt(lambda: rewardkit_verl.compute_score_batch(["d", "d"], ["x", "y"], None)),
    "trl": attempt(lambda: rewardkit_trl.rewardkit_reward(log_components=False)(["p"], ["c"])),
}
episode = rewardkit_agent.RewardkitEpisode()
episode.reset("p")
episode.add_turn("a")
out["agent"] = attempt(lambda: episode.score())
print(json.dumps(out))
`;

interface ShimOutput {
  verl: { score?: number; error?: string };
  verl_batch: { score: number }[] | { error: string };
  trl: number[] | { error: string };
  agent: { reward?: number; error?: string };
}

async function shims(url: string, env: Record<string, string>): Promise<ShimOutput> {
  const run = await runPython(pythonPath as string, script, {
    env: { REWARDKIT_URL: url, REWARDKIT_RETRIES: "0", REWARDKIT_API_KEY: "", ...env },
  });
  expect(run.stderr).not.toContain("Traceback");
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as ShimOutput;
}

describe.skipIf(!hasPython)("the trainers' shims with an API key, against a live server", () => {
  let running: RunningServer;
  beforeAll(async () => {
    const parsed = parseApiKeys(`team-a:${keyA}:team-a/,team-b:${keyB}:team-b/`);
    running = await startServer(
      { version: 1, reward: { type: "module", name: "seen", path: "./counter.mjs" } },
      {
        baseDir: await moduleFolder({ "counter.mjs": counterRewardModule }),
        access: { keys: parsed.keys, secrets: parsed.secrets, allowQueryKey: true },
      },
    );
  });
  afterAll(async () => running.close());

  it("verl, TRL and the OpenRLHF agent send REWARDKIT_API_KEY and score under their run", async () => {
    const out = await shims(running.url, { REWARDKIT_API_KEY: keyA, REWARDKIT_RUN: "team-a/shims" });
    // The counter counts the run's samples: 1, then 2 + 1 = 3, then 4, then 5 (each call in turn).
    expect(out.verl).toMatchObject({ score: 1, rewardkit_error: 0 });
    expect(out.verl_batch).toEqual([
      { score: 3, seen: 3, rewardkit_error: 0 },
      { score: 3, seen: 3, rewardkit_error: 0 },
    ]);
    expect(out.trl).toEqual([4]);
    expect(out.agent).toMatchObject({ reward: 5 });
  });

  it("raise, without retrying, with the server's 401 or 403, and never print the key", async () => {
    const without = await shims(running.url, { REWARDKIT_RUN: "team-a/shims-2" });
    for (const result of [without.verl, without.verl_batch, without.trl, without.agent])
      expect((result as { error: string }).error).toMatch(/refused the request \(401\).*UNAUTHORIZED/);
    const otherTeam = await shims(running.url, { REWARDKIT_API_KEY: keyB, REWARDKIT_RUN: "team-a/shims-2" });
    for (const result of [otherTeam.verl, otherTeam.verl_batch, otherTeam.trl, otherTeam.agent]) {
      expect((result as { error: string }).error).toMatch(/refused the request \(403\).*FORBIDDEN/);
      expect((result as { error: string }).error).not.toContain(keyB);
    }
    // Team B's refused calls left team A's run untouched: its first sample still counts 1.
    const first = await post<{ results: { reward: number }[] }>(
      `${running.url}/v1/score`,
      { samples: [{ completion: "x" }], run: "team-a/shims-2" },
      { headers: { authorization: `Bearer ${keyA}` } },
    );
    expect(first.body.results[0]?.reward).toBe(1);
  });

  it("OpenRLHF's remote reward client, which sends no header, works with ?key= in --reward.remote_url", async () => {
    const rollouts = [{ prompt: "p", response: "r", label: "" }];
    const call = (url: string) =>
      runProgram(pythonPath as string, [join(repoRoot, "test/clients/openrlhf_remote_reward.py")], {
        stdin: JSON.stringify({ url, rollouts }),
      });
    const accepted = await call(`${running.url}/get_reward?key=${keyA}&run=team-a/openrlhf`);
    expect(accepted.code).toBe(0);
    const [output] = accepted.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(output).toMatchObject({ reward: [1], statuses: [200] });
    const refused = await call(`${running.url}/get_reward?key=${keyB}&run=team-a/openrlhf`);
    const [failed] = refused.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    // OpenRLHF tries five times and keeps reward None: a wrong key fails loudly in its log, not silently.
    expect(failed).toMatchObject({ reward: null });
    expect(((failed?.statuses ?? []) as unknown[]).filter((status) => typeof status === "number")).toEqual([
      403, 403, 403, 403, 403,
    ]);
  });
});
