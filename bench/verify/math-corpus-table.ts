import type { CorpusCase } from "./math-corpus/cases.js";

export interface Tally {
  agree: number;
  total: number;
  /** Expected equal, judged unequal. */
  falseNegatives: number;
  /** Expected unequal, judged equal. */
  falsePositives: number;
}

/** Agreement of verdicts with the expected ones, per category and in all. */
export function tallyByCategory(
  cases: readonly CorpusCase[],
  verdicts: readonly boolean[],
): Map<string, Tally> {
  const tallies = new Map<string, Tally>();
  const add = (key: string, testCase: CorpusCase, verdict: boolean) => {
    const tally = tallies.get(key) ?? { agree: 0, total: 0, falseNegatives: 0, falsePositives: 0 };
    tally.total++;
    if (verdict === testCase.expected) tally.agree++;
    else if (testCase.expected) tally.falseNegatives++;
    else tally.falsePositives++;
    tallies.set(key, tally);
  };
  cases.forEach((testCase, index) => {
    const verdict = verdicts[index] as boolean;
    add(testCase.category, testCase, verdict);
    add("all", testCase, verdict);
  });
  return tallies;
}

const percent = (tally: Tally) => `${((100 * tally.agree) / tally.total).toFixed(1)}%`;

/** A markdown table: one row per category, a column per grader. */
export function agreementTable(columns: { name: string; tallies: Map<string, Tally> }[]): string {
  const first = columns[0];
  if (!first) return "";
  const header = `| category | n | ${columns.map((column) => `${column.name} agree (FP / FN)`).join(" | ")} |`;
  const rule = `|---|---:|${columns.map(() => "---:").join("|")}|`;
  const keys = [...first.tallies.keys()].filter((key) => key !== "all").concat("all");
  const lines = keys.map((key) => {
    const cells = columns.map((column) => {
      const tally = column.tallies.get(key);
      return tally ? `${percent(tally)} (${tally.falsePositives} / ${tally.falseNegatives})` : "–";
    });
    const label = key === "all" ? "**all**" : key;
    return `| ${label} | ${first.tallies.get(key)?.total ?? 0} | ${cells.join(" | ")} |`;
  });
  return [header, rule, ...lines].join("\n");
}
