import { type CorpusCase, caseMaker, pick, type Random, type SourceRow } from "../cases.js";
import type { Sources } from "../sources.js";

/** The variable names a problem gives its ordered tuple (`ordered pair $(a,b)$`), if any. */
function tupleNames(problem: string, size: number): string[] | undefined {
  const match =
    /ordered (?:pair|triple|quadruple)s?[^$]{0,40}\$\s*\\?(?:left)?\(\s*([a-z](?:\s*,\s*[a-z]){1,3})\s*\\?(?:right)?\)\s*\$/i.exec(
      problem,
    );
  const names = match?.[1]?.split(",").map((name) => name.trim());
  return names && names.length === size ? names : undefined;
}

/** `(3, -1)` as its members, when they are plain numbers or fractions. */
function members(answer: string): string[] | undefined {
  const inner = /^\\?(?:left)?\(\s*(.*?)\s*\\?(?:right)?\)$/.exec(
    answer.replace(/\\left|\\right/g, "").trim(),
  )?.[1];
  if (!inner) return undefined;
  const items = inner.split(",").map((item) => item.trim());
  return items.length >= 2 &&
    items.length <= 4 &&
    items.every((item) => /^-?(?:\d+|\\frac\{\d+\}\{\d+\})$/.test(item))
    ? items
    : undefined;
}

function assignmentCases(
  row: SourceRow,
  names: string[],
  items: string[],
  prompt: string | undefined,
): CorpusCase[] {
  const make = caseMaker("tuples and assignments", row);
  const extra = prompt === undefined ? {} : { prompt };
  const assign = (order: number[], values: string[]) =>
    order.map((index) => `${names[index]} = ${values[index]}`).join(", ");
  const forward = names.map((_name, index) => index);
  const cases = [
    make("assignments in order", `\\boxed{${assign(forward, items)}}`, true, extra),
    make("assignments reversed", `\\boxed{${assign([...forward].reverse(), items)}}`, true, extra),
    make("tuple = tuple", `\\boxed{(${names.join(", ")}) = (${items.join(", ")})}`, true, extra),
    make(
      "a cases system",
      `$$\\begin{cases} ${forward.map((index) => `${names[index]} = ${items[index]}`).join(" \\\\ ")} \\end{cases}$$`,
      true,
      extra,
    ),
    make(
      "assignments joined by and",
      `So ${forward.map((index) => `$${names[index]} = ${items[index]}$`).join(" and ")}.`,
      true,
      extra,
    ),
  ];
  const swapped = [items[1] as string, items[0] as string, ...items.slice(2)];
  if (swapped[0] !== items[0]) {
    cases.push(
      make("assignments with two values swapped", `\\boxed{${assign(forward, swapped)}}`, false, extra),
    );
    cases.push(make("tuple with two values swapped", `\\boxed{(${swapped.join(", ")})}`, false, extra));
  }
  return cases;
}

/**
 * Solutions written as assignments (`x = 3, y = -1`) against tuples: the data's ordered pairs and
 * triples, with the names its problems give them, and pairs built from data numbers.
 */
export function tuples(sources: Sources, random: Random): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const row of [...sources.math500, ...sources.processBench]) {
    const items = members(row.answer);
    const names = items && tupleNames(row.prompt, items.length);
    if (items && names) cases.push(...assignmentCases(row, names, items, row.prompt));
  }
  const numbers = sources.gsm8k.filter((row) => /^\d+$/.test(row.answer));
  for (const row of numbers.slice(0, 80)) {
    const other = pick(random, numbers).answer;
    const names = pick(random, [
      ["x", "y"],
      ["a", "b"],
      ["m", "n"],
      ["p", "q"],
    ]);
    const prompt = `Find the ordered pair $(${names.join(", ")})$ that satisfies both equations.`;
    cases.push(
      ...assignmentCases({ ...row, answer: `(${row.answer}, ${other})` }, names, [row.answer, other], prompt),
    );
  }
  return cases;
}
