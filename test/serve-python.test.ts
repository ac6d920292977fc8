import { createServer, request as httpRequest, type Server } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "./helpers/cli.js";
import { answerMatchModule, gsm8kRollouts, type Rollout } from "./helpers/gsm8k.js";
import {
  moduleFolder,
  type RunningServer,
  type ServerProcess,
  spawnServer,
  startServer,
} from "./helpers/serve.js";
import { findPython, pythonModules, runPython, serviceAvailable } from "./helpers/services.js";
import { hasSharedData } from "./helpers/shared-data.js";

const pythonPath = findPython();
const hasPython = serviceAvailable({
  available: pythonPath !== undefined,
  what: `a python3 that imports ${pythonModules.join(", ")}`,
  install: "sh scripts/setup.sh installs Debian's python3 and python3-aiohttp",
});

/** Runs a Python script (with the shims importable) without blocking this process's event loop. */
function python(script: string, env: NodeJS.ProcessEnv = {}) {
  return runPython(pythonPath as string, script, { env });
}

const spec = {
  version: 1,
  reward: {
    type: "weighted",
    terms: [
      { weight: 1, reward: { type: "module", name: "correct", path: "./answer-match.mjs" } },
      { weight: 0.1, reward: { type: "regex", name: "shows_work", pattern: "<<[^>]*>>" } },
    ],
  },
};

describe.skipIf(!hasPython || !hasSharedData("gsm8k/example_model_solutions.jsonl"))(
  "Python shims against a live server",
  () => {
    let server: RunningServer;
    let rollouts: Rollout[];
    beforeAll(async () => {
      server = await startServer(spec, {
        baseDir: await moduleFolder({ "answer-match.mjs": answerMatchModule }),
      });
      rollouts = (await gsm8kRollouts(6)).slice(0, 24);
    });
    afterAll(async () => server.close());

    it("verl: compute_score per sample (keyword call, reward_kwargs) and compute_score_batch reproduce the labels", async () => {
      const rows = rollouts.map((rollout) => ({ solution: rollout.solution, reference: rollout.reference }));
      const run = await python(
        `
import json, sys
import rewardkit_verl
rows = json.loads(sys.argv[1] if len(sys.argv) > 1 else ${JSON.stringify(JSON.stringify(rows))})
single = [rewardkit_verl.compute_score(data_source="openai/gsm8k", solution_str=row["solution"], ground_truth=row["reference"],
          extra_info={"index": i}, url="${server.url}", run="verl-run") for i, row in enumerate(rows)]
batch = rewardkit_verl.compute_score_batch(data_sources=["openai/gsm8k"] * len(rows), solution_strs=[r["solution"] for r in rows],
          ground_truths=[r["reference"] for r in rows], extra_infos=[{"index": i} for i in range(len(rows))])
missing = rewardkit_verl.compute_score("openai/gsm8k", "A: 5", None)
print(json.dumps({"single": single, "batch": batch, "missing": missing}))
`,
        { REWARDKIT_URL: server.url },
      );
      expect(run.stderr).not.toContain("Traceback");
      expect(run.code).toBe(0);
      const out = JSON.parse(run.stdout) as Record<"single" | "batch", Record<string, number>[]> & {
        missing: Record<string, number>;
      };
      rollouts.forEach((rollout, index) => {
        expect(out.single[index]).toMatchObject({ correct: rollout.isCorrect ? 1 : 0, rewardkit_error: 0 });
        expect(out.batch[index]).toEqual(out.single[index]);
        expect(Object.keys(out.single[index] ?? {})).toEqual([
          "score",
          "correct",
          "shows_work",
          "rewardkit_error",
        ]);
      });
      // No ground truth: the error is flagged in the dict and logged (not a silent 0).
      expect(out.missing).toMatchObject({ rewardkit_error: 1 });
      expect(run.stderr).toContain("NOT_APPLICABLE");
    });

    it("TRL: the reward function follows GRPOTrainer's call, returns None where the reward does not apply, logs components", async () => {
      const items = rollouts.slice(0, 8).map((rollout) => ({
        question: rollout.question,
        solution: rollout.solution,
        answer: rollout.reference,
      }));
      const run = await python(`
import json
from rewardkit_trl import rewardkit_reward, rewardkit_reward_async
import asyncio

items = json.loads(${JSON.stringify(JSON.stringify(items))})
metrics, extras = {}, {}
class TrainerState:
    global_step = 12
reward = rewardkit_reward("${server.url}", name="gsm8k", run="trl-run")
kwargs = dict(
    answer=[item["answer"] for item in items[:-1]] + [None],
    source=["gsm8k"] * len(items),
    trainer_state=TrainerState(),
    log_metric=lambda name, value: metrics.setdefault(name, []).append(value),
    log_extra=lambda column, values: extras.setdefault(column, []).extend(values),
)
conversational = reward(
    prompts=[[{"role": "user", "content": item["question"]}] for item in items],
    completions=[[{"role": "assistant", "content": item["solution"]}] for item in items],
    completion_ids=[[1, 2, 3]] * len(items),
    **kwargs,
)
async_reward = rewardkit_reward_async("${server.url}", name="gsm8k_async", log_components=False)
plain = asyncio.run(async_reward(prompts=[item["question"] for item in items], completions=[item["solution"] for item in items],
                                 completion_ids=None, solution=[item["answer"] for item in items]))
print(json.dumps({"name": reward.__name__, "conversational": conversational, "plain": plain, "metrics": metrics, "extras": extras}))
`);
      expect(run.stderr).not.toContain("Traceback");
      expect(run.code).toBe(0);
      const out = JSON.parse(run.stdout) as {
        name: string;
        conversational: (number | null)[];
        plain: number[];
        metrics: Record<string, number[]>;
        extras: Record<string, (number | string | null)[]>;
      };
      expect(out.name).toBe("gsm8k");
      const expected = rollouts.slice(0, 8).map((rollout) => rollout.isCorrect);
      out.conversational.slice(0, -1).forEach((reward, index) => {
        expect(Math.floor(reward as number)).toBe(expected[index] ? 1 : 0);
      });
      // The last row has no answer: not applicable, so TRL skips this reward there.
      expect(out.conversational.at(-1)).toBeNull();
      // The async form reads the "solution" column as the reference.
      out.plain.forEach((reward, index) => {
        expect(Math.floor(reward)).toBe(expected[index] ? 1 : 0);
      });
      expect(Object.keys(out.metrics).sort()).toEqual([
        "gsm8k/correct",
        "gsm8k/error_rate",
        "gsm8k/shows_work",
      ]);
      expect(out.metrics["gsm8k/error_rate"]).toEqual([1 / 8]);
      // The mean leaves out the completion where `correct` did not apply.
      const correctMean = expected.slice(0, 7).reduce((sum, ok) => sum + (ok ? 1 : 0), 0) / 7;
      expect(out.metrics["gsm8k/correct"]?.[0]).toBeCloseTo(correctMean);
      expect(out.extras["gsm8k/error"]).toEqual([null, null, null, null, null, null, null, "NOT_APPLICABLE"]);
      expect(out.extras["gsm8k/correct"]).toEqual([...expected.slice(0, 7).map((ok) => (ok ? 1 : 0)), null]);
    });

    it("the shims retry a 503 (honouring Retry-After) and raise, never return zeros, when the server stays down", async () => {
      // A real HTTP hop in front of the server: the first request gets 503 + Retry-After, the rest pass through.
      let seen = 0;
      const target = new URL(server.url);
      const proxy: Server = createServer((incoming, outgoing) => {
        if (seen++ === 0) {
          outgoing.writeHead(503, { "retry-after": "1", "content-type": "application/json" });
          outgoing.end('{"error":{"code":"OVERLOADED","message":"busy"}}');
          return;
        }
        const forward = httpRequest(
          {
            host: target.hostname,
            port: target.port,
            path: incoming.url,
            method: incoming.method,
            headers: incoming.headers,
          },
          (reply) => {
            outgoing.writeHead(reply.statusCode ?? 502, reply.headers);
            reply.pipe(outgoing);
          },
        );
        incoming.pipe(forward);
      });
      await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
      const address = proxy.address() as { port: number };
      try {
        const run = await python(`
import json, time
import rewardkit_verl
started = time.time()
result = rewardkit_verl.compute_score("gsm8k", "A: 18", "A: 18", url="http://127.0.0.1:${address.port}")
waited = time.time() - started
try:
    rewardkit_verl.compute_score("gsm8k", "A: 18", "A: 18", url="http://127.0.0.1:1", retries=1)
    raised = None
except RuntimeError as error:
    raised = str(error)
print(json.dumps({"result": result, "waited": waited, "raised": raised}))
`);
        expect(run.code).toBe(0);
        const out = JSON.parse(run.stdout) as {
          result: Record<string, number>;
          waited: number;
          raised: string | null;
        };
        expect(out.result).toMatchObject({ correct: 1, rewardkit_error: 0 });
        expect(out.waited).toBeGreaterThanOrEqual(0.9);
        expect(seen).toBe(2);
        expect(out.raised).toContain("failed after 2 tries");
      } finally {
        proxy.close();
      }
    });
  },
);

