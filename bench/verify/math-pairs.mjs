// The pair sets bench/verify/math.mjs times: { name, kind, pairs: [{ gold, pred, label }] }, built
// from the shared data at run time (never copied into the repository). `label` is the expected
// verdict: GSM8K's and ProcessBench's human labels, or true/false by construction (a solution
// against its own answer / another problem's answer).
import { readFileSync } from "node:fs";

const readJsonl = (dataDir, path) =>
  readFileSync(`${dataDir}/${path}`, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line));

const readJson = (dataDir, path) => JSON.parse(readFileSync(`${dataDir}/${path}`, "utf8"));

/** The content of the last `\boxed{...}` of a text (balanced braces), or undefined. */
export function lastBoxedContent(text) {
  const at = text.lastIndexOf("\\boxed{");
  if (at < 0) return undefined;
  let depth = 0;
  for (let index = at + 6; index < text.length; index++) {
    if (text[index] === "{") depth++;
    else if (text[index] === "}" && --depth === 0) return text.slice(at + 7, index);
  }
  return undefined;
}

function shortPairs(dataDir) {
  const gsm8k = [];
  for (const row of readJsonl(dataDir, "gsm8k/example_model_solutions.jsonl")) {
    for (const key of ["6b_finetuning", "6b_verification", "175b_finetuning", "175b_verification"]) {
      gsm8k.push({ gold: row.ground_truth, pred: row[key].solution, label: row[key].is_correct });
    }
  }
  const math500 = readJsonl(dataDir, "math500/test.jsonl");
  const math = [];
  const answers = [];
  math500.forEach((row, index) => {
    math.push({ gold: `$${row.answer}$`, pred: row.solution, label: true });
    const next = math500[(index + 1) % math500.length];
    if (next.answer !== row.answer) math.push({ gold: `$${row.answer}$`, pred: next.solution, label: false });
    answers.push({ gold: `$${row.answer}$`, pred: `The answer is $\\boxed{${row.answer}}$.`, label: true });
    const other = math500[(index + 7) % math500.length];
    if (other.answer !== row.answer)
      answers.push({ gold: `$${row.answer}$`, pred: `$\\boxed{${other.answer}}$`, label: false });
  });
  return [
    { name: "GSM8K model solutions vs ground truth", kind: "short", pairs: gsm8k },
    { name: "MATH-500 solutions vs answers", kind: "short", pairs: math },
    { name: "MATH-500 boxed answers vs answers", kind: "short", pairs: answers },
  ];
}

/** ProcessBench's GSM8K and MATH solutions whose problem has a known gold answer, with its label. */
function processBenchLabelled(dataDir) {
  const gold = new Map();
  for (const row of readJsonl(dataDir, "gsm8k/test.jsonl"))
    gold.set(row.question.trim(), row.answer.split("####").pop().trim().replace(/,/g, ""));
  for (const row of readJsonl(dataDir, "math500/test.jsonl")) gold.set(row.problem.trim(), row.answer);
  const pairs = [];
  for (const file of ["gsm8k", "math"]) {
    for (const row of readJson(dataDir, `processbench/${file}.json`)) {
      const answer = gold.get(row.problem.trim());
      if (answer === undefined) continue;
      pairs.push({ gold: `$${answer}$`, pred: row.steps.join("\n\n"), label: row.final_answer_correct });
    }
  }
  return pairs;
}

/**
 * Long chains of thought (several KB): an OlympiadBench / Omni-MATH solution, restated problem
 * first, then its steps, then a re-check that walks the steps again before the final box. Gold is
 * the solution's own boxed answer (label true) or the next row's (label false).
 */
function longChains(dataDir) {
  const rows = [];
  for (const file of ["olympiadbench", "omnimath"]) {
    for (const row of readJson(dataDir, `processbench/${file}.json`)) {
      const answer = lastBoxedContent(row.steps.at(-1));
      if (answer && answer.length < 200 && !/\\text\{/.test(answer)) rows.push({ row, answer });
    }
  }
  const pairs = [];
  rows.forEach(({ row, answer }, index) => {
    const steps = row.steps.map((step) => step.replace(/\\boxed\{/g, "{"));
    const recheck = steps.map((step, number) => `Step ${number + 1} again: ${step.slice(0, 400)}`);
    const pred = [
      `Okay, let me restate the problem. ${row.problem}`,
      "Let me think about how to approach this.",
      ...steps,
      "Wait, let me double-check the reasoning before answering.",
      ...recheck,
      `Everything checks out, so the final answer is $\\boxed{${answer}}$.`,
    ].join("\n\n");
    pairs.push({ gold: `$${answer}$`, pred, label: true });
    const other = rows[(index + 1) % rows.length].answer;
    if (other !== answer) pairs.push({ gold: `$${other}$`, pred, label: false });
  });
  return pairs;
}

/** MATH-500 solutions padded with a restatement, a first pass and a re-check. */
function paddedMath500(dataDir) {
  const math500 = readJsonl(dataDir, "math500/test.jsonl");
  const pairs = [];
  math500.forEach((row, index) => {
    const unboxed = row.solution.replace(/\\boxed\{/g, "{");
    const sentences = unboxed.split(/(?<=\.)\s+/).filter((sentence) => sentence.trim() !== "");
    const pred = [
      `Let me read the problem carefully. ${row.problem}`,
      "I'll work through it step by step, then verify.",
      unboxed,
      "Now let me verify each step of this.",
      ...sentences.map((sentence) => `- Checking: ${sentence}`),
      `All steps hold. Therefore the answer is $\\boxed{${row.answer}}$.`,
    ].join("\n\n");
    pairs.push({ gold: `$${row.answer}$`, pred, label: true });
    const other = math500[(index + 1) % math500.length].answer;
    if (other !== row.answer) pairs.push({ gold: `$${other}$`, pred, label: false });
  });
  return pairs;
}

export function pairSets(dataDir) {
  return [
    ...shortPairs(dataDir),
    {
      name: "ProcessBench GSM8K+MATH solutions (human labels)",
      kind: "long",
      pairs: processBenchLabelled(dataDir),
    },
    {
      name: "MATH-500 solutions padded with a re-check",
      kind: "long",
      pairs: paddedMath500(dataDir),
    },
    {
      name: "OlympiadBench/Omni-MATH long chains of thought",
      kind: "long",
      pairs: longChains(dataDir),
    },
  ];
}
