import type { Command } from "commander";
import { RewardkitError } from "../core/index.js";
import { type PrmProtocol, prmProtocols, RemotePrm } from "../models/index.js";
import { averageF1, firstErrorStep, processBenchFigures, type SubsetFigures } from "../preference/index.js";
import { exitCodes, reportFailure } from "./exit.js";
import {
  dataFiles,
  type LabelledSolution,
  type ReadProblem,
  readLabelledSolutions,
  readVerdicts,
  type SolutionVerdict,
} from "./process-bench-input.js";

/** Exit code when nothing could be evaluated (the interface's "ran but used nothing"). */
const nothingEvaluated = 3;

interface EvalPrmFlags {
  data: string[];
  scores?: string;
  url?: string;
  protocol: string;
  model?: string;
  stepTag: string;
  template: string;
  positiveIndex: string;
  batchSize: string;
  threshold: string;
  json?: boolean;
}

export function registerEvalPrm(program: Command): void {
  program
    .command("eval-prm")
    .description(
      "Evaluate a process reward model with ProcessBench's protocol: the first step scored below --threshold (or -1) against the labelled first error; accuracy on erroneous and on correct solutions and their harmonic mean F1, per subset.",
    )
    .requiredOption(
      "--data <paths...>",
      "labelled solutions: ProcessBench .json files, JSONL, or a directory of them",
    )
    .option(
      "--scores <file>",
      'the PRM\'s verdicts: JSONL of {"id", "step_scores": [...]} or {"id", "prediction": k}',
    )
    .option("--url <url>", "or a PRM endpoint to ask (see --protocol)")
    .option("--protocol <name>", `the endpoint's protocol: ${prmProtocols.join(", ")}`, "openrlhf")
    .option("--model <name>", "the served model's name (vLLM)")
    .option("--step-tag <text>", "written after each step for the endpoint", " ки\n")
    .option("--template <text>", "the endpoint's query: {prompt} and {response}", "{prompt}\n\n{response}")
    .option("--positive-index <k>", "which class probability means 'correct'", "1")
    .option("--batch-size <n>", "solutions per request", "16")
    .option("--threshold <t>", "a step scored below this is wrong", "0.5")
    .option("--json", "print one JSON object with the figures on stdout")
    .addHelpText(
      "after",
      "\nExample:\n  rewardkit eval-prm --data ../shared/data/processbench --scores prm-scores.jsonl\n  rewardkit eval-prm --data gsm8k.json --url http://127.0.0.1:8000/pooling --protocol vllm_pooling --model Qwen2.5-Math-PRM-7B --step-tag '<extra_0>' --json\n",
    )
    .action(async (flags: EvalPrmFlags) => {
      process.exitCode = await evalPrm(flags);
    });
}

function numberFlag(name: string, text: string, check: (value: number) => boolean): number {
  const value = Number(text);
  if (text.trim() === "" || !check(value)) {
    throw new RewardkitError("BAD_REQUEST", `--${name}: invalid value "${text}"`, { path: `--${name}` });
  }
  return value;
}

async function verdictsFromEndpoint(
  flags: EvalPrmFlags,
  solutions: readonly LabelledSolution[],
): Promise<Map<string, SolutionVerdict>> {
  if (!prmProtocols.includes(flags.protocol as PrmProtocol)) {
    throw new RewardkitError("BAD_REQUEST", `--protocol: expected one of ${prmProtocols.join(", ")}`, {
      path: "--protocol",
    });
  }
  const prm = new RemotePrm({
    url: flags.url as string,
    protocol: flags.protocol as PrmProtocol,
    model: flags.model,
    stepTag: flags.stepTag,
    template: flags.template,
    positiveIndex: numberFlag(
      "positive-index",
      flags.positiveIndex,
      (value) => Number.isInteger(value) && value >= 0,
    ),
    batchSize: numberFlag("batch-size", flags.batchSize, (value) => Number.isInteger(value) && value > 0),
    concurrency: 4,
    timeoutMs: 180_000,
  });
  const scores = await prm.scoreSolutions(
    solutions.map((solution) => ({ prompt: solution.problem, steps: solution.steps })),
  );
  return new Map(
    solutions.map((solution, index) => [solution.id, { stepScores: scores[index] as number[] }]),
  );
}

