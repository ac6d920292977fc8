import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "./helpers/cli.js";
import { get, moduleFolder, type ServerProcess, spawnServer } from "./helpers/serve.js";
import { findPython, pythonModules, serviceAvailable } from "./helpers/services.js";

// The trainers' real edge cases (issue 14), each driven by a client shaped exactly as the trainer's
// own code calls a reward server (test/clients/*.py), against `rewardkit serve` over a real socket.

const python = findPython();
const hasPython = serviceAvailable({
  available: python !== undefined,
  what: `a python3 that imports ${pythonModules.join(", ")}`,
  install: "sh scripts/setup.sh installs python3-aiohttp from Debian",
});

/** Runs one of test/clients/*.py with `input` on stdin (a JSON text, NaN tokens allowed). */
function client(
  file: string,
  input: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(python as string, [join(repoRoot, "test/clients", file)], {
      env: {
        ...process.env,
        PYTHONPATH: [join(repoRoot, "integrations/verl"), join(repoRoot, "integrations/trl")].join(":"),
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

interface OpenrlhfOutput {
  reward: number[] | null;
  scores: number[] | null;
  extra_logs: Record<string, number[]>;
  error: string | null;
  statuses: (number | string)[];
}

/** OpenRLHF's remote reward calls for `rollouts`, all in flight at once; one output per rollout. */
async function openrlhf(
  url: string,
  rollouts: { prompt: string; response: string; label: string }[],
  labels?: string[],
) {
  // Labels are spliced in as JSON text, so a test can send Python's NaN token as OpenRLHF would.
  const items = rollouts.map(
    (rollout, index) =>
      `{"prompt": ${JSON.stringify(rollout.prompt)}, "response": ${JSON.stringify(rollout.response)}, "label": ${labels?.[index] ?? JSON.stringify(rollout.label)}}`,
  );
  const run = await client(
    "openrlhf_remote_reward.py",
    `{"url": "${url}/get_reward", "rollouts": [${items.join(",")}]}`,
  );
  expect(run.stderr).not.toContain("Traceback");
  expect(run.code).toBe(0);
  const lines = run.stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return {
    outputs: lines.slice(0, -1) as unknown as OpenrlhfOutput[],
    summary: lines.at(-1) as Record<string, number>,
  };
}

const chatml = (question: string) =>
  `<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n${question}<|im_end|>\n<|im_start|>assistant\n`;

/** Arithmetic rollouts with known answers: even ones right, odd ones wrong; all tagged. */
function arithmetic(count: number) {
  return Array.from({ length: count }, (_, index) => {
    const [a, b] = [index + 3, (index % 7) + 2];
    const answer = a * b;
    return {
      prompt: chatml(`What is ${a} times ${b}?`),
      response: `${a} times ${b} is ${index % 2 === 0 ? answer : answer + 1}. <answer>${index % 2 === 0 ? answer : answer + 1}</answer>`,
      label: String(answer),
      right: index % 2 === 0,
    };
  });
}

async function specFile(yaml: string, files: Record<string, string> = {}): Promise<string> {
  const folder = await moduleFolder(files);
  const path = join(folder, "spec.yaml");
  await writeFile(path, yaml);
  return path;
}

const mathSpec = `version: 1
reward:
  type: weighted
  terms:
    - { weight: 1.0, reward: { type: math, name: correct } }
    - { weight: 0.1, reward: { type: regex, name: format, pattern: "<answer>[\\\\s\\\\S]*</answer>" } }
`;

async function metricValue(url: string, pattern: RegExp): Promise<number> {
  const text = (await get<string>(`${url}/metrics`)).text;
  const line = text.split("\n").find((each) => pattern.test(each));
  return line ? Number(line.split(" ").at(-1)) : 0;
}

describe.skipIf(!hasPython)("OpenRLHF's remote reward client (agent.py) against rewardkit serve", () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await spawnServer(["--spec", await specFile(mathSpec), "--port", "0"]);
  });
  afterAll(async () => {
    server.child.kill("SIGTERM");
    await server.exited;
  });

  it('without --data.label_key (label ""): NOT_APPLICABLE, flagged in extra_logs, counted in /metrics, warned once', async () => {
    const rollouts = arithmetic(12);
    const before = await metricValue(
      server.url,
      /^rewardkit_sample_errors_total\{code="NOT_APPLICABLE",node="correct"\}/,
    );
    const unlabelled = await openrlhf(
      server.url,
      rollouts.map((rollout) => ({ ...rollout, label: "" })),
    );
    for (const output of unlabelled.outputs) {
      expect(output.error).toBeNull();
      // The format term still counts; the answer term is flagged, not a silent 0.
      expect(output.reward).toEqual([0.1]);
      expect(output.extra_logs).toEqual({ correct: [0], format: [1], rewardkit_error: [1] });
    }
    const after = await metricValue(
      server.url,
      /^rewardkit_sample_errors_total\{code="NOT_APPLICABLE",node="correct"\}/,
    );
    expect(after - before).toBe(12);
    // A second unlabelled batch: the warning is not repeated.
    await openrlhf(
      server.url,
      rollouts.slice(0, 3).map((rollout) => ({ ...rollout, label: "" })),
    );
    const warnings = server.logs.filter((entry) => entry.warning === "openrlhf_without_labels");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.msg).toContain("--data.label_key");
    expect(warnings[0]?.level).toBe(40);

    // With labels, the same rollouts score as they should.
    const labelled = await openrlhf(server.url, rollouts);
    labelled.outputs.forEach((output, index) => {
      expect(output.extra_logs.rewardkit_error).toEqual([0]);
      expect(output.extra_logs.correct).toEqual([rollouts[index]?.right ? 1 : 0]);
    });
  });

  it("a NaN label (json.dumps of float('nan')): that rollout is flagged, the others are scored", async () => {
    const rollouts = arithmetic(6);
    const labels = rollouts.map((rollout, index) =>
      index === 2 ? "NaN" : index === 4 ? "-Infinity" : JSON.stringify(rollout.label),
    );
    const { outputs } = await openrlhf(server.url, rollouts, labels);
    outputs.forEach((output, index) => {
      expect(output.error).toBeNull();
      expect(output.statuses).toEqual([200]);
      if (index === 2 || index === 4) {
        expect(output.extra_logs.rewardkit_error).toEqual([1]);
        expect(output.reward).toEqual([0]);
      } else {
        expect(output.extra_logs.rewardkit_error).toEqual([0]);
        expect(output.extra_logs.correct).toEqual([rollouts[index]?.right ? 1 : 0]);
      }
    });
  });
});

