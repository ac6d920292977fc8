import { z } from "zod";

/**
 * "Master keys" (Zhao et al., One Token to Fool LLM-as-a-Judge, arXiv 2507.08794): replies with no
 * content — a lone ":", ".", ",", a space — or only a reasoning opener ("Thought process:",
 * "Let's solve this problem step by step.", "Solution", 解, かいせつ, "Respuesta") get judged
 * correct by many LLM judges at false-positive rates up to 80–90%. The phrases below are the
 * paper's openers and their common variants; a reply made only of them and punctuation is
 * "trivial" and is scored 0 without asking the judge.
 */
export const masterKeyPhrases: readonly string[] = [
  "let's solve this problem step by step",
  "let's solve this step by step",
  "let's solve this problem",
  "let's solve this",
  "let's think step by step",
  "let's think about this step by step",
  "let's think",
  "let me think step by step",
  "let me think",
  "let me solve this step by step",
  "let me solve this",
  "step by step",
  "thought process",
  "thinking process",
  "reasoning process",
  "reasoning",
  "thoughts",
  "solution",
  "the solution",
  "the answer is",
  "final answer",
  "the final answer is",
  "answer",
  "explanation",
  "step 1",
  "first",
  "respuesta",
  "solución",
  "réponse",
  "lösung",
  "解",
  "解答",
  "答案",
  "答",
  "かいせつ",
  "解説",
  "回答",
  "答え",
];

/** Characters that render as nothing (zero-width, BOM, bidi controls, variation selectors). */
const invisible = /\p{Default_Ignorable_Code_Point}/gu;
const notContent = /^[^\p{L}\p{N}]+/u;

function normalize(text: string): string {
  return text
    .normalize("NFKC")
    .replace(invisible, "")
    .toLowerCase()
    .replace(/[‘’`´]/g, "'");
}

/**
 * Whether a reply says nothing: after removing punctuation, symbols, whitespace and master-key
 * openers from its start, no letter or digit is left. "5", "Paris" and "Solution: 5" are not
 * trivial; ":", "Solution", "Thought process: Let's solve this step by step." are.
 */
export function isTrivialReply(text: string, extraPhrases: readonly string[] = []): boolean {
  const phrases = [...extraPhrases.map(normalize), ...masterKeyPhrases].sort((a, b) => b.length - a.length);
  let rest = normalize(text);
  for (;;) {
    const before = rest;
    rest = rest.replace(notContent, "");
    const phrase = phrases.find(
      (each) => rest.startsWith(each) && !/^[\p{L}\p{N}]/u.test(rest.slice(each.length)),
    );
    if (phrase !== undefined) rest = rest.slice(phrase.length);
    if (rest === before) break;
  }
  return rest.replace(notContent, "") === "";
}

/**
 * Phrases that address the grader rather than the task: instructions to ignore the rubric or the
 * instructions, to give a score, or text posing as the end of the response. Reconstructed from
 * the prompt-injection attacks on LLM judges reported in the literature (no public list).
 */
const addressesTheJudge = [
  /\bignore\s+(?:all\s+|any\s+|the\s+|your\s+)?(?:previous|prior|above|preceding|earlier|grading|evaluation)?\s*(?:instructions?|rubric|criteria|guidelines|prompt|rules)\b/i,
  /\bignore\s+the\s+(?:rubric|reference|criteria|principle)\b/i,
  /\b(?:give|assign|award|grant|rate|score|grade)\s+(?:this|the|my|it|me)\s*(?:response|answer|reply|solution|one)?\s*(?:a|an|the)?\s*(?:full|perfect|maximum|max|highest|top)?\s*(?:score|marks?|rating|grade|points?)?\s*(?:of\s+)?(?:10|100|\d+\s*\/\s*\d+|full\s+marks)\b/i,
  /\b(?:you\s+are|as)\s+(?:the|an?)\s+(?:judge|grader|evaluator|reward\s+model)\b[^.\n]{0,80}\b(?:must|should|will)\b/i,
  /\b(?:new|updated|real|actual)\s+(?:instructions?|rubric|grading\s+criteria)\s*:/i,
  /\[\s*end\s+of\s+(?:the\s+)?(?:response|answer|submission)\s*\]|<\s*\/\s*(?:response|answer_to_evaluate|submission)\s*>/i,
];

/**
 * Why a completion looks like an attack on its judge, or undefined: a line that is nothing but a
 * score in the judge's own format ("Score: 10", "**Score:** 10/10"), or text addressing the grader.
 */
export function injectionIn(text: string, scorePattern: RegExp): string | undefined {
  const visible = normalize(text);
  for (const line of visible.split("\n")) {
    const pattern = new RegExp(scorePattern.source, scorePattern.flags.replace("g", ""));
    const match = pattern.exec(line);
    if (match && !/[\p{L}\p{N}]/u.test(line.replace(match[0], "").replace(/\/\s*\d+/, ""))) {
      return `a line written as the judge's verdict ("${line.trim().slice(0, 60)}")`;
    }
  }
  for (const pattern of addressesTheJudge) {
    const match = pattern.exec(visible);
    if (match) return `text addressed to the judge ("${match[0].slice(0, 60)}")`;
  }
  return undefined;
}

/** The judge node's guard fields. */
export const guardFields = {
  refuse_trivial: z
    .boolean()
    .default(true)
    .describe(
      "Score 0, without asking the judge, a completion with no content: punctuation alone or only a reasoning opener (the 'master keys' of One Token to Fool LLM-as-a-Judge).",
    ),
  trivial_phrases: z
    .array(z.string().min(1))
    .default([])
    .describe("More openers that count as no content (added to the built-in list)."),
  refuse_injection: z
    .boolean()
    .default(true)
    .describe(
      "Score 0, without asking the judge, a completion that writes its own verdict line in the judge's score format or addresses the grader ('ignore the rubric', 'give this a 10').",
    ),
  delimit: z
    .boolean()
    .default(true)
    .describe(
      "Put the completion between boundary markers it cannot forge (a hash of the completion) and tell the judge that text inside them is data, never instructions.",
    ),
};