describe.skipIf(!hasPython)(
  "the integration examples run against `rewardkit serve --spec integrations/gsm8k/spec.yaml`",
  () => {
    // Right with the tag, wrong with the tag, right with the tag, wrong without it.
    const expected = [1.1, 0.1, 1.1, 0];
    let server: ServerProcess;
    beforeAll(async () => {
      server = await spawnServer(["--spec", "integrations/gsm8k/spec.yaml", "--port", "0"]);
    });
    afterAll(async () => {
      server.child.kill("SIGTERM");
      await server.exited;
    });

    const runExample = async (file: string, argument: string) => {
      const run = await python(
        `import runpy, sys; sys.argv = ["${file}", "${argument}"]; runpy.run_path("${join(repoRoot, file)}", run_name="__main__")`,
      );
      expect(run.stderr).not.toContain("Traceback");
      expect(run.code).toBe(0);
      return run.stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    };

    const rounded = (values: unknown) => (values as number[]).map((value) => Number(value.toFixed(6)));

    it("OpenRLHF: send_like_openrlhf.py", async () => {
      const lines = await runExample(
        "integrations/openrlhf/send_like_openrlhf.py",
        `${server.url}/get_reward`,
      );
      expect(rounded(lines.slice(0, -1).map((line) => (line.rewards as number[])[0]))).toEqual(expected);
      expect(lines.at(-1)?.mean_reward).toBeCloseTo(0.575);
    });

    it("verl: example.py (per sample and batch)", async () => {
      const lines = await runExample("integrations/verl/example.py", server.url);
      expect(rounded(lines.slice(0, 4).map((line) => line.score))).toEqual(expected);
      expect(rounded(lines[4]?.batch_scores)).toEqual(expected);
    });

    it("TRL: example.py", async () => {
      const [line] = await runExample("integrations/trl/example.py", server.url);
      expect(rounded(line?.rewards)).toEqual(expected);
      expect(line?.metrics).toMatchObject({
        "gsm8k/correct": [0.5],
        "gsm8k/format": [0.75],
        "gsm8k/error_rate": [0],
      });
    });
  },
);