describe.skipIf(!hasPython)("64 concurrent OpenRLHF rollouts, a reward that takes 2 s", () => {
  let spec: string;
  let server: ServerProcess;
  beforeAll(async () => {
    const slow = `export default async function slowCorrect(sample) {
  await new Promise((resolve) => setTimeout(resolve, 2000));
  return sample.completion.includes("<answer>" + sample.reference + "</answer>") ? 1 : 0;
}
`;
    spec = await specFile("version: 1\nreward: { type: module, name: correct, path: ./slow.mjs }\n", {
      "slow.mjs": slow,
    });
    // Default settings: only the spec and a free port.
    server = await spawnServer(["--spec", spec, "--port", "0"]);
  });
  afterAll(async () => {
    server.child.kill("SIGTERM");
    await server.exited;
  });

  it("every rollout gets its reward on the first try: no 503, no None", { timeout: 60_000 }, async () => {
    const rollouts = arithmetic(64);
    const { outputs, summary } = await openrlhf(server.url, rollouts);
    expect(summary).toMatchObject({ rollouts: 64, without_reward: 0 });
    outputs.forEach((output, index) => {
      expect(output.statuses).toEqual([200]);
      expect(output.reward).toEqual([rollouts[index]?.right ? 1 : 0]);
      expect(output.extra_logs.rewardkit_error).toEqual([0]);
    });
    // 64 samples of 2 s each, scored concurrently: far less than 64 × 2 s.
    expect(summary.seconds).toBeLessThan(30);
  });

  it("a --max-queue below the rollouts in flight sheds them: the server says why, once", {
    timeout: 60_000,
  }, async () => {
    const small = await spawnServer(["--spec", spec, "--port", "0", "--max-queue", "8"]);
    try {
      const rollouts = arithmetic(64);
      const { outputs } = await openrlhf(small.url, rollouts);
      expect(outputs.some((output) => output.statuses.includes(503))).toBe(true);
      outputs.forEach((output, index) => {
        if (output.reward !== null) expect(output.reward).toEqual([rollouts[index]?.right ? 1 : 0]);
      });
      const warnings = small.logs.filter((entry) => entry.warning === "openrlhf_overloaded");
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatchObject({ max_queue: 8 });
      expect(warnings[0]?.msg).toContain("rollout batch size × samples per prompt");
    } finally {
      small.child.kill("SIGTERM");
      await small.exited;
    }
  });
});

/** GSM8K-style verl items: the solution, its ground truth, and verl's extra_info. */
function verlItems(count: number) {
  return arithmetic(count).map((rollout, index) => ({
    data_source: "openai/gsm8k",
    solution: rollout.response,
    ground_truth: rollout.label,
    extra_info: { index, split: "train" },
    right: rollout.right,
  }));
}

