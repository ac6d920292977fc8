import { extname, resolve } from "node:path";
import type { Command } from "commander";
import { createContext, RewardkitError, type Sample } from "../core/index.js";
import { compareRewardsOnSamples, type RewardNorm, type SampleDistance } from "../diagnose/index.js";
import { type LoadedSpec, loadSpec, loadSpecFile, parseFieldMap, rowToSample } from "../engine/index.js";
import { openRows } from "../io/index.js";
import { exitCodes, reportFailure } from "./exit.js";

/** Exit code when a run compared nothing (interface.md, Wave 2: "nothing usable"). */
const nothingUsable = 3;

interface DistanceFlags {
  a: string;
  b: string;
  input: string;
  method: string;
  norm: string;
  actionSamples: string;
  seed: string;
  map?: string;
  concurrency: string;
  json?: boolean;
}

const help = `
A and B are each a reward spec (.yaml, .yml, .json), a reward-model file (train-rm's, or .onnx), or
the http(s) URL of a remote reward model. Rows are samples ({prompt, completion, reference?, group?});
a prompt's completions (its group, else rows with the same prompt) are compared with each other.

  starc (default): c(R)(s, a) = R(s, a) − mean of R over the prompt's completions (value-adjusted
                   levelling under the policy that wrote the rows), divided by its L2 norm; the
                   distance is half the L2 norm of the difference, in [0, 1].
  epic:            C(R)(s, a) = R(s, a) − mean of R(s, A) over --action-samples completions drawn
                   from all rows; the distance is √((1 − ρ)/2), ρ the Pearson correlation.
Both are 0 when B = c·A + f(prompt) with c > 0, and 1 when B ranks every prompt's completions in
reverse. Exit codes: 0 compared, 2 bad usage or spec, 3 nothing usable (no rows, no prompt with two
usable completions, or a reward that ranks nothing), 1 internal error.

Examples:
  rewardkit distance --a spec-a.yaml --b spec-b.yaml --input rows.jsonl
  rewardkit distance --a rm.rkrm --b judge.yaml --input rows.jsonl --method epic --json
`;

export function registerDistance(program: Command): void {
  program
    .command("distance")
    .description(
      "How far apart two rewards are on a set of rows (STARC / EPIC): per-prompt offsets and positive scale do not count.",
    )
    .requiredOption("--a <spec|model>", "the first reward: a spec file, a model file, or a remote RM URL")
    .requiredOption("--b <spec|model>", "the second reward, in the same forms")
    .requiredOption("--input <file|->", "rows to compare on (JSONL, JSONL.gz or Parquet), or - for stdin")
    .option("--method <name>", "starc or epic", "starc")
    .option("--norm <name>", "STARC's norm: l2, l1 or max", "l2")
    .option("--action-samples <k>", "EPIC: completions drawn per prompt to estimate its mean reward", "16")
    .option("--seed <n>", "EPIC: seed of the draws", "1")
    .option("--map <pairs>", "take sample fields from other columns, e.g. completion=response")
    .option("--concurrency <n>", "samples in flight at once for async rewards", "16")
    .option("--json", "print one JSON object with the figures on stdout")
    .addHelpText("after", help)
    .action(async (flags: DistanceFlags) => {
      process.exitCode = await distance(flags);
    });
}

/** A spec file, or a model file / URL wrapped in a `model` node. */
async function openReward(target: string, flag: string): Promise<LoadedSpec> {
  if (/^https?:\/\//.test(target)) return loadSpec({ version: 1, reward: { type: "model", url: target } });
  if ([".yaml", ".yml", ".json"].includes(extname(target).toLowerCase())) return loadSpecFile(target);
  try {
    return await loadSpec({ version: 1, reward: { type: "model", path: resolve(target) } });
  } catch (error) {
    throw new RewardkitError(
      RewardkitError.isInstance(error) ? error.code : "BAD_REQUEST",
      `${flag} ${target}: ${(error as Error).message}`,
      { path: flag, cause: error },
    );
  }
}

function integerFlag(value: string, name: string, minimum: number): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < minimum) {
    throw new RewardkitError("BAD_REQUEST", `${name}: expected an integer ≥ ${minimum}, got "${value}"`, {
      path: name,
    });
  }
  return parsed;
}

