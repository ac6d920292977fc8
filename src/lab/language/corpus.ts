import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { mulberry32 } from "../../core/index.js";

/** Where a lab corpus came from: GSM8K read at run time, or the bundled generated fallback. */
export interface Corpus {
  texts: string[];
  /** "gsm8k questions (PATH)", or "generated (GSM8K not found at PATH)". */
  source: string;
  fromGsm8k: boolean;
}

/**
 * GSM8K's train file: `$REWARDKIT_SHARED_DATA/gsm8k/train.jsonl`, else `../shared/data` beside the
 * package (the layout of this repository's checkout). Read at run time, never bundled.
 */
export function gsm8kTrainPath(): string {
  const root = resolve(fileURLToPath(new URL("../../../", import.meta.url)));
  const shared = process.env.REWARDKIT_SHARED_DATA ?? resolve(root, "../shared/data");
  return join(shared, "gsm8k", "train.jsonl");
}

/** Lowercase letters, digits and a little punctuation; anything else becomes a space. */
export function normalizeText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9 .,?$'%+*/=-]/g, " ")
    .replace(/ +/g, " ")
    .trim();
}

function readGsm8k(limit: number): { questions: string[]; answers: string[] } | undefined {
  const path = gsm8kTrainPath();
  if (!existsSync(path)) return undefined;
  const questions: string[] = [];
  const answers: string[] = [];
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (line.trim() === "" || questions.length >= limit) continue;
    const row = JSON.parse(line) as { question: string; answer: string };
    questions.push(row.question);
    answers.push(row.answer);
  }
  return { questions, answers };
}

const names = ["tom", "anna", "james", "maria", "lee", "sara", "john", "emma", "omar", "lily"];
const things = [
  "apples",
  "books",
  "pencils",
  "cookies",
  "marbles",
  "stickers",
  "eggs",
  "shirts",
  "cards",
  "toys",
];
const verbs = ["buys", "sells", "gives away", "finds", "makes", "eats", "collects", "loses"];

/** A small generated corpus of GSM8K-like questions (fixed, not seeded by the run). */
function generatedQuestions(count: number): string[] {
  const next = mulberry32(20_240_501);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
  const number = () => 1 + Math.floor(next() * 40);
  return Array.from({ length: count }, () => {
    const name = pick(names);
    const thing = pick(things);
    const money = next() < 0.3 ? ` each costs $${number()}.` : "";
    return `${name} has ${number()} ${thing}. ${name} ${pick(verbs)} ${number()} ${thing} every day.${money} how many ${thing} does ${name} have after ${number()} days?`;
  });
}

/** Questions (normalized) for the text experiments. */
export function questionCorpus(limit: number): Corpus {
  const gsm = readGsm8k(limit);
  if (gsm) {
    return {
      texts: gsm.questions.map(normalizeText),
      source: `gsm8k questions (${gsm8kTrainPath()})`,
      fromGsm8k: true,
    };
  }
  return {
    texts: generatedQuestions(limit),
    source: `generated (GSM8K not found at ${gsm8kTrainPath()})`,
    fromGsm8k: false,
  };
}

/** Binary calculator annotations `a op b=c` (whole numbers) from GSM8K's answers, e.g. `48/2=24`. */
export function expressionCorpus(limit: number): Corpus {
  const gsm = readGsm8k(limit);
  if (gsm) {
    const texts: string[] = [];
    for (const answer of gsm.answers) {
      for (const match of answer.matchAll(/<<(\d{1,3}[-+*/]\d{1,3}=\d{1,5})>>/g))
        texts.push(match[1] as string);
    }
    return { texts, source: `gsm8k calculator annotations (${gsm8kTrainPath()})`, fromGsm8k: true };
  }
  const next = mulberry32(20_240_502);
  const texts = Array.from({ length: limit * 2 }, () => {
    const a = 1 + Math.floor(next() * 60);
    const b = 1 + Math.floor(next() * 12);
    const op = ["+", "-", "*"][Math.floor(next() * 3)] as string;
    const value = op === "+" ? a + b : op === "-" ? a - b : a * b;
    return `${a}${op}${b}=${value}`;
  });
  return { texts, source: `generated (GSM8K not found at ${gsm8kTrainPath()})`, fromGsm8k: false };
}