describe.skipIf(!hasPython)("verl's reward managers calling rewardkit_verl", () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await spawnServer(["--spec", await specFile(mathSpec), "--port", "0"]);
  });
  afterAll(async () => {
    server.child.kill("SIGTERM");
    await server.exited;
  });

  it.each(["batch", "reward_loop", "naive"])(
    "%s: a NaN ground truth and an Infinity in extra_info refuse only their samples (INPUT_INVALID, naming the field)",
    async (mode) => {
      const items = verlItems(8);
      // Python's json.dumps writes these tokens; the items are written as JSON text to keep them.
      const text = items.map((item, index) =>
        JSON.stringify({ ...item, right: undefined })
          .replace(index === 3 ? `"ground_truth":"${item.ground_truth}"` : "\u0000", '"ground_truth":NaN')
          .replace(index === 5 ? `"split":"train"` : "\u0000", '"split":"train","weight":Infinity'),
      );
      const run = await client(
        "verl_reward_managers.py",
        `{"mode": "${mode}", "reward_kwargs": {"url": "${server.url}", "run": "verl-${mode}"}, "items": [${text.join(",")}]}`,
      );
      expect(run.stderr).not.toContain("Traceback");
      expect(run.code).toBe(0);
      const out = JSON.parse(run.stdout) as {
        rewards: number[];
        reward_extra_info: Record<string, number[]>;
      };
      expect(out.reward_extra_info.rewardkit_error).toEqual([0, 0, 0, 1, 0, 1, 0, 0]);
      items.forEach((item, index) => {
        if (index === 3 || index === 5) return;
        expect(out.reward_extra_info.correct?.[index]).toBe(item.right ? 1 : 0);
        expect(out.rewards[index]).toBeCloseTo(item.right ? 1.1 : 0.1);
      });
      // The shim logs each refused sample with its code and the field.
      expect(run.stderr).toContain("INPUT_INVALID");
      expect(run.stderr).toMatch(
        mode === "batch"
          ? /ground_truths\[3\]: NaN is not a finite number/
          : /ground_truth: NaN is not a finite number/,
      );
      expect(run.stderr).toMatch(
        mode === "batch" ? /extra_infos\[5\]\.weight: Infinity/ : /extra_info\.weight: Infinity/,
      );
    },
  );
});

const onePixelPng =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";

describe.skipIf(!hasPython)("TRL's GRPOTrainer calling rewardkit_trl", () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await spawnServer(["--spec", "integrations/gsm8k/spec.yaml", "--port", "0"]);
  });
  afterAll(async () => {
    server.child.kill("SIGTERM");
    await server.exited;
  });

  const call = async (job: string) => {
    const run = await client("trl_reward_call.py", job);
    expect(run.stderr).not.toContain("Traceback");
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout) as {
      rewards: (number | null)[];
      extras: Record<string, (number | string | null)[]>;
    };
  };

  it("completions whose content is a list of text blocks are read; other blocks are refused with an error", async () => {
    const rollouts = arithmetic(6);
    const block = (text: string) => [{ role: "assistant", content: [{ type: "text", text }] }];
    const completions: unknown[] = rollouts.map((rollout) => block(rollout.response));
    completions[4] = [
      {
        role: "assistant",
        content: [
          { type: "text", text: "See the chart: " },
          { type: "image_url", image_url: { url: onePixelPng } },
        ],
      },
    ];
    // A VLM prompt (an image beside the question) does not stop rewards that read the completion.
    const prompts = rollouts.map((rollout) => [
      {
        role: "user",
        content: [
          { type: "image_url", image_url: { url: onePixelPng } },
          { type: "text", text: rollout.prompt },
        ],
      },
    ]);
    const out = await call(
      JSON.stringify({
        url: server.url,
        prompts,
        completions,
        columns: { answer: rollouts.map((rollout) => rollout.label) },
      }),
    );
    rollouts.forEach((rollout, index) => {
      if (index === 4) return;
      expect(out.rewards[index]).toBeCloseTo(rollout.right ? 1.1 : 0.1);
    });
    expect(out.extras["rewardkit/error"]).toEqual([null, null, null, null, "INPUT_INVALID", null]);
  });

  it("a NaN in a dataset column refuses only that completion", async () => {
    const rollouts = arithmetic(4);
    const job = `{"url": "${server.url}", "prompts": ${JSON.stringify(rollouts.map((rollout) => rollout.prompt))},
      "completions": ${JSON.stringify(rollouts.map((rollout) => rollout.response))},
      "columns": {"answer": ${JSON.stringify(rollouts.map((rollout) => rollout.label))}, "difficulty": [0.5, NaN, 0.25, 1.0]}}`;
    const out = await call(job);
    expect(out.extras["rewardkit/error"]).toEqual([null, "INPUT_INVALID", null, null]);
    for (const index of [0, 2, 3]) expect(out.rewards[index]).toBeCloseTo(rollouts[index]?.right ? 1.1 : 0.1);
  });
});
