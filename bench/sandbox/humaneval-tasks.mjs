// HumanEval tasks as `code` node rows, and systematic mutants of their canonical solutions.
// Shared by test/sandbox-humaneval.test.ts and bench/sandbox/humaneval.mjs.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";

/** The 164 tasks of HumanEval.jsonl.gz: {task_id, prompt, entry_point, canonical_solution, test}. */
export function readHumanEval(path) {
  return gunzipSync(readFileSync(path))
    .toString("utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line));
}

/** HumanEval's harness as assert tests: the task's `check` and the call `check(entry_point)`. */
export function humanEvalTests(task) {
  return `${task.test}\n\ncheck(${task.entry_point})\n`;
}

/** A completion holding `prompt + body` in one fenced block, as a policy would answer. */
export function humanEvalCompletion(task, body) {
  return `\`\`\`python\n${task.prompt}${body}\n\`\`\`\n`;
}

// Operators swapped by the wrong-operator mutant, longest first so `<=` is not read as `<`.
const swaps = [
  ["<=", "<"],
  [">=", ">"],
  ["==", "!="],
  ["!=", "=="],
  ["<", "<="],
  [">", ">="],
  [" + ", " - "],
  [" - ", " + "],
  [" * ", " + "],
  [" // ", " * "],
  [" and ", " or "],
  [" or ", " and "],
];

/** The first line of the body that is code (not a comment or part of a string). */
function codeLines(body) {
  let inString = false;
  return body.split("\n").map((line) => {
    const quotes = (line.match(/"""|'''/g) ?? []).length;
    const code = !inString && quotes === 0 && !line.trim().startsWith("#");
    if (quotes % 2 === 1) inString = !inString;
    return code;
  });
}

/**
 * Systematic mutants of a canonical solution: `off_by_one` (the first integer literal in code
 * plus one), `wrong_operator` (the first comparison, arithmetic or boolean operator swapped) and
 * `return_none` (the body replaced by `return None`). A mutant that does not apply is left out.
 */
export function humanEvalMutants(task) {
  const body = task.canonical_solution;
  const lines = body.split("\n");
  const isCode = codeLines(body);
  const mutants = [];
  const mutateFirst = (kind, change) => {
    for (let index = 0; index < lines.length; index++) {
      if (!isCode[index]) continue;
      const line = lines[index];
      // Leave string literals alone: mutate only the part before the first quote.
      const quote = line.search(/["']/);
      const head = quote < 0 ? line : line.slice(0, quote);
      const changed = change(head);
      if (changed !== undefined && changed !== head) {
        const copy = [...lines];
        copy[index] = changed + (quote < 0 ? "" : line.slice(quote));
        mutants.push({ kind, body: copy.join("\n") });
        return;
      }
    }
  };
  mutateFirst("off_by_one", (head) => {
    const match = /(?<![\w.])(\d+)(?![\w.])/.exec(head);
    if (!match) return undefined;
    return (
      head.slice(0, match.index) + String(Number(match[1]) + 1) + head.slice(match.index + match[1].length)
    );
  });
  mutateFirst("wrong_operator", (head) => {
    let best;
    for (const [from, to] of swaps) {
      const at = head.indexOf(from);
      // Skip `->`, `<<`, `>>`, `**` and augmented assignments.
      if (at < 0 || (/[-<>*=]/.test(head[at + from.length] ?? "") && from.length === 1)) continue;
      if (from.length === 1 && /[-<>!=*]/.test(head[at - 1] ?? "")) continue;
      if (best === undefined || at < best.at) best = { at, from, to };
    }
    if (!best) return undefined;
    return head.slice(0, best.at) + best.to + head.slice(best.at + best.from.length);
  });
  mutants.push({ kind: "return_none", body: "    return None\n" });
  return mutants;
}
