import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type Context, createContext, type OpenAIClient, type Reward } from "../core/index.js";
import { type LoadedSpec, loadSpecFile, runVerdict } from "../engine/index.js";
import { jsonlFileSink } from "../io/index.js";
import type { GenerationFailure, GenerationSettings, PromptRow, TextGenerator } from "../select/index.js";
import { exitCodes, parseFraction, parseNumberFlag } from "./exit.js";
import {
  type GenerateFlags,
  generatorFrom,
  integerFlag,
  prepareOutDirectory,
  readPrompts,
  required,
} from "./generate-setup.js";

/** What every `rewardkit generate` method runs with. */
export interface GenerateRun {
  flags: GenerateFlags;
  client: OpenAIClient;
  generator: TextGenerator;
  spec: LoadedSpec;
  reward: Reward;
  context: Context;
  prompts: (PromptRow & { extra?: unknown })[];
  /** Prompt rows that could not be used. */
  badPrompts: number;
  out: string;
  k: number;
  seed: number;
  rounds: number;
  settings: GenerationSettings;
  maxErrorFraction: number;
  log(line: string): void;
}

/** Reads the shared flags, the spec and the prompts; creates --out. Usage errors throw before anything is written. */
export async function prepareRun(input: {
  flags: GenerateFlags;
  defaultEndpoint: "chat" | "completions";
  /** A prompt field the method reads besides `prompt` (DNO's teacher answer). */
  extraField?: string | undefined;
}): Promise<GenerateRun> {
  const { flags } = input;
  const { client, generator } = generatorFrom(flags, input.defaultEndpoint);
  const specFile = required(flags.spec, "--spec", "the reward spec that scores the generations");
  const promptsFile = required(flags.prompts, "--prompts", "rows with a `prompt` (JSONL or Parquet)");
  const outFlag = required(flags.out, "--out", "the directory the rounds' files go to");
  const settings: GenerationSettings = {
    temperature:
      flags.temperature === undefined ? undefined : parseNumberFlag(flags.temperature, "--temperature"),
    topP: flags.topP === undefined ? undefined : parseNumberFlag(flags.topP, "--top-p"),
    maxTokens: integerFlag(flags.maxTokens, "--max-tokens"),
    stop: flags.stop,
  };
  const k = integerFlag(flags.k, "--k");
  const seed = integerFlag(flags.seed, "--seed", 0);
  const rounds = integerFlag(flags.rounds, "--rounds");
  const maxErrorFraction = parseFraction(flags.maxErrorFraction, "--max-error-fraction");
  const spec = await loadSpecFile(specFile);
  let shown = 0;
  const { prompts, bad } = await readPrompts({
    file: promptsFile,
    promptField: flags.promptField,
    extraField: input.extraField,
    onBadRow(where, message) {
      if (shown++ < 20) process.stderr.write(`rewardkit: ${where}: skipped: ${message}\n`);
    },
  });
  const out = await prepareOutDirectory(outFlag);
  return {
    flags,
    client,
    generator,
    spec,
    reward: spec.reward,
    context: createContext({
      runId: `generate-${seed}`,
      concurrency: integerFlag(flags.concurrency, "--concurrency"),
    }),
    prompts,
    badPrompts: bad,
    out,
    k,
    seed,
    rounds,
    settings,
    maxErrorFraction,
    log: (line) => process.stderr.write(`${line}\n`),
  };
}

/** Writes rows as JSONL to DIR/name and returns the path. */
export async function writeRows(run: GenerateRun, name: string, rows: readonly object[]): Promise<string> {
  const file = join(run.out, name);
  const sink = jsonlFileSink(file);
  await sink.write(rows.map((row) => ({ row: row as Record<string, unknown>, additions: {} })));
  await sink.close();
  return file;
}

export async function writeJson(run: GenerateRun, name: string, value: unknown): Promise<string> {
  const file = join(run.out, name);
  await writeFile(
    file,
    `${JSON.stringify(value, (_, item: unknown) => (typeof item === "number" && !Number.isFinite(item) ? null : item), 2)}\n`,
  );
  return file;
}

export function reportFailures(run: GenerateRun, failures: readonly GenerationFailure[]): void {
  for (const failure of failures.slice(0, 5)) {
    run.log(`rewardkit: prompt ${failure.prompt}: generation failed (${failure.code}): ${failure.message}`);
  }
  if (failures.length > 5) run.log(`rewardkit: ... and ${failures.length - 5} more failed prompts`);
}

/**
 * The exit code of a run (the contract's exit 3): nothing usable when no prompt was read, every
 * prompt's generation or every sample's score failed (or more than --max-error-fraction), or nothing
 * was selected.
 */
export function finish(
  run: GenerateRun,
  counts: { attempted: number; failed: number; selected: number; what: string },
): number {
  const verdict = runVerdict({
    read: counts.attempted + run.badPrompts,
    unreadable: run.badPrompts,
    errored: counts.failed,
    maxErrorFraction: run.maxErrorFraction,
    unit: "prompt",
  });
  let reason = verdict.usable ? undefined : verdict.reason;
  if (reason === undefined && counts.selected === 0) reason = `nothing was ${counts.what}`;
  if (reason !== undefined) {
    run.log(`rewardkit: nothing usable (exit 3): ${reason}`);
    return exitCodes.unusable;
  }
  const usage = run.client.usage;
  run.log(
    `rewardkit: ${usage.requests} requests (${usage.retries} retries, ${usage.failures} failed, ${usage.cacheHits} from the cache), ${usage.promptTokens} prompt and ${usage.completionTokens} completion tokens; files in ${run.out}`,
  );
  return exitCodes.ok;
}
