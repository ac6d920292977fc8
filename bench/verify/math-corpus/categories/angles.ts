import { type CorpusCase, caseMaker, pick, type Random } from "../cases.js";
import type { Sources } from "../sources.js";
import { gcd } from "../values.js";

const asksDegrees = /\bin degrees\b|\bnumber of degrees\b|\bhow many degrees\b|\bdegree measure\b/i;

function radians(degrees: number): string {
  const divisor = gcd(degrees, 180);
  const numerator = degrees / divisor;
  const denominator = 180 / divisor;
  const top = numerator === 1 ? "\\pi" : `${numerator}\\pi`;
  return denominator === 1 ? top : `\\frac{${top}}{${denominator}}`;
}

/** Degree signs written several ways, and the same angle in radians where the question allows it. */
export function angles(sources: Sources, random: Random): CorpusCase[] {
  const cases: CorpusCase[] = [];
  const golds = [...sources.math500, ...sources.processBench].filter((row) =>
    /^\d+\^\\circ$/.test(row.answer.replace(/\s+/g, "")),
  );
  const numbers = sources.gsm8k.filter(
    (row) => /^\d+$/.test(row.answer) && Number(row.answer) > 0 && Number(row.answer) < 360,
  );
  const synthetic = numbers
    .slice(0, 80)
    .map((row) => ({ ...row, answer: `${row.answer}^\\circ`, prompt: "Find the measure of the angle." }));
  for (const row of [...golds, ...synthetic]) {
    const make = caseMaker("degrees and radians", row);
    const n = Number(/\d+/.exec(row.answer)?.[0]);
    const degreeStyle = pick(random, [
      `${n}°`,
      `${n}^{\\circ}`,
      `${n} \\text{ degrees}`,
      `${n}\\degree`,
      `${n}`,
    ]);
    cases.push(
      make("degree sign spelled another way", `\\boxed{${degreeStyle}}`, true, { prompt: row.prompt }),
    );
    cases.push(make("another number of degrees", `\\boxed{${n + 1}^\\circ}`, false, { prompt: row.prompt }));
    const inDegrees = asksDegrees.test(row.prompt);
    cases.push(
      make(
        inDegrees ? "radians for a question in degrees" : "the same angle in radians",
        `\\boxed{${radians(n)}}`,
        !inDegrees,
        { prompt: row.prompt },
      ),
    );
  }
  return cases;
}