async function distance(flags: DistanceFlags): Promise<number> {
  const opened: LoadedSpec[] = [];
  try {
    if (flags.method !== "starc" && flags.method !== "epic") {
      throw new RewardkitError("BAD_REQUEST", `--method: expected starc or epic, got "${flags.method}"`);
    }
    if (!["l1", "l2", "max"].includes(flags.norm)) {
      throw new RewardkitError("BAD_REQUEST", `--norm: expected l2, l1 or max, got "${flags.norm}"`);
    }
    const actionSamples = integerFlag(flags.actionSamples, "--action-samples", 1);
    const seed = integerFlag(flags.seed, "--seed", 0);
    const concurrency = integerFlag(flags.concurrency, "--concurrency", 1);
    const fields = parseFieldMap(flags.map);
    opened.push(await openReward(flags.a, "--a"));
    opened.push(await openReward(flags.b, "--b"));
    const samples: Sample[] = [];
    let unreadable = 0;
    for await (const read of await openRows(flags.input)) {
      const sample = read.ok ? rowToSample(read.row, fields) : undefined;
      if (!read.ok || RewardkitError.isInstance(sample) || sample === undefined) {
        const message = read.ok ? (sample as RewardkitError).message : read.message;
        if (unreadable++ < 20)
          process.stderr.write(`rewardkit: ${flags.input}:${read.line}: skipped: ${message}\n`);
        continue;
      }
      samples.push(sample);
    }
    if (samples.length === 0) {
      process.stderr.write(
        `rewardkit: ${flags.input}: no usable rows (${unreadable} unreadable): nothing to compare\n`,
      );
      return nothingUsable;
    }
    const result = await compareRewardsOnSamples({
      a: (opened[0] as LoadedSpec).reward,
      b: (opened[1] as LoadedSpec).reward,
      samples,
      context: createContext({ concurrency }),
      method: flags.method,
      norm: flags.norm as RewardNorm,
      actionSamples,
      seed,
    });
    for (const row of result.skipped.slice(0, 20)) {
      process.stderr.write(
        `rewardkit: row ${row.index + 1}: reward ${row.side} failed (${row.code}): ${row.message}\n`,
      );
    }
    const usable = Number.isFinite(result.distance);
    if (flags.json) {
      process.stdout.write(
        `${JSON.stringify({ ...result, distance: usable ? result.distance : null, unreadable, skipped: result.skipped.length })}\n`,
      );
    } else {
      process.stdout.write(formatDistance(result, unreadable));
    }
    if (!usable) {
      process.stderr.write(`rewardkit: no distance: ${whyNot(result)}\n`);
      return nothingUsable;
    }
    return exitCodes.ok;
  } catch (error) {
    return reportFailure(error);
  } finally {
    await Promise.all(opened.map((loaded) => loaded.close()));
  }
}

function whyNot(result: SampleDistance): string {
  if (result.used < 2) return `${result.used} row(s) both rewards could score`;
  if (result.method === "starc" && result.comparable_groups === 0) {
    return "no prompt has two usable completions (STARC compares completions of the same prompt)";
  }
  return "one reward gives every completion of a prompt the same value (it ranks nothing), so no direction to compare";
}

function formatDistance(result: SampleDistance, unreadable: number): string {
  const figure = (value: number) => (Number.isFinite(value) ? value.toFixed(4) : "undefined");
  return [
    `${result.method.toUpperCase()} distance: ${figure(result.distance)}  (0 = same ordering of every prompt's completions, 1 = reversed)`,
    `rows: ${result.rows} read, ${result.used} compared, ${result.skipped.length} reward failures, ${unreadable} unreadable`,
    `prompts: ${result.groups} (${result.comparable_groups} with two or more completions)`,
    `correlation of raw rewards: ${figure(result.raw_correlation)}; of canonical rewards: ${figure(result.canonical_correlation)}`,
    "",
  ].join("\n");
}
