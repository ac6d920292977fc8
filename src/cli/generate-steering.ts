import { RewardkitError } from "../core/index.js";
import {
  dpaRejectionSampling,
  type FkPotential,
  type FkResult,
  fkSteer,
  type GenerationFailure,
  generationFailure,
  inPool,
  type PromptRow,
  sampleOf,
  scoreSamples,
  type VasResult,
  vasDecode,
} from "../select/index.js";
import { parseNumberFlag } from "./exit.js";
import { finish, type GenerateRun, reportFailures, writeJson, writeRows } from "./generate-context.js";
import { integerFlag, numberList } from "./generate-setup.js";

function fixed(value: number): string {
  return Number.isFinite(value) ? value.toFixed(4) : "n/a";
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** DPA: DIR/dpa.jsonl (sys(v), x, y* rows), DIR/samples.jsonl, DIR/stats.json. */
export async function generateDpa(run: GenerateRun): Promise<number> {
  const objectives = String(run.flags.objectives ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
  if (objectives.length < 2) {
    throw new RewardkitError(
      "BAD_REQUEST",
      "--objectives: name the reward's components to trade off, e.g. helpfulness,verbosity",
    );
  }
  let vectors: number[][] | undefined;
  if (run.flags.directions !== undefined) {
    vectors = String(run.flags.directions)
      .split(";")
      .map((part) => numberList(part, "--directions"));
    if (vectors.some((vector) => vector.length !== objectives.length)) {
      throw new RewardkitError(
        "BAD_REQUEST",
        `--directions: every direction needs ${objectives.length} weights (one per objective)`,
      );
    }
  }
  const range = numberList(String(run.flags.angles ?? "-45,0"), "--angles");
  if (vectors === undefined && (objectives.length !== 2 || range.length !== 2)) {
    throw new RewardkitError(
      "BAD_REQUEST",
      "--angles LOW,HIGH draws two-objective directions; with more objectives give --directions",
    );
  }
  const result = await dpaRejectionSampling({
    generator: run.generator,
    reward: run.reward,
    context: run.context,
    prompts: run.prompts,
    k: run.k,
    objectives,
    vectors,
    angleRange: [range[0] as number, range[1] as number],
    template: run.flags.directionTemplate === undefined ? undefined : String(run.flags.directionTemplate),
    settings: run.settings,
    seed: run.seed,
  });
  reportFailures(run, result.failures);
  if (result.stats.missing_objectives !== undefined && result.stats.missing_objectives > 0) {
    const seen =
      Object.keys(result.samples.find((row) => row.error === undefined)?.components ?? {}).join(", ") ||
      "none";
    run.log(
      `rewardkit: ${result.stats.missing_objectives} samples lack one of --objectives ${objectives.join(",")} (their components: ${seen})`,
    );
  }
  await writeRows(run, "samples.jsonl", result.samples);
  await writeRows(run, "dpa.jsonl", result.rows);
  await writeJson(run, "stats.json", { method: "dpa", ...result.stats });
  run.log(
    `dpa: ${result.rows.length} of ${run.prompts.length} prompts kept a response (mean vᵀr ${fixed(result.stats.directional_reward_mean ?? Number.NaN)})`,
  );
  const failed = run.prompts.length - result.rows.length;
  return finish(run, {
    attempted: run.prompts.length,
    failed,
    selected: result.rows.length,
    what: "kept (no response had every objective scored)",
  });
}

/** Runs a per-prompt method, keeping each prompt's failure instead of stopping the run. */
async function perPrompt<Result>(
  run: GenerateRun,
  task: (prompt: PromptRow) => Promise<Result>,
): Promise<{ results: { prompt: PromptRow; result: Result }[]; failures: GenerationFailure[] }> {
  const failures: GenerationFailure[] = [];
  const done = await inPool(
    run.prompts,
    integerFlag(run.flags.concurrency, "--concurrency"),
    async (prompt) => {
      try {
        return { prompt, result: await task(prompt) };
      } catch (error) {
        failures.push(generationFailure(prompt.id, error, run.context.signal));
        return undefined;
      }
    },
  );
  return { results: done.filter((entry) => entry !== undefined), failures };
}

/** Feynman-Kac steering: DIR/fk.jsonl (the best particle per prompt, with its steps), DIR/stats.json. */
export async function generateFk(run: GenerateRun): Promise<number> {
  const potential = String(run.flags.potential ?? "diff");
  if (!["diff", "max", "sum", "current"].includes(potential)) {
    throw new RewardkitError(
      "BAD_REQUEST",
      `--potential: expected diff, max, sum or current, got "${potential}"`,
    );
  }
  const options = {
    particles: run.k,
    chunkTokens: integerFlag(String(run.flags.chunkTokens ?? "16"), "--chunk-tokens"),
    maxChunks: integerFlag(String(run.flags.maxChunks ?? "8"), "--max-chunks"),
    potential: potential as FkPotential,
    lambda: parseNumberFlag(String(run.flags.lambda ?? "10"), "--lambda"),
    adaptive: run.flags.adaptive === true,
    resampleEvery: integerFlag(String(run.flags.resampleEvery ?? "1"), "--resample-every"),
    rewardMinValue: parseNumberFlag(String(run.flags.rewardMin ?? "0"), "--reward-min"),
  };
  const { results, failures } = await perPrompt(run, (prompt) =>
    fkSteer({
      generator: run.generator,
      reward: run.reward,
      context: run.context,
      prompt,
      settings: run.settings,
      seed: run.seed,
      ...options,
    }),
  );
  reportFailures(run, failures);
  const rows = results.map(({ prompt, result }: { prompt: PromptRow; result: FkResult }) => ({
    ...sampleOf(prompt, result.text, `${prompt.id}-fk`),
    reward: result.reward,
    components: result.components,
    finished: result.finished,
    fk: { particles: result.particles, steps: result.steps, errored: result.errored },
  }));
  await writeRows(run, "fk.jsonl", rows);
  const stats = {
    method: "fk",
    ...options,
    prompts: run.prompts.length,
    steered: rows.length,
    generation_failures: failures.length,
    reward_mean: mean(rows.map((row) => row.reward)),
    resampling_steps: results.reduce(
      (sum, entry) => sum + entry.result.steps.filter((step) => step.resampled).length,
      0,
    ),
  };
  await writeJson(run, "stats.json", stats);
  run.log(
    `fk: ${rows.length} prompts steered with ${run.k} particles, mean reward of the best particle ${fixed(stats.reward_mean)}`,
  );
  return finish(run, {
    attempted: run.prompts.length,
    failed: failures.length,
    selected: rows.length,
    what: "steered",
  });
}

/** VAS: DIR/vas.jsonl (decoded texts scored by the spec, with their KL), DIR/stats.json. */
export async function generateVas(run: GenerateRun): Promise<number> {
  const options = {
    topK: integerFlag(String(run.flags.topK ?? "10"), "--top-k"),
    beta: parseNumberFlag(String(run.flags.beta ?? "1"), "--beta"),
    maxTokens: run.settings.maxTokens ?? 256,
    stop: run.settings.stop,
  };
  const { results, failures } = await perPrompt(run, async (prompt) => {
    const decoded: VasResult[] = [];
    for (let sample = 0; sample < run.k; sample++) {
      decoded.push(
        await vasDecode({
          generator: run.generator,
          value: run.reward,
          context: run.context,
          prompt,
          seed: run.seed,
          sample,
          ...options,
        }),
      );
    }
    return decoded;
  });
  reportFailures(run, failures);
  const samples = results.flatMap(({ prompt, result }) =>
    result.map((decoded, index) =>
      sampleOf(prompt, decoded.text, `${prompt.id}-vas-${index}`, {
        kl: decoded.kl,
        tokens: decoded.tokens,
        finished: decoded.finished,
      }),
    ),
  );
  const scored = await scoreSamples({ reward: run.reward, context: run.context, samples });
  await writeRows(run, "vas.jsonl", scored);
  const kls = results.flatMap(({ result }) => result.map((decoded) => decoded.kl));
  const stats = {
    method: "vas",
    ...options,
    prompts: run.prompts.length,
    samples: scored.length,
    generation_failures: failures.length,
    reward_mean: mean(scored.filter((row) => row.error === undefined).map((row) => row.reward)),
    kl_mean: mean(kls),
    outside_top_k: results.reduce(
      (sum, entry) => sum + entry.result.reduce((total, decoded) => total + decoded.outside, 0),
      0,
    ),
  };
  await writeJson(run, "stats.json", stats);
  run.log(
    `vas: ${scored.length} texts (β ${options.beta}, top-k ${options.topK}): reward ${fixed(stats.reward_mean)}, KL to the base model ${fixed(stats.kl_mean)} nats`,
  );
  const errored = scored.filter((row) => row.error !== undefined).length;
  return finish(run, {
    attempted: run.prompts.length,
    failed: failures.length + (errored === scored.length ? results.length : 0),
    selected: scored.length,
    what: "decoded",
  });
}
