import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { SourceRow } from "./cases.js";

function readJsonl<T>(path: string): T[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as T);
}

/** The content of the last `\boxed{...}` (balanced braces), or undefined. */
export function lastBoxedContent(text: string): string | undefined {
  const at = text.lastIndexOf("\\boxed{");
  if (at < 0) return undefined;
  let depth = 0;
  for (let index = at + 6; index < text.length; index++) {
    if (text[index] === "{") depth++;
    else if (text[index] === "}" && --depth === 0) return text.slice(at + 7, index);
  }
  return undefined;
}

export interface Sources {
  /** GSM8K test: integer answers, the question, the gold solution. */
  gsm8k: SourceRow[];
  /** GSM8K train questions (only used where a question must ask for a percent). */
  gsm8kTrain: SourceRow[];
  /** MATH-500 answers with their problems and solutions. */
  math500: SourceRow[];
  /** ProcessBench final answers the annotators marked correct (MATH, OlympiadBench, Omni-MATH). */
  processBench: SourceRow[];
  /** ProcessBench GSM8K/MATH solutions whose problem has a gold answer, with the human label. */
  labelledSolutions: (SourceRow & { correct: boolean })[];
}

function gsm8kRows(path: string, prefix: string): SourceRow[] {
  return readJsonl<{ question: string; answer: string }>(path).map((row, index) => ({
    id: `${prefix}:${index}`,
    answer: (row.answer.split("####").pop() ?? "").trim().replace(/,/g, ""),
    prompt: row.question,
    solution: row.answer,
  }));
}

export function loadSources(dataDir: string): Sources {
  const gsm8k = gsm8kRows(join(dataDir, "gsm8k/test.jsonl"), "gsm8k");
  const gsm8kTrain = gsm8kRows(join(dataDir, "gsm8k/train.jsonl"), "gsm8k-train");
  const math500 = readJsonl<{ problem: string; answer: string; solution: string }>(
    join(dataDir, "math500/test.jsonl"),
  ).map((row, index) => ({
    id: `math500:${index}`,
    answer: row.answer,
    prompt: row.problem,
    solution: row.solution,
  }));
  type Step = { id: string; problem: string; steps: string[]; final_answer_correct: boolean };
  const processBench: SourceRow[] = [];
  for (const file of ["math", "olympiadbench", "omnimath"]) {
    for (const row of JSON.parse(
      readFileSync(join(dataDir, `processbench/${file}.json`), "utf8"),
    ) as Step[]) {
      const answer = row.final_answer_correct ? lastBoxedContent(row.steps.at(-1) ?? "") : undefined;
      if (answer && answer.length < 120 && !answer.includes("\\text"))
        processBench.push({ id: row.id, answer, prompt: row.problem });
    }
  }
  const gold = new Map<string, string>();
  for (const row of [...gsm8k, ...math500]) gold.set(row.prompt.trim(), row.answer);
  const labelledSolutions: Sources["labelledSolutions"] = [];
  for (const file of ["gsm8k", "math"]) {
    for (const row of JSON.parse(
      readFileSync(join(dataDir, `processbench/${file}.json`), "utf8"),
    ) as Step[]) {
      const answer = gold.get(row.problem.trim());
      if (answer !== undefined)
        labelledSolutions.push({
          id: row.id,
          answer,
          prompt: row.problem,
          solution: row.steps.join("\n\n"),
          correct: row.final_answer_correct,
        });
    }
  }
  return { gsm8k, gsm8kTrain, math500, processBench, labelledSolutions };
}

/** The text with its last `\boxed{...}` holding `content` instead. */
export function replaceLastBox(text: string, content: string): string | undefined {
  const at = text.lastIndexOf("\\boxed{");
  if (at < 0) return undefined;
  let depth = 0;
  for (let index = at + 6; index < text.length; index++) {
    if (text[index] === "{") depth++;
    else if (text[index] === "}" && --depth === 0)
      return `${text.slice(0, at + 7)}${content}${text.slice(index)}`;
  }
  return undefined;
}