interface Evaluated {
  subsets: Record<string, SubsetFigures>;
  missing: string[];
  mismatched: string[];
}

function evaluate(
  solutions: readonly LabelledSolution[],
  verdicts: ReadonlyMap<string, SolutionVerdict>,
  threshold: number,
): Evaluated {
  const bySubset = new Map<string, { labels: number[]; predictions: number[] }>();
  const missing: string[] = [];
  const mismatched: string[] = [];
  for (const solution of solutions) {
    const verdict = verdicts.get(solution.id);
    if (!verdict) {
      missing.push(solution.id);
      continue;
    }
    let prediction: number;
    if ("prediction" in verdict) prediction = verdict.prediction;
    else if (verdict.stepScores.length !== solution.steps.length) {
      mismatched.push(
        `${solution.id} (${verdict.stepScores.length} scores for ${solution.steps.length} steps)`,
      );
      continue;
    } else prediction = firstErrorStep(verdict.stepScores, threshold);
    let subset = bySubset.get(solution.subset);
    if (!subset) {
      subset = { labels: [], predictions: [] };
      bySubset.set(solution.subset, subset);
    }
    subset.labels.push(solution.label);
    subset.predictions.push(prediction);
  }
  const subsets: Record<string, SubsetFigures> = {};
  for (const [name, subset] of bySubset)
    subsets[name] = processBenchFigures(subset.labels, subset.predictions);
  return { subsets, missing, mismatched };
}

function format(value: number | null): string {
  return value === null ? "n/a" : value.toFixed(1);
}

async function evalPrm(flags: EvalPrmFlags): Promise<number> {
  try {
    if ((flags.scores === undefined) === (flags.url === undefined)) {
      throw new RewardkitError(
        "BAD_REQUEST",
        "give exactly one of --scores (a file of step scores) or --url (a PRM endpoint)",
      );
    }
    const threshold = numberFlag("threshold", flags.threshold, Number.isFinite);
    const problems: ReadProblem[] = [];
    const solutions: LabelledSolution[] = [];
    for (const path of flags.data) {
      for (const file of await dataFiles(path))
        solutions.push(...(await readLabelledSolutions(file, problems)));
    }
    const verdicts =
      flags.scores !== undefined
        ? await readVerdicts(flags.scores, problems)
        : await verdictsFromEndpoint(flags, solutions);
    for (const problem of problems.slice(0, 20))
      process.stderr.write(`rewardkit: ${problem.where}: ${problem.message}\n`);
    if (problems.length > 20)
      process.stderr.write(`rewardkit: ... and ${problems.length - 20} more problems\n`);
    const { subsets, missing, mismatched } = evaluate(solutions, verdicts, threshold);
    if (missing.length > 0) {
      process.stderr.write(
        `rewardkit: ${missing.length} solutions have no verdict and are left out (e.g. ${missing.slice(0, 5).join(", ")})\n`,
      );
    }
    if (mismatched.length > 0) {
      process.stderr.write(
        `rewardkit: ${mismatched.length} verdicts have the wrong number of step scores and are left out (e.g. ${mismatched.slice(0, 3).join("; ")})\n`,
      );
    }
    const figures = Object.values(subsets);
    const report = {
      threshold,
      subsets,
      average_f1: averageF1(figures),
      evaluated: figures.reduce((total, subset) => total + subset.n, 0),
      missing: missing.length,
      mismatched: mismatched.length,
      problems: problems.length,
    };
    if (flags.json) process.stdout.write(`${JSON.stringify(report)}\n`);
    else {
      const lines = ["subset           n   error acc   correct acc     F1"];
      for (const [name, subset] of Object.entries(subsets)) {
        lines.push(
          `${name.padEnd(14)} ${String(subset.n).padStart(4)}   ${format(subset.erroneous_accuracy).padStart(9)}   ${format(subset.correct_accuracy).padStart(11)}   ${format(subset.f1).padStart(5)}`,
        );
      }
      lines.push(`average F1: ${format(report.average_f1)} (threshold ${threshold})`);
      process.stdout.write(`${lines.join("\n")}\n`);
    }
    if (report.evaluated === 0) {
      process.stderr.write("rewardkit: no solution could be evaluated\n");
      return nothingEvaluated;
    }
    return exitCodes.ok;
  } catch (error) {
    return reportFailure(error);
  }
}
