import { readdir, stat } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { RewardkitError } from "../core/index.js";
import { openRowInputs } from "./preference-input.js";

/** One labelled solution: ProcessBench's `{id, problem, steps, label}`. */
export interface LabelledSolution {
  id: string;
  subset: string;
  problem: string;
  steps: string[];
  /** The earliest wrong step (0-based), or -1 when no step is wrong. */
  label: number;
}

/** What a PRM said about one solution: its step scores, or a first-error prediction directly. */
export type SolutionVerdict = { stepScores: number[] } | { prediction: number };

export interface ReadProblem {
  where: string;
  message: string;
}

/** The data files a `--data` argument names: the file itself, or a directory's .json/.jsonl files. */
export async function dataFiles(path: string): Promise<string[]> {
  const info = await stat(path).catch((error: Error) => {
    throw new RewardkitError("INPUT_INVALID", `cannot read ${path}: ${error.message}`, { path });
  });
  if (!info.isDirectory()) return [path];
  const names = (await readdir(path)).filter((name) => /\.(json|jsonl)(\.gz)?$/.test(name)).sort();
  if (names.length === 0) {
    throw new RewardkitError("INPUT_INVALID", `${path}: no .json or .jsonl files`, { path });
  }
  return names.map((name) => join(path, name));
}

/** A subset's name: the file name without its extensions (`gsm8k.json` → gsm8k). */
export function subsetName(file: string): string {
  let name = basename(file);
  while (extname(name) !== "") name = name.slice(0, -extname(name).length);
  return name;
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((each) => typeof each === "string");
}

/** Reads labelled solutions, reporting each unusable row by file and position. */
export async function readLabelledSolutions(
  file: string,
  problems: ReadProblem[],
): Promise<LabelledSolution[]> {
  const { rows, unit } = await openRowInputs(file);
  const subset = subsetName(file);
  const out: LabelledSolution[] = [];
  for await (const input of rows) {
    const where = `${file}:${unit} ${input.line}`;
    if (!input.ok) {
      problems.push({ where, message: input.message });
      continue;
    }
    const { id, problem, steps, label } = input.row;
    if (typeof id !== "string" && typeof id !== "number") {
      problems.push({ where, message: "id: expected a string or number" });
    } else if (!isStringList(steps) || steps.length === 0) {
      problems.push({ where, message: "steps: expected a non-empty list of strings" });
    } else if (typeof label !== "number" || !Number.isInteger(label) || label < -1 || label >= steps.length) {
      problems.push({ where, message: `label: expected -1 or a step index below ${steps.length}` });
    } else {
      out.push({ id: String(id), subset, problem: typeof problem === "string" ? problem : "", steps, label });
    }
  }
  return out;
}

/**
 * Reads a PRM's verdicts: JSON Lines of `{"id", "step_scores": [number per step]}` (a PRM's
 * probability that each step is correct) or `{"id", "prediction": k}` (a critic's first wrong step,
 * -1 for none), keyed by id.
 */
export async function readVerdicts(
  file: string,
  problems: ReadProblem[],
): Promise<Map<string, SolutionVerdict>> {
  const { rows, unit } = await openRowInputs(file);
  const verdicts = new Map<string, SolutionVerdict>();
  for await (const input of rows) {
    const where = `${file}:${unit} ${input.line}`;
    if (!input.ok) {
      problems.push({ where, message: input.message });
      continue;
    }
    const row = input.row;
    const id = typeof row.id === "number" ? String(row.id) : row.id;
    if (typeof id !== "string") {
      problems.push({ where, message: "id: expected a string or number" });
      continue;
    }
    if (verdicts.has(id)) {
      problems.push({ where, message: `id ${id} appears twice` });
      continue;
    }
    const scores = row.step_scores;
    if (Array.isArray(scores) && scores.every((each) => typeof each === "number" && Number.isFinite(each))) {
      verdicts.set(id, { stepScores: scores as number[] });
    } else if (
      typeof row.prediction === "number" &&
      Number.isInteger(row.prediction) &&
      row.prediction >= -1
    ) {
      verdicts.set(id, { prediction: row.prediction });
    } else {
      problems.push({
        where,
        message: "expected step_scores (finite numbers) or prediction (an integer ≥ -1)",
      });
    }
  }
  return verdicts;
}
