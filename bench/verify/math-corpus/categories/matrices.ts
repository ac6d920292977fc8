import { type CorpusCase, caseMaker, pick, type Random, type SourceRow } from "../cases.js";
import type { Sources } from "../sources.js";
import { bumpLastDigit, rounded, terminates } from "../values.js";

/** A matrix answer's rows of entries, when every entry is an integer or a fraction a/b. */
function entries(answer: string): string[][] | undefined {
  const body = /\\begin\{[pb]matrix\}(.*)\\end\{[pb]matrix\}/s.exec(answer)?.[1];
  if (!body) return undefined;
  const rows = body
    .split("\\\\")
    .map((row) => row.split("&").map((cell) => cell.trim()))
    .filter((row) => row.join("") !== "");
  const simple = /^-?(?:\d+(?:\/\d+)?|\\frac\{\d+\}\{\d+\})$/;
  return rows.every((row) => row.every((cell) => simple.test(cell))) ? rows : undefined;
}

function decimalEntry(cell: string, places: number): string {
  const match = /^(-?)(?:(\d+)\/(\d+)|\\frac\{(\d+)\}\{(\d+)\})$/.exec(cell);
  if (!match) return cell;
  const value = (match[1] === "-" ? -1 : 1) * (Number(match[2] ?? match[4]) / Number(match[3] ?? match[5]));
  if (terminates(value, 6)) return String(value);
  // Two significant digits at least: 0.03 says too little about 1/30 for any grader.
  const significant = rounded(value, places)
    .replace(/^-?0?\.?0*/, "")
    .replace(".", "").length;
  return rounded(value, significant >= 2 ? places : 6);
}

const pmatrix = (rows: string[][]) =>
  `\\begin{pmatrix} ${rows.map((row) => row.join(" & ")).join(" \\\\ ")} \\end{pmatrix}`;

function matrixCases(row: SourceRow, rows: string[][], random: Random): CorpusCase[] {
  const make = caseMaker("matrices and vectors", row);
  const places = pick(random, [2, 3, 6]);
  const decimals = rows.map((cells) => cells.map((cell) => decimalEntry(cell, places)));
  const cases = [
    make(`decimal entries (${places} places)`, `\\boxed{${pmatrix(decimals)}}`, true),
    make("bmatrix", `\\boxed{${pmatrix(rows).replace(/pmatrix/g, "bmatrix")}}`, true),
  ];
  if (rows.every((cells) => cells.length === 1))
    cases.push(
      make(
        "column vector as a tuple",
        `\\boxed{(${rows.map((cells) => decimalEntry(cells[0] as string, 6)).join(", ")})}`,
        true,
      ),
    );
  const changed = rows.map((cells) => [...cells]);
  const last = changed.at(-1) as string[];
  last[last.length - 1] = bumpLastDigit(last.at(-1) as string) ?? "7";
  cases.push(make("one entry changed", `\\boxed{${pmatrix(changed)}}`, false));
  return cases;
}

/** Matrices and vectors with decimal entries, other brackets and tuple notation; one entry off as the wrong variant. */
export function matrices(sources: Sources, random: Random): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const row of [...sources.math500, ...sources.processBench]) {
    const rows = entries(row.answer);
    if (rows) cases.push(...matrixCases(row, rows, random));
  }
  const numbers = sources.gsm8k.filter((row) => /^\d+$/.test(row.answer) && Number(row.answer) > 0);
  for (const row of numbers.slice(0, 60)) {
    const size = pick(random, [2, 3]);
    const cells = Array.from({ length: size }, () => [
      `\\frac{${pick(random, numbers).answer}}{${pick(random, [3, 4, 6, 7, 8])}}`,
    ]);
    const gold = pmatrix(cells);
    cases.push(...matrixCases({ ...row, answer: gold }, cells, random));
  }
  return cases;
}
